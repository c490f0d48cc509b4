// Grants narrowed to an organisation or an area: a district's own coordinator administers that
// district's group and nothing else.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, mustSignIn, request, runCli, signIn, startServer } from './server.mjs';

const PASSWORD = 'Järvas-egen-samordnare-1';

describe('scoped coordinators', () => {
  let server;
  let admin;
  let groups;
  let orgs;

  before(async () => {
    server = await startServer();
    admin = await mustSignIn(server, 'coordinator');
    groups = (await request(server, '/api/v1/groups', { session: admin })).body.items;
    orgs = (await request(server, '/api/v1/organisations', { session: admin })).body.items;
  });
  after(async () => { await server?.close(); });

  const group = (name) => groups.find((g) => g.name === name);
  const org = (name) => orgs.find((o) => o.name === name);

  test('user add refuses a scope that names nothing, and creates no user', () => {
    const r = runCli(['user', 'add', 'ghost', '--name', 'Ghost', '--role', 'coordinator@no-such-org', '--db', server.db.url],
      { input: `${PASSWORD}\n` });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No organisation with id no-such-org/);
    assert.doesNotMatch(r.stdout, /created/);
    assert.doesNotMatch(runCli(['user', 'list', '--db', server.db.url]).stdout, /ghost/);
  });

  test("a coordinator scoped to Järva's district committee records in the Järva group only", async () => {
    const sdn = org('Järva stadsdelsnämnd');
    const add = runCli(['user', 'add', 'sara', '--name', 'Sara Samordnare', '--role', `coordinator@${sdn.id}`, '--org', sdn.id,
      '--db', server.db.url], { input: `${PASSWORD}\n` });
    assert.equal(add.code, 0, add.stderr);
    const sara = await signIn(server, 'sara', PASSWORD);
    assert.equal(sara.status, 200, sara.text);
    const jarva = group('Lokal samverkansgrupp Järva');
    const steering = group('Styrgruppen för samverkan');
    const ok = await request(server, `/api/v1/groups/${jarva.id}/meetings`, { method: 'POST', session: sara,
      json: { held_on: '2026-11-20', agenda: 'Lokal lägesbild', minutes: '', attendance: [] } });
    assert.equal(ok.status, 201, ok.text);
    const refused = await request(server, `/api/v1/groups/${steering.id}/meetings`, { method: 'POST', session: sara,
      json: { held_on: '2026-11-20', agenda: 'Inte min grupp', minutes: '', attendance: [] } });
    assertProblem(assert, refused, 403);
    const after = (await request(server, `/api/v1/groups/${steering.id}`, { session: admin })).body;
    assert.ok(!after.meetings.some((m) => m.agenda === 'Inte min grupp'));
  });

  test("an area-scoped coordinator records escalation outcomes for decisions of their district's group", async () => {
    const districts = (await request(server, '/api/v1/areas?kind=district', { session: admin })).body.items;
    const jarvaArea = districts.find((d) => d.name === 'Järva');
    const add = runCli(['user', 'add', 'ali', '--name', 'Ali Områdessamordnare', '--role', `coordinator@area:${jarvaArea.id}`,
      '--db', server.db.url], { input: `${PASSWORD}\n` });
    assert.equal(add.code, 0, add.stderr);
    const ali = await signIn(server, 'ali', PASSWORD);
    const jarva = group('Lokal samverkansgrupp Järva');
    const meeting = await request(server, `/api/v1/groups/${jarva.id}/meetings`, { method: 'POST', session: ali,
      json: { held_on: '2026-11-21', agenda: 'Beslut', minutes: '', attendance: [] } });
    assert.equal(meeting.status, 201, meeting.text);
    const decision = await request(server, `/api/v1/meetings/${meeting.body.id}/decisions`, { method: 'POST', session: ali,
      json: { title: 'För dyrt för gruppen', matter_type: 'measure', amount_sek: 900000, area_ids: [] } });
    assert.equal(decision.status, 201, decision.text);
    assert.equal(decision.body.status, 'escalated');
    const outcome = await request(server, `/api/v1/escalations/${decision.body.escalation.id}/outcome`,
      { method: 'POST', session: ali, json: { outcome: 'approved', note: '', decided_on: '2026-11-25' } });
    assert.equal(outcome.status, 200, outcome.text);
    assert.equal(outcome.body.status, 'final');
  });
});
