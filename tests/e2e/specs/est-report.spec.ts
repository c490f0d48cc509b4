import { expect, test } from "./fixtures";
import { chooseRadio, currentIsoWeek, estNav, expectNoSideScroll, weekName } from "./estHelpers";
import { expectNoAxeViolations, signIn } from "./helpers";

// Filing an incident report on a phone, as the reporter of Södermalm (role incident_reporter scoped to
// the district). Each report carries a timestamp in its text, so a rerun is never a duplicate.

test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 375, height: 812 } });

test("a reporter sees their duty for the week and can say that there is nothing to report", async ({ page }) => {
    await signIn(page, "reporter");
    await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeAttached();
    await page.goto("/lagesbild/rapportera");
    const duty = page.locator("[data-test=my-reporting]");
    await expect(duty.getByRole("heading", { level: 2 })).toHaveText(`Din rapportering denna vecka (${weekName(currentIsoWeek())})`);
    await expect(duty).toContainText("Du rapporterar för Södermalm.");
    const nilButton = duty.getByRole("button", { name: "Inget att rapportera denna vecka" });
    // A fresh database has no report from this week yet; on a rerun the week is already reported.
    if ((await duty.locator("[data-test=duty-status]").textContent()) === "Inte rapporterat") {
        await expect(nilButton).toBeVisible();
        await expectNoAxeViolations(page);
        await nilButton.click();
        await expect(duty.locator("[data-test=action-message]")).toHaveText("Noterat: inget att rapportera denna vecka.");
        await expect(duty.locator("[data-test=action-message]")).toBeFocused();
    }
    await expect(duty.locator("[data-test=duty-status]")).toHaveText("Rapporterat");
    await expect(nilButton).toHaveCount(0);
    await expectNoAxeViolations(page);
});

