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

// ---------- groups, mandates, meetings and decisions ----------

export type GroupKind = "steering" | "local" | "thematic";
export type GroupCadence = "weekly" | "biweekly" | "monthly" | "quarterly" | "tertial" | "yearly";
export type MemberRole = "chair" | "secretary" | "member" | "substitute";

export interface GroupMember {
    id: string;
    name: string;
    organisation_id: string;
    role: MemberRole | string;
    user_id: string | null;
}

export interface Group {
    id: string;
    name: string;
    kind: GroupKind | string;
    district_id: string | null;
    district_name: string | null;
    parent_group_id: string | null;
    cadence: GroupCadence | string;
    committee_ids: string[];
    members: GroupMember[];
    composition_ok: boolean;
    /** The server's explanation of each broken composition rule (in English). */
    composition_problems: string[];
}

export interface DelegationRule {
    id: string;
    matter_type: string;
    amount_limit_sek: number | null;
    area_ids: string[];
    horizon_months: number | null;
    requires_consultation: boolean;
    escalate_to_id: string;
    valid_from: string;
    valid_to: string | null;
}

export interface Meeting {
    id: string;
    group_id: string;
    held_on: string;
    agenda: string;
    minutes: string;
    /** Ids of the members who attended. */
    attendance: string[];
}

export interface DialogueEntry {
    id: string;
    held_on: string;
    parties: string;
    topic: string;
    follow_ups: string[];
}

export interface GroupDetail extends Group {
    rules: DelegationRule[];
    meetings: Meeting[];
    dialogue: DialogueEntry[];
}

export interface NewGroup {
    name: string;
    kind: GroupKind;
    district_id?: string;
    parent_group_id?: string;
    cadence: GroupCadence;
    committee_ids: string[];
}

export interface NewMember {
    name: string;
    organisation_id: string;
    role: MemberRole;
    user_id?: string;
}

export interface NewRule {
    matter_type: string;
    amount_limit_sek?: number;
    area_ids: string[];
    horizon_months?: number;
    requires_consultation: boolean;
    escalate_to_id: string;
    valid_from?: string;
}

export interface NewMeeting {
    held_on: string;
    agenda: string;
    minutes: string;
    attendance: string[];
}

export interface NewDialogueEntry {
    held_on: string;
    parties: string;
    topic: string;
    follow_ups: string[];
}

export type DecisionStatus = "proposed" | "final" | "escalated" | "rejected";
export type ConsultationState = "not_needed" | "missing" | "late" | "open" | "in_good_time";
export type EscalationOutcome = "approved" | "rejected" | "amended";

export interface MandateEvaluation {
    within_mandate: boolean;
    rule_id: string | null;
    requires_consultation: boolean;
    /** The server's reasons (in English). */
    reasons: string[];
}

export interface Consultation {
    id: string;
    body_id: string;
    opened_on: string;
    concluded_on: string | null;
    outcome: string;
}

export interface Escalation {
    id: string;
    to_id: string;
    reason: string;
    created_on: string;
    outcome: EscalationOutcome | null;
    outcome_note: string | null;
    decided_on: string | null;
}

export interface Decision {
    id: string;
    meeting_id: string;
    group_id: string;
    title: string;
    matter_type: string;
    amount_sek: number | null;
    area_ids: string[];
    horizon_months: number | null;
    decision_date: string;
    major: boolean;
    status: DecisionStatus | string;
    evaluation: MandateEvaluation;
    queued_for_delegation_report: boolean;
    consultation_override: string | null;
    finalised_at: string | null;
    consultations: Consultation[];
    consultation_check: { state: ConsultationState | string; reason: string };
    escalation: Escalation | null;
}

export interface MeetingDetail extends Meeting {
    decisions: Decision[];
}

export interface NewDecision {
    title: string;
    matter_type: string;
    amount_sek?: number;
    area_ids: string[];
    horizon_months?: number;
    major: boolean;
}

// ---------- governance health ----------

export interface GovernanceHealth {
    date: string;
    groups_breaking_composition: { group_id: string; group_name: string; problems: string[] }[];
    pending_escalations: {
        escalation_id: string;
        decision_id: string;
        decision_title: string;
        group_name: string;
        to_id: string;
        to_name: string;
        created_on: string;
        days_pending: number;
        reason: string;
    }[];
    late_consultations: {
        decision_id: string;
        decision_title: string;
        group_name: string;
        decision_date: string;
        status: DecisionStatus | string;
        state: "missing" | "late" | string;
        reason: string;
        overridden: string | null;
    }[];
    meetings_behind_cadence: {
        group_id: string;
        group_name: string;
        cadence: GroupCadence | string;
        last_meeting: string | null;
        days_since: number | null;
        allowed_days: number;
    }[];
    overdue_reports: {
        obligation_id: string;
        group_name: string;
        committee_name: string;
        period_start: string;
        period_end: string;
        due_on: string;
        report_id: string | null;
        days_overdue: number;
    }[];
    overdue_follow_ups: { id: string; report_id: string; request: string; owner_name: string; owner: string; due_on: string }[];
}

