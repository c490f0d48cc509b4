// Reporting obligations, the reports drafted from them, and the committees' feedback.
import { api } from "../api/client";
import type { ItemList, NewFeedback, NewObligation, Report, ReportEdit, ReportingObligation } from "../api/types";

const seg = encodeURIComponent;

export async function listObligations(groupId?: string): Promise<ReportingObligation[]> {
    const list = await api.get<ItemList<ReportingObligation>>("/reporting", { group_id: groupId || undefined });
    return list.items;
}

export function addObligation(groupId: string, obligation: NewObligation): Promise<ReportingObligation> {
    return api.post<ReportingObligation>(`/groups/${seg(groupId)}/obligations`, obligation);
}

/** Drafts the report of one period from the platform's own data. */
export function draftReport(obligationId: string, periodStart: string): Promise<Report> {
    return api.post<Report>(`/obligations/${seg(obligationId)}/reports`, { period_start: periodStart });
}

export function fetchReport(id: string): Promise<Report> {
    return api.get<Report>(`/reports/${seg(id)}`);
}

/** Drafts only (409 once submitted). */
export function saveReport(id: string, edit: ReportEdit): Promise<Report> {
    return api.put<Report>(`/reports/${seg(id)}`, edit);
}

export function submitReport(id: string): Promise<Report> {
    return api.post<Report>(`/reports/${seg(id)}/submit`);
}

/** Where the browser downloads the report (plain links: the session cookie goes along). */
export function reportDownloadUrl(id: string, format: "pdf" | "html"): string {
    return `/api/v1/reports/${seg(id)}/${format}`;
}

/** Submitted reports only. */
export function recordFeedback(reportId: string, feedback: NewFeedback): Promise<Report> {
    return api.post<Report>(`/reports/${seg(reportId)}/feedback`, feedback);
}

export function completeFollowUp(itemId: string, note: string): Promise<Report> {
    return api.post<Report>(`/follow-ups/${seg(itemId)}/done`, { note });
}
