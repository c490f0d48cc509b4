// A rejected import row, told in one short line: the row as read may be a CSV line (text), a Polisen
// event or an NDJSON object (whose scalar fields, and the name of a nested place, are shown).

const maxLength = 160;

function shorten(value: string): string {
    return value.length > maxLength ? `${value.slice(0, maxLength - 1)}…` : value;
}

function scalar(value: unknown): string | null {
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return null;
}

export function recordText(record: unknown): string {
    const direct = scalar(record);
    if (direct !== null) return shorten(direct);
    if (Array.isArray(record)) return shorten(record.map((v) => scalar(v) ?? "").join("; "));
    if (!record || typeof record !== "object") return "–";
    const parts: string[] = [];
    for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
        const text = scalar(value);
        if (text !== null && key !== "url") parts.push(`${key}: ${text}`);
        else if (value && typeof value === "object" && !Array.isArray(value)) {
            const name = scalar((value as Record<string, unknown>).name);
            if (name !== null) parts.push(`${key}: ${name}`);
        }
    }
    return shorten(parts.join(", ") || JSON.stringify(record));
}