// ---------- reporting back (återrapportering) ----------

export type ReportCadence = "monthly" | "quarterly" | "tertial" | "yearly";
export type Tracking = "due" | "submitted" | "overdue";

export interface ReportingPeriod {
    period_start: string;
    period_end: string;
    due_on: string;
    report_id: string | null;
    report_status: "none" | "draft" | "submitted" | string;
    tracking: Tracking | string;
}

export interface ReportingObligation {
    id: string;
    group_id: string;
    committee_id: string;
    cadence: ReportCadence | string;
    due_days: number;
    starts_on: string;
    /** Every period from the first up to the one running today. */
    periods: ReportingPeriod[];
}

export interface NewObligation {
    committee_id: string;
    cadence: ReportCadence;
    due_days?: number;
    starts_on: string;
}

export interface ReportSection {
    key: string;
    title: string;
    body: string;
    columns: string[];
    rows: string[][];
}

export interface FollowUpItem {
    id: string;
    request: string;
    owner_name: string;
    owner_id: string;
    due_on: string;
    status: "open" | "done" | string;
    done_on: string | null;
    note: string;
    overdue: boolean;
}

export interface ReportFeedback {
    id: string;
    received_on: string;
    from_id: string;
    summary: string;
    requests: FollowUpItem[];
}

export interface Report {
    id: string;
    obligation_id: string;
    group_id: string;
    group_name: string;
    committee_id: string;
    committee_name: string;
    title: string;
    period_start: string;
    period_end: string;
    due_on: string;
    status: "draft" | "submitted" | string;
    submitted_on: string | null;
    tracking: Tracking | string;
    sections: ReportSection[];
    feedback: ReportFeedback[];
}

export interface ReportEdit {
    title?: string;
    sections: { key: string; body: string }[];
}

export interface NewFeedback {
    received_on: string;
    from_id: string;
    summary: string;
    requests: { request: string; owner_name: string; owner_id: string; due_on: string }[];
}

// ---------- the joint situation picture (lägesbild, EST) ----------

export interface IncidentCategory {
    id: number;
    code: string;
    name_sv: string;
    name_en: string;
    position: number;
    retired: boolean;
    retired_at: string | null;
}

export interface NewIncidentCategory {
    code: string;
    name_sv: string;
    name_en: string;
}

export interface IncidentCategoryEdit {
    name_sv?: string;
    name_en?: string;
    retired?: boolean;
}

export type PlaceKind = "square" | "station" | "school" | "park" | "centre" | "other";

export interface NamedPlace {
    id: string;
    name: string;
    kind: PlaceKind | string;
    lat: number;
    lon: number;
    neighbourhood: { id: string; name: string } | null;
}

export interface PoliceTypeMapping {
    police_type: string;
    category_id: number;
}

/** 1 low, 2 medium, 3 high. */
export type Severity = 1 | 2 | 3;

export interface NewIncident {
    /** Local Stockholm time as an <input type=datetime-local> gives it, e.g. "2026-11-27T14:05". */
    occurred_at: string;
    category: number | string;
    place_id?: string;
    lat?: number;
    lon?: number;
    source_organisation_id?: string;
    severity: Severity;
    text?: string;
}

export interface NamedRef {
    id: string;
    name: string;
}

export interface Incident {
    id: number | string;
    occurred_at: string;
    occurred_on: string;
    iso_week: string;
    reported_at: string;
    category: { id: number; code: string; name_sv: string };
    place: NamedRef | null;
    lat: number | null;
    lon: number | null;
    area: { id: string; name: string; kind: AreaKind | string };
    area_basis: "point" | "place" | "text" | "municipality" | string;
    neighbourhood: NamedRef | null;
    district: NamedRef | null;
    police_area: NamedRef | null;
    source_organisation: NamedRef;
    severity: Severity | number;
    text: string;
}

export interface IncidentPage {
    items: Incident[];
    total: number;
}

export interface RejectedRecord {
    record: unknown;
    reason: string;
}

export type ImportFormat = "polisen" | "csv" | "ndjson";
export type ImportStatus = "done" | "running" | "refused" | "failed";

export interface ImportSummary {
    id: string;
    format: ImportFormat | string;
    status: ImportStatus | string;
    encoding: string;
    total: number;
    accepted: number;
    duplicates: number;
    rejected_count: number;
    rejected: RejectedRecord[];
    refused_reason?: string;
}

