import { describe, expect, it } from "vitest";
import { normaliseFieldPath, problemMessage, problemOf, type Translator } from "./problem";
import { ApiError } from "../api/client";

// A translator that knows one code; it writes its params into the text so that they can be checked.
const i18n: Translator = {
    te: (key) => key === "problems.validation.required",
    t: (key, params) => `${key}(${Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(",")})`,
};

describe("problemMessage", () => {
    it("tells a problem whose code the messages know in the reader's language, with its params and field", () => {
        const shown = problemMessage(
            { status: 400, detail: "Field 'title' is required.", code: "validation.required", params: { max: 3 }, field: "title" },
            i18n,
        );
        expect(shown).toEqual({ text: "problems.validation.required(max=3,field=title)", fromServer: false });
    });

    it("keeps a field the params already name", () => {
        const shown = problemMessage({ status: 400, code: "validation.required", params: { field: "Titel" }, field: "title" }, i18n);
        expect(shown.text).toBe("problems.validation.required(field=Titel)");
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
