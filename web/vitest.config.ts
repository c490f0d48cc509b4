import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

// Component and helper tests (src/**/*.spec.ts) in a simulated browser (jsdom).
export default defineConfig({
    plugins: [vue()],
    test: {
        environment: "jsdom",
        include: ["src/**/*.spec.ts"],
    },
});
