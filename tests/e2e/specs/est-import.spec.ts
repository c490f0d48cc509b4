import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { estNav } from "./estHelpers";
import { expectNoAxeViolations } from "./helpers";
import { now, nowMs } from "./clock";

// Importing the Police's public events as the coordinator. The events carry ids made from the time of
// the run, so that each run's first import is new and its second one is all duplicates.

/** "2026-11-27 9:58:49 +00:00": the Police's format, whose hour can have one digit. */
function policeTime(date: Date): string {
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${date.getUTCHours()}:${pad(
        date.getUTCMinutes(),
    )}:${pad(date.getUTCSeconds())} +00:00`;
}

function policeEvents(run: number): object[] {
    const when = policeTime(new Date(nowMs() - 2 * 3_600_000));
    const stockholm = { name: "Stockholm", gps: "59.329324,18.068581" };
    return [
        {
            id: run,
            datetime: when,
            name: `${when.slice(0, 10)}, Skadegörelse, Stockholm`,
            summary: "Krossade rutor i ett trapphus i Rinkeby.",
            url: `/aktuellt/handelser/e2e-${run}`,
            type: "Skadegörelse",
            location: stockholm,
        },
        {
            id: run + 1,
            datetime: when,
            name: `${when.slice(0, 10)}, Brand, Stockholm`,
            summary: "Brand i en papperskorg i Rinkeby, släckt av räddningstjänsten.",
            url: `/aktuellt/handelser/e2e-${run + 1}`,
            type: "Brand",
            location: stockholm,
        },
        {
            id: run + 2,
            datetime: when,
            name: `${when.slice(0, 10)}, Skadegörelse, Solna`,
            summary: "Skadegörelse på en bil vid Råsunda.",
            url: `/aktuellt/handelser/e2e-${run + 2}`,
            type: "Skadegörelse",
            location: { name: "Solna", gps: "59.360049,18.000854" },
        },
        {
            id: run + 3,
            datetime: when,
            name: `${when.slice(0, 10)}, Trafikolycka, Stockholm`,
            summary: "Trafikolycka med två bilar i Rinkeby.",
            url: `/aktuellt/handelser/e2e-${run + 3}`,
            type: "Trafikolycka",
            location: stockholm,
        },
    ];
}

async function importFile(page: Page, name: string, content: string): Promise<void> {
    const section = page.locator("[data-test=incident-import]");
    await section.getByLabel(/^Fil/).setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
    // The format follows the file's extension.
    await expect(section.getByLabel("Format")).toHaveValue("polisen");
    await section.getByRole("button", { name: "Importera filen" }).click();
    await expect(section.locator("[data-test=import-progress] progress")).toBeVisible();
    await expect(section.locator("[data-test=import-summary]")).toBeVisible({ timeout: 20_000 });
    await expect(section.locator("[data-test=import-announcement]")).toHaveText(/^Importen är klar:/);
    await expect(section.locator("[data-test=progress-text]")).toHaveText("Klar");
}

test("a coordinator imports the Police's events: Stockholm's are accepted, another municipality's and unmapped types rejected", async ({
    page,
}) => {
    const run = Date.now();
    const fileName = `polisen-e2e-${run}.json`;
    const content = JSON.stringify(policeEvents(run));

    await page.goto("/lagesbild");
    await estNav(page).getByRole("link", { name: "Importera" }).click();
    await expect(page).toHaveURL(/\/lagesbild\/import$/);
    await expect(page.getByRole("heading", { level: 1, name: "Importera" })).toBeFocused();
    await expect(page).toHaveTitle("Importera – Samverkan");
    await expect(page.locator("[data-test=safety-import]")).toBeVisible();
    await expectNoAxeViolations(page);

    // Nothing chosen: the file field says so.
    const section = page.locator("[data-test=incident-import]");
    await section.getByRole("button", { name: "Importera filen" }).click();
    await expect(section.locator("#est-import-file-error")).toHaveText("Välj en fil.");
    await expect(section.getByLabel(/^Fil/)).toBeFocused();

    await importFile(page, fileName, content);
    const summary = section.locator("[data-test=import-summary]");
    await expect(summary.getByRole("heading", { level: 3 })).toHaveText(`Resultat för ${fileName}`);
    await expect(summary.locator("[data-test=summary-total]")).toHaveText("4");
    await expect(summary.locator("[data-test=summary-accepted]")).toHaveText("2");
    await expect(summary.locator("[data-test=summary-duplicates]")).toHaveText("0");
    await expect(summary.locator("[data-test=summary-rejected]")).toHaveText("2");
    const rejected = summary.locator("[data-test=rejected-row]");
    await expect(rejected).toHaveCount(2);
    await expect(rejected.filter({ hasText: "Solna" }).locator("[data-test=rejected-reason]")).toContainText(
        "another municipality",
    );
    await expect(rejected.filter({ hasText: "Trafikolycka" }).locator("[data-test=rejected-reason]")).toContainText(
        "No category is mapped",
    );
    await expect(summary.locator("caption")).not.toBeEmpty();
    await expectNoAxeViolations(page);

    // The latest imports list it.
    await expect(page.locator("[data-test=recent-imports]")).toContainText(fileName);

    // The same file again: nothing new, both Stockholm events are duplicates.
    await importFile(page, fileName, content);
    await expect(summary.locator("[data-test=summary-accepted]")).toHaveText("0");
    await expect(summary.locator("[data-test=summary-duplicates]")).toHaveText("2");
    await expect(summary.locator("[data-test=summary-rejected]")).toHaveText("2");
});

test("a file that is not the Police's format is refused at once", async ({ page }) => {
    await page.goto("/lagesbild/import");
    const section = page.locator("[data-test=incident-import]");
    await section
        .getByLabel(/^Fil/)
        .setInputFiles({ name: "inte-json.json", mimeType: "application/json", buffer: Buffer.from("detta är ingen json") });
    await section.getByRole("button", { name: "Importera filen" }).click();
    await expect(section.locator("[data-test=import-error]")).toContainText("Filen kunde inte importeras:");
    await expect(section.locator("#est-import-file-error")).not.toBeEmpty();
    await expect(section.locator("[data-test=import-summary]")).toHaveCount(0);
    await expectNoAxeViolations(page);
});
