import { computed } from "vue";
import { user } from "../auth/session";

// What the signed-in user may do in the situation picture, decided from their roles so that only
// usable pages show in the module's navigation. The server decides (and more finely: a reporter's
// areas, a member's groups); a refusal (403) is shown as a message.

/** Coordinators and administrators manage categories, mappings and reporting duties. */
const managerRoles = new Set(["coordinator", "administrator"]);
/** Everyone who sees some picture: reporters their areas, members their groups' districts, the rest all. */
const pictureRoles = new Set(["coordinator", "administrator", "politician", "group_member", "incident_reporter"]);
/** Individual reports with their free text: not politicians, who see pictures only. */
const incidentReaderRoles = new Set(["coordinator", "administrator", "group_member", "incident_reporter"]);
/** File reports one by one and import files (a reporter's rows outside their areas are rejected). */
const reporterRoles = new Set(["coordinator", "administrator", "incident_reporter"]);

function hasRole(roles: Set<string>): boolean {
    return (user.value?.roles ?? []).some((assignment) => roles.has(assignment.role));
}

export const canSeePicture = computed(() => hasRole(pictureRoles));
export const canReadIncidents = computed(() => hasRole(incidentReaderRoles));
export const canReport = computed(() => hasRole(reporterRoles));
export const canImport = canReport;
export const canManageEst = computed(() => hasRole(managerRoles));
/** Reporters have a weekly duty; their status shows on the report page. */
export const isIncidentReporter = computed(() => hasRole(new Set(["incident_reporter"])));
