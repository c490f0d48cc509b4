// Words for the codes of the groups, decisions and reporting API, in the reader's language.
import { useI18n } from "vue-i18n";
import { formatDate } from "../ui";

export function useGovernanceText() {
    const { t, te, locale } = useI18n();

    function word(group: string, code: string | null | undefined): string {
        if (!code) return "–";
        const key = `governance.${group}.${code}`;
        return te(key) ? t(key) : code;
    }

    function date(value: string | null | undefined): string {
        return value ? formatDate(value, locale.value) : "–";
    }

    function period(start: string, end: string): string {
        return t("governance.period", { start: date(start), end: date(end) });
    }

    /** An amount in whole kronor, e.g. "100 000 kr". */
    function sek(value: number | null | undefined): string {
        if (value === null || value === undefined) return "–";
        return t("governance.sek", { amount: value.toLocaleString(locale.value === "sv" ? "sv-SE" : "en-GB") });
    }

    /** A matter type in words where it is a known one; its code is always shown too. */
    function matterType(code: string): string {
        const key = `governance.matterType.${code}`;
        return te(key) ? t("governance.matterTypeNamed", { name: t(key), code }) : code;
    }

    return {
        date,
        period,
        sek,
        matterType,
        kind: (code: string) => word("kind", code),
        cadence: (code: string) => word("cadence", code),
        role: (code: string) => word("role", code),
        decisionStatus: (code: string) => word("decisionStatus", code),
        consultationState: (code: string) => word("consultationState", code),
        outcome: (code: string | null) => word("outcome", code ?? "pending"),
        tracking: (code: string) => word("tracking", code),
        reportStatus: (code: string) => word("reportStatus", code),
        followUpStatus: (code: string) => word("followUpStatus", code),
    };
}
