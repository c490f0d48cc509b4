import { describe, expect, it } from "vitest";
import { parseDecimal, parseWholeNumber } from "./numbers";

describe("parseWholeNumber", () => {
    it("reads digits with spaces as thousands separators", () => {
        expect(parseWholeNumber("100 000")).toBe(100000);
        expect(parseWholeNumber("100\u202f000")).toBe(100000);
        expect(parseWholeNumber("42")).toBe(42);
    });

    it("gives null for an empty field and NaN for anything else", () => {
        expect(parseWholeNumber("  ")).toBeNull();
        expect(parseWholeNumber("-3")).toBeNaN();
        expect(parseWholeNumber("1,5")).toBeNaN();
        expect(parseWholeNumber("12abc")).toBeNaN();
    });
});

describe("parseDecimal", () => {
    it("reads a decimal comma or point and a minus sign", () => {
        expect(parseDecimal("1,5")).toBe(1.5);
        expect(parseDecimal("-3.25")).toBe(-3.25);
        expect(parseDecimal("−2")).toBe(-2);
        expect(parseDecimal("1 000,5")).toBe(1000.5);
    });

    it("gives null for an empty field and NaN for anything else", () => {
        expect(parseDecimal("")).toBeNull();
        expect(parseDecimal("1,2,3")).toBeNaN();
        expect(parseDecimal("abc")).toBeNaN();
    });
});
