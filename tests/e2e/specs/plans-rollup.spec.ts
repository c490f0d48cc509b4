import { expect, test } from "./fixtures";
import { unique } from "./governanceApi";
import { expectNoAxeViolations, signIn } from "./helpers";
import { createMeasure, jarvaPlan, mainNav, openPlan, planTabs, plansNav } from "./plansHelpers";

// Every plan with its roll-up, the follow-up across the city, and a politician who reads and comments.

test("the list shows the citywide plan first and the 11 districts' plans with their roll-up", async ({ page }) => {
    await page.goto("/");
    await mainNav(page).getByRole("link", { name: "Handlingsplaner", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Handlingsplaner" })).toBeFocused();
    await expect(plansNav(page).getByRole("link", { name: "Planer" })).toHaveAttribute("aria-current", "page");
    const rows = page.locator("[data-test=plans-table] [data-test=plan-row]");
    await expect(rows).toHaveCount(12);
    await expect(rows.first()).toHaveAttribute("data-scope", "citywide");
    await expect(rows.first().locator("[data-test=plan-area]")).toHaveText("Hela staden");
    await expect(page.locator("[data-test=plans-table] [data-test=plan-row][data-scope=local]")).toHaveCount(11);
    const jarva = rows.filter({ has: page.getByRole("link", { name: jarvaPlan, exact: true }) });
    await expect(jarva.locator("[data-test=rollup-measures]")).toHaveText(/^\d+$/);
    await expect(jarva.locator("[data-test=rollup-progress]")).toHaveText(/ %$|^Ej uppföljd$/);
    await expect(page.locator("[data-test=plans-table] caption")).not.toBeEmpty();
    await expectNoAxeViolations(page);
});

test("the follow-up page shows the 11 districts, the overdue measures and the district-by-district priorities", async ({ page }) => {
    // An overdue measure of its own: planned, with its end date three days ago.
    const title = unique("Försenad e2e-åtgärd");
    await createMeasure(page, title, { endInDays: -3 });

    await page.goto("/handlingsplaner");
    await plansNav(page).getByRole("link", { name: "Uppföljning" }).click();
    await expect(page).toHaveURL(/\/handlingsplaner\/uppfoljning$/);
    await expect(page.getByRole("heading", { level: 1, name: "Uppföljning av handlingsplanerna" })).toBeFocused();
    await expect(page).toHaveTitle("Uppföljning av handlingsplanerna – Samverkan");
    await expect(plansNav(page).getByRole("link", { name: "Uppföljning" })).toHaveAttribute("aria-current", "page");

    const districts = page.locator("[data-test=districts-table] [data-test=district-row]");
    await expect(districts).toHaveCount(11);
    await expect(page.locator("[data-test=districts-table] [data-test=district-row][data-name=Järva]")).toBeVisible();

    const overdue = page.locator("[data-test=overdue-table] [data-test=overdue-row]");
    const mine = overdue.filter({ hasText: title });
    await expect(mine).toHaveCount(1);
    await expect(mine.locator("[data-test=days-overdue]")).toHaveText("3");
    await expect(mine.locator("[data-test=overdue-flag]")).toHaveText("Försenad");
    await expect(mine).toContainText("Järva");
    expect(await overdue.count()).toBeGreaterThan(1);
    await expect(page.locator("[data-test=overdue-section] h2")).toHaveText(/^Försenade åtgärder \(\d+\)$/);

    // Districts × focus areas: a caption, a row header per district, a column header per focus area, and in
    // Järva's row its first priority.
    const matrix = page.locator("[data-test=priority-matrix]");
    await expect(matrix.locator("caption")).toContainText("Stadsdelsområden och fokusområden");
    await expect(matrix.locator("tbody th[scope=row]")).toHaveCount(11);
    expect(await matrix.locator("thead th[scope=col]").count()).toBeGreaterThan(1);
    await expect(matrix.locator("[data-test=priority-row][data-district=Järva] td").filter({ hasText: /^1$/ })).toHaveCount(1);
    await expectNoAxeViolations(page);

    // A row leads to the measure.
    await mine.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});

test.describe("a politician", () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test("reads Järva's plan without edit controls, and comments on the plan and on a measure", async ({ page }) => {
        await signIn(page, "politician");
        await expect(mainNav(page)).toBeVisible();
        await openPlan(page);
        await expect(page.locator("[data-test=read-only-note]")).toHaveText("Du kan läsa och kommentera planen men inte ändra den.");
        await expect(page.locator("[data-test=problem]").first()).toBeVisible();
        await expect(page.getByRole("button", { name: /^Flytta (upp|ned)/ })).toHaveCount(0);
        await expect(page.locator("[data-test=new-problem]")).toHaveCount(0);
        await expectNoAxeViolations(page);

        await planTabs(page).getByRole("link", { name: "Mål och indikatorer" }).click();
        await expect(page.locator("[data-test=goal]").first()).toBeVisible();
        await expect(page.locator("[data-test=indicator-values]").first()).toBeVisible();
        await expect(page.locator("[data-test=indicator-form], [data-test=indicator-value-form], [data-test=toggle-goal-indicator]")).toHaveCount(0);
        await expectNoAxeViolations(page);

        await planTabs(page).getByRole("link", { name: "Åtgärder" }).click();
        await expect(page.locator("[data-test=measures-table]")).toBeVisible();
        await expect(page.locator("[data-test=new-measure]")).toHaveCount(0);
        // Overdue is written out, not only coloured.
        await expect(page.locator("[data-test=measure-row][data-overdue=true] [data-test=overdue-flag]").first()).toHaveText("Försenad");
        await expectNoAxeViolations(page);

        // One of the plan's measures: no status change, no follow-up form, but a comment form.
        const measureRow = page.locator("[data-test=measure-row]").first();
        const measureTitle = (await measureRow.getAttribute("data-title"))!;
        await measureRow.getByRole("link").click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(measureTitle);
        await expect(page.locator("[data-test=status-change]")).toHaveCount(0);
        await expect(page.locator("[data-test=follow-up-form]")).toHaveCount(0);
        const comment = unique("Hur går det med tidplanen?");
        const form = page.locator("[data-test=comment-form]");
        await form.getByLabel("Kommentar").fill(comment);
        await form.getByRole("button", { name: "Skicka kommentaren" }).click();
        await expect(form.locator("[data-test=action-message]")).toHaveText("Kommentaren är sparad.");
        await expect(page.locator("[data-test=comment]").filter({ hasText: comment })).toContainText("Politiker");
        await expectNoAxeViolations(page);

        // On the plan, the comment is listed with a link to its measure; the plan takes comments too.
        await page.locator("[data-test=back-to-plan]").click();
        await planTabs(page).getByRole("link", { name: "Kommentarer" }).click();
        const listed = page.locator("[data-test=comment]").filter({ hasText: comment });
        await expect(listed.getByRole("link", { name: `om åtgärden ${measureTitle}` })).toBeVisible();
        const planComment = unique("Bra att trygghetsvandringarna prioriteras.");
        await page.locator("[data-test=comment-form]").getByLabel("Kommentar").fill(planComment);
        await page.getByRole("button", { name: "Skicka kommentaren" }).click();
        await expect(page.locator("[data-test=comment]").filter({ hasText: planComment })).toBeVisible();
        await expectNoAxeViolations(page);
    });
});
