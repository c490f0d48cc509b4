import { describe, expect, it } from "vitest";
import { normaliseFieldPath, problemMessage, problemOf, type Translator } from "./problem";
import { ApiError } from "../api/client";
import { createI18n } from "vue-i18n";
import sv from "../locales/sv.json";
import en from "../locales/en.json";

// A translator that knows one code; it writes its params into the text so that they can be checked.
const i18n: Translator = {
    te: (key) => key === "problems.validation_required",
    t: (key, params) => `${key}(${Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(",")})`,
};

describe("problemMessage", () => {
    it("tells a problem whose code the messages know in the reader's language, with its params and field", () => {
        const shown = problemMessage(
            { status: 400, detail: "Field 'title' is required.", code: "validation.required", params: { max: 3 }, field: "title" },
            i18n,
        );
        expect(shown).toEqual({ text: "problems.validation_required(max=3,field=title)", fromServer: false });
    });

    it("keeps a field the params already name", () => {
        const shown = problemMessage({ status: 400, code: "validation.required", params: { field: "Titel" }, field: "title" }, i18n);
        expect(shown.text).toBe("problems.validation_required(field=Titel)");
    });

    it("falls back to the server's detail when the code is unknown or missing", () => {
        expect(problemMessage({ status: 409, detail: "Already taken.", code: "conflict.unknown" }, i18n)).toEqual({
            text: "Already taken.",
            fromServer: true,
        });
        expect(problemMessage({ status: 409, detail: "Already taken." }, i18n).text).toBe("Already taken.");
    });

    it("falls back to the title, then the HTTP status", () => {
        expect(problemMessage({ status: 403, title: "Forbidden" }, i18n).text).toBe("Forbidden");
        expect(problemMessage({ status: 502 }, i18n).text).toBe("HTTP 502");
    });
});

describe("problem codes with the real messages", () => {
    // vue-i18n reads dots in a key as nesting: a dotted code must still find its flat message.
    const real = (locale: "sv" | "en") => {
        const g = createI18n({ legacy: false, locale, messages: { sv, en } }).global;
        return { t: (k: string, p: Record<string, unknown>) => g.t(k, p), te: (k: string) => g.te(k) };
    };

    it("tells dotted and plain codes in Swedish, with their params, never the English detail", () => {
        const report = problemMessage(
            { status: 409, detail: "The report for 2026-07-01 – 2026-09-30 already exists.", code: "report.exists",
              params: { start: "2026-07-01", end: "2026-09-30" } },
            real("sv"),
        );
        expect(report).toEqual({ text: "Det finns redan en rapport för 2026-07-01 – 2026-09-30.", fromServer: false });
        expect(problemMessage({ status: 400, detail: "x", code: "field.too_long", params: { max: "200" } }, real("sv")).text)
            .toBe("Texten är för lång (högst 200 byte).");
        expect(problemMessage({ status: 404, detail: "No plan with id 1.", code: "not_found", params: {} }, real("en")).fromServer)
            .toBe(false);
    });

    it("has a Swedish and an English message for the same codes", () => {
        expect(Object.keys(sv.problems).sort()).toEqual(Object.keys(en.problems).sort());
        expect(Object.keys(sv.problems).length).toBeGreaterThan(30);
        for (const key of Object.keys(sv.problems)) expect(key).not.toContain(".");
    });
});

describe("problemOf", () => {
    it("shows a refusal under the caller's message, and anything else as the network text", () => {
        const refusal = new ApiError({ status: 400, detail: "Bad date." }, null);
        expect(problemOf(refusal, "x.failed", i18n, "offline")).toEqual({ keypath: "x.failed", detail: "Bad date.", fromServer: true });
        const original = console.error;
        console.error = () => {};
        try {
            expect(problemOf(new TypeError("fetch failed"), "x.failed", i18n, "offline")).toEqual({
                keypath: "x.failed",
                detail: "offline",
                fromServer: false,
            });
        } finally {
            console.error = original;
        }
    });
});

describe("normaliseFieldPath", () => {
    it.each([
        ["goals[1].indicators[0].target", "goals.1.indicators.0.target"],
        ["/goals/1/indicators/0/target", "goals.1.indicators.0.target"],
        ["goals.1.title", "goals.1.title"],
        ["title", "title"],
    ])("%s becomes %s", (field, path) => {
        expect(normaliseFieldPath(field)).toBe(path);
    });
});
