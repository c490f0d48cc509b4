import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { currentIsoWeek, estNav, weekName } from "./estHelpers";
import { expectNoAxeViolations, signIn } from "./helpers";

// The weekly situation picture. The demo plants a hotspot in the current ISO week: Klotter in Rinkeby
// (Järva). The analysis written here carries a timestamp, so a rerun checks its own text.

const week = currentIsoWeek();

test.describe("a member of Järva's local group", () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test("sees the week's hotspot Klotter in Rinkeby, writes the analysis and focus, and finds them after a reload", async ({
        page,
    }) => {
        await signIn(page, "member");
        await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeVisible();
        await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Lägesbild", exact: true }).click();
        await expect(page).toHaveURL(/\/lagesbild$/);
        await expect(page.getByRole("heading", { level: 1, name: "Lägesbild" })).toBeFocused();

        // Järva is the member's one district, and the current week is shown.
        await expect(page.getByLabel("Område", { exact: true }).locator("option:checked")).toHaveText("Järva");
        await expect(page.locator("[data-test=picture-heading]")).toHaveText(`Järva: ${weekName(week)}`);
        await expect(page.getByLabel("Vecka", { exact: true })).toHaveValue(String(Number(week.split("-W")[1])));

        const hotspots = page.locator("[data-test=est-hotspots]");
        await expect(hotspots.locator("[data-test=method-text]")).toBeVisible();
        await expect(hotspots.locator("[data-test=method-text]")).toContainText("hotspot");
        const klotter = hotspots.locator("[data-test=hotspot]").filter({ hasText: "Rinkeby" }).filter({ hasText: "Klotter" });
        await expect(klotter).toHaveCount(1);
        await expect(klotter.locator("[data-test=hotspot-neighbourhood]")).toHaveText("Rinkeby");
        await expect(klotter.locator("[data-test=hotspot-category]")).toHaveText("Klotter");

        // Categories with their trend, the map with its legend and table, and totals.
        const categories = page.locator("[data-test=category-table]");
        await expect(categories.locator("[data-test=category-row][data-code=klotter] [data-test=sparkline]")).toHaveAttribute(
            "aria-label",
            /^Trend för Klotter de senaste 52 veckorna/,
        );
        await page.locator("[data-test=trend-details] summary").click();
        await expect(page.locator("[data-test=trend-table] tbody tr")).toHaveCount(52);
        await expect(page.locator("[data-test=est-map] [data-test=area-map]")).toBeVisible();
        await expect(page.locator("[data-test=est-map] [data-test=legend] li").first()).toHaveText("Inga händelser");
        const rinkeby = page.locator("[data-test=neighbourhood-row][data-name=Rinkeby]");
        await expect(rinkeby.locator("[data-test=count]")).not.toHaveText("0");
        await expect(page.locator("[data-test=total-count]")).toHaveText(/^\d+$/);
        await expectNoAxeViolations(page);

        // The member's own group writes the analysis and the places to focus on next week.
        const analysis = `Klottret i Rinkeby har ökat kraftigt kring torget (e2e ${Date.now()}).`;
        const note = page.locator("[data-test=note-form]");
        await note.getByRole("textbox", { name: /^Analys/ }).fill(analysis);
        await note.getByRole("textbox", { name: /^Fokusplatser nästa vecka/ }).fill("Rinkeby torg\nRinkebystråket");
        await note.getByRole("button", { name: "Spara analysen" }).click();
        await expect(page.locator("[data-test=est-note] [data-test=action-message]")).toHaveText("Analysen är sparad.");
        await expect(page.locator("[data-test=note-updated]")).toContainText("Senast ändrad av");

        await page.reload();
        await expect(page.locator("[data-test=picture-heading]")).toHaveText(`Järva: ${weekName(week)}`);
        await expect(page.getByRole("textbox", { name: /^Analys/ })).toHaveValue(analysis);
        await expect(page.getByRole("textbox", { name: /^Fokusplatser nästa vecka/ })).toHaveValue("Rinkeby torg\nRinkebystråket");
        await expectNoAxeViolations(page);

        // The previous week has its own (other) note.
        await page.getByRole("button", { name: "Föregående vecka" }).click();
        await expect(page).toHaveURL(/period=\d{4}-W\d{2}/);
        await expect(page.locator("[data-test=picture-heading]")).not.toHaveText(`Järva: ${weekName(week)}`);
        await expect(page.getByRole("textbox", { name: /^Analys/ })).not.toHaveValue(analysis);
    });
});

