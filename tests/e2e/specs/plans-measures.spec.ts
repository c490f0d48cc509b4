import { chooseRadio } from "./estHelpers";
import { expect, test } from "./fixtures";
import { addDays, isoDate, unique } from "./governanceApi";
import { expectNoAxeViolations, signIn } from "./helpers";
import { createMeasure, currentQuarter, mainNav, openPlan, planTabs, tick } from "./plansHelpers";
import { now } from "./clock";

// Measures of Järva's plan: creating one with an indicator bound to the situation picture, recording a
// follow-up, and moving its status. Every measure here is new and has a unique title.

test.describe("Järva's district coordinator", () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test("adds a measure with an indicator bound to the situation picture (Klotter in Järva) and sees its quarterly values", async ({
        page,
    }) => {
        test.setTimeout(60_000);
        await signIn(page, "jarvacoordinator");
        await expect(mainNav(page)).toBeVisible();
        await openPlan(page);
        await planTabs(page).getByRole("link", { name: "Åtgärder" }).click();
        await expect(page).toHaveURL(/\/handlingsplaner\/[^/]+\/atgarder$/);
        await expect(page).toHaveTitle("Handlingsplan: åtgärder – Samverkan");
        await expect(page.locator("[data-test=measures-table] caption")).toContainText("Åtgärder i Lokal handlingsplan Järva");
        await expectNoAxeViolations(page);

        const form = page.locator("[data-test=new-measure]");
        // The form's own checks: each missing field says so and the first is focused.
        await form.getByRole("button", { name: "Skapa åtgärden" }).click();
        await expect(form.getByRole("alert").first()).toContainText("Rätta de markerade fälten");
        await expect(form.getByLabel("Åtgärd", { exact: true })).toBeFocused();
        await expect(form.locator("#measure-owners-error")).toHaveText("Välj minst en ägarorganisation.");

        const title = unique("Trygghetsvandring vid Rinkeby torg");
        const today = isoDate(now());
        await form.getByLabel("Åtgärd", { exact: true }).fill(title);
        await form.getByLabel(/^Beskrivning/).fill("Vandringar med boende, fastighetsägare och polis.");
        await tick(form, "Situationell", "radio");
        await tick(form, "Kort sikt", "radio");
        await form.getByLabel("Startdatum").fill(today);
        await form.getByLabel("Slutdatum").fill(addDays(today, 120));
        await form.getByLabel(/^Ansvarig/).fill("Trygghetssamordnare Järva");
        await tick(form, "Järva stadsdelsnämnd");
        await tick(form, "Lokalpolisområde Järva");
        await tick(form, /^l-1 – /);
        await tick(form, "Otrygga platser i Järva");
        await form.getByRole("button", { name: "Skapa åtgärden" }).click();

        // The new measure opens, says it was created, and offers to add its indicators.
        await expect(page).toHaveURL(/\/handlingsplaner\/atgarder\/[^/]+$/);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
        await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
        await expect(page.locator("[data-test=created-message]")).toContainText(`Åtgärden ”${title}” är skapad.`);
        await expect(page.locator("[data-test=measure-meta] [data-test=measure-status]")).toHaveText("Planerad");
        await expect(page.locator("[data-test=measure-owners]")).toHaveText("Järva stadsdelsnämnd, Lokalpolisområde Järva");
        await expect(page.locator("[data-test=measure-goals]")).toContainText("l-1 – ");

        const indicatorForm = page.locator("[data-test=indicator-form]");
        await indicatorForm.getByLabel("Indikator", { exact: true }).fill("Klotter i Järva per kvartal");
        await chooseRadio(indicatorForm, "Kopplad till lägesbilden");
        await expect(indicatorForm.getByLabel(/^Enhet/)).toHaveValue("händelser");
        await indicatorForm.getByLabel("Kategori").selectOption({ label: "Klotter" });
        await tick(indicatorForm, "Järva");
        await indicatorForm.getByLabel(/^Målvärde/).fill("50");
        await expectNoAxeViolations(page);
        await indicatorForm.getByRole("button", { name: "Lägg till indikatorn" }).click();
        await expect(indicatorForm.locator("[data-test=action-message]")).toHaveText("Indikatorn ”Klotter i Järva per kvartal” är tillagd.");

        // One value per quarter from the start of the plan's period (1 January) to the current quarter, which is running.
        const indicator = page.locator("[data-test=measure-indicators] [data-test=indicator]");
        await expect(indicator.locator("[data-test=indicator-source]")).toHaveText("Lägesbilden: Klotter i Järva");
        const { year, quarter } = currentQuarter();
        const rows = indicator.locator("[data-test=indicator-values] [data-test=value-row]");
        await expect(rows).toHaveCount(quarter);
        const current = indicator.locator(`[data-test=value-row][data-period="${year}-Q${quarter}"]`);
        await expect(current.locator("th")).toHaveText(`Kvartal ${quarter}, ${year}`);
        await expect(current).toContainText("Pågående period");
        await expect(current.locator("[data-test=value]")).toHaveText(/^[\d\s ]+$/);
        await expect(indicator.locator("[data-test=indicator-values] caption")).toHaveText(
            "Värden för Klotter i Järva per kvartal, det senaste först",
        );
        await expect(indicator.locator("[data-test=indicator-comparison]")).toContainText(`Senaste värde:`);
        await expect(indicator.locator("[data-test=indicator-comparison]")).toContainText(`(Kvartal ${quarter}, ${year})`);
        await expect(indicator.locator("[data-test=indicator-target]")).toHaveText("50 händelser");

        // After a reload the values are read again from the situation picture.
        await page.reload();
        await expect(rows).toHaveCount(quarter);
        await expectNoAxeViolations(page);

        // The measure is in the plan's list of measures.
        await page.locator("[data-test=back-to-plan]").click();
        await expect(page.locator("[data-test=measure-row]").filter({ hasText: title })).toBeVisible();
    });

    test("records a follow-up on a measure and sees its progress updated", async ({ page }) => {
        await signIn(page, "jarvacoordinator");
        await expect(mainNav(page)).toBeVisible();
        const title = unique("Föräldravandringar i Tensta");
        const id = await createMeasure(page, title, { status: "ongoing" });

        await page.goto(`/handlingsplaner/atgarder/${id}`);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
        await expect(page.locator("[data-test=measure-meta] [data-test=measure-progress]")).toHaveText("Ej uppföljd");
        await expect(page.locator("[data-test=follow-ups]")).toContainText("Inga uppföljningar ännu.");

        const form = page.locator("[data-test=follow-up-form]");
        await form.getByLabel(/^Framsteg i procent/).fill("120");
        await form.getByRole("button", { name: "Registrera uppföljningen" }).click();
        await expect(form.getByLabel(/^Framsteg i procent/)).toBeFocused();
        await expect(form.locator("#measure-follow-up-progress-error")).toHaveText("Skriv ett heltal från 0 till 100.");

        await form.getByLabel(/^Framsteg i procent/).fill("60");
        await form.getByLabel("Anteckning").fill("Tre vandringar genomförda, fler föräldrar anmälda.");
        await form.getByRole("button", { name: "Registrera uppföljningen" }).click();
        const message = form.locator("[data-test=action-message]");
        await expect(message).toContainText("Åtgärdens framsteg är nu 60 %.");
        await expect(message).toBeFocused();
        await expect(page.locator("[data-test=measure-meta] [data-test=measure-progress]")).toContainText("60 %");
        const entry = page.locator("[data-test=follow-up-list] [data-test=follow-up]").first();
        await expect(entry.locator("[data-test=follow-up-progress]")).toHaveText("Framsteg: 60 %");
        await expect(entry.locator("[data-test=follow-up-note]")).toHaveText("Tre vandringar genomförda, fler föräldrar anmälda.");
        await expect(entry).toContainText("Registrerad av Jonna Samordnare");
        await expectNoAxeViolations(page);

        // The plan's list shows the new progress too.
        await page.locator("[data-test=back-to-plan]").click();
        await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
        const row = page.locator("[data-test=measure-row]").filter({ hasText: title });
        await expect(row.locator("[data-test=measure-progress]")).toHaveText("60 %");
    });

    test("moves a measure's status only along the allowed steps; an overdue measure says so in words", async ({ page }) => {
        await signIn(page, "jarvacoordinator");
        await expect(mainNav(page)).toBeVisible();
        const title = unique("Klotterplank vid Husby centrum");
        const id = await createMeasure(page, title, { endInDays: -3 });

        await page.goto(`/handlingsplaner/atgarder/${id}`);
        const meta = page.locator("[data-test=measure-meta]");
        await expect(meta.locator("[data-test=measure-status]")).toHaveText("Planerad");
        await expect(meta.locator("[data-test=overdue-flag]")).toHaveText("Försenad");

        // Planned → ongoing or cancelled, nothing else.
        const select = page.getByLabel("Ny status");
        await expect(select.locator("option")).toHaveText(["Pågående", "Avbruten"]);
        await select.selectOption({ label: "Pågående" });
        await page.getByRole("button", { name: "Ändra status" }).click();
        const status = page.locator("[data-test=status-change] [data-test=action-message]");
        await expect(status).toHaveText("Statusen är ändrad till pågående.");
        await expect(status).toBeFocused();
        await expect(meta.locator("[data-test=measure-status]")).toHaveText("Pågående");
        // From ongoing: paused, done or cancelled (in the server's order).
        await expect(select.locator("option")).toHaveCount(3);
        expect((await select.locator("option").allTextContents()).map((o) => o.trim()).sort()).toEqual(["Avbruten", "Klar", "Pausad"]);
        await select.selectOption({ label: "Klar" });
        await page.getByRole("button", { name: "Ändra status" }).click();
        await expect(status).toHaveText("Statusen är ändrad till klar.");
        await expect(meta.locator("[data-test=overdue-flag]")).toHaveCount(0);
        await expect(meta.locator("[data-test=measure-progress]")).toContainText("100 %");
        await expect(select.locator("option")).toHaveText(["Pågående"]);
        await expectNoAxeViolations(page);
    });
});

