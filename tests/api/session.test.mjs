// Sign-in, session, sign-out and sign-in throttling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, mustSignIn, request, signIn, sql, startServer } from './server.mjs';

describe('session', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.close(); });

  test('sign-in with the right password returns the user, a CSRF token and a strict session cookie', async () => {
    const s = await signIn(server, 'admin');
    assert.equal(s.status, 200, s.text);
    assert.match(s.headers.get('content-type'), /^application\/json/);
    assert.equal(s.headers.get('cache-control'), 'no-store');
    const u = s.body.user;
    assert.equal(u.username, 'admin');
    assert.equal(typeof u.id, 'string');
    assert.equal(typeof u.display_name, 'string');
    assert.ok(Array.isArray(u.roles) && u.roles.length > 0, 'roles');
    assert.ok(u.roles.some((r) => r.role === 'administrator'), JSON.stringify(u.roles));
    for (const r of u.roles) assert.deepEqual(Object.keys(r).sort(), ['area_id', 'organisation_id', 'role']);
    assert.ok(Array.isArray(u.organisation_ids), 'organisation_ids');
    assert.equal(typeof s.csrf, 'string');
    assert.ok(s.csrf.length >= 20, 'CSRF token too short');
    assert.ok(!('password' in u) && !('password_hash' in u), 'no password material in the user object');

    const cookie = s.setCookie.find((c) => c.startsWith('samverkan_session='));
    assert.ok(cookie, `session cookie: ${s.setCookie}`);
    const value = cookie.split(';')[0].slice('samverkan_session='.length);
    assert.ok(value.length >= 20, 'session id too short');
    const attrs = cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
    assert.ok(attrs.includes('httponly'), cookie);
    assert.ok(attrs.includes('samesite=strict'), cookie);
    assert.ok(attrs.includes('path=/'), cookie);
    assert.notEqual(value, s.csrf, 'the CSRF token must not be the session id');
  });

  test('every sign-in gets its own session id and CSRF token', async () => {
    const a = await mustSignIn(server, 'coordinator');
    const b = await mustSignIn(server, 'coordinator');
    assert.notEqual(a.cookie, b.cookie);
    assert.notEqual(a.csrf, b.csrf);
  });

  test('wrong password: 401 problem+json and no session cookie', async () => {
    const s = await signIn(server, 'politician', 'not-the-password');
    assertProblem(assert, s, 401);
    assert.equal(s.cookie, undefined, 'no session cookie on failure');
  });

  test('unknown user: 401 with exactly the same problem as a wrong password', async () => {
    const wrong = await signIn(server, 'reporter', 'not-the-password');
    const unknown = await signIn(server, 'no-such-user-xyz', 'not-the-password');
    assertProblem(assert, unknown, 401);
    assert.equal(unknown.cookie, undefined);
    assert.deepEqual(unknown.body, wrong.body, 'the answer must not reveal whether the account exists');
  });

  test('sign-in body problems: 415 for a form post, 400 for missing fields', async () => {
    const form = await request(server, '/api/v1/session', {
      method: 'POST',
      body: 'username=admin&password=Samverkan-demo-2026%21',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assertProblem(assert, form, 415);
    const missing = await request(server, '/api/v1/session', { method: 'POST', json: { username: 'admin' } });
    assertProblem(assert, missing, 400, { field: 'password' });
  });

  test('GET /api/v1/session and /api/v1/me return the signed-in user', async () => {
    const s = await mustSignIn(server, 'caseworker');
    const got = await request(server, '/api/v1/session', { session: s });
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(got.body.user, s.user);
    assert.equal(got.body.csrf_token, s.csrf);
    assert.equal(got.headers.get('cache-control'), 'no-store');
    const me = await request(server, '/api/v1/me', { session: s });
    assert.equal(me.status, 200, me.text);
    assert.deepEqual(me.body, s.user);
  });

  test('GET /api/v1/session and /api/v1/me without a cookie: 401', async () => {
    assertProblem(assert, await request(server, '/api/v1/session'), 401);
    assertProblem(assert, await request(server, '/api/v1/me'), 401);
  });

  test('sign-out needs the CSRF token, then clears the cookie and ends the session', async () => {
    const s = await mustSignIn(server, 'coordinator');

    const noToken = await request(server, '/api/v1/session', { method: 'DELETE', session: s, csrf: null });
    assertProblem(assert, noToken, 403);
    const forged = await request(server, '/api/v1/session', { method: 'DELETE', session: s, csrf: 'forged-token' });
    assertProblem(assert, forged, 403);
    assert.equal((await request(server, '/api/v1/me', { session: s })).status, 200, 'a refused sign-out must keep the session');

    const res = await fetch(`${server.base}/api/v1/session`, {
      method: 'DELETE',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    assert.equal(res.status, 204);
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith('samverkan_session='));
    assert.ok(cleared, 'sign-out must clear the cookie');
    assert.match(cleared, /^samverkan_session=;|max-age=0|expires=thu, 01 jan 1970/i);

    assertProblem(assert, await request(server, '/api/v1/session', { session: s }), 401);
    assertProblem(assert, await request(server, '/api/v1/me', { session: s }), 401);
    assertProblem(assert, await request(server, '/api/v1/organisations', { session: s }), 401);
  });

  test('an expired session: 401, and a write with it changes nothing', async () => {
    const s = await mustSignIn(server, 'coordinator');
    // Expire it in the database, as the idle timeout would; the server has not looked it up yet, so no cache holds it.
    sql(server.db, "UPDATE sessions SET expires_at = '2020-01-01T00:00:00.000Z' WHERE user_id = (SELECT id FROM users WHERE username = 'coordinator')");
    assertProblem(assert, await request(server, '/api/v1/me', { session: s }), 401);
    const before = sql(server.db, 'SELECT COUNT(*) FROM organisations');
    const r = await request(server, '/api/v1/organisations', {
      method: 'POST', session: s, json: { name: 'Efter utgången session', kind: 'external_actor' },
    });
    assertProblem(assert, r, 401);
    assert.equal(sql(server.db, 'SELECT COUNT(*) FROM organisations'), before);
  });

  test('forged or unknown session cookies: 401', async () => {
    const real = await mustSignIn(server, 'reporter');
    const v = real.cookie.slice('samverkan_session='.length);
    const flipped = v.slice(0, -1) + (v.endsWith('A') ? 'B' : 'A');
    for (const value of [flipped, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'x', '', "'; DROP TABLE sessions; --",
      'a'.repeat(4000), v + v]) {
      const cookie = `samverkan_session=${encodeURIComponent(value)}`;
      const me = await request(server, '/api/v1/me', { headers: { cookie } });
      assertProblem(assert, me, 401);
      const ses = await request(server, '/api/v1/session', { headers: { cookie } });
      assertProblem(assert, ses, 401);
    }
    assert.equal((await request(server, '/api/v1/me', { session: real })).status, 200, 'the real session still works');
  });

  test('five wrong passwords lock the account: 429 with Retry-After, even for the right password', async () => {
    for (let i = 1; i <= 5; i++) {
      const s = await signIn(server, 'member', `wrong-${i}`);
      assert.equal(s.status, 401, `attempt ${i}: ${s.text}`);
    }
    const sixth = await signIn(server, 'member', 'wrong-6');
    assertProblem(assert, sixth, 429);
    const right = await signIn(server, 'member');
    assertProblem(assert, right, 429);
    assert.equal(right.cookie, undefined, 'no session while locked');
    const retry = right.headers.get('retry-after');
    assert.match(retry ?? '', /^\d+$/, `Retry-After: ${retry}`);
    assert.ok(Number(retry) > 0 && Number(retry) <= 3600, `Retry-After: ${retry}`);

    // The lock is per account: others still sign in.
    const other = await signIn(server, 'politician');
    assert.equal(other.status, 200, other.text);
  });

  test('unknown usernames are throttled like real ones (no account enumeration via 429)', async () => {
    // Beyond the brief: if only existing accounts ever answer 429, six attempts reveal
    // whether a username exists, defeating the identical-401 rule above.
    const statuses = [];
    for (let i = 1; i <= 6; i++) statuses.push((await signIn(server, 'ghost-user-4711', `wrong-${i}`)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
  });
});
