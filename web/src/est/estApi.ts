// The situation picture's API (lägesbild, EST): reference data, incident reports, imports with
// progress, the picture itself with its note, reporting duties and the safety survey.
import { api } from "../api/client";
import type {
    ImportFormat,
    ImportJob,
    ImportStarted,
    Incident,
    IncidentCategory,
    IncidentCategoryEdit,
    IncidentPage,
    ItemList,
    MyReporting,
    NamedPlace,
    NewIncident,
    NewIncidentCategory,
    PoliceTypeMapping,
    ReportingDutyWeek,
    SafetyImportResult,
    SituationArea,
    SituationNote,
    SituationNoteEdit,
    SituationPicture,
    UserRef,
} from "../api/types";

const seg = encodeURIComponent;

// ---------- reference data ----------

export { listCategories } from "../api/categories";

export function createCategory(category: NewIncidentCategory): Promise<IncidentCategory> {
    return api.post<IncidentCategory>("/incident-categories", category);
}

export function updateCategory(id: number, edit: IncidentCategoryEdit): Promise<IncidentCategory> {
    return api.patch<IncidentCategory>(`/incident-categories/${id}`, edit);
}

export async function listPlaces(): Promise<NamedPlace[]> {
    return (await api.get<ItemList<NamedPlace>>("/places")).items;
}

export async function listPoliceTypeMappings(): Promise<PoliceTypeMapping[]> {
    return (await api.get<ItemList<PoliceTypeMapping>>("/police-type-mappings")).items;
}

export function savePoliceTypeMapping(policeType: string, categoryId: number): Promise<PoliceTypeMapping> {
    return api.put<PoliceTypeMapping>(`/police-type-mappings/${seg(policeType)}`, { category_id: categoryId });
}

export function removePoliceTypeMapping(policeType: string): Promise<void> {
    return api.delete(`/police-type-mappings/${seg(policeType)}`);
}

// ---------- incident reports ----------

export function reportIncident(incident: NewIncident): Promise<Incident> {
    return api.post<Incident>("/incidents", incident);
}

export interface IncidentQuery {
    area: string;
    period: string;
    category?: number;
    limit?: number;
    offset?: number;
}

export function listIncidents(query: IncidentQuery): Promise<IncidentPage> {
    return api.get<IncidentPage>("/incidents", { ...query });
}

// ---------- imports ----------

/** The Content-Type each import format is sent with. */
export const importContentTypes: Record<ImportFormat, string> = {
    polisen: "application/json",
    csv: "text/csv",
    ndjson: "application/x-ndjson",
};

/** Sends a file's bytes; the import runs on the server, to be followed with fetchImport. */
export function startImport(file: Blob, format: ImportFormat, fileName: string): Promise<ImportStarted> {
    return api.postRaw<ImportStarted>("/incident-imports", file, importContentTypes[format], {
        format,
        file_name: fileName,
    });
}

export function fetchImport(id: string): Promise<ImportJob> {
    return api.get<ImportJob>(`/incident-imports/${seg(id)}`);
}

export async function listImports(): Promise<ImportJob[]> {
    return (await api.get<ItemList<ImportJob>>("/incident-imports")).items;
}

export function importSafetySurvey(file: Blob): Promise<SafetyImportResult> {
    return api.postRaw<SafetyImportResult>("/safety-indicators:import", file, "text/csv");
}

// ---------- the picture ----------

export async function listSituationAreas(): Promise<SituationArea[]> {
    return (await api.get<ItemList<SituationArea>>("/situation-areas")).items;
}

export interface PictureQuery {
    area: string;
    period: string;
    source?: string;
    min_severity?: number;
}

function pictureParams(query: PictureQuery): Record<string, string> {
    const params: Record<string, string> = { area: query.area, period: query.period };
    if (query.source) params.source = query.source;
    if (query.min_severity && query.min_severity > 1) params.min_severity = String(query.min_severity);
    return params;
}

export function fetchPicture(query: PictureQuery): Promise<SituationPicture> {
    return api.get<SituationPicture>("/situation-picture", pictureParams(query));
}

/** Where the browser downloads the same picture as a spreadsheet or a PDF (plain links carry the session cookie). */
export function pictureDownloadUrl(query: PictureQuery, format: "xlsx" | "pdf"): string {
    return `/api/v1/situation-picture.${format}?${new URLSearchParams(pictureParams(query)).toString()}`;
}

export function saveNote(areaId: string, period: string, note: SituationNoteEdit): Promise<SituationNote> {
    return api.put<SituationNote>(`/situation-notes/${seg(areaId)}/${seg(period)}`, note);
}

// ---------- reporting duty ----------

export function listDuties(week: string): Promise<ReportingDutyWeek> {
    return api.get<ReportingDutyWeek>("/reporting-duties", { week });
}

export async function listDutyCandidates(): Promise<UserRef[]> {
    return (await api.get<ItemList<UserRef>>("/reporting-duties/candidates")).items;
}

export function addDuty(userId: string, areaId: string): Promise<unknown> {
    return api.post<unknown>("/reporting-duties", { user_id: userId, area_id: areaId });
}

export function removeDuty(userId: string, areaId: string): Promise<void> {
    return api.delete(`/reporting-duties/${seg(userId)}/${seg(areaId)}`);
}

export function fetchMyReporting(): Promise<MyReporting> {
    return api.get<MyReporting>("/my-reporting");
}

export function reportNothing(week: string): Promise<unknown> {
    return api.post<unknown>("/nil-returns", { week });
}
