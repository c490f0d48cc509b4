import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

// The server sends a strict Content-Security-Policy (script-src 'self'; style-src 'self'),
// so the build must not emit inline scripts or inline styles into index.html.
export default defineConfig({
    plugins: [vue()],
    base: "/",
    build: {
        outDir: "dist",
        assetsDir: "assets",
        emptyOutDir: true,
        // Vite would otherwise inline a small <script> polyfill for modulepreload, which the CSP blocks.
        modulePreload: { polyfill: false },
        // Never turn small assets into data: URLs for scripts or fonts; images as data: are allowed by the CSP.
        assetsInlineLimit: 0,
        cssCodeSplit: true,
        sourcemap: false,
        chunkSizeWarningLimit: 600,
    },
    server: {
        // `npm run dev` talks to a locally running `samverkan serve` on port 8080.
        proxy: { "/api": "http://127.0.0.1:8080" },
    },
    define: {
        __VUE_OPTIONS_API__: "true",
        __VUE_PROD_DEVTOOLS__: "false",
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
        // vue-i18n: Composition API only, messages compiled just in time without eval (CSP-safe).
        __VUE_I18N_FULL_INSTALL__: "true",
        __VUE_I18N_LEGACY_API__: "false",
        __INTLIFY_JIT_COMPILATION__: "true",
        __INTLIFY_DROP_MESSAGE_COMPILER__: "false",
        __INTLIFY_PROD_DEVTOOLS__: "false",
    },
});
