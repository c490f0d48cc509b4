import { describe, expect, it, vi } from "vitest";
import { formatDate, isIsoDate, todayIso } from "./dates";

describe("isIsoDate", () => {
    it.each([
        ["2026-11-27", true],
        ["2028-02-29", true],
        ["2026-02-29", false],
        ["2026-13-01", false],
        ["2026-1-5", false],
        ["27/11/2026", false],
        ["", false],
    ])("%s → %s", (value, valid) => {
        expect(isIsoDate(value)).toBe(valid);
    });
});

describe("formatDate", () => {
    it("writes the date out in the reader's language", () => {
        expect(formatDate("2022-01-01", "sv")).toBe("1 januari 2022");
        expect(formatDate("2022-01-01", "en")).toBe("1 January 2022");
    });

    it("leaves what is not a date as it is", () => {
        expect(formatDate("someday", "sv")).toBe("someday");
    });
});

describe("todayIso", () => {
    it("is the local date, not the UTC one", () => {
        vi.useFakeTimers();
        vi.setSystemTime(new Date(2026, 11, 31, 23, 30));
        try {
            expect(todayIso()).toBe("2026-12-31");
        } finally {
            vi.useRealTimers();
        }
    });
});
