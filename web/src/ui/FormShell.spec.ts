import { flushPromises, mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { defineComponent, h, ref } from "vue";
import { ApiError } from "../api/client";
import FormShell from "./FormShell.vue";
import InputField from "./InputField.vue";
import { testI18n } from "./testI18n";
import { useSubmit } from "./useSubmit";

// A form like the modules' own: two fields, a check that both are filled, and a save that the test controls.
function formWith(save: (body: { title: string; place: string }) => Promise<void>, problems: Record<string, unknown> = {}) {
    const Form = defineComponent({
        setup() {
            const title = ref("");
            const place = ref("");
            const form = useSubmit({ fields: { title: "t-title", place: "t-place" }, alert: "#t-error", failed: "test.failed" });
            function check() {
                if (!title.value.trim()) form.setField("title", "Enter a title.");
                if (!place.value.trim()) form.setField("place", "Enter a place.");
                return { title: title.value.trim(), place: place.value.trim() };
            }
            async function send(body: { title: string; place: string }): Promise<string> {
                await save(body);
                return `Saved ${body.title}.`;
            }
            return () =>
                h(
                    FormShell,
                    { form, submitLabel: "Save", busyLabel: "Saving…", alertId: "t-error", alertTest: "t-error", announce: true, onSubmit: () => form.submit(send, check) },
                    () => [
                        h(InputField, { id: "t-title", label: "Title", modelValue: title.value, "onUpdate:modelValue": (v: string) => (title.value = v), error: form.errorFor("title") }),
                        h(InputField, { id: "t-place", label: "Place", modelValue: place.value, "onUpdate:modelValue": (v: string) => (place.value = v), error: form.errorFor("place") }),
                    ],
                );
        },
    });
    return mount(Form, { attachTo: document.body, global: { plugins: [testI18n({ problems: problems })] } });
}

afterEach(() => {
    document.body.innerHTML = "";
});

describe("FormShell with useSubmit", () => {
    it("marks the wrong fields, says so in the alert and focuses the first wrong field", async () => {
        let saved = 0;
        const wrapper = formWith(async () => void saved++);
        await wrapper.get("#t-place").setValue("Rinkeby");
        await wrapper.get("form").trigger("submit");
        await flushPromises();
        expect(saved).toBe(0);
        expect(wrapper.get("#t-title-error").text()).toBe("Enter a title.");
        expect(wrapper.get("#t-place-error").text()).toBe("");
        expect(wrapper.get("#t-title").attributes("aria-invalid")).toBe("true");
        expect(wrapper.get("[role=alert]").text()).toBe("Correct the marked fields.");
        expect(document.activeElement?.id).toBe("t-title");
    });

    it("is busy while saving: the button says so, and a second submit sends nothing", async () => {
        let release: () => void = () => {};
        const sent: string[] = [];
        const wrapper = formWith((body) => {
            sent.push(body.title);
            return new Promise<void>((resolve) => (release = resolve));
        });
        await wrapper.get("#t-title").setValue("Trygghetsvandring");
        await wrapper.get("#t-place").setValue("Rinkeby");
        await wrapper.get("form").trigger("submit");
        await flushPromises();
        const button = wrapper.get("button[type=submit]");
        expect(button.attributes("aria-disabled")).toBe("true");
        expect(button.text()).toBe("Saving…");
        await wrapper.get("form").trigger("submit");
        await flushPromises();
        expect(sent).toEqual(["Trygghetsvandring"]);
        release();
        await flushPromises();
        expect(button.attributes("aria-disabled")).toBeUndefined();
        expect(button.text()).toBe("Save");
        expect(wrapper.get("[role=status]").text()).toBe("Saved Trygghetsvandring.");
    });

    it("shows the server's problem at the field it names and focuses that field", async () => {
        const wrapper = formWith(async () => {
            throw new ApiError({ status: 400, detail: "Field 'place' is too long.", field: "place" }, null);
        });
        await wrapper.get("#t-title").setValue("A");
        await wrapper.get("#t-place").setValue("B");
        await wrapper.get("form").trigger("submit");
        await flushPromises();
        expect(wrapper.get("#t-place-error").text()).toBe("Field 'place' is too long.");
        expect(wrapper.get("[role=alert]").text()).toBe("Could not save: Field 'place' is too long.");
        expect(wrapper.get("[data-test=problem-detail]").attributes("lang")).toBe("en");
        expect(document.activeElement?.id).toBe("t-place");
    });

    it("tells a problem with a known code in the reader's language, and focuses the alert when no field is named", async () => {
        const wrapper = formWith(
            async () => {
                throw new ApiError({ status: 409, detail: "Duplicate.", code: "conflict.duplicate", params: { name: "A" } }, null);
            },
            { conflict_duplicate: "{name} exists already." },
        );
        await wrapper.get("#t-title").setValue("A");
        await wrapper.get("#t-place").setValue("B");
        await wrapper.get("form").trigger("submit");
        await flushPromises();
        expect(wrapper.get("[role=alert]").text()).toBe("Could not save: A exists already.");
        expect(wrapper.get("[data-test=problem-detail]").attributes("lang")).toBeUndefined();
        expect(document.activeElement?.id).toBe("t-error");
    });
});
