import { chooseRadio } from "./estHelpers";
import { expect, test } from "./fixtures";
import { unique } from "./governanceApi";
import { expectNoAxeViolations } from "./helpers";
import { currentQuarter, openPlan, planTabs } from "./plansHelpers";
import { now } from "./clock";

// Järva's goals with their indicators, and its citizen promise, as the coordinator. What is added carries
// a unique name; the demo's indicators and promise are only read.

test("the coordinator adds a manual indicator to a goal, records a value and sees it against the baseline and the target", async ({
    page,
}) => {
    await openPlan(page);
    await planTabs(page).getByRole("link", { name: "Mål och indikatorer" }).click();
    await expect(page).toHaveURL(/\/handlingsplaner\/[^/]+\/mal$/);
    await expect(page).toHaveTitle("Handlingsplan: mål och indikatorer – Samverkan");

    // The demo's bound indicator of the local goal has a value per quarter so far this year.
    const goal = page.locator("[data-test=goal][data-code=l-1]");
    const bound = goal.locator("[data-test=indicator]").filter({ hasText: "Rapporterat klotter i Järva per kvartal" });
    await expect(bound.locator("[data-test=indicator-source]")).toHaveText("Lägesbilden: Klotter i Järva");
    await expect(bound.locator("[data-test=value-row]")).toHaveCount(currentQuarter().quarter);
    await expectNoAxeViolations(page);

    const toggle = goal.getByRole("button", { name: "Lägg till en indikator för mål l-1" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const form = goal.locator("[data-test=indicator-form]");
    await expect(form.getByLabel("Indikator", { exact: true })).toBeFocused();

    const name = unique("Andel som går ut efter mörkrets inbrott");
    await form.getByLabel("Indikator", { exact: true }).fill(name);
    await form.getByLabel(/^Enhet/).fill("%");
    await form.getByLabel(/^Utgångsvärde/).fill("40");
    await form.getByLabel(/^Målvärde/).fill("55,5");
    await chooseRadio(form, "Värden förs in för hand");
    await form.getByRole("button", { name: "Lägg till indikatorn" }).click();
    await expect(form.locator("[data-test=action-message]")).toHaveText(`Indikatorn ”${name}” är tillagd.`);

    const indicator = goal.locator("[data-test=indicator]").filter({ hasText: name });
    await expect(indicator.locator("[data-test=indicator-comparison]")).toHaveText("Inga värden ännu.");
    await expect(indicator.locator("[data-test=indicator-target]")).toHaveText("55,5 %");

    // A value for the year: a wrong period is refused by the form first.
    const valueForm = indicator.locator("[data-test=indicator-value-form]");
    const year = now().getFullYear();
    await valueForm.getByLabel(/^Period/).fill("förra året");
    await valueForm.getByLabel(/^Värde/).fill("46");
    await valueForm.getByRole("button", { name: "Spara värdet" }).click();
    await expect(valueForm.getByLabel(/^Period/)).toBeFocused();
    await valueForm.getByLabel(/^Period/).fill(String(year));
    await valueForm.getByRole("button", { name: "Spara värdet" }).click();
    await expect(indicator.locator("[data-test=action-message]")).toHaveText(`Värdet för År ${year} är sparat.`);
    await expect(indicator.locator(`[data-test=value-row][data-period="${year}"] [data-test=value]`)).toHaveText("46");
    await expect(indicator.locator("[data-test=indicator-comparison]")).toHaveText(
        `Senaste värde: 46 % (År ${year}). Förändring mot utgångsvärdet: +6 (+15 %). Målvärde: 55,5 %.`,
    );
    await expectNoAxeViolations(page);

    await page.reload();
    await expect(page.locator("[data-test=goal][data-code=l-1] [data-test=indicator]").filter({ hasText: name }).locator("[data-test=value-row]")).toHaveCount(1);
});

test("the coordinator reads Järva's citizen promise and adds an activity and a follow-up", async ({ page }) => {
    await openPlan(page);
    await planTabs(page).getByRole("link", { name: "Medborgarlöften" }).click();
    await expect(page).toHaveURL(/\/handlingsplaner\/[^/]+\/medborgarloften$/);

    const promise = page.locator("[data-test=promise]").first();
    await expect(promise.locator("[data-test=promise-title]")).toHaveText(/^Medborgarlöfte Järva \d{4}$/);
    await expect(promise.locator("[data-test=promise-signed]")).toHaveText("Undertecknat av båda parter");
    await expect(promise.locator("[data-test=promise-public]")).toHaveText("Publicerat");
    await expect(promise.locator("[data-test=signatories] tbody tr")).toHaveCount(2);
    await expect(promise.locator("[data-test=activities] [data-test=activity]").first()).toBeVisible();
    await expectNoAxeViolations(page);

    const activity = unique("Trygghetsvandring i Husby");
    const activityForm = promise.locator("[data-test=activity-form]");
    await activityForm.getByLabel("Aktivitet", { exact: true }).fill(activity);
    await activityForm.getByLabel(/^Ansvarig/).fill("Lokala samverkansgruppen");
    await activityForm.getByLabel("Status").selectOption({ label: "Pågående" });
    await activityForm.getByRole("button", { name: "Lägg till aktiviteten" }).click();
    await expect(activityForm.locator("[data-test=action-message]")).toHaveText(`Aktiviteten ”${activity}” är tillagd.`);
    await expect(promise.locator("[data-test=activity]").filter({ hasText: activity })).toContainText("Pågående");

    const note = unique("Uppföljning i samverkansgruppen");
    const followUp = promise.locator("[data-test=follow-up-form]");
    await followUp.getByLabel(/^Framsteg i procent/).fill("55");
    await followUp.getByLabel("Anteckning").fill(note);
    await followUp.getByRole("button", { name: "Registrera uppföljningen" }).click();
    await expect(followUp.locator("[data-test=action-message]")).toContainText("är registrerad.");
    await expect(promise.locator("[data-test=promise-follow-ups] li").filter({ hasText: note })).toContainText("Framsteg: 55 %");
    await expectNoAxeViolations(page);

    await page.reload();
    await expect(page.locator("[data-test=promise]").first().locator("[data-test=activity]").filter({ hasText: activity })).toBeVisible();
});
