// Words and numbers of the situation picture in the reader's language: period names, changes
// against an earlier period, severities, times.
import { useI18n } from "vue-i18n";
import { useFormat } from "../ui";

export function useEstText() {
    const { t, te } = useI18n();
    const format = useFormat();
    const { number, date } = format;

    function dateRange(start: string, end: string): string {
        return t("est.period.range", { start: date(start), end: date(end) });
    }

    /** Whether a count went up, down or stayed, as a word (the arrow beside it only repeats it). */
    function direction(current: number, earlier: number | null | undefined): "up" | "down" | "same" | "none" {
        if (earlier === null || earlier === undefined) return "none";
        return current > earlier ? "up" : current < earlier ? "down" : "same";
    }

    function severity(value: number | null | undefined): string {
        const key = `est.severity.${value ?? ""}`;
        return te(key) ? t(key) : String(value ?? "–");
    }

    /** A small probability readably: "0,004", or "< 0,001". */
    function probability(value: number): string {
        if (value < 0.001) return `< ${number(0.001, 3)}`;
        return number(value, 3);
    }

    function areaKind(kind: string): string {
        const key = `est.areaKind.${kind}`;
        return te(key) ? t(key) : kind;
    }

    return { ...format, dateRange, direction, severity, probability, areaKind };
}
