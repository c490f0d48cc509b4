import { flushPromises, mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { defineComponent, h, ref } from "vue";
import { ApiError } from "../api/client";
import FormShell from "./FormShell.vue";
import InputField from "./InputField.vue";
import { testI18n } from "./testI18n";
import { useSubmit } from "./useSubmit";

// A form whose rows come and go (like a list of requests): the fields are found by `fieldId`, not listed.
function rowsForm(save: () => Promise<void>) {
    const Form = defineComponent({
        setup() {
            const rows = ref(["", "", ""]);
            const fieldId = (path: string) => `row-${path.replace(/\./g, "-")}`;
            const form = useSubmit({ fieldId, alert: "#rows-error", failed: "test.failed" });
            function check(): void {
                // Marked from the last row to the first: focus must still go to the first in the page.
                for (let i = rows.value.length - 1; i >= 0; i--) {
                    if (!rows.value[i]?.trim()) form.setField(`rows.${i}.text`, `Row ${i + 1} is empty.`);
                }
            }
            return () =>
                h(FormShell, { form, submitLabel: "Save", alertId: "rows-error", onSubmit: () => form.submit(save, check) }, () =>
                    rows.value.map((value, i) =>
                        h(InputField, {
                            id: fieldId(`rows.${i}.text`),
                            label: `Row ${i + 1}`,
                            modelValue: value,
                            "onUpdate:modelValue": (v: string) => (rows.value[i] = v),
                            error: form.errorFor(`rows.${i}.text`),
                        }),
                    ),
                );
        },
    });
    return mount(Form, { attachTo: document.body, global: { plugins: [testI18n()] } });
}

// A small form with a secondary button whose status line stands under the button and takes focus after a save.
function noteForm() {
    const Form = defineComponent({
        setup() {
            const form = useSubmit({ alert: "#note-error", failed: "test.failed" });
            const shell = ref<InstanceType<typeof FormShell> | null>(null);
            async function submit(): Promise<void> {
                if (await form.submit(async () => "Saved the note.")) await shell.value?.focusStatus();
            }
            return () => h(FormShell, { ref: shell, form, submitLabel: "Add", secondary: true, announce: "below", alertId: "note-error", onSubmit: submit });
        },
    });
    return mount(Form, { attachTo: document.body, global: { plugins: [testI18n()] } });
}

afterEach(() => {
    document.body.innerHTML = "";
});

describe("useSubmit with rows found by fieldId", () => {
    it("focuses the first wrong row in the page, whatever order the rows were marked in", async () => {
        let saved = 0;
        const wrapper = rowsForm(async () => void saved++);
        await wrapper.get("#row-rows-0-text").setValue("Trygghetsvandring");
        await wrapper.get("form").trigger("submit");
        await flushPromises();
        expect(saved).toBe(0);
        expect(wrapper.get("#row-rows-1-text-error").text()).toBe("Row 2 is empty.");
        expect(wrapper.get("#row-rows-2-text-error").text()).toBe("Row 3 is empty.");
        expect(document.activeElement?.id).toBe("row-rows-1-text");
    });

    it("focuses the row the server names, and the alert when the server names a field not in the page", async () => {
        let field = "rows[2].text";
        const wrapper = rowsForm(async () => {
            throw new ApiError({ status: 400, detail: "Too long.", field }, null);
        });
        for (const i of [0, 1, 2]) await wrapper.get(`#row-rows-${i}-text`).setValue(`Row ${i}`);
        await wrapper.get("form").trigger("submit");
        await flushPromises();
        expect(wrapper.get("#row-rows-2-text-error").text()).toBe("Too long.");
        expect(document.activeElement?.id).toBe("row-rows-2-text");

        field = "rows.7.text";
        await wrapper.get("form").trigger("submit");
        await flushPromises();
        expect(document.activeElement?.id).toBe("rows-error");
    });
});

describe("FormShell options", () => {
    it("has a secondary button and a status line under it, which takes focus after a save", async () => {
        const wrapper = noteForm();
        const button = wrapper.get("button[type=submit]");
        expect(button.classes()).toEqual(["button", "button--secondary"]);
        await wrapper.get("form").trigger("submit");
        await flushPromises();
        const status = wrapper.get("[role=status]");
        expect(status.text()).toBe("Saved the note.");
        // The status line comes after the button in the page.
        expect(button.element.compareDocumentPosition(status.element) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
        expect(document.activeElement?.getAttribute("data-test")).toBe("action-message");
    });
});
