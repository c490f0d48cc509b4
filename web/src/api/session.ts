// The signed-in user, shared by the whole app. The server keeps the session in an
// HttpOnly cookie; the browser only holds the user and the CSRF token in memory.
import { readonly, ref } from "vue";
import { ApiError } from "./client";
import type { User } from "./types";
import * as sessionApi from "./sessionApi";

const currentUser = ref<User | null>(null);
let restored: Promise<void> | null = null;

export const user = readonly(currentUser);

/** Asks the server once per page load whether a session exists (GET /session). */
export function restoreSession(): Promise<void> {
    restored ??= sessionApi
        .fetchSession()
        .then((session) => {
            currentUser.value = session.user;
        })
        .catch((error: unknown) => {
            // 401 simply means "not signed in"; anything else is also treated as signed out,
            // so that the sign-in page stays reachable when the server hiccups.
            if (!(error instanceof ApiError)) console.error(error);
            currentUser.value = null;
        });
    return restored;
}

export async function signIn(username: string, password: string): Promise<void> {
    const session = await sessionApi.signIn(username, password);
    currentUser.value = session.user;
    restored = Promise.resolve();
}

export async function signOut(): Promise<void> {
    try {
        await sessionApi.signOut();
    } finally {
        currentUser.value = null;
    }
}

/** Called when any request answers 401: the session expired on the server. */
export function forgetSession(): void {
    currentUser.value = null;
}
