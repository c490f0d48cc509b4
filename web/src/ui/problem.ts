// What the user reads about a refused or failed request. The server names each problem with a stable
// `code` (e.g. "validation.required") and its `params`; when the message files know the code
// (`problems.<code>`), the problem is told in the reader's language. Otherwise the server's own
// English explanation is shown, marked up as English (see ProblemMessage.vue).
import { useI18n } from "vue-i18n";
import { ApiError, type Problem } from "../api/client";

/** What a problem alert or a field shows. */
export interface ShownProblem {
    /** Message key with an optional {detail} placeholder, e.g. "Could not save: {detail}". */
    keypath: string;
    detail: string;
    /** True when the detail is the server's own (English) text. */
    fromServer: boolean;
}

/** The two functions of vue-i18n that a problem needs (`useI18n()` or `i18n.global`). */
export interface Translator {
    t: (key: string, params: Record<string, unknown>) => string;
    te: (key: string) => boolean;
}

/**
 * The server names a field like `goals[1].indicators[0].target`, `goals.1.indicators.0.target`
 * or `/goals/1/indicators/0/target`; all become `goals.1.indicators.0.target`.
 */
export function normaliseFieldPath(field: string): string {
    return field
        .replace(/\[(\d+)\]/g, ".$1")
        .replace(/\//g, ".")
        .replace(/^\.+|\.+$/g, "")
        .replace(/\.{2,}/g, ".");
}

/** The field a problem is about, as a normalised path, or null. */
export function problemField(problem: Problem): string | null {
    return typeof problem.field === "string" && problem.field ? normaliseFieldPath(problem.field) : null;
}

/**
 * The message key of a problem code. Codes are dot-separated ("report.exists") but vue-i18n reads
 * dots as nesting, so the message files name them with underscores: `problems.report_exists`.
 */
export function problemKey(code: string): string {
    return `problems.${code.replace(/\./g, "_")}`;
}

/**
 * The message for a problem+json object, and whether it is the server's own (English) text.
 * `problems.<code>` with the problem's params (and `field` when it names one) when the messages
 * have that key; else the server's detail, else its title, else the HTTP status.
 */
export function problemMessage(problem: Problem, i18n: Translator): { text: string; fromServer: boolean } {
    const code = typeof problem.code === "string" ? problem.code : "";
    const key = problemKey(code);
    if (code && i18n.te(key)) {
        const params: Record<string, unknown> =
            problem.params && typeof problem.params === "object" ? { ...(problem.params as object) } : {};
        if (typeof problem.field === "string" && problem.field && params.field === undefined) params.field = problem.field;
        return { text: i18n.t(key, params), fromServer: false };
    }
    return { text: problem.detail ?? problem.title ?? `HTTP ${problem.status}`, fromServer: true };
}

/**
 * What to show for a failed request under the message `keypath`: the server's problem, or for
 * anything else (the network, a bug) `networkText`, which is logged.
 */
export function problemOf(error: unknown, keypath: string, i18n: Translator, networkText: string): ShownProblem {
    if (error instanceof ApiError) {
        const { text, fromServer } = problemMessage(error.problem, i18n);
        return { keypath, detail: text, fromServer };
    }
    console.error(error);
    return { keypath, detail: networkText, fromServer: false };
}

/** `problemOf` and `problemMessage` in the reader's language, for a component. */
export function useProblem() {
    const { t, te } = useI18n();
    const i18n: Translator = { t: (key, params) => t(key, params), te: (key) => te(key) };
    return {
        /** A failed request under the message `keypath`, for a ProblemAlert. */
        problemOf: (error: unknown, keypath: string) => problemOf(error, keypath, i18n, t("governance.networkError")),
        /** A failed request as plain words. */
        messageOf: (error: unknown) =>
            error instanceof ApiError ? problemMessage(error.problem, i18n).text : t("governance.networkError"),
    };
}
