// Period codes of the situation picture, as the API names them: an ISO week "2026-W48", a quarter
// "2026-Q3", a tertial (four months) "2026-T2" and a year "2026". Dates are calendar dates in
// Stockholm; the arithmetic below works on them as UTC midnights so that no time zone shifts a day.

export type PeriodKind = "week" | "quarter" | "tertial" | "year";
export const periodKinds: readonly PeriodKind[] = ["week", "quarter", "tertial", "year"];

export interface Period {
    kind: PeriodKind;
    year: number;
    /** Week 1–53, quarter 1–4, tertial 1–3; 1 for a year. */
    number: number;
}

const dayMs = 86_400_000;

function utcDate(year: number, month0: number, day: number): Date {
    return new Date(Date.UTC(year, month0, day));
}

/** The ISO year and week of a date: the week belongs to the year of its Thursday. */
export function isoWeekOf(date: Date): { year: number; week: number } {
    const d = utcDate(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
    d.setUTCDate(d.getUTCDate() - weekday + 3);
    const year = d.getUTCFullYear();
    const firstThursday = utcDate(year, 0, 4);
    firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
    return { year, week: 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * dayMs)) };
}

/** 52 or 53: a year has 53 ISO weeks when 28 December falls in week 53. */
export function weeksInYear(year: number): number {
    return isoWeekOf(utcDate(year, 11, 28)).week;
}

function countIn(kind: PeriodKind, year: number): number {
    switch (kind) {
        case "week":
            return weeksInYear(year);
        case "quarter":
            return 4;
        case "tertial":
            return 3;
        case "year":
            return 1;
    }
}

export function periodCode(p: Period): string {
    switch (p.kind) {
        case "week":
            return `${p.year}-W${String(p.number).padStart(2, "0")}`;
        case "quarter":
            return `${p.year}-Q${p.number}`;
        case "tertial":
            return `${p.year}-T${p.number}`;
        case "year":
            return String(p.year);
    }
}

/** The period a code names, or null for anything that is not one. */
export function parsePeriod(code: string): Period | null {
    let m = /^(\d{4})-W(\d{2})$/.exec(code);
    if (m) {
        const year = Number(m[1]);
        const number = Number(m[2]);
        return number >= 1 && number <= weeksInYear(year) ? { kind: "week", year, number } : null;
    }
    m = /^(\d{4})-([QT])(\d)$/.exec(code);
    if (m) {
        const kind: PeriodKind = m[2] === "Q" ? "quarter" : "tertial";
        const year = Number(m[1]);
        const number = Number(m[3]);
        return number >= 1 && number <= countIn(kind, year) ? { kind, year, number } : null;
    }
    m = /^(\d{4})$/.exec(code);
    return m ? { kind: "year", year: Number(m[1]), number: 1 } : null;
}

/** The period of a kind that contains a date. */
export function periodContaining(kind: PeriodKind, date: Date): Period {
    const year = date.getUTCFullYear();
    const month0 = date.getUTCMonth();
    switch (kind) {
        case "week": {
            const w = isoWeekOf(date);
            return { kind, year: w.year, number: w.week };
        }
        case "quarter":
            return { kind, year, number: Math.floor(month0 / 3) + 1 };
        case "tertial":
            return { kind, year, number: Math.floor(month0 / 4) + 1 };
        case "year":
            return { kind, year, number: 1 };
    }
}

/** Today in the browser's time zone (Stockholm for the users of this app), as a UTC midnight. */
export function today(): Date {
    const now = new Date();
    return utcDate(now.getFullYear(), now.getMonth(), now.getDate());
}

export function currentPeriod(kind: PeriodKind = "week"): Period {
    return periodContaining(kind, today());
}

/** The first and last day of a period. */
export function periodRange(p: Period): { start: Date; end: Date } {
    switch (p.kind) {
        case "week": {
            const jan4 = utcDate(p.year, 0, 4);
            const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * dayMs + (p.number - 1) * 7 * dayMs);
            return { start: monday, end: new Date(monday.getTime() + 6 * dayMs) };
        }
        case "quarter":
            return { start: utcDate(p.year, (p.number - 1) * 3, 1), end: utcDate(p.year, p.number * 3, 0) };
        case "tertial":
            return { start: utcDate(p.year, (p.number - 1) * 4, 1), end: utcDate(p.year, p.number * 4, 0) };
        case "year":
            return { start: utcDate(p.year, 0, 1), end: utcDate(p.year, 11, 31) };
    }
}

/** The period `steps` periods later (earlier when negative), across year ends. */
export function shiftPeriod(p: Period, steps: number): Period {
    let { year, number } = p;
    number += steps;
    while (number < 1) {
        year -= 1;
        number += countIn(p.kind, year);
    }
    while (number > countIn(p.kind, year)) {
        number -= countIn(p.kind, year);
        year += 1;
    }
    return { kind: p.kind, year, number };
}

/** The period of another kind around the middle of this one, when the reader changes the kind. */
export function convertPeriod(p: Period, kind: PeriodKind): Period {
    if (p.kind === kind) return p;
    const { start, end } = periodRange(p);
    const middle = new Date((start.getTime() + end.getTime()) / 2);
    const inside = periodContaining(kind, middle);
    // From a longer period to a shorter one, the reader most likely wants the one that is current.
    const now = today();
    if (now >= start && now <= end) return periodContaining(kind, now);
    return inside;
}

/** How many weeks, quarters or tertials a year has, for the reader's choice. */
export function periodsInYear(kind: PeriodKind, year: number): number {
    return countIn(kind, year);
}

/** YYYY-MM-DD of a date made by this module. */
export function isoDay(date: Date): string {
    return date.toISOString().slice(0, 10);
}
