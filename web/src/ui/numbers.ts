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

/**
 * A decimal number as typed, with a decimal comma or point and an optional minus sign ("1,5", "-3.25");
 * spaces are ignored. Returns null for an empty field and NaN for anything else that is not a number.
 */
export function parseDecimal(text: string): number | null {
    const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace("−", "-").replace(",", ".");
    if (!compact) return null;
    if (!/^-?\d{1,15}(\.\d{1,10})?$/.test(compact)) return Number.NaN;
    return Number(compact);
}
