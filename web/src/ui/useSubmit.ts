// The one way a form submits. It owns the busy state (a second click while saving does nothing),
// the form's own checks, the messages at the fields and in the alert above the form, the focus
// (the first wrong field, else the alert), the server's problem+json (shown in the alert and at the
// field it names) and the status line announcing what the last save did.
import { nextTick, ref } from "vue";
import { ApiError } from "../api/client";
import { problemField, useProblem, type ShownProblem } from "./problem";

export interface SubmitOptions {
    /** Each field's path (as the server names it) and its element's id, in the order of the form. */
    fields?: Record<string, string>;
    /**
     * For a form whose rows come and go: the element id of any field path. A field that `fields` does
     * not list is then found by this, and the first wrong field is the first one in the page.
     */
    fieldId?: (path: string) => string;
    /** The alert above the form: a CSS selector (`#form-error`, `[data-test=form-error]`) or a function that finds it. */
    alert?: string | (() => HTMLElement | null | undefined);
    /** Message key shown when the request fails, with a {detail} placeholder. */
    failed?: string;
}

/** Focuses an element by its id once the page has caught up with the last change. */
export async function focusById(id: string): Promise<void> {
    await nextTick();
    document.getElementById(id)?.focus();
}

export function useSubmit(options: SubmitOptions = {}) {
    const { problemOf } = useProblem();
    const fields = options.fields ?? {};
    const busy = ref(false);
    const problem = ref<ShownProblem | null>(null);
    const fieldErrors = ref<Record<string, string>>({});
    /** What the last save did, for a StatusMessage. */
    const message = ref("");

    function clear(): void {
        fieldErrors.value = {};
        problem.value = null;
    }

    function setField(path: string, text: string): void {
        fieldErrors.value = { ...fieldErrors.value, [path]: text };
    }

    /** The message for a field path such as `goals.0.indicators.1.target`, or "". */
    function errorFor(path: string): string {
        return fieldErrors.value[path] ?? "";
    }

    /** The message for a field or any part of it, e.g. `committee_ids` for `committee_ids.3`. */
    function errorUnder(path: string): string {
        const own = errorFor(path);
        if (own) return own;
        const key = Object.keys(fieldErrors.value).find((p) => p.startsWith(`${path}.`));
        return key ? errorFor(key) : "";
    }

    /** The form's own checks failed: the fields carry their own messages. */
    function invalid(keypath = "governance.fixErrors"): void {
        problem.value = { keypath, detail: "", fromServer: false };
    }

    /** Shows a failed request. Returns the field path when the server named a field. */
    function fail(error: unknown, keypath = options.failed ?? ""): string | null {
        problem.value = problemOf(error, keypath);
        const path = error instanceof ApiError ? problemField(error.problem) : null;
        if (path) setField(path, problem.value.detail);
        return path;
    }

    /** The element id of a field path: listed in `fields` (itself or its first part), else by `fieldId`. */
    function idOf(path: string): string | undefined {
        const root = path.split(".")[0] ?? "";
        if (Object.hasOwn(fields, path)) return fields[path];
        if (options.fieldId) return options.fieldId(path);
        return Object.hasOwn(fields, root) ? fields[root] : undefined;
    }

    /** The wrong field that comes first: in the order of `fields`, else in the page. */
    function firstWrong(): string | undefined {
        const listed = Object.keys(fields).find((p) => errorUnder(p));
        if (listed !== undefined) return listed;
        const wrong = Object.keys(fieldErrors.value);
        const fieldId = options.fieldId;
        if (!fieldId) return wrong[0];
        const placed = wrong
            .map((path) => ({ path, el: document.getElementById(fieldId(path)) }))
            .filter((x): x is { path: string; el: HTMLElement } => x.el !== null)
            .sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
        return placed[0]?.path ?? wrong[0];
    }

    /** Moves focus to the field of `path` (or of its first part, `goals` for `goals.1.title`), else to the alert. */
    async function focusPath(path: string | null): Promise<void> {
        await nextTick();
        const id = path ? idOf(path) : undefined;
        const alert = options.alert;
        const field = id ? document.getElementById(id) : null;
        const target = field ?? (typeof alert === "string" ? document.querySelector<HTMLElement>(alert) : alert?.());
        target?.focus();
    }

    /** Lets the focused text field hand over its value before the form reads the fields. */
    async function blurActive(): Promise<void> {
        (document.activeElement as HTMLElement | null)?.blur();
        await nextTick();
    }

    /** After the form's own checks: false, with the alert shown and the first wrong field focused, when a field has an error. */
    async function passes(): Promise<boolean> {
        const wrong = firstWrong();
        if (wrong === undefined) return true;
        invalid();
        await focusPath(wrong);
        return false;
    }

    /** A problem the form finds in one field by itself: shown at the field and in the alert, and the field is focused. */
    async function refuse(path: string, text: string): Promise<void> {
        setField(path, text);
        invalid();
        await focusPath(path);
    }

    /** Shows a refused or failed request, and focuses the field it is about, else the alert. */
    async function failed(error: unknown, keypath = options.failed): Promise<void> {
        await focusPath(fail(error, keypath));
    }

    /**
     * The whole submit, unless one is running: the focused field hands over its value, old messages
     * go (so that the same one is announced again), and `check` runs the form's own checks: it marks
     * wrong fields with `setField` (or calls `invalid` for a problem of the whole form) and returns
     * what is to be sent. When nothing was marked, `send` gets that while the form is busy, and what
     * it returns is announced. A failed request shows as `failedKey`. Returns whether `send` succeeded.
     */
    async function submit<T>(
        send: (checked: T) => Promise<string | void>,
        check?: () => T,
        failedKey = options.failed,
    ): Promise<boolean> {
        if (busy.value) return false;
        await blurActive();
        clear();
        message.value = "";
        await nextTick();
        const checked = check?.() as T;
        if (problem.value) {
            await focusPath(firstWrong() ?? null);
            return false;
        }
        if (!(await passes())) return false;
        busy.value = true;
        try {
            message.value = (await send(checked)) ?? "";
            return true;
        } catch (error) {
            await failed(error, failedKey);
            return false;
        } finally {
            busy.value = false;
        }
    }

    return { busy, problem, fieldErrors, message, clear, setField, errorFor, errorUnder, invalid, fail, focusPath, blurActive, passes, refuse, failed, submit };
}

export type Submit = ReturnType<typeof useSubmit>;
