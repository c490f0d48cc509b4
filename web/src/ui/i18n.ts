// Swedish is the default language; English is one click away and the choice is remembered.
import { watch } from "vue";
import { createI18n } from "vue-i18n";
import en from "../locales/en.json";
import sv from "../locales/sv.json";

export type Locale = "sv" | "en";
export const locales: readonly Locale[] = ["sv", "en"];
const storageKey = "samverkan.locale";

function storedLocale(): Locale {
    try {
        const value = window.localStorage.getItem(storageKey);
        if (value === "sv" || value === "en") return value;
    } catch {
        // Storage can be disabled; Swedish is then the language.
    }
    return "sv";
}

export const i18n = createI18n<[typeof sv], Locale, false>({
    legacy: false,
    locale: storedLocale(),
    fallbackLocale: "sv",
    messages: { sv, en },
});

function applyLocale(locale: Locale): void {
    document.documentElement.lang = locale;
    try {
        window.localStorage.setItem(storageKey, locale);
    } catch {
        // Not remembered, but still applied for this page load.
    }
}

applyLocale(i18n.global.locale.value);
watch(i18n.global.locale, (locale) => applyLocale(locale));

export function setLocale(locale: Locale): void {
    i18n.global.locale.value = locale;
}

export function currentLocale(): Locale {
    return i18n.global.locale.value;
}
