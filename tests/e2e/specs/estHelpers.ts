import { expect, type Locator, type Page } from "@playwright/test";
import { now } from "./clock";

// Shared steps of the situation picture specs (est-*.spec.ts).

export function estNav(page: Page): Locator {
    return page.getByRole("navigation", { name: "Delar av lägesbilden" });
}

/** Ticks an FKUI radio button the way a user does: by its label (the input is visually hidden). */
export async function chooseRadio(scope: Locator, name: string): Promise<void> {
    const radio = scope.getByRole("radio", { name, exact: true });
    await scope.locator(`label[for="${await radio.getAttribute("id")}"]`).click();
    await expect(radio).toBeChecked();
}

/** The page is no wider than the viewport: nothing makes a phone user scroll sideways. */
export async function expectNoSideScroll(page: Page): Promise<void> {
    const width = page.viewportSize()?.width ?? 0;
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** The ISO week of today in Stockholm, as the API names it ("2026-W48"). */
export function currentIsoWeek(at = now()): string {
    const local = new Date(at.toLocaleString("en-US", { timeZone: "Europe/Stockholm" }));
    const d = new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
    d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
    const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
    firstThursday.setUTCDate(firstThursday.getUTCDate() + 3 - ((firstThursday.getUTCDay() + 6) % 7));
    const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
    return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** "Vecka 48, 2026" for "2026-W48", as the pages write a week. */
export function weekName(code: string): string {
    const [year, week] = code.split("-W");
    return `Vecka ${Number(week)}, ${year}`;
}
