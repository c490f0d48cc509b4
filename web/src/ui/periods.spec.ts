import { describe, expect, it } from "vitest";
import { isoWeekOf, parsePeriod, periodCode, periodContaining, weeksInYear } from "./periods";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("isoWeekOf", () => {
    it.each([
        ["2026-11-27", 2026, 48],
        ["2026-12-31", 2026, 53],
        ["2027-01-03", 2026, 53],
        ["2027-01-04", 2027, 1],
        ["2024-12-30", 2025, 1],
    ])("%s is week %i-W%i", (date, year, week) => {
        expect(isoWeekOf(day(date))).toEqual({ year, week });
    });
});

describe("weeksInYear", () => {
    it("has 53 weeks in 2026 and 2020, 52 in 2027", () => {
        expect(weeksInYear(2026)).toBe(53);
        expect(weeksInYear(2020)).toBe(53);
        expect(weeksInYear(2027)).toBe(52);
    });
});

describe("parsePeriod", () => {
    it.each([
        ["2026-W53", { kind: "week", year: 2026, number: 53 }],
        ["2026-Q3", { kind: "quarter", year: 2026, number: 3 }],
        ["2026-T2", { kind: "tertial", year: 2026, number: 2 }],
        ["2026", { kind: "year", year: 2026, number: 1 }],
    ])("reads %s", (code, period) => {
        expect(parsePeriod(code)).toEqual(period);
    });

    it.each(["2027-W53", "2026-W00", "2026-Q5", "2026-T4", "26-W01", "2026W01", ""])("refuses %s", (code) => {
        expect(parsePeriod(code)).toBeNull();
    });

    it("writes back the code it read", () => {
        for (const code of ["2026-W05", "2026-Q1", "2026-T3", "2026"]) expect(periodCode(parsePeriod(code)!)).toBe(code);
    });
});

describe("periodContaining", () => {
    it("finds the week, quarter and tertial of a date", () => {
        expect(periodCode(periodContaining("week", day("2027-01-02")))).toBe("2026-W53");
        expect(periodCode(periodContaining("quarter", day("2026-11-27")))).toBe("2026-Q4");
        expect(periodCode(periodContaining("tertial", day("2026-05-01")))).toBe("2026-T2");
    });
});
