import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { now } from "./clock";

// Sets up test data through the JSON API with the page's session, for the parts a test is not about.

export function isoDate(date: Date): string {
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(iso: string, days: number): string {
    const date = new Date(`${iso}T12:00:00`);
    date.setDate(date.getDate() + days);
    return isoDate(date);
}

/** A name no earlier run has used. */
export function unique(prefix: string): string {
    return `${prefix} ${Date.now()}-${Math.floor(Math.random() * 1000)}`;
}

export interface Api {
    get<T>(path: string): Promise<T>;
    post<T>(path: string, body?: unknown): Promise<T>;
    organisationId(name: string): Promise<string>;
}

export async function apiFor(page: Page): Promise<Api> {
    const request: APIRequestContext = page.request;
    const session = await request.get("/api/v1/session");
    expect(session.ok(), "signed in").toBeTruthy();
    const { csrf_token: csrf } = (await session.json()) as { csrf_token: string };
    let organisations: { id: string; name: string }[] | null = null;
    const api: Api = {
        async get<T>(path: string): Promise<T> {
            const response = await request.get(`/api/v1${path}`);
            expect(response.ok(), `GET ${path}: ${await response.text()}`).toBeTruthy();
            return (await response.json()) as T;
        },
        async post<T>(path: string, body?: unknown): Promise<T> {
            const response = await request.post(`/api/v1${path}`, {
                data: body ?? {},
                headers: { "X-CSRF-Token": csrf },
            });
            expect(response.ok(), `POST ${path}: ${await response.text()}`).toBeTruthy();
            return (await response.json()) as T;
        },
        async organisationId(name: string): Promise<string> {
            organisations ??= (await api.get<{ items: { id: string; name: string }[] }>("/organisations")).items;
            const found = organisations.find((o) => o.name === name);
            expect(found, `organisation ${name}`).toBeTruthy();
            return found!.id;
        },
    };
    return api;
}

export interface TestGroup {
    id: string;
    name: string;
    meetingId: string;
}

/**
 * A thematic group with a member from each party, a mandate for "measure" up to 100 000 kr that
 * escalates to Kommunstyrelsen, reporting to Socialnämnden, and one meeting today.
 */
export async function createGroupWithMeeting(page: Page, prefix: string): Promise<TestGroup> {
    const api = await apiFor(page);
    const [ks, social, slk, police] = await Promise.all([
        api.organisationId("Kommunstyrelsen"),
        api.organisationId("Socialnämnden"),
        api.organisationId("Stadsledningskontoret"),
        api.organisationId("Lokalpolisområde Södermalm"),
    ]);
    const name = unique(prefix);
    const group = await api.post<{ id: string }>("/groups", {
        name,
        kind: "thematic",
        cadence: "monthly",
        committee_ids: [social],
    });
    await api.post(`/groups/${group.id}/members`, { name: "Anna Stad", organisation_id: slk, role: "chair" });
    await api.post(`/groups/${group.id}/members`, { name: "Per Polis", organisation_id: police, role: "member" });
    await api.post(`/groups/${group.id}/rules`, {
        matter_type: "measure",
        amount_limit_sek: 100000,
        area_ids: [],
        requires_consultation: false,
        escalate_to_id: ks,
        valid_from: "2020-01-01",
    });
    const meeting = await api.post<{ id: string }>(`/groups/${group.id}/meetings`, {
        held_on: isoDate(now()),
        agenda: "Lägesbild\nBeslut",
        minutes: "",
        attendance: [],
    });
    return { id: group.id, name, meetingId: meeting.id };
}
