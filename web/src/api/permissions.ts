import { computed } from "vue";
import { user } from "./session";

// What the signed-in user may do, decided in the browser from their roles so that only usable
// pages, buttons and forms show. This is the one place that does so: each decision here stands in
// for a `can_*` flag that the server does not send yet (plans already send `can_edit`, `can_update`,
// `can_comment`; the situation picture `permissions.edit_note` and `permissions.read_incidents`;
// an agreement `allowed_transitions`; the pages use those directly). The server enforces all of it
// (and a scoped role more finely); a refusal (403) is shown as an alert.

/** Roles that create, edit, move the status of and version agreements; manage groups, mandates and obligations; and manage the situation picture's categories, mappings and reporting duties. */
const managerRoles = new Set(["coordinator", "administrator"]);
/** Roles that record a committee's feedback on a submitted report. */
const feedbackRoles = new Set(["coordinator", "administrator", "politician"]);
/** Everyone who sees some situation picture: reporters their areas, members their groups' districts, the rest all. */
const pictureRoles = new Set(["coordinator", "administrator", "politician", "group_member", "incident_reporter"]);
/** Individual incident reports with their free text: not politicians, who see pictures only. */
const incidentReaderRoles = new Set(["coordinator", "administrator", "group_member", "incident_reporter"]);
/** File incident reports one by one and import files (a reporter's rows outside their areas are rejected). */
const reporterRoles = new Set(["coordinator", "administrator", "incident_reporter"]);

function hasRole(roles: Set<string>): boolean {
    return (user.value?.roles ?? []).some((assignment) => roles.has(assignment.role));
}

// Governance.
export const canManageAgreements = computed(() => hasRole(managerRoles));
/** Groups, members, delegation rules, reporting obligations, escalation outcomes and consultation overrides. */
export const canManageGroups = canManageAgreements;
export const canRecordFeedback = computed(() => hasRole(feedbackRoles));

/**
 * Meetings, decisions, consultations, dialogue and reports of one group: coordinators and administrators,
 * and a group member (role group_member) whose account sits among the group's members.
 */
export function canRecordFor(group: { members: { user_id: string | null }[] } | null | undefined): boolean {
    if (!group) return false;
    if (hasRole(managerRoles)) return true;
    const id = user.value?.id;
    return !!id && hasRole(new Set(["group_member"])) && group.members.some((m) => m.user_id === id);
}

// Situation picture (the module's navigation, before any picture is loaded).
export const canSeePicture = computed(() => hasRole(pictureRoles));
export const canReadIncidents = computed(() => hasRole(incidentReaderRoles));
export const canReport = computed(() => hasRole(reporterRoles));
export const canImport = canReport;
export const canManageEst = computed(() => hasRole(managerRoles));
