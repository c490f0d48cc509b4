import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createGroupWithMeeting, unique } from "./governanceApi";
import { expectNoAxeViolations, signIn } from "./helpers";

// Groups, mandates, meetings and decisions, and governance health. What these tests create carries a
// timestamp; the demo's own groups and decisions are only read, so reruns on one database pass.

const steeringGroup = "Styrgruppen för samverkan";
const jarvaGroup = "Lokal samverkansgrupp Järva";

function governanceNav(page: Page): Locator {
    return page.getByRole("navigation", { name: "Delar av styrningen" });
}

/** Ticks an FKUI checkbox or radio button the way a user does: by its label (the input is visually hidden). */
async function tick(scope: Locator, name: string, role: "checkbox" | "radio" = "checkbox"): Promise<void> {
    const box = scope.getByRole(role, { name, exact: true });
    await scope.locator(`label[for="${await box.getAttribute("id")}"]`).click();
    await expect(box).toBeChecked();
}

function decision(page: Page, title: string): Locator {
    return page.locator("[data-test=decision]").filter({ has: page.getByRole("heading", { level: 3, name: title }) });
}

async function recordDecision(page: Page, title: string, amount: string, major = false): Promise<Locator> {
    const form = page.locator("[data-test=new-decision]");
    await form.getByLabel("Beslut", { exact: true }).fill(title);
    await form.getByLabel(/^Ärendetyp/).fill("measure");
    await form.getByLabel(/^Belopp i kronor/).fill(amount);
    if (major) {
        await form.locator("label[for=decision-major]").click();
        await expect(form.getByRole("checkbox", { name: /^Större beslut/ })).toBeChecked();
    }
    await form.getByRole("button", { name: "Registrera beslut" }).click();
    const card = decision(page, title);
    await expect(card).toHaveCount(1);
    // The new decision's heading gets focus, so that its evaluation is read next.
    await expect(card.getByRole("heading", { level: 3 })).toBeFocused();
    return card;
}

