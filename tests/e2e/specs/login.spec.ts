import { expect, test } from "./fixtures";
import { expectNoAxeViolations, signIn } from "./helpers";

test.use({ storageState: { cookies: [], origins: [] } });

test("an unsigned visitor is sent to the sign-in page, which passes axe", async ({ page }) => {
    await page.goto("/omraden");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { level: 1, name: "Logga in" })).toBeVisible();
    await expect(page).toHaveTitle("Logga in – Samverkan");
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expectNoAxeViolations(page);
});

// The server locks an account after repeated failures; "member" signs in successfully
// in a later test, which resets its count, so reruns against one database stay green.
test("a wrong password shows an error in a live region", async ({ page }) => {
    await signIn(page, "member", "not-the-password");
    const error = page.locator("[data-test=login-error]");
    await expect(error).toHaveAttribute("aria-live", /assertive|polite/);
    await expect(error).toContainText("Fel användarnamn eller lösenord");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel("Lösenord")).toHaveValue("");
    await expectNoAxeViolations(page);
});

test("the right password opens the shell with name, roles and menu", async ({ page }) => {
    await signIn(page, "admin");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Välkommen till Samverkan");
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    await expect(nav).toBeVisible();
    await expect(page.locator("[data-test=current-user]")).not.toBeEmpty();
    await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Hoppa till huvudinnehållet" })).toBeAttached();
    await expectNoAxeViolations(page);
});

test("a signed-in user returns to the page asked for", async ({ page }) => {
    await page.goto("/organisationer");
    await expect(page).toHaveURL(/\/login\?redirect=/);
    await page.getByLabel("Användarnamn").fill("member");
    await page.getByLabel("Lösenord").fill("Samverkan-demo-2026!");
    // Enter right after typing submits the form with what was typed.
    await page.getByLabel("Lösenord").press("Enter");
    await expect(page).toHaveURL(/\/organisationer$/);
    await expect(page.getByRole("heading", { level: 1, name: "Organisationer" })).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
    await signIn(page, "reporter");
    await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeVisible();
    await page.getByRole("button", { name: "Logga ut" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { level: 1, name: "Logga in" })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("Du är utloggad.");
    await expectNoAxeViolations(page);
    // The server session is gone too: a reload stays on the sign-in page.
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    const session = await page.request.get("/api/v1/session");
    expect(session.status()).toBe(401);
});
