// iCalendar feeds of a group's meetings: a download for signed-in users, and a secret subscription
// URL that calendar programs (which cannot sign in) fetch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, mustSignIn, request, runCli, startServer } from './server.mjs';

function lines(ics) {
  assert.ok(ics.includes('\r\n'), 'lines end in CRLF');
  // Unfold: a line starting with a space continues the previous one (RFC 5545 3.1).
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
}

describe('calendar feeds', () => {
  let server;
  let politician;
  let coordinator;
  let steering;

  before(async () => {
    server = await startServer();
    politician = await mustSignIn(server, 'politician');
    coordinator = await mustSignIn(server, 'coordinator');
    const groups = await request(server, '/api/v1/groups', { session: coordinator });
    steering = groups.body.items.find((g) => g.kind === 'steering');
  });
  after(async () => { await server?.close(); });

  test('a signed-in download: one all-day VEVENT per meeting, folded and escaped by the book', async () => {
    const group = (await request(server, `/api/v1/groups/${steering.id}`, { session: politician })).body;
    const r = await request(server, `/api/v1/groups/${steering.id}/calendar`, { session: politician });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^text\/calendar/);
    for (const raw of r.text.split('\r\n')) assert.ok(Buffer.byteLength(raw) <= 75, `line over 75 octets: ${raw}`);
    const l = lines(r.text);
    assert.equal(l[0], 'BEGIN:VCALENDAR');
    assert.ok(l.includes('VERSION:2.0'));
    assert.equal(l.filter((x) => x === 'BEGIN:VEVENT').length, group.meetings.length);
    for (const m of group.meetings) {
      assert.ok(l.includes(`DTSTART;VALUE=DATE:${m.held_on.replaceAll('-', '')}`), m.held_on);
      assert.ok(l.some((x) => x.startsWith(`UID:${m.id}@`)), m.id);
    }
    assert.ok(l.includes('SUMMARY:Sammanträde: Styrgruppen för samverkan'), 'Swedish text as UTF-8');
    // The agenda's line breaks are escaped as \n inside one DESCRIPTION property.
    assert.ok(l.some((x) => x.startsWith('DESCRIPTION:Dagordning:\\n1. Lägesbild\\n2. Beslut')), l.join('\n'));
  });

  test('a subscription URL works without a session, for as long as its user is active', async () => {
    const created = await request(server, `/api/v1/groups/${steering.id}/calendar-feeds`, { method: 'POST', session: politician });
    assert.equal(created.status, 201, created.text);
    const path = created.body.path;
    assert.match(path, /^\/api\/v1\/calendar\/[A-Za-z0-9_-]{40,}$/);
    const feed = await request(server, path);
    assert.equal(feed.status, 200, feed.text);
    assert.ok(lines(feed.text).includes('BEGIN:VEVENT'));
    assertProblem(assert, await request(server, '/api/v1/calendar/not-a-real-token'), 404);
    assert.equal(runCli(['user', 'disable', 'politician', '--db', server.db.url]).code, 0);
    assertProblem(assert, await request(server, path), 404);
    assert.equal(runCli(['user', 'enable', 'politician', '--db', server.db.url]).code, 0);
    assert.equal((await request(server, path)).status, 200);
  });

  test('anonymous, unknown group, missing CSRF', async () => {
    assertProblem(assert, await request(server, `/api/v1/groups/${steering.id}/calendar`), 401);
    assertProblem(assert, await request(server, `/api/v1/groups/${steering.id}/calendar-feeds`, { method: 'POST' }), 401);
    assertProblem(assert, await request(server, '/api/v1/groups/00000000-0000-4000-8000-000000000000/calendar', { session: politician }), 404);
    assertProblem(assert, await request(server, `/api/v1/groups/${steering.id}/calendar-feeds`,
      { method: 'POST', session: politician, csrf: null }), 403);
  });

  test('the feed token never reaches the log or the audit', async () => {
    const created = await request(server, `/api/v1/groups/${steering.id}/calendar-feeds`, { method: 'POST', session: coordinator });
    const token = created.body.path.split('/').pop();
    await request(server, created.body.path);
    assert.ok(!server.log().includes(token), 'token in the server log');
    const audit = runCli(['audit', 'verify', '--db', server.db.url, '--json']);
    assert.equal(JSON.parse(audit.stdout).ok, true);
  });
});