test("a reporter follows up a measure that their police area owns, but cannot change the plan or comment", async ({ page }) => {
    // Set up as the coordinator: a Södermalm measure owned by the reporter's organisation.
    const title = unique("Synlig polis vid Medborgarplatsen");
    const id = await createMeasure(page, title, { district: "Södermalm", owner: "Lokalpolisområde Södermalm", status: "ongoing" });
    await page.context().clearCookies();
    await signIn(page, "reporter");
    await expect(mainNav(page)).toBeVisible();

    await openPlan(page, "Lokal handlingsplan Södermalm");
    await expect(page.locator("[data-test=read-only-note]")).toHaveText(
        "Du kan läsa planen och följa upp de åtgärder som din organisation äger, men inte ändra planen.",
    );
    await planTabs(page).getByRole("link", { name: "Åtgärder" }).click();
    await expect(page.locator("[data-test=new-measure]")).toHaveCount(0);
    await page.locator("[data-test=measure-row]").filter({ hasText: title }).getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/handlingsplaner/atgarder/${id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

    // The owner records progress and moves the status; adding indicators and commenting are the plan's editors'.
    await expect(page.locator("[data-test=indicator-form]")).toHaveCount(0);
    await expect(page.locator("[data-test=comment-form]")).toHaveCount(0);
    const form = page.locator("[data-test=follow-up-form]");
    await form.getByLabel(/^Framsteg i procent/).fill("25");
    await form.getByLabel("Anteckning").fill("Två kvällar i veckan sedan oktober.");
    await form.getByRole("button", { name: "Registrera uppföljningen" }).click();
    await expect(form.locator("[data-test=action-message]")).toContainText("Åtgärdens framsteg är nu 25 %.");
    await expect(page.getByLabel("Ny status")).toBeVisible();
    await expectNoAxeViolations(page);
});
