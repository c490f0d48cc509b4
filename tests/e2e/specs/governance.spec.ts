import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations, signIn } from "./helpers";
import { now } from "./clock";

// The demo data: one citywide chain (version 1 from 2015, superseded; version 2 in force), a local
// agreement for Järva and a local draft. These tests share one database with reruns, so what they
// create carries a timestamp, and they find "the agreement in force" instead of assuming version 2.
const citywideTitle = "Samverkansöverenskommelse mellan Stockholms stad och Polisregion Stockholm";
const manageButtons = /^(Redigera|Ny version|Föreslå|Åter till utkast|Underteckna|Sätt i kraft)$/;

function rowsOf(page: Page, title: string): Locator {
    return page
        .locator("[data-test=agreements-table] tbody tr")
        .filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

function versionRow(page: Page, title: string, version: number): Locator {
    return rowsOf(page, title).filter({ has: page.locator("[data-test=version]", { hasText: new RegExp(`^${version}$`) }) });
}

function isoDate(date: Date): string {
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function addDays(iso: string, days: number): string {
    const date = new Date(`${iso}T12:00:00`);
    date.setDate(date.getDate() + days);
    return isoDate(date);
}

interface Summary {
    id: string;
    title: string;
    scope: string;
    version: number;
    status: string;
    period_start: string;
    superseded_by: string | null;
}

/**
 * The latest version of the citywide chain in force, read from the API with the page's session. After a
 * rerun of the versioning test that is a version starting in the future, and its predecessor is still in
 * force until then (with superseded_by set).
 */
async function citywideInForce(page: Page): Promise<Summary> {
    const response = await page.request.get("/api/v1/agreements");
    expect(response.ok()).toBeTruthy();
    const { items } = (await response.json()) as { items: Summary[] };
    const current = items.filter(
        (a) => a.scope === "citywide" && a.status === "in_force" && a.title === citywideTitle && !a.superseded_by,
    );
    expect(current, "one latest citywide agreement in force").toHaveLength(1);
    return current[0]!;
}

async function expectStatus(page: Page, status: string): Promise<void> {
    await expect(page.locator("[data-test=agreement-meta] [data-test=agreement-status]")).toHaveText(status);
}

async function transition(page: Page, label: string, status: string): Promise<void> {
    await page.getByRole("button", { name: label, exact: true }).click();
    await expect(page.locator("[data-test=action-message]")).toHaveText(`Statusen är nu: ${status}.`);
    await expectStatus(page, status);
}

async function expectRefused(page: Page, label: string, reason: RegExp): Promise<void> {
    await page.getByRole("button", { name: label, exact: true }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Statusbytet nekades:" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(reason);
}

test("the list shows both versions of the citywide agreement with their status in words", async ({ page }) => {
    await page.goto("/styrning");
    await expect(page.getByRole("heading", { level: 1, name: "Överenskommelse & styrning" })).toBeVisible();
    const table = page.locator("[data-test=agreements-table]");
    await expect(table.locator("caption")).not.toBeEmpty();
    await expect(table.locator("thead th[scope=col]")).toHaveCount(6);

    const first = versionRow(page, citywideTitle, 1);
    await expect(first).toHaveCount(1);
    await expect(first.locator("[data-test=agreement-status]")).toHaveText("Ersatt");
    await expect(first.locator("[data-test=scope]")).toHaveText("Hela staden");
    await expect(versionRow(page, citywideTitle, 2)).toHaveCount(1);
    // Version 2 is in force on the demo database (a rerun after the versioning test adds later ones).
    await expect(versionRow(page, citywideTitle, 2).locator("[data-test=agreement-status]")).toHaveText(
        /^(Gäller|Ersatt)$/,
    );
    await expect(rowsOf(page, citywideTitle).locator("[data-test=agreement-status]")).toContainText(["Ersatt", "Gäller"]);
    // The local agreement for Järva names its district.
    await expect(page.locator("[data-test=agreements-table] tbody tr", { hasText: "Järva" }).first()).toBeVisible();
    // Codes never show.
    await expect(page.getByRole("main")).not.toContainText("in_force");
    await expect(page.getByRole("main")).not.toContainText("citywide");
    await expectNoAxeViolations(page);

    // The title leads to the agreement, and focus moves to its heading.
    await first.getByRole("link").click();
    await expect(page).toHaveURL(/\/styrning\/overenskommelser\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(citywideTitle);
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    await expect(page).toHaveTitle("Samverkansöverenskommelse – Samverkan");
    await expectStatus(page, "Ersatt");
    await expect(page.locator("[data-test=superseded-by]")).toContainText("ersatt av");
    await expect(page.getByRole("heading", { level: 2, name: "Undertecknare" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Fokusområden" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Versionshistorik" })).toBeVisible();
    await expect(page.locator("[data-test=versions] li")).not.toHaveCount(1);
    await expectNoAxeViolations(page);
});

test("the pages work at 390 px width", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const noSideScroll = async () =>
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.goto("/styrning");
    await expect(page.locator("[data-test=agreements-table]")).toBeVisible();
    await noSideScroll();
    await versionRow(page, citywideTitle, 2).getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(citywideTitle);
    await expect(page.locator("[data-test=versions]")).toBeVisible();
    await noSideScroll();
    await page.goto("/styrning/jamfor");
    await expect(page.locator("[data-test=compare-overview]")).toBeVisible();
    await noSideScroll();
});

test("comparing the 2015 agreement with the current one shows added and removed focus areas", async ({ page }) => {
    const current = await citywideInForce(page);
    await page.goto("/styrning");
    await page.getByRole("link", { name: "Jämför versioner" }).click();
    await expect(page).toHaveURL(/\/styrning\/jamfor/);
    await expect(page.getByRole("heading", { level: 1, name: "Jämför versioner" })).toBeFocused();
    await expect(page).toHaveTitle("Jämför versioner – Samverkan");
    // By default the citywide agreement in force is compared with the version it replaced.
    const from = page.getByLabel("Före (äldre version)");
    const to = page.getByLabel("Efter (nyare version)");
    await expect(to).toHaveValue(current.id);
    await expect(page.locator("[data-test=compare-overview]")).toBeVisible();

    await from.selectOption({ label: `${citywideTitle}, version 1 (Ersatt)` });
    await page.getByRole("button", { name: "Jämför", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`to=${current.id}`));
    const overview = page.locator("[data-test=compare-overview]");
    await expect(overview).toContainText("2015");
    await expect(overview.locator("[data-test=period-from]")).toContainText("2015");
    await expect(overview.locator("[data-test=period-to]")).not.toBeEmpty();

    const focusAreas = page.locator("[data-test=compare-focus_area]");
    await expect(focusAreas.getByRole("heading", { level: 2 })).toHaveText("Fokusområden");
    await expect(focusAreas.getByRole("heading", { level: 3, name: "Tillagt" })).toBeVisible();
    await expect(focusAreas.getByRole("heading", { level: 3, name: "Borttaget" })).toBeVisible();
    await expect(focusAreas.getByRole("heading", { level: 3, name: "Ändrat" })).toBeVisible();
    expect(await focusAreas.locator("[data-test=added] tbody tr").count()).toBeGreaterThan(0);
    expect(await focusAreas.locator("[data-test=removed] tbody tr").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);

    // The detail page of the current agreement links to a comparison with the version before it.
    await page.getByRole("link", { name: current.title }).last().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(citywideTitle);
    await page.getByRole("link", { name: "Jämför versioner" }).click();
    await expect(page).toHaveURL(new RegExp(`to=${current.id}`));
    await expect(page.locator("[data-test=compare-overview]")).toBeVisible();
});

test("a coordinator drafts, edits, proposes and signs an agreement; overlapping force is refused", async ({ page }) => {
    const title = `E2E-överenskommelse ${Date.now()}`;
    await page.goto("/styrning");
    const form = page.locator("[data-test=new-agreement]");
    await expect(form.getByRole("heading", { level: 2, name: "Ny överenskommelse" })).toBeVisible();
    await expectNoAxeViolations(page);

    // A missing title is caught next to the field.
    await form.getByRole("button", { name: "Skapa utkast" }).click();
    await expect(form.getByRole("alert")).toContainText("Rätta de markerade fälten");
    await expect(form.getByLabel("Titel")).toBeFocused();
    await expect(form.getByLabel("Titel")).toHaveAttribute("aria-invalid", "true");

    await form.getByLabel("Titel").fill(title);
    await expect(form.getByRole("radio", { name: "Hela staden" })).toBeChecked();
    await form.getByLabel("Periodens början").fill(isoDate(now()));
    await form.getByRole("button", { name: "Skapa utkast" }).click();

    await expect(page).toHaveURL(/\/styrning\/overenskommelser\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    await expectStatus(page, "Utkast");
    await expect(page.locator("[data-test=agreement-meta] [data-test=version]")).toHaveText("1");
    await expectNoAxeViolations(page);

    // Edit: one focus area and one goal with an indicator.
    await page.getByRole("button", { name: "Redigera" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Redigera överenskommelsen" })).toBeFocused();
    await page.getByRole("button", { name: "Lägg till fokusområde" }).click();
    const focusArea = page.getByRole("group", { name: "Fokusområde 1" });
    await expect(focusArea.getByLabel("Rubrik")).toBeFocused();
    await focusArea.getByLabel("Rubrik").fill("Trygga skolvägar");
    await focusArea.getByLabel("Beskrivning").fill("Barn och unga ska kunna gå tryggt till och från skolan.");
    await page.getByRole("button", { name: "Lägg till mål" }).click();
    const goal = page.getByRole("group", { name: "Mål 1", exact: true });
    await goal.getByLabel("Rubrik").fill("Fler upplever trygghet");
    await goal.getByRole("button", { name: "Lägg till indikator för mål 1" }).click();
    const indicator = page.getByRole("group", { name: "Indikator 1 för mål 1" });
    await indicator.getByLabel("Indikator").fill("Andel elever som känner sig trygga");
    await indicator.getByLabel("Enhet").fill("procent");
    await indicator.getByLabel("Utgångsvärde").fill("62");
    await indicator.getByLabel("Målvärde").fill("75");
    await page.getByLabel("Uppföljningsplan").fill("Uppföljning varje kvartal i styrgruppen.");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Spara", exact: true }).click();

    await expect(page.locator("[data-test=action-message]")).toHaveText("Ändringarna är sparade.");
    await expect(page.locator("[data-test=focus-areas]")).toContainText("Trygga skolvägar");
    const indicators = page.locator("[data-test=goals] [data-test=indicators-table]");
    await expect(indicators).toContainText("Andel elever som känner sig trygga");
    await expect(indicators).toContainText("75");
    await expect(page.locator("[data-test=follow-up-plan]")).toHaveText("Uppföljning varje kvartal i styrgruppen.");

    // Propose; signing without signatories is refused, with the server's reason in an alert.
    await transition(page, "Föreslå", "Föreslagen");
    // The refusal is told in Swedish from its code (the kind "conflict"; the English detail stays in the API).
    await expectRefused(page, "Underteckna", /Ändringen går inte att göra i det läge uppgifterna är i nu/);
    await expectStatus(page, "Föreslagen");
    await expectNoAxeViolations(page);

    // Back to draft, add a signatory for each party, propose and sign.
    await transition(page, "Åter till utkast", "Utkast");
    await page.getByRole("button", { name: "Redigera" }).click();
    await page.getByRole("button", { name: "Lägg till undertecknare" }).click();
    const city = page.getByRole("group", { name: "Undertecknare 1" });
    await expect(city.getByLabel("Part")).toHaveValue("city");
    await city.getByLabel("Namn").fill("Karin Wanngård");
    await city.getByLabel("Befattning").fill("Finansborgarråd, ordförande i kommunstyrelsen");
    await page.getByRole("button", { name: "Lägg till undertecknare" }).click();
    const police = page.getByRole("group", { name: "Undertecknare 2" });
    await police.getByLabel("Part").selectOption("police");
    await police.getByLabel("Namn").fill("Lokalpolisområdeschef Exempel");
    await police.getByLabel("Befattning").fill("Chef för lokalpolisområde");
    await page.getByRole("button", { name: "Spara", exact: true }).click();
    await expect(page.locator("[data-test=action-message]")).toHaveText("Ändringarna är sparade.");
    await expect(page.locator("[data-test=signatories-table] tbody tr")).toHaveCount(2);
    await expect(page.locator("[data-test=signatories-table]")).toContainText("Polisen");
    // The content is still there after the second edit.
    await expect(page.locator("[data-test=focus-areas]")).toContainText("Trygga skolvägar");

    await transition(page, "Föreslå", "Föreslagen");
    await transition(page, "Underteckna", "Undertecknad");
    await expect(page.getByRole("button", { name: "Redigera" })).toHaveCount(0);

    // Its period overlaps the citywide agreement in force, which it does not replace.
    await expectRefused(page, "Sätt i kraft", /Ändringen går inte att göra i det läge uppgifterna är i nu/);
    await expectStatus(page, "Undertecknad");
    await expectNoAxeViolations(page);
});

test("a new version of the agreement in force is signed and replaces it", async ({ page }) => {
    const current = await citywideInForce(page);
    const start = [addDays(isoDate(now()), 30), addDays(current.period_start, 1)].sort().at(-1)!;

    await page.goto(`/styrning/overenskommelser/${current.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(citywideTitle);
    await expectStatus(page, "Gäller");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Ny version" }).click();

    const next = current.version + 1;
    await expect(page).not.toHaveURL(new RegExp(current.id));
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    await expect(page.locator("[data-test=agreement-meta] [data-test=version]")).toHaveText(String(next));
    await expectStatus(page, "Utkast");
    // The content and the signatories are copied.
    await expect(page.locator("[data-test=signatories-table] tbody tr")).not.toHaveCount(0);
    await expect(page.locator("[data-test=versions] li")).toHaveCount(next);

    await page.getByRole("button", { name: "Redigera" }).click();
    await page.getByLabel("Periodens början").fill(start);
    await page.getByLabel("Periodens slut (frivilligt)").fill("");
    await page.getByRole("button", { name: "Spara", exact: true }).click();
    await expect(page.locator("[data-test=action-message]")).toHaveText("Ändringarna är sparade.");

    await transition(page, "Föreslå", "Föreslagen");
    await transition(page, "Underteckna", "Undertecknad");
    await transition(page, "Sätt i kraft", "Gäller");
    await expect(page.locator(`[data-test=versions] li[data-version="${next}"]`)).toContainText("Gäller");

    // The old version now points to the new one.
    await page.locator(`[data-test=versions] li[data-version="${current.version}"]`).getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(current.id));
    await expect(page.locator("[data-test=agreement-meta] [data-test=version]")).toHaveText(String(current.version));
    const notice = page.locator("[data-test=superseded-by]");
    await expect(notice).toContainText(`Version ${next}`);
    await expect(page.locator(`[data-test=versions] li[data-version="${next}"]`)).toBeVisible();
    await expectNoAxeViolations(page);
});

test("a field the server refuses is marked next to its input and gets focus", async ({ page }) => {
    await page.goto("/styrning");
    const draft = page
        .locator("[data-test=agreements-table] tbody tr")
        .filter({ has: page.locator("[data-test=agreement-status]", { hasText: /^Utkast$/ }) })
        .filter({ hasText: "Södermalm" });
    await draft.getByRole("link").click();
    await expectStatus(page, "Utkast");
    await page.getByRole("button", { name: "Redigera" }).click();
    await page.getByRole("button", { name: "Lägg till mål" }).click();
    const goal = page.getByRole("group", { name: "Mål 1", exact: true });
    await goal.getByLabel("Rubrik").fill("Ett mål");
    await goal.getByRole("button", { name: "Lägg till indikator för mål 1" }).click();
    const indicator = page.getByRole("group", { name: "Indikator 1 för mål 1" });
    await indicator.getByLabel("Indikator").fill("Något");
    // A check only the server makes: answered here without storing anything.
    await page.route("**/api/v1/agreements/*", async (route) => {
        if (route.request().method() !== "PUT") return route.fallback();
        const body = route.request().postDataJSON() as { goals: { indicators: { target: unknown }[] }[] };
        expect(body.goals[0]!.indicators[0]!.target).toBeNull();
        await route.fulfill({
            status: 400,
            contentType: "application/problem+json",
            body: JSON.stringify({
                type: "about:blank",
                title: "Bad request",
                status: 400,
                detail: "Field 'goals[0].indicators[0].target' is required here.",
                field: "goals[0].indicators[0].target",
            }),
        });
    });
    await page.getByRole("button", { name: "Spara", exact: true }).click();
    const target = indicator.getByLabel("Målvärde");
    await expect(target).toBeFocused();
    await expect(target).toHaveAttribute("aria-invalid", "true");
    await expect(indicator).toContainText("is required here");
    await expect(page.locator("[data-test=save-error]")).toContainText("Ändringarna kunde inte sparas:");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Avbryt" }).click();
    await expect(page.getByRole("button", { name: "Redigera" })).toBeFocused();
});

test.describe("a politician", () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test("reads the agreements but has no buttons to change them", async ({ page }) => {
        await signIn(page, "politician");
        await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeVisible();
        await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Överenskommelse & styrning" }).click();
        await expect(page.getByRole("heading", { level: 1, name: "Överenskommelse & styrning" })).toBeFocused();
        await expect(versionRow(page, citywideTitle, 1)).toHaveCount(1);
        await expect(page.getByRole("heading", { name: "Ny överenskommelse" })).toHaveCount(0);
        await expect(page.getByRole("button", { name: "Skapa utkast" })).toHaveCount(0);
        await expectNoAxeViolations(page);

        const inForce = rowsOf(page, citywideTitle).filter({
            has: page.locator("[data-test=agreement-status]", { hasText: /^Gäller$/ }),
        });
        await inForce.first().getByRole("link").click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(citywideTitle);
        await expect(page.getByRole("heading", { level: 2, name: "Fokusområden" })).toBeVisible();
        await expect(page.getByRole("heading", { level: 2, name: "Hantera överenskommelsen" })).toHaveCount(0);
        await expect(page.getByRole("main").getByRole("button", { name: manageButtons })).toHaveCount(0);
        await expectNoAxeViolations(page);

        // Not on a draft either.
        await page.goto("/styrning");
        const draft = page
            .locator("[data-test=agreements-table] tbody tr")
            .filter({ has: page.locator("[data-test=agreement-status]", { hasText: /^Utkast$/ }) })
            .first();
        await draft.getByRole("link").click();
        await expectStatus(page, "Utkast");
        await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
    });
});
