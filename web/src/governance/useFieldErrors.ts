// Errors from a failed save: one message per field (problem.field), plus a general one.
import { ref } from "vue";
import { useI18n } from "vue-i18n";
import { ApiError } from "../api/client";
import { normaliseFieldPath } from "./agreementForm";

export function useFieldErrors() {
    const { t } = useI18n();
    const fieldErrors = ref<Record<string, string>>({});
    const generalError = ref("");

    function clear(): void {
        fieldErrors.value = {};
        generalError.value = "";
    }

    /** The message for a field path such as `goals.0.indicators.1.target`, or "". */
    function errorFor(path: string): string {
        return fieldErrors.value[path] ?? "";
    }

    /**
     * Shows what the server said. Returns the normalised field path when the problem names a
     * field, so that the caller can move focus there.
     */
    function show(error: unknown, prefixKey: string): string | null {
        const detail =
            error instanceof ApiError
                ? (error.problem.detail ?? error.problem.title ?? `HTTP ${error.status}`)
                : t("governance.networkError");
        generalError.value = t(prefixKey, { detail });
        if (error instanceof ApiError && typeof error.problem.field === "string" && error.problem.field) {
            const path = normaliseFieldPath(error.problem.field);
            fieldErrors.value = { [path]: detail };
            return path;
        }
        return null;
    }

    function setField(path: string, message: string): void {
        fieldErrors.value = { ...fieldErrors.value, [path]: message };
    }

    return { fieldErrors, generalError, clear, errorFor, show, setField };
}
