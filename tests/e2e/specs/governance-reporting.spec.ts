import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { addDays, createGroupWithMeeting, isoDate } from "./governanceApi";
import { expectNoAxeViolations, signIn } from "./helpers";
import { now, nowMs } from "./clock";

// Reporting back: an obligation, the draft of a past quarter, editing, submitting, downloading, the
// committee's feedback and its follow-up. Each test makes its own group, so reruns start afresh.

/** The first day of the quarter before the running one, as YYYY-MM-DD. */
function previousQuarterStart(today = now()): string {
    const start = new Date(today.getFullYear(), Math.floor(today.getMonth() / 3) * 3 - 3, 1, 12);
    return isoDate(start);
}

function periodRow(page: Page, start: string): Locator {
    return page.locator(`[data-test=period-row][data-start="${start}"]`);
}

test("a coordinator drafts, edits and submits a quarterly report; a politician records feedback; the follow-up is closed", async ({
    page,
    browser,
}, testInfo) => {
    test.setTimeout(90_000);
    const group = await createGroupWithMeeting(page, "E2E-rapport");
    const start = previousQuarterStart();
    const bodyText = `Gruppen höll ett extra möte om trygghet i centrum (${Date.now()}).`;

    // The obligation: quarterly to Socialnämnden, from the quarter before this one.
    await page.goto(`/styrning/grupper/${group.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(group.name);
    const form = page.locator("[data-test=add-obligation]");
    await form.getByRole("button", { name: "Lägg till skyldighet" }).click();
    await expect(form.getByRole("alert")).toContainText("Rätta de markerade fälten");
    await form.getByLabel("Nämnd eller bolag").selectOption({ label: "Socialnämnden" });
    await expect(form.getByLabel("Hur ofta")).toHaveValue("quarterly");
    await form.getByLabel("Första perioden börjar").fill(start);
    await form.getByRole("button", { name: "Lägg till skyldighet" }).click();
    await expect(form.locator("[data-test=action-message]")).toHaveText("Rapporteringen till Socialnämnden är tillagd.");
    const obligation = page.locator("[data-test=obligations-table] [data-test=obligation-row]");
    await expect(obligation).toHaveCount(1);
    await expect(obligation).toContainText("Socialnämnden");
    await expect(obligation).toContainText("Varje kvartal");
    await expect(obligation).toContainText("30 dagar efter periodens slut");
    await expectNoAxeViolations(page);

    // The reporting page, for this group: the past quarter and the running one.
    await page.getByRole("link", { name: "Visa gruppens rapportering" }).click();
    await expect(page).toHaveURL(new RegExp(`/styrning/rapportering\\?grupp=${group.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: "Rapportering" })).toBeFocused();
    await expect(page).toHaveTitle("Rapportering – Samverkan");
    await expect(page.getByLabel("Visa grupp")).toHaveValue(group.id);
    const section = page.locator("[data-test=obligation]");
    await expect(section).toHaveCount(1);
    await expect(section.getByRole("heading", { level: 2 })).toHaveText(`${group.name} till Socialnämnden`);
    await expect(section.locator("[data-test=period-row]")).toHaveCount(2);
    const past = periodRow(page, start);
    await expect(past.locator("[data-test=tracking]")).toHaveText(/^(Kommande|Försenad)$/);
    await expect(section.locator("caption")).not.toBeEmpty();
    await expectNoAxeViolations(page);

    await past.getByRole("button", { name: /^Skapa utkast/ }).click();
    await expect(page).toHaveURL(/\/styrning\/rapporter\/[^/]+$/);
    const title = page.getByRole("heading", { level: 1 });
    await expect(title).toHaveText(new RegExp(`^Återrapportering från ${group.name} till Socialnämnden`));
    await expect(title).toBeFocused();
    await expect(page.locator("[data-test=report-status]")).toContainText("Utkast");
    const sections = page.locator("[data-test=report-section]");
    // Five governance sections, the situation picture of the group's area (the whole city for a thematic group)
    // and the progress of the action plans.
    await expect(sections).toHaveCount(7);
    await expect(sections.getByRole("heading", { level: 2, name: "Handlingsplanens genomförande" })).toBeVisible();
    await expect(sections.getByRole("heading", { level: 2, name: /^Lägesbild Stockholms stad/ })).toBeVisible();
    await expect(sections.getByRole("heading", { level: 2, name: "Sammanträden" })).toBeVisible();
    await expect(sections.getByRole("heading", { level: 2, name: "Politiskt samråd" })).toBeVisible();
    await expectNoAxeViolations(page);

    // Edit one section's text and save; it is still there after a reload.
    const body = page.getByLabel("Text: Sammanträden");
    await body.fill(bodyText);
    await page.getByRole("button", { name: "Spara utkastet" }).click();
    await expect(page.locator("[data-test=action-message]")).toHaveText("Utkastet är sparat.");
    await page.reload();
    await expect(page.getByLabel("Text: Sammanträden")).toHaveValue(bodyText);

    // Submit: the draft can no longer be edited and shows as submitted.
    await page.getByRole("button", { name: "Lämna in" }).click();
    await expect(page.locator("[data-test=action-message]")).toHaveText("Rapporten är inlämnad.");
    await expect(page.locator("[data-test=report-status]")).toContainText("Inlämnad");
    await expect(page.locator("[data-test=submitted-on]")).not.toBeEmpty();
    await expect(page.locator("[data-test=report-editor]")).toHaveCount(0);
    await expect(page.locator("[data-test=report-section][data-key='governance.meetings'] [data-test=section-body]")).toHaveText(
        bodyText,
    );
    await expectNoAxeViolations(page);

    // The downloads are plain links that answer with the documents.
    const pdfLink = page.getByRole("link", { name: "Ladda ned som PDF" });
    await expect(pdfLink).toHaveAttribute("download", "");
    const pdf = await page.request.get((await pdfLink.getAttribute("href"))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const html = await page.request.get((await page.getByRole("link", { name: "Ladda ned som HTML" }).getAttribute("href"))!);
    expect(html.status()).toBe(200);
    expect(html.headers()["content-type"]).toContain("text/html");
    expect(await html.text()).toContain(bodyText);
    const reportUrl = page.url();

    // A politician reads the report and records Socialnämnden's feedback with one request.
    const politicianContext = await browser.newContext({
        baseURL: testInfo.project.use.baseURL,
        locale: "sv-SE",
        storageState: { cookies: [], origins: [] },
    });
    try {
        await politicianContext.clock.install({ time: nowMs() });
        const politician = await politicianContext.newPage();
        const problems: string[] = [];
        politician.on("console", (m) => {
            if (/Content[- ]Security[- ]Policy/i.test(m.text())) problems.push(m.text());
        });
        politician.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
        await signIn(politician, "politician");
        await expect(politician.getByRole("navigation", { name: "Huvudmeny" })).toBeVisible();
        await politician.goto(reportUrl);
        await expect(politician.getByRole("heading", { level: 1 })).toHaveText(new RegExp(`^Återrapportering från ${group.name}`));
        await expect(politician.locator("[data-test=report-editor]")).toHaveCount(0);
        const feedback = politician.locator("[data-test=feedback-form]");
        await expect(feedback.getByLabel("Från").locator("option:checked")).toHaveText("Socialnämnden");
        await feedback.getByLabel("Sammanfattning").fill("Nämnden tackar för rapporten och vill veta mer om trygghetsvandringarna.");
        await feedback.getByRole("button", { name: "Lägg till begäran" }).click();
        const request = feedback.getByRole("group", { name: "Begäran 1" });
        await expect(request.getByLabel("Begäran", { exact: true })).toBeFocused();
        await request.getByLabel("Begäran", { exact: true }).fill("Redovisa antalet deltagare i trygghetsvandringarna.");
        await request.getByLabel("Ansvarig person").fill("Anna Stad");
        await request.getByLabel("Ansvarig organisation").selectOption({ label: "Stadsledningskontoret" });
        await request.getByLabel("Klar senast").fill(addDays(isoDate(now()), 30));
        await expectNoAxeViolations(politician);
        await feedback.getByRole("button", { name: "Spara återkoppling" }).click();
        await expect(feedback.locator("[data-test=action-message]")).toHaveText(
            "Återkopplingen är registrerad med 1 uppföljning.",
        );
        const entry = politician.locator("[data-test=feedback-entry]");
        await expect(entry).toHaveCount(1);
        await expect(entry.getByRole("heading", { level: 3 })).toContainText("Från Socialnämnden");
        await expect(entry.locator("[data-test=follow-up-status]")).toHaveText("Pågår");
        // Only the group and coordinators close follow-ups.
        await expect(politician.getByRole("button", { name: "Markera som klar" })).toHaveCount(0);
        await expectNoAxeViolations(politician);
        expect(problems, "CSP violations or uncaught errors in the politician's page").toEqual([]);
    } finally {
        await politicianContext.close();
    }

    // The coordinator closes the follow-up.
    await page.reload();
    const item = page.locator("[data-test=follow-up]");
    await expect(item).toContainText("Redovisa antalet deltagare");
    await item.getByLabel(/^Anteckning om vad som gjordes/).fill("Redovisat i nästa kvartalsrapport.");
    await item.getByRole("button", { name: "Markera som klar" }).click();
    await expect(page.locator("[data-test=action-message]")).toHaveText(
        "Uppföljningen är klar: Redovisa antalet deltagare i trygghetsvandringarna.",
    );
    await expect(item.locator("[data-test=follow-up-status]")).toHaveText("Klar");
    await expect(item).toContainText("Redovisat i nästa kvartalsrapport.");
    await expect(item.getByRole("button", { name: "Markera som klar" })).toHaveCount(0);
    await expectNoAxeViolations(page);
});

