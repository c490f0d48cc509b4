// A form whose fields have ids (useFormProblem underneath). When the form's own checks or the server
// find a problem, focus goes to the first field with an error, or to the form's alert when the problem
// is not about one of the fields.
import { nextTick } from "vue";
import { useFormProblem } from "../governance/useFormProblem";

/** Focuses an element by its id once the page has caught up with the last change. */
export async function focusById(id: string): Promise<void> {
    await nextTick();
    document.getElementById(id)?.focus();
}

/**
 * `fieldIds`: each field's path and element id, in the order of the form (the first wrong one is
 * focused). `alert`: the id of the alert above the form, or a function that finds it (without it, a
 * problem that is not about a field moves no focus).
 */
export function useFocusingForm(fieldIds: Record<string, string>, alert?: string | (() => HTMLElement | null | undefined)) {
    const form = useFormProblem();

    async function focusPath(path: string | null): Promise<void> {
        await nextTick();
        const id = path && Object.hasOwn(fieldIds, path) ? fieldIds[path] : undefined;
        const target = id ? document.getElementById(id) : typeof alert === "string" ? document.getElementById(alert) : alert?.();
        target?.focus();
    }

    /** Lets the focused text field hand over its value before the form reads the fields. */
    async function blurActive(): Promise<void> {
        (document.activeElement as HTMLElement | null)?.blur();
        await nextTick();
    }

    /** After the form's own checks: false, with the alert shown and the first wrong field focused, when a field has an error. */
    async function passes(): Promise<boolean> {
        const invalid = Object.keys(fieldIds).find((p) => form.errorFor(p));
        if (!invalid) return true;
        form.invalid("governance.fixErrors");
        await focusPath(invalid);
        return false;
    }

    /** A problem the form finds in one field by itself: shown at the field and in the alert, and the field is focused. */
    async function refuse(path: string, text: string): Promise<void> {
        form.setField(path, text);
        form.invalid("governance.fixErrors");
        await focusPath(path);
    }

    /** Shows a refused or failed request, and focuses the field it is about, else the alert. */
    async function failed(error: unknown, keypath: string): Promise<void> {
        await focusPath(form.fail(error, keypath));
    }

    return { ...form, blurActive, passes, refuse, failed };
}
