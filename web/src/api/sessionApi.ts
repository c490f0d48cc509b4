import { api, setCsrfToken } from "./client";
import type { SessionResponse } from "./types";

export async function signIn(username: string, password: string): Promise<SessionResponse> {
    const session = await api.post<SessionResponse>("/session", { username, password }, { withoutCsrf: true });
    setCsrfToken(session.csrf_token);
    return session;
}

export async function fetchSession(): Promise<SessionResponse> {
    const session = await api.get<SessionResponse>("/session");
    setCsrfToken(session.csrf_token);
    return session;
}

export async function signOut(): Promise<void> {
    try {
        await api.delete("/session");
    } finally {
        setCsrfToken(null);
    }
}
