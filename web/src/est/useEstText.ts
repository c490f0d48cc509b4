// Words and numbers of the situation picture in the reader's language: period names, changes
// against an earlier period, severities, times.
import { useI18n } from "vue-i18n";
import { formatDate } from "../areas/dates";
import { parsePeriod } from "./periods";

export function useEstText() {
    const { t, te, locale } = useI18n();
    const tag = () => (locale.value === "sv" ? "sv-SE" : "en-GB");

    function number(value: number | null | undefined, digits = 0): string {
        if (value === null || value === undefined || !Number.isFinite(value)) return "–";
        return new Intl.NumberFormat(tag(), { maximumFractionDigits: digits }).format(value);
    }

    /** "Vecka 48, 2026", "Kvartal 3, 2026", "Tertial 2, 2026", "2026"; an unknown code as it is. */
    function periodName(code: string | null | undefined): string {
        if (!code) return "–";
        const p = parsePeriod(code);
        if (!p) return code;
        return t(`est.period.name.${p.kind}`, { year: p.year, number: p.number });
    }

    function date(value: string | null | undefined): string {
        return value ? formatDate(value, locale.value) : "–";
    }

    function dateRange(start: string, end: string): string {
        return t("est.period.range", { start: date(start), end: date(end) });
    }

    /** A time as words and digits, e.g. "27 november 2026 14:05". */
    function dateTime(value: string | null | undefined): string {
        if (!value) return "–";
        const parsed = new Date(value);
        if (Number.isNaN(parsed.getTime())) return value;
        return new Intl.DateTimeFormat(tag(), { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Stockholm" }).format(
            parsed,
        );
    }

    /** The difference to an earlier count with its sign, and in percent where that means something: "+7 (+20 %)". */
    function change(current: number, earlier: number | null | undefined): string {
        if (earlier === null || earlier === undefined) return "–";
        const diff = current - earlier;
        const signed = new Intl.NumberFormat(tag(), { signDisplay: "exceptZero" }).format(diff);
        if (earlier === 0 || diff === 0) return signed;
        const percent = new Intl.NumberFormat(tag(), {
            style: "percent",
            signDisplay: "exceptZero",
            maximumFractionDigits: 0,
        }).format(diff / earlier);
        return `${signed} (${percent})`;
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

    /** A category's name in the reader's language. */
    function categoryName(category: { name_sv: string; name_en?: string }): string {
        return locale.value === "en" && category.name_en ? category.name_en : category.name_sv;
    }

    return { number, periodName, date, dateRange, dateTime, change, direction, severity, probability, areaKind, categoryName };
}
