import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { unique } from "./governanceApi";
import { expectNoAxeViolations } from "./helpers";
import { createMeasure, openPlan, planTabs } from "./plansHelpers";

// Exporting Järva's plan for a committee, and the CSV round trip of its measures (as the coordinator).

test("the coordinator exports Järva's plan as a spreadsheet", async ({ page }) => {
    await openPlan(page);
    await planTabs(page).getByRole("link", { name: "Export" }).click();
    await expect(page).toHaveURL(/\/handlingsplaner\/[^/]+\/export$/);
    await expect(planTabs(page).getByRole("link", { name: "Export" })).toHaveAttribute("aria-current", "page");
    await expectNoAxeViolations(page);

    const link = page.getByRole("link", { name: "Ladda ned planen som Excel (xlsx)" });
    await expect(link).toHaveAttribute("href", /^\/api\/v1\/plans\/[^/]+\/export\.xlsx$/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = await readFile((await download.path())!);
    // An xlsx file is a ZIP archive.
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
});

test("the measures go out as CSV and come back unchanged; a file with bad rows changes nothing and lists every row's error", async ({
    page,
}) => {
    // A measure of its own, so that the plan has at least one measure whatever ran before.
    await createMeasure(page, unique("CSV-test: belysning i Akalla"));
    await openPlan(page);
    await planTabs(page).getByRole("link", { name: "Export" }).click();

    const csvLink = page.getByRole("link", { name: "Ladda ned åtgärderna som CSV" });
    const csv = await page.request.get((await csvLink.getAttribute("href"))!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    const body = await csv.body();
    // UTF-8 with a byte order mark, semicolons and CRLF line ends.
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.subarray(3).toString("utf8");
    const lines = text.split("\r\n").filter((l) => l !== "");
    expect(lines[0]).toBe("id;titel;beskrivning;typ;horisont;status;start;slut;ansvarig;ägare;mål;problem");
    const measures = lines.length - 1;
    expect(measures).toBeGreaterThan(0);

    const section = page.locator("[data-test=csv-import]");
    await section.getByLabel(/^CSV-fil/).setInputFiles({ name: "atgarder.csv", mimeType: "text/csv", buffer: body });
    await section.getByRole("button", { name: "Läs in filen" }).click();
    const result = section.locator("[data-test=csv-result]");
    await expect(result).toHaveText(`Filen är inläst: 0 nya, 0 ändrade och ${measures} oförändrade rader.`);
    await expect(result).toBeFocused();
    await expectNoAxeViolations(page);

    // Two bad rows: a measure id that does not exist, and a status that is not one.
    const bad = [
        lines[0],
        "finns-inte;Okänd åtgärd;;social;kort;planerad;2026-01-01;2026-03-31;;Järva stadsdelsnämnd;;",
        ";Ny åtgärd med fel status;;social;kort;påhittad;2026-01-01;2026-03-31;;Järva stadsdelsnämnd;;",
    ].join("\r\n");
    await section.getByLabel(/^CSV-fil/).setInputFiles({ name: "fel.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${bad}\r\n`) });
    await section.getByRole("button", { name: "Läs in filen" }).click();
    await expect(section.locator("[data-test=csv-error]")).toContainText("Filen lästes inte in, ingenting har ändrats:");
    const errors = section.locator("[data-test=csv-row-errors]");
    await expect(errors).toBeFocused();
    await expect(errors.getByRole("heading", { level: 3 })).toHaveText("2 fel i filen");
    const items = errors.locator("[data-test=csv-row-error]");
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toContainText("Rad 2");
    await expect(items.nth(1)).toContainText("Rad 3");
    await expect(items.nth(1)).toContainText("kolumn ”status”");
    await expect(items.nth(0).locator("[data-test=csv-row-reason]")).toHaveAttribute("lang", "en");
    await expectNoAxeViolations(page);

    // Nothing changed: the new row was not created.
    await planTabs(page).getByRole("link", { name: "Åtgärder" }).click();
    await expect(page.locator("[data-test=measures-table]")).toBeVisible();
    await expect(page.locator("[data-test=measure-row]").filter({ hasText: "Ny åtgärd med fel status" })).toHaveCount(0);
});

test("the hand-entered indicator values go out as CSV with decimal commas and are read back as the same values", async ({ page }) => {
    await openPlan(page);
    await planTabs(page).getByRole("link", { name: "Export" }).click();
    const link = page.getByRole("link", { name: "Ladda ned de inmatade indikatorvärdena som CSV" });
    const csv = await page.request.get((await link.getAttribute("href"))!);
    expect(csv.status()).toBe(200);
    const text = (await csv.body()).subarray(3).toString("utf8");
    expect(text.startsWith("indikator_id;indikator;period;värde\r\n")).toBe(true);
    // The demo's survey indicator has a value per year.
    expect(text).toMatch(/;Andel trygga i trygghetsmätningen;\d{4};\d+(,\d+)?\r\n/);

    const section = page.locator("[data-test=csv-import]");
    // The radio's styled label is what a pointer meets.
    await section.locator("label", { hasText: "Indikatorvärden" }).click();
    await expect(section.getByRole("radio", { name: "Indikatorvärden" })).toBeChecked();
    await section.getByLabel(/^CSV-fil/).setInputFiles({ name: "indikatorvarden.csv", mimeType: "text/csv", buffer: await csv.body() });
    await section.getByRole("button", { name: "Läs in filen" }).click();
    await expect(section.locator("[data-test=csv-result]")).toContainText("0 nya, 0 ändrade");
    await expectNoAxeViolations(page);
});
