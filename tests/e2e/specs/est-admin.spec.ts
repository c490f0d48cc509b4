import { expect, test } from "./fixtures";
import { currentIsoWeek, estNav, weekName } from "./estHelpers";
import { expectNoAxeViolations } from "./helpers";

// The coordinator's pages of the situation picture: reporting duties, and the category taxonomy with the
// police event type mappings. What the tests add carries a timestamp and is removed or retired again.

test("the coordinator sees the week's reporting duties, adds one and removes it", async ({ page }) => {
    const week = currentIsoWeek();
    // A duty left behind by an interrupted earlier run is removed first.
    const session = await page.request.get("/api/v1/session");
    const csrf = ((await session.json()) as { csrf_token: string }).csrf_token;
    const candidates = (await (await page.request.get("/api/v1/reporting-duties/candidates")).json()) as {
        items: { id: string; username: string }[];
    };
    const reporter = candidates.items.find((c) => c.username === "reporter");
    expect(reporter, "the demo reporter is a candidate").toBeTruthy();
    const areas = (await (await page.request.get("/api/v1/situation-areas")).json()) as {
        items: { id: string; name: string; kind: string }[];
    };
    const skarpnack = areas.items.find((a) => a.name === "Skarpnäck" && a.kind === "district")!;
    await page.request.delete(`/api/v1/reporting-duties/${reporter!.id}/${skarpnack.id}`, { headers: { "X-CSRF-Token": csrf } });

    await page.goto("/lagesbild");
    await estNav(page).getByRole("link", { name: "Inrapportering" }).click();
    await expect(page).toHaveURL(/\/lagesbild\/inrapportering$/);
    await expect(page.getByRole("heading", { level: 1, name: "Inrapportering" })).toBeFocused();
    await expect(page).toHaveTitle("Inrapportering – Samverkan");
    await expect(page.getByRole("heading", { level: 2 }).first()).toHaveText(`Rapportering, ${weekName(week)}`);
    await expect(page.locator("[data-test=duties] [aria-live]").first()).not.toContainText("Hämtar");
    await expectNoAxeViolations(page);

    const form = page.locator("[data-test=add-duty]");
    await form.getByRole("button", { name: "Lägg till" }).click();
    await expect(form.getByRole("alert")).toContainText("Rätta de markerade fälten");
    await expect(form.getByLabel("Rapportör")).toBeFocused();
    await form.getByLabel("Rapportör").selectOption({ label: "Rasmus Rapportör (reporter)" });
    await form.getByLabel("Område", { exact: true }).selectOption({ label: "Skarpnäck" });
    await form.getByRole("button", { name: "Lägg till" }).click();
    await expect(page.locator("[data-test=duties] [data-test=action-message]")).toHaveText(
        "Rasmus Rapportör rapporterar nu för Skarpnäck.",
    );
    const row = page.locator("[data-test=duty-row][data-user=reporter]").filter({ hasText: "Skarpnäck" });
    await expect(row).toHaveCount(1);
    await expect(row.locator("[data-test=duty-status]")).toHaveText(/^(Rapporterat|Inte rapporterat|Inget att rapportera)$/);
    await expect(page.locator("[data-test=duties-summary]")).toHaveText(/^\d+ av \d+ har inte rapporterat\.$/);
    await expectNoAxeViolations(page);

    await row.getByRole("button", { name: "Ta bort Rasmus Rapportör som rapportör för Skarpnäck" }).click();
    await expect(page.locator("[data-test=duties] [data-test=action-message]")).toHaveText(
        "Rasmus Rapportör rapporterar inte längre för Skarpnäck.",
    );
    await expect(row).toHaveCount(0);

    // Another week is one click away and keeps its own address.
    await page.getByRole("button", { name: "Föregående vecka" }).click();
    await expect(page).toHaveURL(/\/lagesbild\/inrapportering\?vecka=\d{4}-W\d{2}$/);
});

