import { defineConfig } from "@playwright/test";

// The server is started by the test runner script (./dev test); it tells us where with SAMVERKAN_URL.
const baseURL = process.env.SAMVERKAN_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
    testDir: "./specs",
    reporter: "list",
    workers: 1,
    fullyParallel: false,
    retries: 0,
    forbidOnly: !!process.env.CI,
    timeout: 30_000,
    expect: { timeout: 10_000 },
    outputDir: "test-results",
    use: {
        baseURL,
        // Debian's Chromium; never `npx playwright install`.
        browserName: "chromium",
        launchOptions: {
            executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
            args: [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        },
        viewport: { width: 1280, height: 900 },
        locale: "sv-SE",
        timezoneId: "Europe/Stockholm",
        trace: "off",
        screenshot: "only-on-failure",
    },
    projects: [
        { name: "setup", testMatch: /auth\.setup\.ts/ },
        {
            name: "chromium",
            dependencies: ["setup"],
            use: { storageState: ".auth/coordinator.json" },
        },
    ],
});
