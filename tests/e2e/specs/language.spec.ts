import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./helpers";

test("the language switches to English and back, and is remembered", async ({ page }) => {
    await page.goto("/organisationer");
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisationer");

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisations");
    await expect(page.getByRole("navigation", { name: "Main menu" })).toBeVisible();
    await expect(page).toHaveTitle("Organisations – Samverkan");
    await expectNoAxeViolations(page);

    // The choice survives a reload.
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisations");
    await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Areas" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Areas");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Svenska" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Områden");
    await expect(page).toHaveTitle("Områden – Samverkan");
});
