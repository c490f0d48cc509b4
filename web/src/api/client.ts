// A small typed fetch client for the Samverkan JSON API (/api/v1).
// Every state-changing request carries the session's CSRF token; errors arrive as
// application/problem+json and are thrown as ApiError.

export interface Problem {
    type?: string;
    title?: string;
    status: number;
    detail?: string;
    [extra: string]: unknown;
}

export class ApiError extends Error {
    readonly status: number;
    readonly problem: Problem;
    /** Seconds from a Retry-After header, when the server sent one (e.g. on 429). */
    readonly retryAfter: number | null;

    constructor(problem: Problem, retryAfter: number | null) {
        super(problem.title ?? `HTTP ${problem.status}`);
        this.name = "ApiError";
        this.status = problem.status;
        this.problem = problem;
        this.retryAfter = retryAfter;
    }
}

const basePath = "/api/v1";
let csrfToken: string | null = null;

let onUnauthorized: (() => void) | null = null;

/** Called when a request other than the session's own answers 401: the session has ended. */
export function setUnauthorizedHandler(handler: () => void): void {
    onUnauthorized = handler;
}

/** Remembers the CSRF token that the server handed out with the session. */
export function setCsrfToken(token: string | null): void {
    csrfToken = token;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Query = Record<string, string | number | undefined>;

interface RequestOptions {
    query?: Query;
    body?: unknown;
    /** Bytes sent as they are (a file's content), with their own Content-Type, instead of a JSON body. */
    raw?: { body: Blob | string; contentType: string };
    /** The sign-in POST is the one state-changing request that has no token yet. */
    withoutCsrf?: boolean;
}

function buildUrl(path: string, query?: Query): string {
    const url = new URL(basePath + path, window.location.origin);
    for (const [key, value] of Object.entries(query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.pathname + url.search;
}

async function readProblem(response: Response): Promise<Problem> {
    const fallback: Problem = { status: response.status, title: response.statusText };
    try {
        const body: unknown = await response.json();
        if (body && typeof body === "object") {
            return { ...fallback, ...(body as Partial<Problem>), status: response.status };
        }
    } catch {
        // Not JSON (e.g. a proxy error page): keep the status line.
    }
    return fallback;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.raw) headers["Content-Type"] = options.raw.contentType;
    else if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && !options.withoutCsrf && csrfToken) headers["X-CSRF-Token"] = csrfToken;

    const response = await fetch(buildUrl(path, options.query), {
        method,
        headers,
        credentials: "same-origin",
        body: options.raw ? options.raw.body : options.body === undefined ? undefined : JSON.stringify(options.body),
    });

    if (!response.ok) {
        if (response.status === 401 && path !== "/session") onUnauthorized?.();
        const retry = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
        throw new ApiError(await readProblem(response), Number.isFinite(retry) ? retry : null);
    }
    if (response.status === 204) return undefined as T;
    // A 201 may come without a document (e.g. a recorded nil return).
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
    get: <T>(path: string, query?: Query) => request<T>("GET", path, { query }),
    post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, "body"> = {}) =>
        request<T>("POST", path, { ...opts, body }),
    /** Posts a file's bytes as they are, e.g. a CSV with Content-Type text/csv. */
    postRaw: <T>(path: string, body: Blob | string, contentType: string, query?: Query) =>
        request<T>("POST", path, { query, raw: { body, contentType } }),
    put: <T>(path: string, body?: unknown) => request<T>("PUT", path, { body }),
    patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, { body }),
    delete: <T = void>(path: string) => request<T>("DELETE", path),
};
