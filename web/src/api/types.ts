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
