import { expect, test } from "./fixtures";
import { apiFor, unique } from "./governanceApi";
import { expectNoAxeViolations, signIn } from "./helpers";
import { currentQuarter, jarvaPlan, mainNav, openPlan, planIdOf, planTabs } from "./plansHelpers";

// Järva's local priorities, as its district coordinator (jarvacoordinator) sees and changes them. The
// move test swaps the last two problems, so every run starts from whatever order the last one left.

test.describe("Järva's district coordinator", () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test.beforeEach(async ({ page }) => {
        await signIn(page, "jarvacoordinator");
        await expect(mainNav(page)).toBeVisible();
    });

    test("moves a problem up with the keyboard; the new place is announced and survives a reload", async ({ page }) => {
        await mainNav(page).getByRole("link", { name: "Handlingsplaner", exact: true }).click();
        await expect(page.getByRole("heading", { level: 1, name: "Handlingsplaner" })).toBeFocused();
        await page.getByRole("link", { name: jarvaPlan, exact: true }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(jarvaPlan);
        await expect(page).toHaveTitle("Handlingsplan: prioriteringar – Samverkan");
        await expect(planTabs(page).getByRole("link", { name: "Prioriteringar" })).toHaveAttribute("aria-current", "page");

        const titles = page.locator("[data-test=problems] [data-test=problem-title]");
        await expect(titles.first()).toBeVisible();
        const before = await titles.allTextContents();
        expect(before.length).toBeGreaterThanOrEqual(2);
        // The first cannot move up, the last cannot move down: both say so but keep their place in the tab order.
        await expect(page.getByRole("button", { name: `Flytta upp ”${before[0]}”` })).toHaveAttribute("aria-disabled", "true");
        await expect(page.getByRole("button", { name: `Flytta ned ”${before.at(-1)}”` })).toHaveAttribute("aria-disabled", "true");
        await expectNoAxeViolations(page);

        const last = before.at(-1)!;
        const expected = [...before.slice(0, -2), last, before.at(-2)!];
        const up = page.getByRole("button", { name: `Flytta upp ”${last}”` });
        await up.focus();
        await page.keyboard.press("Enter");

        const announcement = page.locator("[data-test=priority-message] [role=status]");
        await expect(announcement).toHaveText(`”${last}” är nu på plats ${before.length - 1} av ${before.length}.`);
        await expect(titles).toHaveText(expected);
        // Focus stays on the moved problem's button, so that it can be moved again at once.
        await expect(up).toBeFocused();

        await page.reload();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(jarvaPlan);
        await expect(titles).toHaveText(expected);
        await expect(page.locator("[data-test=problem]").nth(before.length - 2).locator("h3")).toContainText(
            `${before.length - 1}.`,
        );
        await expectNoAxeViolations(page);
    });

    test("adds a problem with the crime triangle and a figure from the situation picture", async ({ page }) => {
        await openPlan(page);
        const form = page.locator("[data-test=new-problem]");

        // Nothing filled in: the alert and the field say what is missing, and focus goes to the field.
        await form.getByRole("button", { name: "Lägg till problemet" }).click();
        await expect(form.getByRole("alert").first()).toContainText("Rätta de markerade fälten");
        await expect(form.getByLabel("Problem", { exact: true })).toBeFocused();
        await expect(form.locator("#problem-title-error")).toHaveText("Skriv vad problemet är.");

        const title = unique("Klotter vid Rinkeby centrum");
        await form.getByLabel("Problem", { exact: true }).fill(title);
        // The focus areas come from the plan's agreement; the first will do.
        const focusArea = form.getByLabel("Fokusområde", { exact: true });
        await focusArea.selectOption({ index: 1 });
        const focusAreaTitle = (await focusArea.locator("option:checked").textContent())!.trim();
        await form.getByRole("textbox", { name: /^Gärningsperson/ }).fill("Unga som samlas kvällstid");
        await form.getByRole("textbox", { name: /^Mål\/brottsoffer/ }).fill("Fastighetsägare och butiker");
        await form.getByRole("textbox", { name: /^Plats/ }).fill("Gångtunneln vid torget");

        await form.getByRole("button", { name: "Lägg till underlag från lägesbilden" }).click();
        const evidence = form.locator("[data-test=evidence-row]");
        await expect(evidence.getByLabel("Område")).toBeFocused();
        await expect(evidence.getByLabel("Område").locator("option:checked")).toHaveText("Järva");
        await evidence.getByLabel("Kategori").selectOption({ label: "Klotter" });
        const { year, quarter } = currentQuarter();
        await evidence.getByLabel(/^Period/).fill(`${year}-Q${quarter}`);
        await evidence.getByLabel(/^Beskrivning/).fill("Klotter i Järva");
        await expectNoAxeViolations(page);
        await form.getByRole("button", { name: "Lägg till problemet" }).click();

        const added = page.locator("[data-test=problem]").filter({ hasText: title });
        await expect(form.locator("[data-test=action-message]")).toContainText(`Problemet ”${title}” är tillagt på plats`);
        await expect(form.locator("[data-test=action-message]")).toBeFocused();
        await expect(added.locator("[data-test=triangle-offender]")).toHaveText("Unga som samlas kvällstid");
        await expect(added.locator("[data-test=problem-focus-area]")).toHaveText(`Fokusområde: ${focusAreaTitle}`);
        await expect(form.getByLabel("Problem", { exact: true })).toHaveValue("");

        // The evidence shows the live count from the situation picture, also after a reload.
        await expect(added.locator("[data-test=evidence-figure]")).toHaveText(/^\d+ händelser?$/);
        await page.reload();
        await expect(added.locator("[data-test=triangle-place]")).toHaveText("Gångtunneln vid torget");
        await expect(added.locator("[data-test=evidence-figure]")).toHaveText(/^\d+ händelser?$/);
        await expect(added.getByRole("link", { name: `Visa lägesbilden för Kvartal ${quarter}, ${year}` })).toHaveAttribute(
            "href",
            new RegExp(`^/lagesbild\\?omrade=[^&]+&period=${year}-Q${quarter}$`),
        );
        await expectNoAxeViolations(page);
    });

    test("a move made on a stale list is refused; the server's reason is shown and the list is read again", async ({ page }) => {
        await openPlan(page);
        const titles = page.locator("[data-test=problems] [data-test=problem-title]");
        await expect(titles.first()).toBeVisible();
        const before = await titles.allTextContents();

        // Meanwhile, someone adds a problem to the plan.
        const added = unique("Nytt problem från en kollega");
        const api = await apiFor(page);
        await api.post(`/plans/${await planIdOf(page, "Järva")}/problems`, { title: added });

        await page.getByRole("button", { name: `Flytta ned ”${before[0]}”` }).click();
        const alert = page.locator("[data-test=priorities-error]");
        await expect(alert).toContainText("Ordningen kunde inte sparas:");
        // The server's reason, told in Swedish from its code (no English text in the Swedish UI).
        await expect(alert).toContainText("Listan har ändrats sedan du öppnade den");
        await expect(alert.locator("[lang=en]")).toHaveCount(0);
        // The order did not change, and the colleague's problem now shows last.
        await expect(titles).toHaveText([...before, added]);
        await expectNoAxeViolations(page);
    });

    test("reads the citywide plan but cannot change it", async ({ page }) => {
        await page.goto("/handlingsplaner");
        const citywide = page.locator("[data-test=plan-row][data-scope=citywide]");
        await expect(page.locator("[data-test=plan-row]").first()).toHaveAttribute("data-scope", "citywide");
        await citywide.getByRole("link").click();
        await expect(page.locator("[data-test=read-only-note]")).toBeVisible();
        await expect(page.locator("[data-test=problem]").first()).toBeVisible();
        await expect(page.getByRole("button", { name: /^Flytta upp/ })).toHaveCount(0);
        await expect(page.locator("[data-test=new-problem]")).toHaveCount(0);
        await planTabs(page).getByRole("link", { name: "Åtgärder" }).click();
        await expect(page.locator("[data-test=measures-table]")).toBeVisible();
        await expect(page.locator("[data-test=new-measure]")).toHaveCount(0);
    });
});
