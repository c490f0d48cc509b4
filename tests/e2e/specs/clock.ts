// The suite's clock. The server under test runs pinned to SAMVERKAN_TEST_NOW (./dev test starts it
// with SAMVERKAN_NOW and tells us, in SAMVERKAN_TEST_NOW_AT, the real time at which that instant
// held); the browser's clock is installed at the same instant for every test (fixtures.ts), and the
// tests compute their expectations from now() rather than new Date(). So no result depends on the
// day the suite runs.
export const TEST_NOW = process.env.SAMVERKAN_TEST_NOW ?? "2026-11-27T10:00:00Z";
const PINNED_MS = Date.parse(TEST_NOW);
if (Number.isNaN(PINNED_MS)) throw new Error(`SAMVERKAN_TEST_NOW is not an instant: ${TEST_NOW}`);
const PINNED_AT = Number(process.env.SAMVERKAN_TEST_NOW_AT ?? Date.now());

/** The suite's now in milliseconds since 1970; use instead of Date.now() wherever a date matters. */
export const nowMs = (): number => PINNED_MS + (Date.now() - PINNED_AT);
/** The suite's now as a Date; use instead of new Date(). */
export const now = (): Date => new Date(nowMs());