test("governance health shows broken composition, a pending escalation, a late consultation and a group behind its cadence", async ({
    page,
}) => {
    await page.goto("/styrning");
    await governanceNav(page).getByRole("link", { name: "Styrningens hälsa" }).click();
    await expect(page).toHaveURL(/\/styrning\/halsa$/);
    await expect(page.getByRole("heading", { level: 1, name: "Styrningens hälsa" })).toBeFocused();
    await expect(page).toHaveTitle("Styrningens hälsa – Samverkan");
    await expect(governanceNav(page).getByRole("link", { name: "Styrningens hälsa" })).toHaveAttribute("aria-current", "page");

    const composition = page.locator("[data-test=health-composition]");
    await expect(composition.getByRole("heading", { level: 2 })).toHaveText(/^Grupper som bryter mot sammansättningskrav \(\d+\)$/);
    const steering = composition.getByRole("row").filter({ has: page.getByRole("link", { name: steeringGroup }) });
    await expect(steering).toContainText("Skärholmen stadsdelsnämnd");
    await expect(composition.getByRole("link", { name: "EST-gruppen", exact: true })).toBeVisible();

    const escalations = page.locator("[data-test=health-escalations]");
    const camera = escalations.getByRole("row").filter({ hasText: "Kameraövervakning på fem platser" });
    await expect(camera).toContainText("Kommunstyrelsen");
    await expect(camera).toContainText("exceeds the limit");

    const consultations = page.locator("[data-test=health-consultations]");
    await expect(
        consultations.getByRole("row").filter({ hasText: "Omfördelning av resurser till Järva" }).locator("[data-test=consultation-state]"),
    ).toHaveText("Samråd öppnat för sent");

    const cadence = page.locator("[data-test=health-cadence]");
    const skarpnack = cadence.getByRole("row").filter({ has: page.getByRole("link", { name: "Lokal samverkansgrupp Skarpnäck" }) });
    await expect(skarpnack).toContainText("Har inte haft något möte");

    // Every section has a heading with its count; an empty one says so.
    await expect(page.getByRole("heading", { level: 2 })).toHaveCount(6);
    for (const section of ["health-reports", "health-follow-ups"]) {
        const s = page.locator(`[data-test=${section}]`);
        const rows = await s.locator("[data-test=health-row]").count();
        if (rows === 0) await expect(s).toContainText("Inget att rapportera.");
    }
    await expect(page.getByRole("main")).not.toContainText("pending");
    await expectNoAxeViolations(page);

    // The escalation leads to its decision, in its meeting.
    await camera.getByRole("link", { name: "Kameraövervakning på fem platser" }).click();
    await expect(page).toHaveURL(/\/styrning\/moten\/[^/#]+#beslut-/);
    const card = decision(page, "Kameraövervakning på fem platser");
    await expect(card.getByRole("heading", { level: 3 })).toBeFocused();
    await expect(card.locator("[data-test=decision-status]")).toHaveText("Eskalerat");
    await expect(card.locator("[data-test=mandate-verdict]")).toHaveText("Utanför mandatet");
    await expect(card.locator("[data-test=escalation-outcome]")).toHaveText("Väntar på besked");
    await expectNoAxeViolations(page);
});

test("a coordinator creates a group with a mandate; decisions within it are made final, one outside is escalated and approved", async ({
    page,
}) => {
    test.setTimeout(90_000);
    const name = unique("E2E-grupp");
    await page.goto("/styrning");
    await governanceNav(page).getByRole("link", { name: "Grupper" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Grupper" })).toBeFocused();
    await expect(page).toHaveTitle("Grupper – Samverkan");
    const table = page.locator("[data-test=groups-table]");
    await expect(table.locator("caption")).not.toBeEmpty();
    const steering = table.locator("[data-test=group-row]").filter({ has: page.getByRole("link", { name: steeringGroup }) });
    await expect(steering.locator("[data-test=composition-status]")).toHaveText("Bryter mot sammansättningskrav");
    await expect(steering.locator("[data-test=composition-problems]")).toContainText("Skärholmen stadsdelsnämnd");
    await expect(steering.locator("[data-test=kind]")).toHaveText("Styrgrupp");
    const jarva = table.locator("[data-test=group-row]").filter({ has: page.getByRole("link", { name: jarvaGroup }) });
    await expect(jarva.locator("[data-test=composition-status]")).toHaveText("Uppfyller sammansättningskraven");
    await expectNoAxeViolations(page);

    // A new thematic group.
    const create = page.locator("[data-test=new-group]");
    await create.getByRole("button", { name: "Skapa grupp" }).click();
    await expect(create.getByRole("alert")).toContainText("Rätta de markerade fälten");
    await expect(create.getByLabel("Namn")).toBeFocused();
    await create.getByLabel("Namn").fill(name);
    await tick(create, "Tematisk grupp", "radio");
    await create.getByLabel("Mötesfrekvens").selectOption({ label: "Varje månad" });
    await tick(create, "Socialnämnden");
    await create.getByRole("button", { name: "Skapa grupp" }).click();

    await expect(page).toHaveURL(/\/styrning\/grupper\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    await expect(page.locator("[data-test=group-meta] [data-test=kind]")).toHaveText("Tematisk grupp");
    await expect(page.locator("[data-test=committees]")).toContainText("Socialnämnden");
    const notice = page.locator("[data-test=composition-notice]");
    await expect(notice.locator("[data-test=composition-status]")).toHaveText("Bryter mot sammansättningskrav");
    await expect(notice).toContainText("Neither party is represented");
    await expect(page.locator("[data-test=non-delegable]")).toContainText("Mål, inriktning och omfattning kan aldrig delegeras");
    await expectNoAxeViolations(page);

    // A member from each party.
    const members = page.locator("[data-test=add-member]");
    await members.getByLabel("Namn").fill("Anna Stad");
    await members.getByLabel("Organisation").selectOption({ label: "Stadsledningskontoret" });
    await members.getByLabel("Roll").selectOption({ label: "Ordförande" });
    await members.getByRole("button", { name: "Lägg till ledamot" }).click();
    await expect(page.locator("[data-test=members] [data-test=action-message]")).toHaveText("Anna Stad är tillagd som ledamot.");
    await expect(notice).toContainText("The police are not represented");
    await members.getByLabel("Namn").fill("Per Polis");
    await members.getByLabel("Organisation").selectOption({ label: "Lokalpolisområde Södermalm" });
    await members.getByRole("button", { name: "Lägg till ledamot" }).click();
    await expect(page.locator("[data-test=members-table] [data-test=member-row]")).toHaveCount(2);
    const police = page.locator("[data-test=member-row]").filter({ hasText: "Per Polis" });
    await expect(police.locator("[data-test=member-organisation]")).toHaveText("Lokalpolisområde Södermalm");
    await expect(police.locator("[data-test=member-role]")).toHaveText("Ledamot");
    await expect(notice.locator("[data-test=composition-status]")).toHaveText("Uppfyller sammansättningskraven");
    await expect(notice).not.toContainText("represented");

    // The mandate: measures up to 100 000 kr; beyond that the matter goes to Kommunstyrelsen.
    const rule = page.locator("[data-test=add-rule]");
    await rule.getByLabel(/^Ärendetyp/).fill("goals");
    await rule.getByLabel("Ärenden utanför mandatet går till").selectOption({ label: "Kommunstyrelsen" });
    await rule.getByRole("button", { name: "Lägg till regel" }).click();
    await expect(rule.getByRole("alert")).toContainText("Rätta de markerade fälten");
    await expect(rule.getByLabel(/^Ärendetyp/)).toBeFocused();
    await expect(rule).toContainText("kan aldrig delegeras");
    await rule.getByLabel(/^Ärendetyp/).fill("measure");
    await rule.getByLabel(/^Beloppsgräns i kronor/).fill("100000");
    await rule.getByRole("button", { name: "Lägg till regel" }).click();
    const ruleRow = page.locator("[data-test=rules-table] [data-test=rule-row]");
    await expect(ruleRow).toHaveCount(1);
    await expect(ruleRow.locator("[data-test=rule-matter-type]")).toHaveText("Insats (measure)");
    await expect(ruleRow.locator("[data-test=rule-amount]")).toHaveText(/^100\s000\skr$/);
    await expect(ruleRow.locator("[data-test=rule-escalate-to]")).toHaveText("Kommunstyrelsen");
    await expect(ruleRow.locator("[data-test=rule-consultation]")).toHaveText("Nej");

    // A meeting today, with both members present.
    const meetingForm = page.locator("[data-test=add-meeting]");
    await meetingForm.getByLabel(/^Dagordning/).fill("1. Lägesbild\n2. Beslut om insatser");
    await meetingForm.getByLabel("Protokoll").fill("Gruppen beslutade om två insatser.");
    await tick(meetingForm, "Anna Stad, Ordförande");
    await tick(meetingForm, "Per Polis, Ledamot");
    await meetingForm.getByRole("button", { name: "Registrera möte" }).click();
    await expect(meetingForm.locator("[data-test=action-message]")).toContainText("är registrerat");
    const meetingRow = page.locator("[data-test=meetings-table] [data-test=meeting-row]");
    await expect(meetingRow).toHaveCount(1);
    await expect(meetingRow).toContainText("2 närvarande");
    await expectNoAxeViolations(page);

    await meetingRow.getByRole("link").click();
    await expect(page).toHaveURL(/\/styrning\/moten\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(new RegExp(`^${name}, möte `));
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    await expect(page.locator("[data-test=agenda]")).toContainText("2. Beslut om insatser");
    await expect(page.locator("[data-test=attendance] li")).toHaveCount(2);

    // Within the mandate: proposed, then final.
    const small = await recordDecision(page, "Trygghetsvandringar i centrum", "50000");
    await expect(small.locator("[data-test=mandate-verdict]")).toHaveText("Inom mandatet");
    await expect(small.locator("[data-test=decision-status]")).toHaveText("Förslag");
    await expect(small.locator("[data-test=consultation-state]")).toHaveText("Samråd behövs inte");
    await expect(small.locator("[data-test=escalation]")).toHaveCount(0);
    await small.getByRole("button", { name: "Fastställ beslutet" }).click();
    await expect(small.locator("[data-test=decision-status]")).toHaveText("Fastställt");
    await expect(small.locator("[data-test=action-message]")).toHaveText("Beslutet är nu: Fastställt.");
    await expect(small.locator("[data-test=queued]")).toBeVisible();
    await expect(small.getByRole("button", { name: "Fastställ beslutet" })).toHaveCount(0);

    // Outside the mandate: escalated to Kommunstyrelsen with the reason, and cannot be made final here.
    const large = await recordDecision(page, "Kameror vid tunnelbanan", "500000");
    await expect(large.locator("[data-test=mandate-verdict]")).toHaveText("Utanför mandatet");
    await expect(large.locator("[data-test=decision-status]")).toHaveText("Eskalerat");
    await expect(large.locator("[data-test=reasons]")).toContainText("The amount 500000 SEK exceeds the limit of 100000 SEK.");
    await expect(large.locator("[data-test=escalated-to]")).toContainText("Eskalerat till Kommunstyrelsen");
    await expect(large.locator("[data-test=escalation-reason]")).toContainText("exceeds the limit");
    await expect(large.locator("[data-test=escalation-outcome]")).toHaveText("Väntar på besked");
    await expect(large.getByRole("button", { name: "Fastställ beslutet" })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // Kommunstyrelsen approves: the loop is closed and the decision is final.
    const outcome = large.locator("[data-test=outcome-form]");
    await outcome.getByRole("button", { name: "Spara besked" }).click();
    await expect(large.getByRole("alert")).toContainText("Rätta de markerade fälten");
    await tick(outcome, "Godkänt", "radio");
    await outcome.getByRole("button", { name: "Spara besked" }).click();
    await expect(large.locator("[data-test=decision-status]")).toHaveText("Fastställt");
    await expect(large.locator("[data-test=escalation-outcome]")).toHaveText("Godkänt");
    await expect(large.locator("[data-test=outcome-form]")).toHaveCount(0);
    await expect(large.locator("[data-test=action-message]")).toHaveText("Beskedet är registrerat. Beslutet är nu: Fastställt.");
    await expectNoAxeViolations(page);

    // The group page leads back, and the decisions stay after a reload.
    await page.reload();
    await expect(decision(page, "Kameror vid tunnelbanan").locator("[data-test=decision-status]")).toHaveText("Fastställt");
    await page.locator("[data-test=group-link]").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
});

test("a major decision without consultation is refused until a coordinator gives an override reason", async ({ page }) => {
    const group = await createGroupWithMeeting(page, "E2E-samråd");
    await page.goto(`/styrning/moten/${group.meetingId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(new RegExp(`^${group.name}, möte `));

    const card = await recordDecision(page, "Ny fältverksamhet i Järva", "40000", true);
    await expect(card.locator("[data-test=major]")).toHaveText("Större beslut");
    await expect(card.locator("[data-test=mandate-verdict]")).toHaveText("Inom mandatet");
    await expect(card.locator("[data-test=consultation-state]")).toHaveText("Samråd saknas");

    await card.getByRole("button", { name: "Fastställ beslutet" }).click();
    const alert = card.getByRole("alert");
    await expect(alert).toContainText("Beslutet kunde inte fastställas:");
    await expect(alert).toContainText("Det politiska samrådet öppnades inte i god tid");
    await expect(alert).toContainText("Ange en motivering");
    await expect(card.locator("[data-test=decision-status]")).toHaveText("Förslag");
    const reason = card.getByLabel(/^Motivering för att fastställa utan samråd i god tid/);
    await expect(reason).toBeFocused();
    await expectNoAxeViolations(page);

    // An empty reason is caught before it reaches the server.
    await card.getByRole("button", { name: "Fastställ ändå, med motivering" }).click();
    await expect(alert).toContainText("Rätta de markerade fälten");
    await expect(reason).toBeFocused();

    await reason.fill("Akut läge efter skjutningen; Kommunstyrelsens ordförande informerad muntligen.");
    await card.getByRole("button", { name: "Fastställ ändå, med motivering" }).click();
    await expect(card.locator("[data-test=decision-status]")).toHaveText("Fastställt");
    await expect(card.locator("[data-test=override-reason]")).toHaveText(
        "Akut läge efter skjutningen; Kommunstyrelsens ordförande informerad muntligen.",
    );
    await expect(card.locator("[data-test=decision-error]")).toBeEmpty();
    await expectNoAxeViolations(page);
});

test("a consultation is opened and concluded on a major decision; opened on the decision day it is flagged as late", async ({ page }) => {
    const group = await createGroupWithMeeting(page, "E2E-samråd-i-tid");
    await page.goto(`/styrning/moten/${group.meetingId}`);
    const card = await recordDecision(page, "Utökad nattvandring", "20000", true);
    const open = card.locator("[data-test=consultation-form]");
    await open.getByLabel("Politiskt organ").selectOption({ label: "Kommunstyrelsen" });
    // Opened today for a decision dated today: too late.
    await open.getByRole("button", { name: "Öppna samråd" }).click();
    await expect(card.locator("[data-test=consultation-state]")).toHaveText("Samråd öppnat för sent");
    await expect(card.locator("[data-test=consultation-reason]")).toContainText("at least 14 days");
    const conclude = card.locator("[data-test=conclude-form]");
    await conclude.getByLabel("Resultat av samrådet").fill("Inga invändningar.");
    await conclude.getByRole("button", { name: "Avsluta samråd" }).click();
    await expect(card.locator("[data-test=consultations]")).toContainText("avslutat");
    await expect(card.locator("[data-test=consultations]")).toContainText("Inga invändningar.");
    await expect(card.locator("[data-test=conclude-form]")).toHaveCount(0);
    await expect(card.locator("[data-test=consultation-state]")).toHaveText("Samråd öppnat för sent");
    await expectNoAxeViolations(page);
});

test("a refusal from the server is shown in an alert, in the server's words", async ({ page }) => {
    const group = await createGroupWithMeeting(page, "E2E-nekad");
    await page.goto(`/styrning/grupper/${group.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(group.name);
    // The roles seen by the browser allow it, but the server has the last word (here: answered without storing).
    await page.route("**/api/v1/groups/*/meetings", async (route) => {
        if (route.request().method() !== "POST") return route.fallback();
        await route.fulfill({
            status: 403,
            contentType: "application/problem+json",
            body: JSON.stringify({
                type: "about:blank",
                title: "Forbidden",
                status: 403,
                detail: "Your roles do not permit group.record on this group.",
            }),
        });
    });
    const form = page.locator("[data-test=add-meeting]");
    await form.getByRole("button", { name: "Registrera möte" }).click();
    const alert = form.getByRole("alert");
    await expect(alert).toContainText("Mötet kunde inte registreras:");
    await expect(alert.locator("[lang=en]")).toHaveText("Your roles do not permit group.record on this group.");
    await expect(alert).toBeFocused();
    await expect(page.locator("[data-test=meetings-table] [data-test=meeting-row]")).toHaveCount(1);
    await expectNoAxeViolations(page);
});

test("the group pages work at 390 px width", async ({ page }) => {
    const group = await createGroupWithMeeting(page, "E2E-smal");
    await page.setViewportSize({ width: 390, height: 844 });
    const noSideScroll = async () =>
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto("/styrning/grupper");
    await expect(page.locator("[data-test=groups-table]")).toBeVisible();
    await noSideScroll();
    await page.goto(`/styrning/grupper/${group.id}`);
    await expect(page.locator("[data-test=rules-table]")).toBeVisible();
    await noSideScroll();
    await page.goto(`/styrning/moten/${group.meetingId}`);
    await expect(page.locator("[data-test=new-decision]")).toBeVisible();
    await recordDecision(page, "Smal skärm", "500000");
    await noSideScroll();
    await page.goto("/styrning/halsa");
    await expect(page.locator("[data-test=health-summary]")).toBeVisible();
    await noSideScroll();
});

test.describe("a group member", () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test("records meetings for their own group but reads the steering group only", async ({ page }) => {
        await signIn(page, "member");
        await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeVisible();
        await page.goto("/styrning/grupper");
        await expect(page.locator("[data-test=groups-table]")).toBeVisible();
        await expect(page.locator("[data-test=new-group]")).toHaveCount(0);
        await page.getByRole("link", { name: jarvaGroup }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(jarvaGroup);
        await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

        // Their own group: meetings and dialogue, but not members, mandate or obligations.
        await expect(page.locator("[data-test=add-meeting]")).toBeVisible();
        await expect(page.locator("[data-test=add-dialogue]")).toBeVisible();
        await expect(page.locator("[data-test=add-member]")).toHaveCount(0);
        await expect(page.locator("[data-test=add-rule]")).toHaveCount(0);
        await expect(page.locator("[data-test=add-obligation]")).toHaveCount(0);
        await expect(page.getByRole("button", { name: /^Ta bort/ })).toHaveCount(0);
        await expectNoAxeViolations(page);

        const agenda = unique("Trygghet i Tensta");
        const form = page.locator("[data-test=add-meeting]");
        await form.getByLabel(/^Dagordning/).fill(agenda);
        await tick(form, "Mohammed Gruppmedlem, Ledamot");
        await form.getByRole("button", { name: "Registrera möte" }).click();
        await expect(form.locator("[data-test=action-message]")).toContainText("är registrerat");
        await expect(page.locator("[data-test=meetings-table]")).toContainText(agenda);

        // The steering group: readable, with nothing to record.
        await page.goto("/styrning/grupper");
        await page.getByRole("link", { name: steeringGroup }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(steeringGroup);
        await expect(page.locator("[data-test=members-table]")).toBeVisible();
        await expect(page.locator("[data-test=read-only-note]")).toBeVisible();
        await expect(page.getByRole("main").locator("form")).toHaveCount(0);
        await expectNoAxeViolations(page);

        // Nor in its meetings: the decisions show, without buttons.
        await page.locator("[data-test=meetings-table] [data-test=meeting-row]").first().getByRole("link").click();
        await expect(page.locator("[data-test=decision]").first()).toBeVisible();
        await expect(page.getByRole("main").locator("form")).toHaveCount(0);
        await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
    });
});

test("a group's meetings can be downloaded and subscribed to as a calendar", async ({ page }) => {
    const group = await createGroupWithMeeting(page, "E2E-kalender");
    await page.goto(`/styrning/grupper/${group.id}`);
    const section = page.locator("[data-test=calendar]");
    await expect(section.getByRole("heading", { level: 2 })).toHaveText("Sammanträden i din kalender");
    const download = await page.request.get(await section.locator("[data-test=calendar-download]").getAttribute("href") ?? "");
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toMatch(/^text\/calendar/);
    expect(await download.text()).toContain("BEGIN:VEVENT");
    await section.getByRole("button", { name: "Skapa prenumerationsadress" }).click();
    const url = section.getByLabel("Prenumerationsadress");
    await expect(url).toHaveValue(/\/api\/v1\/calendar\/[A-Za-z0-9_-]{40,}$/);
    // A calendar program fetches it without the session cookie.
    const feed = await page.request.get(await url.inputValue(), { headers: { cookie: "" } });
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain(`SUMMARY:Sammanträde: ${group.name}`.slice(0, 60));
    await expectNoAxeViolations(page);
});
