/**
 * A whole, non-negative number as typed: spaces (also the narrow no-break space of "100 000") are
 * ignored. Returns null for an empty field and NaN for anything else that is not such a number.
 */
export function parseWholeNumber(text: string): number | null {
    const compact = text.replace(/[\s\u00a0\u202f]/g, "");
    if (!compact) return null;
    if (!/^\d{1,15}$/.test(compact)) return Number.NaN;
    return Number(compact);
}
