/** Today's date in the browser's time zone as YYYY-MM-DD (not UTC, which is a day off at night). */
export function todayIso(): string {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isIsoDate(value: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A date as words in the reader's language, e.g. "1 januari 2022". */
export function formatDate(value: string, locale: string): string {
    if (!isIsoDate(value)) return value;
    const date = new Date(`${value}T12:00:00Z`);
    return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
        date,
    );
}
