import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./helpers";

function rowOf(page: Page, neighbourhood: string) {
    return page
        .locator("[data-test=areas-table] tbody tr")
        .filter({ has: page.getByRole("button", { name: neighbourhood, exact: true }) });
}

test("the map draws every neighbourhood and the table lists them", async ({ page }) => {
    await page.goto("/omraden");
    await expect(page.getByRole("heading", { level: 1, name: "Områden" })).toBeVisible();
    const map = page.locator("svg[data-test=area-map]");
    await expect(map).toBeVisible();
    await expect(map).toHaveAttribute("role", "img");
    await expect(map).toHaveAttribute("aria-label", /stadsdelar/);
    await expect(map.locator("path[data-test=neighbourhood]")).toHaveCount(117);
    await expect(map.locator("path[data-test=neighbourhood] > title").first()).not.toBeEmpty();
    await expect(page.locator("[data-test=areas-table] tbody tr")).toHaveCount(117);
    // The date picker starts at today (the browser's clock is the suite's pinned one).
    const today = await page.evaluate(() => {
        const d = new Date();
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    });
    await expect(page.getByLabel("Indelning per datum")).toHaveValue(today);
    await expectNoAxeViolations(page);
});

test("the layout follows the chosen date", async ({ page }) => {
    await page.goto("/omraden");
    const date = page.getByLabel("Indelning per datum");
    const legend = page.locator("[data-test=legend] li");

    await date.fill("2022-01-01");
    await expect(rowOf(page, "Kista").locator("[data-test=district]")).toHaveText("Rinkeby-Kista");
    await expect(legend).toHaveCount(13);
    await expect(page.locator("[data-test=areas-status]")).toContainText("13 stadsdelsområden");
    await expectNoAxeViolations(page);

    await date.fill("2024-01-01");
    await expect(rowOf(page, "Kista").locator("[data-test=district]")).toHaveText("Järva");
    await expect(legend).toHaveCount(11);
    await expect(page.locator("svg[data-test=area-map] path[data-test=neighbourhood]")).toHaveCount(117);
});

test("choosing a neighbourhood on the map or in the table tells its district and police area", async ({ page }) => {
    await page.goto("/omraden");
    await page.getByLabel("Indelning per datum").fill("2024-01-01");
    await expect(rowOf(page, "Kista").locator("[data-test=district]")).toHaveText("Järva");

    const kista = page.locator("svg[data-test=area-map] path[data-test=neighbourhood]").filter({
        has: page.locator("title", { hasText: /^Kista –/ }),
    });
    await kista.click();
    const selection = page.locator("[data-test=areas-selection]");
    await expect(selection).toContainText("Kista hör till stadsdelsområde Järva");
    await expect(page.locator("path.area-map__area--selected")).toHaveCount(1);

    await rowOf(page, "Akalla").getByRole("button").click();
    await expect(selection).toContainText("Akalla hör till stadsdelsområde Järva");
    await expect(rowOf(page, "Akalla").getByRole("button")).toHaveAttribute("aria-pressed", "true");
    await expectNoAxeViolations(page);
});
