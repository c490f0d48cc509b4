import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const demoPassword = "Samverkan-demo-2026!";

/** The eight pages behind the main menu, with the heading each must show. */
export const menuPages = [
    { name: "Överenskommelse & styrning", path: "/styrning", placeholder: false },
    { name: "Handlingsplaner", path: "/handlingsplaner", placeholder: false },
    { name: "Lägesbild", path: "/lagesbild", placeholder: false },
    { name: "Dialog & arrangemang", path: "/dialog", placeholder: true },
    { name: "Tidiga insatser", path: "/tidiga-insatser", placeholder: true },
    { name: "Insyn", path: "/insyn", placeholder: true },
    { name: "Organisationer", path: "/organisationer", placeholder: false },
    { name: "Områden", path: "/omraden", placeholder: false },
] as const;

export async function signIn(page: Page, username: string, password = demoPassword): Promise<void> {
    await page.goto("/login");
    await page.getByLabel("Användarnamn").fill(username);
    await page.getByLabel("Lösenord").fill(password);
    await page.getByRole("button", { name: "Logga in" }).click();
}

/** Runs axe with the WCAG 2.1 A and AA rules and fails with a readable list of what broke. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const violations = results.violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    }));
    expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}
