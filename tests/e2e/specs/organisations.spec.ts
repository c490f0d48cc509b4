import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./helpers";

test("organisations of both parties are shown in their hierarchy", async ({ page }) => {
    await page.goto("/organisationer");
    await expect(page.getByRole("heading", { level: 1, name: "Organisationer" })).toBeVisible();

    const city = page.locator("[data-test=party-city]");
    const police = page.locator("[data-test=party-police]");
    await expect(city.getByRole("heading", { level: 2 })).toHaveText("Stockholms stad");
    await expect(police.getByRole("heading", { level: 2 })).toHaveText("Polisen");
    await expect(police).toContainText("Polisregion Stockholm");
    await expect(city).toContainText("Stockholms stad");
    // Kinds are shown in words, never as codes.
    await expect(police).toContainText("Polisregion");
    await expect(page.getByRole("main")).not.toContainText("police_region");
    await expect(page.getByRole("main")).not.toContainText("district_committee");
    // The police region has local police areas below it: a nested list.
    await expect(police.locator("ul ul li").first()).toBeVisible();
    await expectNoAxeViolations(page);
});
