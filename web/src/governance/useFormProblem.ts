// What went wrong with a form or an action: a message for the alert, and for a problem that names a
// field, the message next to that field. The server explains in English, so its part of the message
// is marked up as English (see ProblemMessage.vue).
import { ref } from "vue";
import { useI18n } from "vue-i18n";
import { ApiError } from "../api/client";
import { normaliseFieldPath } from "./agreementForm";
import { useFieldErrors } from "./useFieldErrors";

export interface ShownProblem {
    /** Message key with an optional {detail} placeholder. */
    keypath: string;
    detail: string;
    /** True when the detail is the server's own (English) text. */
    fromServer: boolean;
}

export function problemOf(error: unknown, keypath: string, networkText: string): ShownProblem {
    if (error instanceof ApiError) {
        return {
            keypath,
            detail: error.problem.detail ?? error.problem.title ?? `HTTP ${error.status}`,
            fromServer: true,
        };
    }
    console.error(error);
    return { keypath, detail: networkText, fromServer: false };
}

export function useFormProblem() {
    const { t } = useI18n();
    const fields = useFieldErrors();
    const problem = ref<ShownProblem | null>(null);

    function clear(): void {
        fields.clear();
        problem.value = null;
    }

    /** Client-side validation failed: the fields carry their own messages. */
    function invalid(keypath: string): void {
        problem.value = { keypath, detail: "", fromServer: false };
    }

    /** Shows a failed request. Returns the normalised field path when the server named a field. */
    function fail(error: unknown, keypath: string): string | null {
        problem.value = problemOf(error, keypath, t("governance.networkError"));
        if (error instanceof ApiError && typeof error.problem.field === "string" && error.problem.field) {
            const path = normaliseFieldPath(error.problem.field);
            fields.setField(path, problem.value.detail);
            return path;
        }
        return null;
    }

    /** The message for a field or any part of it, e.g. `committee_ids` for `committee_ids.3`. */
    function errorUnder(path: string): string {
        const own = fields.errorFor(path);
        if (own) return own;
        const key = Object.keys(fields.fieldErrors.value).find((p) => p.startsWith(`${path}.`));
        return key ? fields.errorFor(key) : "";
    }

    return { problem, clear, invalid, fail, errorFor: fields.errorFor, errorUnder, setField: fields.setField };
}
