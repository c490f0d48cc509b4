// The action plans' API (handlingsplaner): plans with their ranked problems, goals, indicators and
// measures, follow-ups and comments, citizen promises, the roll-up across the city, and the
// spreadsheet export with its CSV round trip.
import { api } from "../api/client";
import type {
    CitizenPromise,
    CsvImportResult,
    ItemList,
    Measure,
    MeasureDetail,
    FollowUp,
    MeasureStatus,
    NewFollowUp,
    NewMeasure,
    NewPlanIndicator,
    NewPlanProblem,
    NewPromiseActivity,
    Plan,
    PlanComment,
    PlanIndicator,
    PlanProblem,
    PlanRollup,
    PlanSummary,
    PromiseActivity,
    PromiseFollowUp,
} from "../api/types";

const seg = encodeURIComponent;

// ---------- plans ----------

/** Citywide first, then the districts' plans by name. */
export async function listPlans(): Promise<PlanSummary[]> {
    return (await api.get<ItemList<PlanSummary>>("/plans")).items;
}

export function fetchPlan(id: string): Promise<Plan> {
    return api.get<Plan>(`/plans/${seg(id)}`);
}

export function fetchRollup(): Promise<PlanRollup> {
    return api.get<PlanRollup>("/plan-rollup");
}

// ---------- problems and their ranking ----------

export function addProblem(planId: string, problem: NewPlanProblem): Promise<PlanProblem> {
    return api.post<PlanProblem>(`/plans/${seg(planId)}/problems`, problem);
}

/** Saves a new order: every problem of the plan, each once, most important first. */
export async function savePriorities(planId: string, problemIds: string[]): Promise<PlanProblem[]> {
    return (await api.put<{ problems: PlanProblem[] }>(`/plans/${seg(planId)}/priorities`, { problem_ids: problemIds }))
        .problems;
}

// ---------- indicators ----------

export function addGoalIndicator(goalId: string, indicator: NewPlanIndicator): Promise<PlanIndicator> {
    return api.post<PlanIndicator>(`/goals/${seg(goalId)}/indicators`, indicator);
}

export function addMeasureIndicator(measureId: string, indicator: NewPlanIndicator): Promise<PlanIndicator> {
    return api.post<PlanIndicator>(`/measures/${seg(measureId)}/indicators`, indicator);
}

/** A manually measured value for a period ("2026-Q3", "2026" …); bound indicators refuse (409). */
export function saveIndicatorValue(indicatorId: string, period: string, value: number): Promise<PlanIndicator> {
    return api.put<PlanIndicator>(`/indicators/${seg(indicatorId)}/values/${seg(period)}`, { value });
}

// ---------- measures ----------

export function createMeasure(planId: string, measure: NewMeasure): Promise<Measure> {
    return api.post<Measure>(`/plans/${seg(planId)}/measures`, measure);
}

export function fetchMeasure(id: string): Promise<MeasureDetail> {
    return api.get<MeasureDetail>(`/measures/${seg(id)}`);
}

export function setMeasureStatus(id: string, status: MeasureStatus): Promise<Measure> {
    return api.patch<Measure>(`/measures/${seg(id)}`, { status });
}

export function addFollowUp(measureId: string, followUp: NewFollowUp): Promise<FollowUp> {
    return api.post<FollowUp>(`/measures/${seg(measureId)}/follow-ups`, followUp);
}

/** A comment on the plan, or on one of its measures. */
export function addComment(planId: string, body: string, measureId?: string): Promise<PlanComment> {
    return api.post<PlanComment>(`/plans/${seg(planId)}/comments`, measureId ? { body, measure_id: measureId } : { body });
}

// ---------- citizen promises ----------

/** The promises of a district or police area; without an area, all. */
export async function listPromises(areaId?: string): Promise<CitizenPromise[]> {
    return (await api.get<ItemList<CitizenPromise>>("/citizen-promises", { area: areaId })).items;
}

export function addPromiseActivity(promiseId: string, activity: NewPromiseActivity): Promise<PromiseActivity> {
    return api.post<PromiseActivity>(`/citizen-promises/${seg(promiseId)}/activities`, activity);
}

export function addPromiseFollowUp(promiseId: string, followUp: NewFollowUp): Promise<PromiseFollowUp> {
    return api.post<PromiseFollowUp>(`/citizen-promises/${seg(promiseId)}/follow-ups`, followUp);
}

// ---------- export and CSV round trip ----------

export type CsvKind = "measures" | "follow-ups" | "indicator-values";

/** Where the browser downloads the plan (plain links carry the session cookie). */
export function planDownloadUrl(planId: string, file: "export.xlsx" | "measures.csv" | "follow-ups.csv" | "indicator-values.csv"): string {
    return `/api/v1/plans/${seg(planId)}/${file}`;
}

/** Sends an edited CSV back; one bad row refuses the whole file (400 with `errors`). */
export function importCsv(planId: string, kind: CsvKind, file: Blob): Promise<CsvImportResult> {
    return api.postRaw<CsvImportResult>(`/plans/${seg(planId)}/${kind}.csv`, file, "text/csv");
}
