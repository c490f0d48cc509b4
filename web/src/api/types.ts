// Shapes of the API's JSON documents, as served under /api/v1.

export interface RoleAssignment {
    role: string;
    organisation_id: string | null;
    area_id: string | null;
}

export interface User {
    id: string;
    username: string;
    display_name: string;
    roles: RoleAssignment[];
    organisation_ids?: string[];
}

export interface SessionResponse {
    user: User;
    csrf_token: string;
}

export type OrganisationKind =
    | "police_region"
    | "local_police_area"
    | "city_executive_office"
    | "district_committee"
    | "specialist_committee"
    | "municipal_company"
    | "external_actor";

export type Party = "city" | "police" | "external";

export interface Organisation {
    id: string;
    name: string;
    kind: OrganisationKind | string;
    parent_id: string | null;
    party: Party | string;
    area_id?: string | null;
}

export interface ItemList<T> {
    items: T[];
}

export type AreaKind = "municipality" | "district" | "neighbourhood" | "police_area";

export interface Area {
    id: string;
    code?: string;
    name: string;
    kind: AreaKind | string;
    valid_from: string;
    valid_to: string | null;
    district_id: string | null;
    district_name: string | null;
    police_area_id: string | null;
    police_area_name: string | null;
}

export interface AreaList {
    date: string;
    items: Area[];
}

export type Position = [number, number];
export type PolygonCoordinates = Position[][];

export interface NeighbourhoodProperties {
    id: string;
    name: string;
    district_id: string | null;
    district_name: string | null;
    police_area_id: string | null;
    police_area_name: string | null;
}

export type Geometry =
    | { type: "Polygon"; coordinates: PolygonCoordinates }
    | { type: "MultiPolygon"; coordinates: PolygonCoordinates[] };

export interface NeighbourhoodFeature {
    type: "Feature";
    id?: string | number;
    properties: NeighbourhoodProperties;
    geometry: Geometry | null;
}

export interface NeighbourhoodCollection {
    type: "FeatureCollection";
    features: NeighbourhoodFeature[];
}

// ---------- cooperation agreements (samverkansöverenskommelser) ----------

export type AgreementScope = "citywide" | "local";
export type AgreementStatus = "draft" | "proposed" | "signed" | "in_force" | "superseded";
/** Statuses an agreement can be moved to by POST /agreements/{id}/transitions. */
export type AgreementTransition = "proposed" | "draft" | "signed" | "in_force";
export type SignatoryParty = "city" | "police";

export interface AgreementSummary {
    id: string;
    title: string;
    scope: AgreementScope;
    district_id: string | null;
    district_name: string | null;
    parent_id: string | null;
    version: number;
    previous_version_id: string | null;
    status: AgreementStatus;
    period_start: string;
    period_end: string | null;
    superseded_by: string | null;
}

export interface Signatory {
    party: SignatoryParty;
    name: string;
    title: string;
    signed_on: string | null;
}

export interface FocusArea {
    code: string;
    title: string;
    description: string;
}

/** A prioritised problem with its likely causes. */
export interface PrioritisedProblem {
    code: string;
    title: string;
    description: string;
    causes: string[];
    focus_area_code: string | null;
}

/** Baseline and target are numbers in the API; a value may be missing. */
export interface Indicator {
    name: string;
    unit: string;
    baseline: number | string | null;
    target: number | string | null;
}

export interface Goal {
    code: string;
    title: string;
    description: string;
    indicators: Indicator[];
}

export interface CooperationGroup {
    code: string;
    title: string;
    description: string;
    mandate_summary: string;
}

export interface AgreementContent {
    title: string;
    period_start: string;
    period_end: string | null;
    follow_up_plan: string;
    signatories: Signatory[];
    focus_areas: FocusArea[];
    problems: PrioritisedProblem[];
    goals: Goal[];
    groups: CooperationGroup[];
}

export interface AgreementDetail extends AgreementSummary, AgreementContent {
    allowed_transitions: AgreementTransition[];
    /** Every version of this agreement's chain, oldest first. */
    versions: AgreementSummary[];
}

export interface NewAgreement {
    title: string;
    scope: AgreementScope;
    district_id?: string;
    parent_id?: string;
    period_start: string;
    period_end?: string;
}

export type ComparisonKind = "focus_area" | "problem" | "goal" | "group";

export interface ComparedItem {
    code: string;
    title: string;
}

export interface FieldChange {
    field: string;
    from: unknown;
    to: unknown;
}

export interface ComparisonSection {
    kind: ComparisonKind;
    added: ComparedItem[];
    removed: ComparedItem[];
    changed: (ComparedItem & { changes: FieldChange[] })[];
}

export interface Period {
    period_start: string;
    period_end: string | null;
}

export interface AgreementComparison {
    from: AgreementSummary;
    to: AgreementSummary;
    sections: ComparisonSection[];
    period: { from: Period; to: Period };
}
