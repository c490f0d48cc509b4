// The editable form of an agreement's content. Inputs work on strings; this module turns a
// detail into such a form and back into the PUT body, and names every field by the same path
// the server uses in problem.field, so that errors land next to their input.
import type {
    AgreementContent,
    AgreementDetail,
    CooperationGroup,
    FocusArea,
    Goal,
    Indicator,
    PrioritisedProblem,
    Signatory,
    SignatoryParty,
} from "../api/types";

let nextKey = 0;
/** A key that identifies a row while it is edited (codes can be changed, indexes shift). */
function key(): string {
    nextKey += 1;
    return `row${nextKey}`;
}

export interface SignatoryRow {
    key: string;
    party: SignatoryParty;
    name: string;
    title: string;
    signedOn: string;
}

export interface FocusAreaRow {
    key: string;
    code: string;
    title: string;
    description: string;
}

export interface ProblemRow {
    key: string;
    code: string;
    title: string;
    description: string;
    /** One cause per line. */
    causes: string;
    focusAreaCode: string;
}

export interface IndicatorRow {
    key: string;
    name: string;
    unit: string;
    baseline: string;
    target: string;
}

export interface GoalRow {
    key: string;
    code: string;
    title: string;
    description: string;
    indicators: IndicatorRow[];
}

export interface GroupRow {
    key: string;
    code: string;
    title: string;
    description: string;
    mandateSummary: string;
}

export interface AgreementForm {
    title: string;
    periodStart: string;
    periodEnd: string;
    followUpPlan: string;
    signatories: SignatoryRow[];
    focusAreas: FocusAreaRow[];
    problems: ProblemRow[];
    goals: GoalRow[];
    groups: GroupRow[];
}

export type ItemKind = "focusAreas" | "problems" | "goals" | "groups";

/** Code prefixes for new items, in the style of the demo data ("m-trygghet"); the user can change the code. */
const codePrefix: Record<ItemKind, string> = { focusAreas: "f-", problems: "p-", goals: "m-", groups: "s-" };

/** What the server accepts as an item code: letters a-z, digits, "-", "_" and ".", at most 40. */
export function isValidCode(code: string): boolean {
    return /^[A-Za-z0-9._-]{1,40}$/.test(code);
}

/** An indicator value as the API wants it: a number, or null when left empty. */
export function isValidIndicatorValue(text: string): boolean {
    const value = indicatorValue(text);
    return value === null || typeof value === "number";
}

function valueText(value: number | string | null | undefined): string {
    return value === null || value === undefined ? "" : String(value);
}

export function toForm(agreement: AgreementDetail): AgreementForm {
    return {
        title: agreement.title,
        periodStart: agreement.period_start,
        periodEnd: agreement.period_end ?? "",
        followUpPlan: agreement.follow_up_plan ?? "",
        signatories: (agreement.signatories ?? []).map((s) => ({
            key: key(),
            party: s.party,
            name: s.name,
            title: s.title,
            signedOn: s.signed_on ?? "",
        })),
        focusAreas: (agreement.focus_areas ?? []).map((f) => ({ key: key(), ...f })),
        problems: (agreement.problems ?? []).map((p) => ({
            key: key(),
            code: p.code,
            title: p.title,
            description: p.description,
            causes: (p.causes ?? []).join("\n"),
            focusAreaCode: p.focus_area_code ?? "",
        })),
        goals: (agreement.goals ?? []).map((g) => ({
            key: key(),
            code: g.code,
            title: g.title,
            description: g.description,
            indicators: (g.indicators ?? []).map((i) => ({
                key: key(),
                name: i.name,
                unit: i.unit,
                baseline: valueText(i.baseline),
                target: valueText(i.target),
            })),
        })),
        groups: (agreement.groups ?? []).map((g) => ({
            key: key(),
            code: g.code,
            title: g.title,
            description: g.description,
            mandateSummary: g.mandate_summary,
        })),
    };
}

/** A number where the text is one (a decimal comma is accepted), else the text for the server to judge. */
function indicatorValue(text: string): number | string | null {
    const trimmed = text.trim();
    if (trimmed === "") return null;
    const number = Number(trimmed.replace(",", ".").replace(/\s/g, ""));
    return Number.isFinite(number) ? number : trimmed;
}

export function fromForm(form: AgreementForm): AgreementContent {
    return {
        title: form.title.trim(),
        period_start: form.periodStart,
        period_end: form.periodEnd || null,
        follow_up_plan: form.followUpPlan,
        signatories: form.signatories.map(
            (s): Signatory => ({
                party: s.party,
                name: s.name.trim(),
                title: s.title.trim(),
                signed_on: s.signedOn || null,
            }),
        ),
        focus_areas: form.focusAreas.map(
            (f): FocusArea => ({ code: f.code.trim(), title: f.title.trim(), description: f.description }),
        ),
        problems: form.problems.map(
            (p): PrioritisedProblem => ({
                code: p.code.trim(),
                title: p.title.trim(),
                description: p.description,
                causes: p.causes
                    .split("\n")
                    .map((c) => c.trim())
                    .filter((c) => c !== ""),
                focus_area_code: p.focusAreaCode || null,
            }),
        ),
        goals: form.goals.map(
            (g): Goal => ({
                code: g.code.trim(),
                title: g.title.trim(),
                description: g.description,
                indicators: g.indicators.map(
                    (i): Indicator => ({
                        name: i.name.trim(),
                        unit: i.unit.trim(),
                        baseline: indicatorValue(i.baseline),
                        target: indicatorValue(i.target),
                    }),
                ),
            }),
        ),
        groups: form.groups.map(
            (g): CooperationGroup => ({
                code: g.code.trim(),
                title: g.title.trim(),
                description: g.description,
                mandate_summary: g.mandateSummary,
            }),
        ),
    };
}

/** The first free code of the form PREFIX + number for a new item of `kind`. */
export function nextCode(form: AgreementForm, kind: ItemKind): string {
    const used = new Set(form[kind].map((item) => item.code.trim()));
    let n = form[kind].length + 1;
    while (used.has(`${codePrefix[kind]}${n}`)) n += 1;
    return `${codePrefix[kind]}${n}`;
}

export function newSignatory(party: SignatoryParty): SignatoryRow {
    return { key: key(), party, name: "", title: "", signedOn: "" };
}

export function newFocusArea(code: string): FocusAreaRow {
    return { key: key(), code, title: "", description: "" };
}

export function newProblem(code: string): ProblemRow {
    return { key: key(), code, title: "", description: "", causes: "", focusAreaCode: "" };
}

export function newGoal(code: string): GoalRow {
    return { key: key(), code, title: "", description: "", indicators: [] };
}

export function newIndicator(): IndicatorRow {
    return { key: key(), name: "", unit: "", baseline: "", target: "" };
}

export function newGroup(code: string): GroupRow {
    return { key: key(), code, title: "", description: "", mandateSummary: "" };
}
