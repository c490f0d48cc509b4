/** Only same-app paths are followed after sign-in, never another origin. */
export function safeRedirect(target: unknown): string {
    if (typeof target === "string" && target.startsWith("/") && !target.startsWith("//")) return target;
    return "/";
}
