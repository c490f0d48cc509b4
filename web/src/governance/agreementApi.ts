import { api } from "../api/client";
import type {
    AgreementComparison,
    AgreementContent,
    AgreementDetail,
    AgreementSummary,
    AgreementTransition,
    AreaList,
    ItemList,
    NewAgreement,
} from "../api/types";

export async function listAgreements(): Promise<AgreementSummary[]> {
    const list = await api.get<ItemList<AgreementSummary>>("/agreements");
    return list.items;
}

export function fetchAgreement(id: string): Promise<AgreementDetail> {
    return api.get<AgreementDetail>(`/agreements/${encodeURIComponent(id)}`);
}

/** Creates a draft, version 1. */
export function createAgreement(agreement: NewAgreement): Promise<AgreementDetail> {
    return api.post<AgreementDetail>("/agreements", agreement);
}

/** Replaces the content of a draft (409 for any other status). */
export function updateAgreement(id: string, content: AgreementContent): Promise<AgreementDetail> {
    return api.put<AgreementDetail>(`/agreements/${encodeURIComponent(id)}`, content);
}

/** Moves the agreement to another status; 409 with the reason in `detail` when a rule forbids it. */
export function transitionAgreement(id: string, to: AgreementTransition): Promise<AgreementDetail> {
    return api.post<AgreementDetail>(`/agreements/${encodeURIComponent(id)}/transitions`, { to });
}

/** A new draft version in the same chain, with the content copied. */
export function createVersion(id: string): Promise<AgreementDetail> {
    return api.post<AgreementDetail>(`/agreements/${encodeURIComponent(id)}/versions`);
}

export function compareAgreements(from: string, to: string): Promise<AgreementComparison> {
    return api.get<AgreementComparison>("/agreements/compare", { from, to });
}

/** The districts (stadsdelsområden) of today's layout, for local agreements. */
export async function listDistricts(): Promise<AreaList["items"]> {
    const list = await api.get<AreaList>("/areas", { kind: "district" });
    return list.items.slice().sort((a, b) => a.name.localeCompare(b.name, "sv"));
}