test("a reporter files a report at a named place on a phone and sees the area it was assigned to", async ({ page }) => {
    await signIn(page, "reporter");
    await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeAttached();
    await page.goto("/lagesbild/rapportera");
    const heading = page.getByRole("heading", { level: 1, name: "Rapportera händelse" });
    await expect(heading).toBeVisible();
    await expect(page).toHaveTitle("Rapportera händelse – Samverkan");
    // A reporter's menu holds what they can do; coordinators' pages are not offered.
    await expect(estNav(page).getByRole("link", { name: "Rapportera" })).toHaveAttribute("aria-current", "page");
    await expect(estNav(page).getByRole("link", { name: "Kategorier" })).toHaveCount(0);
    await expect(estNav(page).getByRole("link", { name: "Inrapportering" })).toHaveCount(0);

    const form = page.locator("[data-test=report-form]");
    await expect(form.getByLabel("Kategori")).toContainText("Klotter");
    await expect(form.getByLabel("När hände det?")).toHaveValue(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await expectNoAxeViolations(page);
    await expectNoSideScroll(page);

    // Sending with nothing chosen names each missing field.
    await form.getByRole("button", { name: "Skicka rapporten" }).click();
    await expect(form.locator("[data-test=report-error]")).toContainText("Rätta de markerade fälten");
    await expect(form.getByLabel("Kategori")).toBeFocused();
    await expect(form.getByLabel("Kategori")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#est-report-category-error")).toHaveText("Välj en kategori.");
    await expect(page.locator("#est-report-severity-error")).toHaveText("Välj allvarlighetsgrad.");

    await form.getByLabel("Kategori").selectOption({ label: "Klotter" });
    await chooseRadio(form.locator("[data-test=place-mode]"), "Välj en namngiven plats");
    await form.getByLabel("Plats", { exact: true }).selectOption({ label: "Medborgarplatsen (Södermalm)" });
    await expect(form.getByLabel("Källa (organisation)").locator("option:checked")).not.toHaveText("");
    await chooseRadio(form.locator("[data-test=severity]"), "Medel");
    await form.getByRole("textbox", { name: /^Beskrivning/ }).fill(`Nytt klotter på elskåpet vid trappan (e2e ${Date.now()}).`);
    await form.getByRole("button", { name: "Skicka rapporten" }).click();

    const result = page.locator("[data-test=report-result]");
    await expect(result).toContainText("Rapporten är registrerad.");
    await expect(result).toBeFocused();
    await expect(result.locator("[data-test=assigned-neighbourhood]")).toHaveText("Södermalm");
    await expect(result.locator("[data-test=assigned-district]")).toHaveText("Södermalm");
    await expect(result.locator("[data-test=assigned-police-area]")).toHaveText("Södermalm");
    await expect(result).toContainText(weekName(currentIsoWeek()));
    // The form is ready for the next report: the text and severity are cleared.
    await expect(form.getByRole("textbox", { name: /^Beskrivning/ })).toHaveValue("");
    await expectNoAxeViolations(page);
    await expectNoSideScroll(page);

    // The reporter's duty for the week now shows as done.
    const duty = page.locator("[data-test=my-reporting]");
    await expect(duty).toContainText("Södermalm");
    await expect(duty.locator("[data-test=duty-status]")).toHaveText("Rapporterat");
});

test("a report whose text holds a personal identity number is refused, with the error on the text field", async ({ page }) => {
    await signIn(page, "reporter");
    await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeAttached();
    await page.goto("/lagesbild/rapportera");
    const form = page.locator("[data-test=report-form]");
    await expect(form.getByLabel("Kategori")).toContainText("Nedskräpning");
    await form.getByLabel("Kategori").selectOption({ label: "Nedskräpning" });
    await form.getByLabel("Plats", { exact: true }).selectOption({ label: "Slussen (Södermalm)" });
    await chooseRadio(form.locator("[data-test=severity]"), "Låg");
    const text = form.getByRole("textbox", { name: /^Beskrivning/ });
    await text.fill(`Skräp vid busshållplatsen, anmält av 811218-9876 (e2e ${Date.now()}).`);
    await form.getByRole("button", { name: "Skicka rapporten" }).click();

    await expect(form.locator("[data-test=report-error]")).toContainText("Rapporten kunde inte skickas:");
    await expect(text).toBeFocused();
    await expect(text).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#est-report-text-error")).toContainText("personnummer");
    await expect(page.locator("[data-test=report-result]")).not.toContainText("Rapporten är registrerad");
    await expectNoAxeViolations(page);

    // Without the number, the same report goes through.
    await text.fill(`Skräp vid busshållplatsen (e2e ${Date.now()}).`);
    await form.getByRole("button", { name: "Skicka rapporten" }).click();
    await expect(page.locator("[data-test=report-result] [data-test=assigned-neighbourhood]")).toHaveText("Södermalm");
    await expect(page.locator("#est-report-text-error")).toBeEmpty();
});

test("a point clicked on the map is reported with its coordinates", async ({ page }) => {
    await signIn(page, "reporter");
    await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeAttached();
    await page.goto("/lagesbild/rapportera");
    const form = page.locator("[data-test=report-form]");
    await expect(form.getByLabel("Kategori")).toContainText("Klotter");
    await form.getByLabel("Kategori").selectOption({ label: "Klotter" });
    await chooseRadio(form.locator("[data-test=place-mode]"), "Peka ut platsen på kartan");
    const södermalm = form.locator("[data-test=place-map] path[data-test=neighbourhood]").filter({
        has: page.locator("title", { hasText: /^Södermalm – Södermalm/ }),
    });
    await expect(södermalm).toHaveCount(1);
    await södermalm.click();
    await expect(form.locator("[data-test=picked-point]")).toHaveText(/^Vald punkt: 59,\d+, 18,\d+, i Södermalm\.$/);
    await expect(form.locator("[data-test=map-marker]")).toHaveCount(1);
    await chooseRadio(form.locator("[data-test=severity]"), "Hög");
    await form.getByRole("textbox", { name: /^Beskrivning/ }).fill(`Klotter på husfasad (e2e ${Date.now()}).`);
    await form.getByRole("button", { name: "Skicka rapporten" }).click();
    await expect(page.locator("[data-test=report-result] [data-test=assigned-neighbourhood]")).toHaveText("Södermalm");
    await expectNoAxeViolations(page);
    await expectNoSideScroll(page);
});

test("the reporter's own picture works on a phone: Södermalm, no sideways scrolling, tables scroll in their own box", async ({
    page,
}) => {
    await signIn(page, "reporter");
    await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeAttached();
    await page.goto("/lagesbild");
    await expect(page.locator("[data-test=picture-heading]")).toHaveText(`Södermalm: ${weekName(currentIsoWeek())}`);
    await expect(page.getByLabel("Område", { exact: true }).locator("option")).toHaveCount(1);
    await expect(page.locator("[data-test=neighbourhood-table]")).toBeVisible();
    // The category table is wider than a phone: its box scrolls and takes focus for keyboard users.
    const box = page.getByRole("region", { name: /^Händelser per kategori i Södermalm/ });
    await expect(box).toHaveAttribute("tabindex", "0");
    await expectNoSideScroll(page);
    await expectNoAxeViolations(page);
});