test("the coordinator downloads the picture as a spreadsheet and as a PDF", async ({ page }) => {
    await page.goto("/lagesbild");
    await page.getByLabel("Område", { exact: true }).selectOption({ label: "Järva" });
    await expect(page.locator("[data-test=picture-heading]")).toHaveText(`Järva: ${weekName(week)}`);

    const xlsxLink = page.getByRole("link", { name: "Ladda ned som Excel (xlsx)" });
    await expect(xlsxLink).toHaveAttribute("href", /^\/api\/v1\/situation-picture\.xlsx\?area=[^&]+&period=\d{4}-W\d{2}$/);
    const [download] = await Promise.all([page.waitForEvent("download"), xlsxLink.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");

    const pdfLink = page.getByRole("link", { name: "Ladda ned som PDF" });
    const pdf = await page.request.get((await pdfLink.getAttribute("href"))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("the whole city shows its districts; the reports behind a picture can be listed", async ({ page }) => {
    await page.goto("/lagesbild");
    await expect(estNav(page).getByRole("link", { name: "Lägesbild" })).toHaveAttribute("aria-current", "page");
    await page.getByLabel("Område", { exact: true }).selectOption({ label: "Stockholms stad" });
    await expect(page.locator("[data-test=picture-heading]")).toHaveText(`Stockholms stad: ${weekName(week)}`);
    const districts = page.locator("[data-test=district-table]");
    await expect(districts.locator("[data-test=district-row]")).toHaveCount(11);
    await expect(districts.locator("[data-test=district-row][data-name=Järva]")).toBeVisible();
    await expectNoAxeViolations(page);

    // A quarter: the period picker turns the week into its quarter.
    await page.getByLabel("Periodtyp").selectOption("quarter");
    await expect(page.locator("[data-test=picture-heading]")).toHaveText(/^Stockholms stad: Kvartal [1-4], \d{4}$/);
    await expect(page.getByRole("button", { name: "Föregående kvartal" })).toBeVisible();

    await page.getByLabel("Område", { exact: true }).selectOption({ label: "Järva" });
    await page.getByLabel("Periodtyp").selectOption("week");
    await expect(page.locator("[data-test=picture-heading]")).toHaveText(`Järva: ${weekName(week)}`);
    await page.getByRole("link", { name: "Visa de enskilda händelserapporterna" }).click();
    await expect(page).toHaveURL(/\/lagesbild\/rapporter\?omrade=[^&]+&period=\d{4}-W\d{2}$/);
    await expect(page.getByRole("heading", { level: 1, name: "Händelserapporter" })).toBeFocused();
    await expect(page.getByLabel("Område", { exact: true }).locator("option:checked")).toHaveText("Järva");
    const rows = page.locator("[data-test=incidents-table] [data-test=incident-row]");
    await expect(rows.first()).toBeVisible();
    await expect(page.locator("[data-test=incidents-count]")).toHaveText(/^Visar 1–\d+ av \d+ rapporter\.$/);
    await page.getByLabel("Kategori").selectOption({ label: "Klotter" });
    await expect(rows.first()).toContainText("Klotter");
    await expectNoAxeViolations(page);
});

test.describe("a politician", () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test("sees pictures but not the individual reports", async ({ page }) => {
        await signIn(page, "politician");
        await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeVisible();
        await page.goto("/lagesbild");
        await expect(page.locator("[data-test=picture-heading]")).toBeVisible();
        await expect(page.getByRole("link", { name: "Visa de enskilda händelserapporterna" })).toHaveCount(0);
        await expect(page.locator("[data-test=note-form]")).toHaveCount(0);
        await expect(estNav(page)).toHaveCount(0);
        await expectNoAxeViolations(page);
    });
});