export interface ImportStarted {
    id: string;
    status: ImportStatus | string;
    format: ImportFormat | string;
    file_name: string;
}

export interface ImportJob {
    id: string;
    format: ImportFormat | string;
    file_name: string;
    status: ImportStatus | string;
    started_at: string;
    finished_at: string | null;
    progress: { fraction: number; processed: number; accepted: number; duplicates: number; rejected: number };
    summary: ImportSummary | null;
}

export interface SituationArea {
    id: string;
    name: string;
    kind: AreaKind | string;
}

export interface PeriodRef {
    code: string;
    name: string;
}

export interface CountRow {
    id: string;
    name: string;
    count: number;
    previous: number;
}

export interface SituationCategory {
    id: number;
    code: string;
    name: string;
    count: number;
    previous: number;
    last_year: number | null;
    /** One count per week of `trend_weeks`, oldest first. */
    trend: number[];
}

export interface Hotspot {
    neighbourhood: NamedRef;
    category: { id: number; code: string; name: string };
    count: number;
    baseline: number;
    probability: number;
}

export interface SituationNote {
    analysis: string;
    focus: string[];
    updated_by: string;
    updated_at: string;
}

export interface SafetyIndicator {
    area: NamedRef;
    year: number;
    indicator: string;
    value: number;
}

export interface SituationPicture {
    area: SituationArea;
    period: PeriodRef & { start: string; end: string };
    previous: PeriodRef;
    last_year: PeriodRef | null;
    reference_date: string;
    method: { text: string; min_count: number; baseline_periods: number; max_probability: number };
    totals: { count: number; previous: number; last_year: number | null };
    categories: SituationCategory[];
    trend_weeks: string[];
    hotspots: Hotspot[];
    neighbourhoods: CountRow[];
    /** The whole city only. */
    districts?: CountRow[];
    /** Police events placed only in the municipality (the whole city only). */
    unplaced?: number;
    note: SituationNote | null;
    safety_indicators: SafetyIndicator[];
    permissions: { edit_note: boolean; read_incidents: boolean };
    incidents_indexed: number;
}

export interface SituationNoteEdit {
    analysis: string;
    focus: string[];
}

export interface UserRef {
    id: string;
    username: string;
    display_name: string;
}

export interface ReportingDuty {
    user: UserRef;
    area: NamedRef;
    reported: boolean;
    incidents: number;
    nil_return: boolean;
}

export interface ReportingDutyWeek {
    week: string;
    items: ReportingDuty[];
}

export interface MyReporting {
    week: string;
    areas: NamedRef[];
    incidents: number;
    nil_return: boolean;
    reported: boolean;
}

export interface SafetyImportResult {
    accepted: number;
    rejected_count: number;
    rejected: RejectedRecord[];
}

// ---------- action plans (handlingsplaner) and citizen promises (medborgarlöften) ----------

export type PlanScope = "citywide" | "local";
export type MeasureType = "situational" | "social";
export type MeasureHorizon = "short" | "long";
export type MeasureStatus = "planned" | "ongoing" | "done" | "paused" | "cancelled";
export type IndicatorSource = "manual" | "situation_picture";
export type GoalOrigin = "agreement" | "local";

/** Measures of a plan, goal, district or owner: how many, per status, how many overdue, mean progress. */
export interface Rollup {
    measures: number;
    by_status: Record<MeasureStatus, number>;
    overdue: number;
    /** Mean progress in percent (done counts 100), or null when no measure has one. */
    progress: number | null;
}

export interface PlanSummary {
    id: string;
    scope: PlanScope;
    district: NamedRef | null;
    title: string;
    period_start: string;
    period_end: string;
    can_edit: boolean;
    rollup: Rollup;
}

export type Evidence =
    | {
          kind: "situation_picture";
          area_id: string;
          category_id: number;
          /** "2026-Q3", "2026-W48", "2026" … */
          period: string;
          label: string;
          /** The live count of the category in the area and period: in GET /plans/{id} only, never sent. */
          figure?: number | null;
      }
    | { kind: "source"; label: string; url: string | null };

export interface CrimeTriangle {
    offender: string;
    target: string;
    place: string;
}

export interface PlanProblem {
    id: string;
    rank: number;
    title: string;
    description: string;
    focus_area_code: string | null;
    triangle: CrimeTriangle;
    evidence: Evidence[];
}

export interface NewPlanProblem {
    title: string;
    description?: string;
    focus_area_code?: string;
    triangle?: Partial<CrimeTriangle>;
    evidence?: Evidence[];
}

export interface IndicatorValue {
    period: string;
    value: number;
    source: "manual" | "import" | "situation_picture" | string;
    /** The period is still running (the current quarter). */
    partial: boolean;
}

