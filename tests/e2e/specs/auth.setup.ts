import { expect, test as setup } from "@playwright/test";
import { signIn } from "./helpers";

// Signs in once and keeps the session cookie for the specs that only need a signed-in user.
setup("sign in as the coordinator", async ({ page }) => {
    await signIn(page, "coordinator");
    await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeVisible();
    await page.context().storageState({ path: ".auth/coordinator.json" });
});
