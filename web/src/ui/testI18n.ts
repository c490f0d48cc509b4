// Messages for the component tests: the few keys the kit itself uses, in English.
import { createI18n } from "vue-i18n";

export function testI18n(extra: Record<string, unknown> = {}) {
    return createI18n({
        legacy: false,
        locale: "en",
        messages: {
            en: {
                governance: { fixErrors: "Correct the marked fields.", networkError: "The server could not be reached." },
                test: { failed: "Could not save: {detail}", saved: "Saved {title}." },
                ...extra,
            },
        },
    });
}