export interface PlanIndicator {
    id: string;
    /** The goal or the measure the indicator belongs to (one of them). */
    goal_id: string | null;
    measure_id: string | null;
    name: string;
    unit: string;
    baseline: number | null;
    target: number | null;
    source: IndicatorSource;
    binding: { category_id: number; category_name: string; areas: NamedRef[] } | null;
    values: IndicatorValue[];
    latest: { period: string; value: number } | null;
}

export interface NewPlanIndicator {
    name: string;
    unit: string;
    baseline?: number;
    target?: number;
    source: IndicatorSource;
    category_id?: number;
    area_ids?: string[];
}

export interface PlanGoal {
    id: string;
    code: string;
    title: string;
    description: string;
    origin: GoalOrigin;
    agreement_item_code: string | null;
    indicators: PlanIndicator[];
    rollup: Rollup;
}

export interface PlanComment {
    id: string;
    measure_id: string | null;
    author: NamedRef;
    body: string;
    created_at: string;
}

export interface Measure {
    id: string;
    plan_id: string;
    title: string;
    description: string;
    type: MeasureType;
    horizon: MeasureHorizon;
    status: MeasureStatus;
    start_date: string;
    end_date: string;
    responsible: string;
    owner_organisations: NamedRef[];
    goal_ids: string[];
    problem_ids: string[];
    progress: number | null;
    last_follow_up_on: string | null;
    overdue: boolean;
    /** The statuses the measure may move to from its current one. */
    allowed_statuses: MeasureStatus[];
    can_update: boolean;
    indicators: PlanIndicator[];
}

export interface FollowUp {
    id: string;
    date: string;
    note: string;
    progress: number;
    /** Null for follow-ups that came with the demo data or an import without a user. */
    recorded_by: NamedRef | null;
    recorded_at: string;
}

export interface MeasureDetail extends Measure {
    /** Newest first. */
    follow_ups: FollowUp[];
    comments: PlanComment[];
}

export interface NewMeasure {
    title: string;
    description?: string;
    type: MeasureType;
    horizon: MeasureHorizon;
    status?: MeasureStatus;
    start_date: string;
    end_date: string;
    responsible?: string;
    owner_organisation_ids: string[];
    goal_ids?: string[];
    problem_ids?: string[];
}

export interface NewFollowUp {
    date: string;
    note: string;
    progress: number;
}

export interface Plan extends PlanSummary {
    agreement: { id: string; title: string } | null;
    can_comment: boolean;
    focus_areas: { code: string; title: string }[];
    /** By rank. */
    problems: PlanProblem[];
    goals: PlanGoal[];
    measures: Measure[];
    comments: PlanComment[];
}

export interface PromiseSignatory {
    party: "city" | "police";
    name: string;
    title: string;
    signed_on: string | null;
}

export interface PromiseActivity {
    id: string;
    title: string;
    responsible: string;
    due_date: string | null;
    status: MeasureStatus;
}

export interface PromiseFollowUp {
    id: string;
    date: string;
    note: string;
    progress: number;
}

export interface CitizenPromise {
    id: string;
    title: string;
    description: string;
    district: NamedRef | null;
    police_area: NamedRef | null;
    period_start: string;
    period_end: string;
    signatories: PromiseSignatory[];
    /** Both parties have signed. */
    signed: boolean;
    public: boolean;
    activities: PromiseActivity[];
    follow_ups: PromiseFollowUp[];
    can_edit: boolean;
}

export interface NewPromiseActivity {
    title: string;
    responsible?: string;
    due_date?: string;
    status?: MeasureStatus;
}

export interface OverdueMeasure {
    measure_id: string;
    plan_id: string;
    district: NamedRef | null;
    title: string;
    end_date: string;
    days_overdue: number;
    status: MeasureStatus;
    owner_organisations: NamedRef[];
}

export interface PlanRollup {
    today: string;
    citywide: Rollup;
    districts: { district: NamedRef; plan_id: string; rollup: Rollup }[];
    owners: { organisation: NamedRef; rollup: Rollup }[];
    goals: { goal_id: string; plan_id: string; district: NamedRef | null; code: string; title: string; rollup: Rollup }[];
    overdue: OverdueMeasure[];
    priorities: {
        focus_areas: { code: string; title: string }[];
        districts: { district: NamedRef; plan_id: string; ranks: Record<string, number | null> }[];
    };
}

/** What a CSV import did; an import with any bad row changes nothing and answers 400 with `errors`. */
export interface CsvImportResult {
    created: number;
    updated: number;
    unchanged: number;
}

export interface CsvRowError {
    /** The file's line number: the header is line 1. */
    row: number;
    column: string;
    reason: string;
}
