import { test as base, expect } from "@playwright/test";

import { nowMs } from "./clock";

// Every test also fails when the page breaks the Content-Security-Policy or throws:
// both are invisible in the UI but mean a broken page in production.
// The browser's clock is the suite's (clock.ts): it starts at the pinned instant and runs on.
export const test = base.extend<{ pageProblems: string[]; pinnedClock: void }>({
    pinnedClock: [
        async ({ page }, use) => {
            await page.clock.install({ time: nowMs() });
            await use();
        },
        { auto: true },
    ],
    pageProblems: [
        async ({ page }, use) => {
            const problems: string[] = [];
            page.on("console", (message) => {
                if (/Content[- ]Security[- ]Policy/i.test(message.text())) problems.push(message.text());
            });
            page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
            await use(problems);
            expect(problems, "CSP violations or uncaught errors in the page").toEqual([]);
        },
        { auto: true },
    ],
});

export { expect };
