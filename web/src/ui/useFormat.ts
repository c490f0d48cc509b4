// Numbers, dates, times, periods and changes in the reader's language, for every module's pages.
import { useI18n } from "vue-i18n";
import { formatDate } from "./dates";
import { parsePeriod } from "./periods";

export function useFormat() {
    const { t, locale } = useI18n();
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

    /** A name kept in Swedish and English (a category's), in the reader's language. */
    function categoryName(category: { name_sv: string; name_en?: string }): string {
        return locale.value === "en" && category.name_en ? category.name_en : category.name_sv;
    }

    return { number, periodName, date, dateTime, change, categoryName };
}
