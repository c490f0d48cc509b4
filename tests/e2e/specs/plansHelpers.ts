import { expect, type Locator, type Page } from "@playwright/test";
import { addDays, apiFor, isoDate } from "./governanceApi";
import { now } from "./clock";

// Shared steps of the action plan specs (plans-*.spec.ts). What they create carries a unique title;
// the demo's plans, problems and measures are read, and Järva's priorities are only swapped among
// themselves, so the specs run in any order and again on the same database.

export const jarvaPlan = "Lokal handlingsplan Järva";

export function mainNav(page: Page): Locator {
    return page.getByRole("navigation", { name: "Huvudmeny" });
}

export function plansNav(page: Page): Locator {
    return page.getByRole("navigation", { name: "Delar av handlingsplanerna" });
}

export function planTabs(page: Page): Locator {
    return page.getByRole("navigation", { name: "Delar av planen" });
}

/** Ticks an FKUI checkbox or radio button the way a user does: by its label (the input is visually hidden). */
export async function tick(scope: Locator, name: string | RegExp, role: "checkbox" | "radio" = "checkbox"): Promise<void> {
    const box = scope.getByRole(role, { name, exact: typeof name === "string" });
    await scope.locator(`label[for="${await box.getAttribute("id")}"]`).click();
    await expect(box).toBeChecked();
}

/** Opens a plan from the list of plans, by its title, and waits for its heading. */
export async function openPlan(page: Page, title = jarvaPlan): Promise<void> {
    await page.goto("/handlingsplaner");
    await page.locator("[data-test=plans-table]").getByRole("link", { name: title, exact: true }).click();
    await expect(page).toHaveURL(/\/handlingsplaner\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
}

interface PlanSummary {
    id: string;
    title: string;
    district: { id: string; name: string } | null;
}

/** The id of a district's plan (or the citywide plan for null), read through the API with the page's session. */
export async function planIdOf(page: Page, district: string | null): Promise<string> {
    const api = await apiFor(page);
    const plans = (await api.get<{ items: PlanSummary[] }>("/plans")).items;
    const plan = plans.find((p) => (district === null ? p.district === null : p.district?.name === district));
    expect(plan, `the plan of ${district ?? "the city"}`).toBeTruthy();
    return plan!.id;
}

/** A measure in a district's plan, made through the API (for the tests that are not about creating one). */
export async function createMeasure(
    page: Page,
    title: string,
    options: { district?: string; owner?: string; endInDays?: number; status?: string } = {},
): Promise<string> {
    const api = await apiFor(page);
    const planId = await planIdOf(page, options.district ?? "Järva");
    const today = isoDate(now());
    const measure = await api.post<{ id: string }>(`/plans/${planId}/measures`, {
        title,
        description: "Skapad av ett webbtest.",
        type: "social",
        horizon: "short",
        status: options.status ?? "planned",
        start_date: addDays(today, -60),
        end_date: addDays(today, options.endInDays ?? 90),
        responsible: "Testansvarig",
        owner_organisation_ids: [await api.organisationId(options.owner ?? "Järva stadsdelsnämnd")],
    });
    return measure.id;
}

/** The quarter of today in Stockholm: { year, quarter }. */
export function currentQuarter(at = now()): { year: number; quarter: number } {
    const local = new Date(at.toLocaleString("en-US", { timeZone: "Europe/Stockholm" }));
    return { year: local.getFullYear(), quarter: Math.floor(local.getMonth() / 3) + 1 };
}