test("the coordinator adds, renames, retires and reactivates a category, and maps a police event type to it", async ({
    page,
}) => {
    const run = Date.now();
    const code = `e2e_${run}`;
    const name = `E2E-kategori ${run}`;
    const type = `e2e-händelse ${run}`;

    await page.goto("/lagesbild");
    await estNav(page).getByRole("link", { name: "Kategorier" }).click();
    await expect(page).toHaveURL(/\/lagesbild\/kategorier$/);
    await expect(page.getByRole("heading", { level: 1, name: "Kategorier" })).toBeFocused();
    await expect(page).toHaveTitle("Kategorier – Samverkan");
    const table = page.locator("[data-test=categories-table]");
    await expect(table.locator("[data-test=category-row][data-code=klotter] [data-test=name-sv]")).toHaveText("Klotter");
    await expect(page.locator("[data-test=mapping-row]").first()).toBeVisible();
    await expectNoAxeViolations(page);

    // A code that breaks the rule is caught before it is sent.
    const add = page.locator("[data-test=add-category]");
    await add.getByLabel("Namn på svenska").fill(name);
    await add.getByLabel("Namn på engelska").fill(`E2E category ${run}`);
    await add.getByLabel(/^Kod/).fill("Inte OK");
    await add.getByRole("button", { name: "Lägg till kategori" }).click();
    await expect(add.getByLabel(/^Kod/)).toBeFocused();
    await add.getByLabel(/^Kod/).fill(code);
    await add.getByRole("button", { name: "Lägg till kategori" }).click();
    await expect(page.locator("[data-test=categories] [data-test=action-message]")).toHaveText(`Kategorin ${name} är tillagd.`);
    const row = table.locator(`[data-test=category-row][data-code=${code}]`);
    await expect(row.locator("[data-test=category-status]")).toHaveText("Används");

    // Rename.
    await row.getByRole("button", { name: `Byt namn på ${name}` }).click();
    const rename = page.locator("[data-test=rename-form]");
    await expect(rename.getByLabel("Namn på svenska")).toBeFocused();
    await rename.getByLabel("Namn på svenska").fill(`${name} (ny)`);
    await rename.getByRole("button", { name: "Spara namnen" }).click();
    await expect(page.locator("[data-test=categories] [data-test=action-message]")).toHaveText(
        `Kategorin heter nu ${name} (ny).`,
    );
    await expect(row.locator("[data-test=name-sv]")).toHaveText(`${name} (ny)`);

    // A police event type counted as the new category, then removed.
    const mapping = page.locator("[data-test=mapping-form]");
    await mapping.getByLabel(/^Polisens händelsetyp/).fill(type);
    await mapping.getByLabel("Kategori").selectOption({ label: `${name} (ny)` });
    await mapping.getByRole("button", { name: "Spara kopplingen" }).click();
    await expect(page.locator("[data-test=mappings] [data-test=action-message]")).toContainText(`räknas nu som ${name} (ny)`);
    const mappingRow = page.locator("[data-test=mapping-row]").filter({ hasText: type });
    await expect(mappingRow.locator("[data-test=mapping-category]")).toHaveText(`${name} (ny)`);
    await expectNoAxeViolations(page);
    await mappingRow.getByRole("button", { name: /^Ta bort kopplingen för/ }).click();
    await expect(page.locator("[data-test=mappings] [data-test=action-message]")).toContainText("är borttagen");
    await expect(mappingRow).toHaveCount(0);

    // Retire and reactivate; retired it is left, so that the reporters' list stays as the demo's.
    await row.getByRole("button", { name: `Ta ${name} (ny) ur bruk` }).click();
    await expect(row.locator("[data-test=category-status]")).toHaveText("Ur bruk");
    await row.getByRole("button", { name: `Återaktivera ${name} (ny)` }).click();
    await expect(row.locator("[data-test=category-status]")).toHaveText("Används");
    await row.getByRole("button", { name: `Ta ${name} (ny) ur bruk` }).click();
    await expect(row.locator("[data-test=category-status]")).toHaveText("Ur bruk");
    await page.reload();
    await expect(page.locator(`[data-test=category-row][data-code=${code}] [data-test=category-status]`)).toHaveText("Ur bruk");
});

test("a duplicate category code is refused with the server's explanation", async ({ page }) => {
    await page.goto("/lagesbild/kategorier");
    const add = page.locator("[data-test=add-category]");
    await add.getByLabel("Namn på svenska").fill(`Dubblett ${Date.now()}`);
    await add.getByLabel("Namn på engelska").fill(`Duplicate ${Date.now()}`);
    await add.getByLabel(/^Kod/).fill("klotter");
    await add.getByRole("button", { name: "Lägg till kategori" }).click();
    await expect(add.getByRole("alert")).toContainText("Kategorin kunde inte läggas till:");
    await expect(add.getByRole("alert")).toContainText("Det finns redan en kategori med koden klotter.");
    await expect(add.getByRole("alert").locator("[lang=en]")).toHaveCount(0);
    await expectNoAxeViolations(page);
});