test("the reporting pages work at 390 px width and a second draft of a period is refused", async ({ page }) => {
    const group = await createGroupWithMeeting(page, "E2E-rapport-smal");
    const start = previousQuarterStart();
    await page.goto(`/styrning/grupper/${group.id}`);
    const form = page.locator("[data-test=add-obligation]");
    await form.getByLabel("Nämnd eller bolag").selectOption({ label: "Socialnämnden" });
    await form.getByLabel("Första perioden börjar").fill(start);
    await form.getByRole("button", { name: "Lägg till skyldighet" }).click();
    await expect(page.locator("[data-test=obligation-row]")).toHaveCount(1);

    await page.setViewportSize({ width: 390, height: 844 });
    const noSideScroll = async () =>
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto(`/styrning/rapportering?grupp=${group.id}`);
    await expect(page.locator("[data-test=periods-table]")).toBeVisible();
    await noSideScroll();

    // Another tab drafted the same period meanwhile: the server refuses, and says so.
    const obligationId = await page.locator("[data-test=obligation]").getAttribute("data-id");
    const session = await (await page.request.get("/api/v1/session")).json();
    const other = await page.request.post(`/api/v1/obligations/${obligationId}/reports`, {
        data: { period_start: start },
        headers: { "X-CSRF-Token": session.csrf_token },
    });
    expect(other.status()).toBe(201);
    await periodRow(page, start).getByRole("button", { name: /^Skapa utkast/ }).click();
    const alert = page.locator("[data-test=reporting-error]");
    await expect(alert).toContainText("Utkastet kunde inte skapas:");
    await expect(alert).toContainText(/Det finns redan en rapport för \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}\./);
    await expect(alert).toBeFocused();

    await page.reload();
    await periodRow(page, start).getByRole("link", { name: "Öppna rapporten (Utkast)" }).click();
    await expect(page.locator("[data-test=report-editor]")).toBeVisible();
    await noSideScroll();
    await expectNoAxeViolations(page);
});

test.describe("a politician", () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test("reads the reporting but cannot draft reports", async ({ page }) => {
        await signIn(page, "politician");
        await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeVisible();
        await page.goto("/styrning/rapportering");
        await expect(page.getByRole("heading", { level: 1, name: "Rapportering" })).toBeVisible();
        await expect(page.locator("[data-test=obligation-count], [data-test=no-obligations]")).toBeVisible();
        await expect(page.getByRole("button", { name: /^Skapa utkast/ })).toHaveCount(0);
        await expectNoAxeViolations(page);
    });
});
