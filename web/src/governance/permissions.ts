import { computed } from "vue";
import { user } from "../auth/session";

// What the signed-in user may do in the governance module, decided from their roles so that
// only usable buttons and forms show. The server enforces the same (and a scoped role more
// finely); a refusal (403) is shown as an alert.

/** Roles that create, edit, move the status of and version agreements, and manage groups, mandates and obligations. */
const managerRoles = new Set(["coordinator", "administrator"]);
/** Roles that record a committee's feedback on a submitted report. */
const feedbackRoles = new Set(["coordinator", "administrator", "politician"]);

function hasRole(roles: Set<string>): boolean {
    return (user.value?.roles ?? []).some((assignment) => roles.has(assignment.role));
}

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
