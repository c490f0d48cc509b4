// Words for the codes of the agreement API (status, scope, party), in the reader's language.
import { useI18n } from "vue-i18n";
import type { AgreementSummary, Period } from "../api/types";
import { formatDate } from "../ui";

export function useAgreementText() {
    const { t, te, locale } = useI18n();

    function word(group: string, code: string | null | undefined): string {
        if (!code) return "–";
        const key = `governance.${group}.${code}`;
        return te(key) ? t(key) : code;
    }

    const status = (code: string) => word("status", code);
    const scope = (code: string) => word("scope", code);
    const party = (code: string) => word("party", code);
    const transition = (code: string) => word("transition", code);

    function date(value: string | null | undefined): string {
        return value ? formatDate(value, locale.value) : "–";
    }

    function period(value: Period): string {
        if (!value.period_end) return t("governance.periodOpen", { start: date(value.period_start) });
        return t("governance.period", { start: date(value.period_start), end: date(value.period_end) });
    }

    /** "Title, version 2 (Gäller)" – names one version in a select or a link. */
    function versionName(agreement: AgreementSummary): string {
        return t("governance.versionName", {
            title: agreement.title,
            version: agreement.version,
            status: status(agreement.status),
        });
    }

    return { status, scope, party, transition, date, period, versionName };
}
