import { expect, test } from "./fixtures";
import { expectNoAxeViolations, menuPages } from "./helpers";

test("the overview page links every module and passes axe", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Välkommen till Samverkan");
    await expect(page).toHaveTitle("Översikt – Samverkan");
    const main = page.getByRole("main");
    for (const entry of menuPages) {
        await expect(main.getByRole("link", { name: entry.name, exact: true })).toHaveAttribute("href", entry.path);
    }
    await expectNoAxeViolations(page);
});

for (const entry of menuPages) {
    test(`the menu leads to ${entry.name}`, async ({ page }) => {
        await page.goto("/");
        const nav = page.getByRole("navigation", { name: "Huvudmeny" });
        await nav.getByRole("link", { name: entry.name, exact: true }).click();
        await expect(page).toHaveURL(new RegExp(`${entry.path}$`));
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(entry.name);
        await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
        // Focus moves to the new page's heading, so screen readers start there.
        await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
        await expect(page).toHaveTitle(`${entry.name} – Samverkan`);
        await expect(nav.getByRole("link", { name: entry.name, exact: true })).toHaveAttribute("aria-current", "page");
        if (entry.placeholder) {
            await expect(page.locator("[data-test=under-construction]")).toContainText("kommer i en senare version");
        }
        await expectNoAxeViolations(page);
    });
}

test("the skip link moves focus to the main content", async ({ page }) => {
    await page.goto("/insyn");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Insyn");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Hoppa till huvudinnehållet" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
});

test("an unknown address shows a not-found page", async ({ page }) => {
    await page.goto("/finns-inte");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sidan finns inte");
    await expectNoAxeViolations(page);
});
