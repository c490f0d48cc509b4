// Words and numbers of the action plans in the reader's language: statuses, types, horizons,
// progress and periods. Numbers, dates and period names are the kit's.
import { useI18n } from "vue-i18n";
import type { MeasureStatus } from "../api/types";
import { isIsoDate, useFormat } from "../ui";

export const measureStatuses: readonly MeasureStatus[] = ["planned", "ongoing", "done", "paused", "cancelled"];

/** How a status looks: the word is always written, the tone only repeats it. */
const statusTones: Record<string, "ok" | "problem" | "pending" | "neutral"> = {
    planned: "neutral",
    ongoing: "pending",
    done: "ok",
    paused: "neutral",
    cancelled: "neutral",
};

export function usePlanText() {
    const { t, te, locale } = useI18n();
    const est = useFormat();

    function shortDate(value: string): string {
        if (!isIsoDate(value)) return value;
        return new Intl.DateTimeFormat(locale.value === "sv" ? "sv-SE" : "en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(
            new Date(`${value}T12:00:00Z`),
        );
    }

    function word(prefix: string, value: string): string {
        const key = `${prefix}.${value}`;
        return te(key) ? t(key) : value;
    }

    return {
        number: est.number,
        date: est.date,
        /** A date in short for tables: "1 jan. 2026". */
        shortDate,
        dateTime: est.dateTime,
        periodName: est.periodName,
        /** The difference to an earlier value with its sign, and in percent: "−8 (−16 %)". */
        change: est.change,
        categoryName: est.categoryName,
        status: (s: string) => word("plans.status", s),
        /** The status inside a sentence: "pågående". */
        statusInSentence: (s: string) => word("plans.status", s).toLocaleLowerCase(locale.value),
        statusTone: (s: string) => statusTones[s] ?? "neutral",
        type: (s: string) => word("plans.type", s),
        horizon: (s: string) => word("plans.horizon", s),
        /** "45 %", or "Ingen uppföljning" when nothing has been followed up. */
        progress: (value: number | null | undefined) =>
            value === null || value === undefined ? t("plans.progress.none") : t("plans.progress.value", { value: est.number(value, 1) }),
        period: (start: string, end: string | null) => t("plans.periodRange", { start: est.date(start), end: est.date(end) }),
        /** The same with short dates, for tables: "1 jan. 2026 – 31 dec. 2027". */
        shortPeriod: (start: string, end: string) => t("plans.periodRange", { start: shortDate(start), end: shortDate(end) }),
        /** "Hela staden" for the citywide plan, else the district's name. */
        place: (district: { name: string } | null) => district?.name ?? t("plans.citywide"),
    };
}
