import { computed } from "vue";
import { user } from "../auth/session";

/** Roles that may create, edit, move the status of and version agreements; the server enforces the same. */
const managerRoles = new Set(["coordinator", "administrator"]);

export const canManageAgreements = computed(() =>
    (user.value?.roles ?? []).some((assignment) => managerRoles.has(assignment.role)),
);
