// Cooperation agreements: the demo chain, comparison of versions, the status lifecycle,
// new versions and superseding, local agreements, refused input, authorisation and the audit trail.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DB_KIND, assertProblem, mustSignIn, request, runCli, sql, startServer,
  now,
} from './server.mjs';

const LIST = '/api/v1/agreements';
const one = (id) => `${LIST}/${id}`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DETAIL_KEYS = ['allowed_transitions', 'district', 'district_id', 'district_name', 'focus_areas', 'follow_up_plan', 'goals',
  'groups', 'id', 'parent_id', 'period_end', 'period_start', 'previous_version_id', 'problems', 'scope', 'signatories',
  'status', 'superseded_by', 'title', 'version', 'versions'];
const CONTENT_KEYS = ['title', 'period_start', 'period_end', 'follow_up_plan', 'signatories', 'focus_areas', 'problems',
  'goals', 'groups'];

/** The server's "today" (Europe/Stockholm) as YYYY-MM-DD. */
const todayStockholm = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now());

/** The editable content of an agreement detail, in the shape PUT takes. */
function contentOf(a) {
  const c = {};
  for (const k of CONTENT_KEYS) c[k] = a[k];
  return c;
}

/** A full draft content; every optional field is given so that a read-back can be compared whole. */
function sampleContent(overrides = {}) {
  return {
    title: 'Samverkansöverenskommelse 2030 — ”prov” & 🚓',
    period_start: '2030-01-01',
    period_end: '2033-12-31',
    follow_up_plan: 'Styrgruppen följer upp varje kvartal\noch rapporterar till kommunstyrelsen.',
    signatories: [
      { party: 'city', name: 'Kommunstyrelsens ordförande', title: 'Ordförande, kommunstyrelsen', signed_on: '2029-12-01' },
      { party: 'police', name: 'Regionpolischef', title: 'Regionpolischef, Polisregion Stockholm', signed_on: null },
    ],
    focus_areas: [
      { code: 'unga', title: 'Unga i riskzonen', description: 'Tidiga och samordnade insatser.' },
      { code: 'platser', title: 'Otrygga platser', description: '' },
    ],
    problems: [
      { code: 'p-narkotika', title: 'Öppen narkotikahandel', description: 'Vid torget.',
        causes: ['Svag social kontroll', 'Rekrytering av unga'], focus_area_code: 'platser' },
    ],
    goals: [
      { code: 'm-trygghet', title: 'Fler känner sig trygga', description: '', indicators: [
        { name: 'Andel trygga i trygghetsmätningen', unit: '%', baseline: 72.5, target: 80 },
        { name: 'Anmälda brott per kvartal', unit: 'antal', baseline: null, target: 300 },
      ] },
    ],
    groups: [
      { code: 'styrgrupp', title: 'Styrgrupp', description: 'Tjänstepersoner från staden och polisen.',
        mandate_summary: 'Prioriterar insatser; beslut över 500 000 kr eskaleras.' },
    ],
    ...overrides,
  };
}

const CITY_ONLY = [{ party: 'city', name: 'Stadsdelsdirektör', title: 'Stadsdelsförvaltningen', signed_on: null }];
const BOTH_PARTIES = [
  { party: 'city', name: 'Stadsdelsdirektör', title: 'Stadsdelsförvaltningen', signed_on: null },
  { party: 'police', name: 'Lokalpolisområdeschef', title: 'Lokalpolisområdet', signed_on: null },
];

/** Small API bound to one server and session. */
function api(server, session) {
  const get = async (id) => {
    const r = await request(server, one(id), { session });
    assert.equal(r.status, 200, `GET ${id}: ${r.status} ${r.text}`);
    return r.body;
  };
  const list = async () => {
    const r = await request(server, LIST, { session });
    assert.equal(r.status, 200, r.text);
    return r.body.items;
  };
  const create = (json, s = session) => request(server, LIST, { method: 'POST', session: s, json });
  const mustCreate = async (json) => {
    const r = await create(json);
    assert.equal(r.status, 201, `create ${JSON.stringify(json)}: ${r.text}`);
    return r.body;
  };
  const put = (id, json, s = session) => request(server, one(id), { method: 'PUT', session: s, json });
  const mustPut = async (id, json) => {
    const r = await put(id, json);
    assert.equal(r.status, 200, `PUT ${id}: ${r.text}`);
    return r.body;
  };
  const move = (id, to, s = session) => request(server, `${one(id)}/transitions`, { method: 'POST', session: s, json: { to } });
  const mustMove = async (id, ...steps) => {
    let r;
    for (const to of steps) {
      r = await move(id, to);
      assert.equal(r.status, 200, `-> ${to}: ${r.text}`);
      assert.equal(r.body.status, to, `-> ${to}: ${r.text}`);
    }
    return r.body;
  };
  const newVersion = (id, s = session) => request(server, `${one(id)}/versions`, { method: 'POST', session: s });
  const compare = (from, to, s = session) => request(server, `${LIST}/compare?from=${from}&to=${to}`, { session: s });
  return { session, get, list, create, mustCreate, put, mustPut, move, mustMove, newVersion, compare };
}

/** The demo chain: { v1, v2, jarva, sodermalm } summaries from the list. */
async function demoAgreements(a) {
  const items = await a.list();
  const citywide = items.filter((x) => x.scope === 'citywide');
  const found = {
    v1: citywide.find((x) => x.version === 1),
    v2: citywide.find((x) => x.version === 2),
    jarva: items.find((x) => x.scope === 'local' && x.district_name === 'Järva'),
    sodermalm: items.find((x) => x.scope === 'local' && x.district_name === 'Södermalm'),
  };
  for (const [k, v] of Object.entries(found)) assert.ok(v, `the demo data has ${k}: ${JSON.stringify(items)}`);
  return found;
}

async function districtIds(server, session) {
  const r = await request(server, `/api/v1/areas?date=${todayStockholm()}&kind=district`, { session });
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.body.items.map((d) => [d.name, d.id]));
}

// ------------------------------------------------------------------------------------------------

describe('agreements: demo data and comparison', () => {
  let server;
  let a;
  let demo;
  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    demo = await demoAgreements(a);
  });
  after(async () => { await server?.close(); });

  test('the list holds the citywide chain, the Järva agreement in force and the Södermalm draft', async () => {
    const { v1, v2, jarva, sodermalm } = demo;
    assert.equal(v1.status, 'superseded', JSON.stringify(v1));
    assert.equal(v1.period_start, '2015-06-01');
    assert.equal(v1.period_end, '2020-12-31');
    assert.equal(v1.superseded_by, v2.id);
    assert.equal(v1.previous_version_id, null);
    assert.equal(v2.status, 'in_force', JSON.stringify(v2));
    assert.equal(v2.previous_version_id, v1.id);
    assert.equal(v2.period_start, '2021-01-01');
    assert.equal(v2.period_end, null);
    assert.equal(v2.superseded_by, null);
    assert.equal(v1.title, v2.title);
    assert.equal(jarva.status, 'in_force', JSON.stringify(jarva));
    assert.equal(jarva.district_name, 'Järva');
    assert.equal(typeof jarva.district_id, 'string');
    assert.equal(jarva.parent_id, v2.id);
    assert.equal(sodermalm.status, 'draft', JSON.stringify(sodermalm));
    assert.equal(sodermalm.district_name, 'Södermalm');
    for (const x of [v1, v2]) {
      assert.equal(x.district_id, null);
      assert.equal(x.district_name, null);
    }
  });

  test('GET one: versions oldest first; allowed_transitions [] in force, ["proposed"] for a draft', async () => {
    const { v1, v2, jarva, sodermalm } = demo;
    const d2 = await a.get(v2.id);
    assert.deepEqual(Object.keys(d2).sort(), DETAIL_KEYS);
    assert.deepEqual(d2.versions.map((v) => [v.id, v.version, v.status]), [[v1.id, 1, 'superseded'], [v2.id, 2, 'in_force']]);
    assert.deepEqual(d2.allowed_transitions, []);
    assert.deepEqual(d2.signatories.map((s) => [s.party, s.signed_on]), [['city', '2020-12-10'], ['police', '2020-12-10']]);
    assert.ok(d2.goals.some((g) => g.code === 'm-trygghet'), JSON.stringify(d2.goals));
    const d1 = await a.get(v1.id);
    assert.equal(d1.status, 'superseded');
    assert.deepEqual(d1.versions.map((v) => v.id), [v1.id, v2.id], 'the chain reads the same from either end');
    assert.deepEqual(d1.allowed_transitions, []);
    assert.deepEqual((await a.get(jarva.id)).allowed_transitions, []);
    const ds = await a.get(sodermalm.id);
    assert.deepEqual(ds.allowed_transitions, ['proposed']);
    assert.deepEqual(ds.versions.map((v) => v.id), [sodermalm.id]);
  });

  test('GET an unknown agreement: 404 problem', async () => {
    assertProblem(assert, await request(server, one(UNKNOWN_ID), { session: (await mustSignIn(server, 'coordinator')) }), 404);
  });

  test('compare v1 -> v2: added, removed and changed items per section', async () => {
    const { v1, v2 } = demo;
    const r = await a.compare(v1.id, v2.id);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.from.id, v1.id);
    assert.equal(r.body.to.id, v2.id);
    assert.deepEqual(r.body.period, {
      from: { period_start: '2015-06-01', period_end: '2020-12-31' },
      to: { period_start: '2021-01-01', period_end: null },
    });
    const section = (kind) => {
      const s = r.body.sections.find((x) => x.kind === kind);
      assert.ok(s, `section ${kind} in ${r.text}`);
      return s;
    };
    assert.deepEqual(r.body.sections.map((s) => s.kind).sort(), ['focus_area', 'goal', 'group', 'problem']);
    const codes = (xs) => xs.map((x) => x.code);
    const focus = section('focus_area');
    assert.ok(codes(focus.added).includes('unga-risk'), JSON.stringify(focus));
    assert.ok(codes(focus.removed).includes('vald'), JSON.stringify(focus));
    assert.ok(!codes(focus.added).includes('trygghet') && !codes(focus.removed).includes('trygghet'), 'kept codes are not added/removed');
    const goal = section('goal');
    const trygghet = goal.changed.find((c) => c.code === 'm-trygghet');
    assert.ok(trygghet, JSON.stringify(goal));
    assert.ok(trygghet.changes.some((c) => c.field === 'indicators'), JSON.stringify(trygghet));
    assert.ok(codes(goal.added).includes('m-platser'), JSON.stringify(goal));
    const group = section('group');
    assert.ok(codes(group.added).includes('sspf'), JSON.stringify(group));
    assert.deepEqual(group.removed, []);
    const problem = section('problem');
    assert.ok(codes(problem.added).includes('p-rekrytering'), JSON.stringify(problem));
  });

  test('compare with itself: nothing added, removed or changed', async () => {
    const r = await a.compare(demo.v2.id, demo.v2.id);
    assert.equal(r.status, 200, r.text);
    for (const s of r.body.sections) assert.deepEqual([s.added, s.removed, s.changed], [[], [], []], s.kind);
  });

  test('compare without from or to: 400 naming the field; unknown id: 404', async () => {
    const s = await mustSignIn(server, 'coordinator');
    assertProblem(assert, await request(server, `${LIST}/compare?to=${demo.v2.id}`, { session: s }), 400, { field: 'from' });
    assertProblem(assert, await request(server, `${LIST}/compare?from=&to=${demo.v2.id}`, { session: s }), 400, { field: 'from' });
    assertProblem(assert, await request(server, `${LIST}/compare?from=${demo.v1.id}`, { session: s }), 400, { field: 'to' });
    assertProblem(assert, await request(server, `${LIST}/compare`, { session: s }), 400);
    assertProblem(assert, await a.compare(demo.v1.id, UNKNOWN_ID), 404);
    assertProblem(assert, await a.compare(UNKNOWN_ID, demo.v2.id), 404);
  });
});

// ------------------------------------------------------------------------------------------------

describe('agreements: lifecycle, versions and audit', () => {
  let server;
  let a;
  let demo;
  let main; // the citywide draft taken through the lifecycle
  let cityOnly; // proposed, with only a city signatory
  let v3;
  const ids = {}; // every agreement this suite touched through the API

  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    demo = await demoAgreements(a);
  });
  after(async () => { await server?.close(); });

  test('create a citywide draft: 201, Location, version 1, status draft, no content yet', async () => {
    const r = await a.create({ title: 'Ny citywide överenskommelse', scope: 'citywide', period_start: '2030-01-01' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('location'), one(r.body.id));
    assert.deepEqual(Object.keys(r.body).sort(), DETAIL_KEYS);
    assert.equal(r.body.version, 1);
    assert.equal(r.body.status, 'draft');
    assert.equal(r.body.scope, 'citywide');
    assert.equal(r.body.district_id, null);
    assert.equal(r.body.previous_version_id, null);
    assert.equal(r.body.period_start, '2030-01-01');
    assert.equal(r.body.period_end, null);
    assert.deepEqual(r.body.allowed_transitions, ['proposed']);
    assert.deepEqual(r.body.versions.map((v) => v.id), [r.body.id]);
    for (const k of ['signatories', 'focus_areas', 'problems', 'goals', 'groups']) assert.deepEqual(r.body[k], [], k);
    main = r.body;
    ids.main = main.id;
    assert.deepEqual(await a.get(main.id), r.body, 'GET returns what the 201 said');
    assert.ok((await a.list()).some((x) => x.id === main.id), 'listed');
  });

  test('PUT content: 200, and it reads back equal', async () => {
    const content = sampleContent();
    const r = await a.put(main.id, content);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(contentOf(r.body), content);
    const back = await a.get(main.id);
    assert.deepEqual(contentOf(back), content);
    assert.equal(back.status, 'draft');
    assert.equal(back.version, 1);
    // A second PUT replaces the content wholesale (an item dropped is gone).
    const smaller = sampleContent({ groups: [] });
    assert.deepEqual(contentOf(await a.mustPut(main.id, smaller)), smaller);
    assert.deepEqual(contentOf(await a.mustPut(main.id, content)), content);
  });

  test('draft -> signed is an illegal move: 409 saying so, status stays draft', async () => {
    const r = await a.move(main.id, 'signed');
    assertProblem(assert, r, 409, { detail: /draft cannot become signed/ });
    assert.equal((await a.get(main.id)).status, 'draft');
    assertProblem(assert, await a.move(main.id, 'in_force'), 409, { detail: /cannot become in_force/ });
    assertProblem(assert, await a.move(main.id, 'draft'), 409);
  });

  test('draft -> proposed: 200; proposed offers draft and signed', async () => {
    const r = await a.move(main.id, 'proposed');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'proposed');
    assert.deepEqual([...r.body.allowed_transitions].sort(), ['draft', 'signed']);
    assert.equal((await a.get(main.id)).status, 'proposed');
  });

  test('a proposed agreement cannot be edited: 409 "Only a draft can be edited", content unchanged', async () => {
    const before = await a.get(main.id);
    const r = await a.put(main.id, sampleContent({ title: 'Ändrad efter förslag' }));
    assertProblem(assert, r, 409, { detail: /Only a draft can be edited/ });
    assert.deepEqual(await a.get(main.id), before);
  });

  test('signing without a signatory from each party: 409 naming the missing party, stays proposed', async () => {
    cityOnly = await a.mustCreate({ title: 'Bara staden har skrivit', scope: 'citywide', period_start: '2031-01-01' });
    ids.cityOnly = cityOnly.id;
    await a.mustPut(cityOnly.id, sampleContent({ title: 'Bara staden har skrivit', period_start: '2031-01-01', period_end: null, signatories: CITY_ONLY }));
    await a.mustMove(cityOnly.id, 'proposed');
    const r = await a.move(cityOnly.id, 'signed');
    assertProblem(assert, r, 409, { detail: /signatory from each party/ });
    assert.match(r.body.detail, /police/);
    const back = await a.get(cityOnly.id);
    assert.equal(back.status, 'proposed');
    assert.deepEqual(back.signatories, CITY_ONLY, 'no signed_on was filled in by the refused move');
  });

  test('proposed -> signed with both parties: 200, signatories without a date get signed_on today', async () => {
    const today = todayStockholm();
    const r = await a.move(main.id, 'signed');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'signed');
    assert.deepEqual(r.body.allowed_transitions, ['in_force']);
    const back = await a.get(main.id);
    assert.equal(back.status, 'signed');
    assert.deepEqual(back.signatories.map((s) => [s.party, s.signed_on]), [['city', '2029-12-01'], ['police', today]],
      'a given date is kept, a missing one becomes the signing day');
    const expected = sampleContent();
    assert.deepEqual({ ...contentOf(back), signatories: null }, { ...expected, signatories: null }, 'the rest of the content is untouched');
  });

  test('signed -> in_force overlapping the citywide agreement in force: 409 "same day", stays signed', async () => {
    const r = await a.move(main.id, 'in_force');
    assertProblem(assert, r, 409, { detail: /same day/ });
    const back = await a.get(main.id);
    assert.equal(back.status, 'signed');
    assert.deepEqual(back.allowed_transitions, ['in_force']);
    const v2 = await a.get(demo.v2.id);
    assert.equal(v2.status, 'in_force');
    assert.equal(v2.period_end, null);
    assert.equal(v2.superseded_by, null);
  });

  test('a new version of v2: 201 draft version 3 with the content copied and signatures cleared', async () => {
    const v2 = await a.get(demo.v2.id);
    const r = await a.newVersion(demo.v2.id);
    assert.equal(r.status, 201, r.text);
    v3 = r.body;
    ids.v3 = v3.id;
    assert.equal(r.headers.get('location'), one(v3.id));
    assert.notEqual(v3.id, v2.id);
    assert.equal(v3.version, 3);
    assert.equal(v3.status, 'draft');
    assert.equal(v3.previous_version_id, v2.id);
    assert.equal(v3.superseded_by, null);
    assert.equal(v3.period_end, null);
    assert.equal(v3.period_start, todayStockholm(), 'a version of an agreement already running starts today');
    assert.deepEqual(v3.allowed_transitions, ['proposed']);
    assert.equal(v3.title, v2.title);
    assert.equal(v3.follow_up_plan, v2.follow_up_plan);
    for (const k of ['focus_areas', 'problems', 'goals', 'groups']) assert.deepEqual(v3[k], v2[k], k);
    assert.deepEqual(v3.signatories, v2.signatories.map((s) => ({ ...s, signed_on: null })));
    assert.deepEqual(v3.versions.map((v) => v.id), [demo.v1.id, v2.id, v3.id]);
    assert.deepEqual((await a.get(v2.id)).versions.map((v) => v.id), [demo.v1.id, v2.id, v3.id]);
    const same = await a.compare(v2.id, v3.id);
    assert.equal(same.status, 200, same.text);
    for (const s of same.body.sections) assert.deepEqual([s.added, s.removed, s.changed], [[], [], []], s.kind);
    // v2 itself is untouched until v3 enters into force.
    assert.deepEqual(contentOf(await a.get(v2.id)), contentOf(v2));
  });

  test('a second new version of v2: 409 (a version already follows), nothing created', async () => {
    const count = (await a.list()).length;
    assertProblem(assert, await a.newVersion(demo.v2.id), 409, { detail: /already follows/ });
    assertProblem(assert, await a.newVersion(demo.v1.id), 409);
    assert.equal((await a.list()).length, count);
  });

  test('a new version of a draft or a proposed agreement: 409; of an unknown one: 404', async () => {
    const count = (await a.list()).length;
    assertProblem(assert, await a.newVersion(demo.sodermalm.id), 409, { detail: /draft/ });
    assertProblem(assert, await a.newVersion(v3.id), 409, { detail: /draft/ });
    assertProblem(assert, await a.newVersion(cityOnly.id), 409, { detail: /proposed/ });
    assertProblem(assert, await a.newVersion(UNKNOWN_ID), 404);
    assert.equal((await a.list()).length, count);
  });

  test('v3 in force from 2099-01-01: v2 ends 2098-12-31, superseded_by v3, but is still in force', async () => {
    await a.mustPut(v3.id, { ...contentOf(await a.get(v3.id)), period_start: '2099-01-01' });
    await a.mustMove(v3.id, 'proposed', 'signed');
    const r = await a.move(v3.id, 'in_force');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'in_force');
    assert.equal(r.body.period_start, '2099-01-01');
    const v2 = await a.get(demo.v2.id);
    assert.equal(v2.period_end, '2098-12-31');
    assert.equal(v2.superseded_by, v3.id);
    assert.equal(v2.status, 'in_force', 'its successor has not started yet');
    const listed = await a.list();
    assert.equal(listed.find((x) => x.id === demo.v2.id).status, 'in_force');
    assert.equal(listed.find((x) => x.id === v3.id).status, 'in_force');
    assert.equal(listed.find((x) => x.id === demo.v1.id).status, 'superseded');
    assert.deepEqual((await a.get(v3.id)).allowed_transitions, []);
  });

  test('a successor that has started supersedes its predecessor', async () => {
    const districts = await districtIds(server, (await mustSignIn(server, 'coordinator')));
    const first = await a.mustCreate({ title: 'Lokal överenskommelse Bromma', scope: 'local', district_id: districts.Bromma,
      parent_id: demo.v2.id, period_start: '2020-01-01' });
    ids.bromma1 = first.id;
    await a.mustPut(first.id, sampleContent({ title: 'Lokal överenskommelse Bromma', period_start: '2020-01-01', period_end: null,
      signatories: BOTH_PARTIES }));
    await a.mustMove(first.id, 'proposed', 'signed', 'in_force');

    const nv = await a.newVersion(first.id);
    assert.equal(nv.status, 201, nv.text);
    const second = nv.body;
    ids.bromma2 = second.id;
    assert.equal(second.version, 2);
    assert.equal(second.district_id, districts.Bromma);
    assert.equal(second.scope, 'local');
    await a.mustPut(second.id, { ...contentOf(second), period_start: '2024-01-01' });
    const r = await a.mustMove(second.id, 'proposed', 'signed', 'in_force');
    assert.equal(r.status, 'in_force');

    const old = await a.get(first.id);
    assert.equal(old.status, 'superseded', JSON.stringify(old));
    assert.equal(old.period_end, '2023-12-31');
    assert.equal(old.superseded_by, second.id);
    assert.deepEqual(old.allowed_transitions, []);
    assert.equal((await a.list()).find((x) => x.id === first.id).status, 'superseded');
    assert.deepEqual(old.versions.map((v) => [v.id, v.status]), [[first.id, 'superseded'], [second.id, 'in_force']]);
  });

  // Beyond the brief; a server bug today (SQLite and PostgreSQL): superseding sets the predecessor's
  // period_end to the day before the successor's start even when the predecessor had ended earlier,
  // so an agreement that ran 2020-2021 afterwards reads as having run until 2023-12-31.
  test('superseding never lengthens the predecessor\'s period', async () => {
    const districts = await districtIds(server, (await mustSignIn(server, 'coordinator')));
    const first = await a.mustCreate({ title: 'Lokal överenskommelse Skärholmen', scope: 'local', district_id: districts['Skärholmen'],
      period_start: '2020-01-01', period_end: '2021-12-31' });
    await a.mustPut(first.id, sampleContent({ title: 'Lokal överenskommelse Skärholmen', period_start: '2020-01-01', period_end: '2021-12-31',
      signatories: BOTH_PARTIES }));
    await a.mustMove(first.id, 'proposed', 'signed', 'in_force');
    const nv = await a.newVersion(first.id);
    assert.equal(nv.status, 201, nv.text);
    const second = nv.body;
    await a.mustPut(second.id, { ...contentOf(second), period_start: '2024-01-01' });
    await a.mustMove(second.id, 'proposed', 'signed', 'in_force');
    const old = await a.get(first.id);
    assert.equal(old.superseded_by, second.id);
    assert.equal(old.period_end, '2021-12-31', 'the predecessor had already ended on 2021-12-31');
  });

  test('a version starting on or before its predecessor\'s start: 409, nothing superseded', async () => {
    const districts = await districtIds(server, (await mustSignIn(server, 'coordinator')));
    const first = await a.mustCreate({ title: 'Lokal överenskommelse Farsta', scope: 'local', district_id: districts.Farsta,
      period_start: '2020-01-01' });
    await a.mustPut(first.id, sampleContent({ title: 'Lokal överenskommelse Farsta', period_start: '2020-01-01', period_end: null,
      signatories: BOTH_PARTIES }));
    await a.mustMove(first.id, 'proposed', 'signed', 'in_force');
    const nv = await a.newVersion(first.id);
    assert.equal(nv.status, 201, nv.text);
    const second = nv.body;
    await a.mustPut(second.id, { ...contentOf(second), period_start: '2020-01-01' });
    await a.mustMove(second.id, 'proposed', 'signed');
    const r = await a.move(second.id, 'in_force');
    assertProblem(assert, r, 409, { detail: /before or on the start/ });
    assert.equal((await a.get(second.id)).status, 'signed');
    const old = await a.get(first.id);
    assert.equal(old.status, 'in_force');
    assert.equal(old.period_end, null);
    assert.equal(old.superseded_by, null);

    // Earlier than the predecessor's start is refused the same way.
    const third = await a.mustCreate({ title: 'Lokal överenskommelse Hässelby', scope: 'local',
      district_id: districts['Hässelby-Vällingby'], period_start: '2021-03-01' });
    await a.mustPut(third.id, sampleContent({ title: 'Lokal överenskommelse Hässelby', period_start: '2021-03-01', period_end: null,
      signatories: BOTH_PARTIES }));
    await a.mustMove(third.id, 'proposed', 'signed', 'in_force');
    const nv2 = await a.newVersion(third.id);
    assert.equal(nv2.status, 201, nv2.text);
    const fourth = nv2.body;
    await a.mustPut(fourth.id, { ...contentOf(fourth), period_start: '2019-06-01' });
    await a.mustMove(fourth.id, 'proposed', 'signed');
    assertProblem(assert, await a.move(fourth.id, 'in_force'), 409, { detail: /before or on the start/ });
    assert.equal((await a.get(third.id)).superseded_by, null);
  });

  test('audit: create, update, transition (from/to) and new_version rows by the coordinator; verify ok', () => {
    const db = server.db;
    const rows = sql(db, "SELECT action, actor_name, object_id, outcome, detail FROM audit_log WHERE action IN "
      + "('agreement.create', 'agreement.update', 'agreement.transition', 'agreement.new_version') ORDER BY seq")
      .split('\n').filter(Boolean).map((line) => {
        const [action, actorName, objectId, outcome, ...rest] = line.split('|');
        return { action, actorName, objectId, outcome, detail: JSON.parse(rest.join('|')) };
      });
    const of = (action, id) => rows.filter((r) => r.action === action && (!id || r.objectId === id));
    for (const action of ['agreement.create', 'agreement.update', 'agreement.transition', 'agreement.new_version']) {
      assert.ok(of(action).length > 0, `${action} in ${JSON.stringify(rows)}`);
    }
    for (const r of rows) {
      assert.equal(r.actorName, 'coordinator', JSON.stringify(r));
      assert.equal(r.outcome, 'success', JSON.stringify(r));
    }
    assert.equal(of('agreement.create', ids.main).length, 1);
    assert.equal(of('agreement.update', ids.main).length, 3, 'three accepted PUTs; the refused one left no row');
    assert.deepEqual(of('agreement.transition', ids.main).map((r) => [r.detail.from, r.detail.to]),
      [['draft', 'proposed'], ['proposed', 'signed']], 'refused moves leave no transition row');
    assert.deepEqual(of('agreement.transition', ids.cityOnly).map((r) => [r.detail.from, r.detail.to]), [['draft', 'proposed']]);
    assert.equal(of('agreement.new_version', ids.v3).length, 1);
    assert.equal(of('agreement.new_version', ids.v3)[0].detail.previous_version_id, demo.v2.id);
    const intoForce = of('agreement.transition', ids.v3).find((r) => r.detail.to === 'in_force');
    assert.ok(intoForce, JSON.stringify(of('agreement.transition', ids.v3)));
    assert.equal(intoForce.detail.from, 'signed');
    assert.equal(intoForce.detail.supersedes, demo.v2.id);
    assert.equal(intoForce.detail.predecessor_last_day, '2098-12-31');

    const v = runCli(['audit', 'verify', '--db', db.url, '--json']);
    let json;
    try { json = JSON.parse(v.stdout); } catch { json = undefined; }
    assert.equal(v.code, 0, v.stderr + v.stdout);
    assert.equal(json?.ok, true, v.stdout);
    assert.equal(Number(sql(db, 'SELECT count(*) FROM audit_log')), json.rows_checked, 'every row was checked');
  });
});

// ------------------------------------------------------------------------------------------------

describe('agreements: local agreements', () => {
  let server;
  let a;
  let demo;
  let districts;
  let neighbourhoodId;

  before(async () => {
    server = await startServer();
    const s = await mustSignIn(server, 'coordinator');
    a = api(server, s);
    demo = await demoAgreements(a);
    districts = await districtIds(server, s);
    const nb = await request(server, `/api/v1/areas?date=${todayStockholm()}&kind=neighbourhood`, { session: s });
    assert.equal(nb.status, 200, nb.text);
    neighbourhoodId = nb.body.items[0].id;
  });
  after(async () => { await server?.close(); });

  // Runs a refused create and checks that the list did not change.
  const refusedCreate = async (json, status, opts) => {
    const before = await a.list();
    assertProblem(assert, await a.create(json), status, opts);
    assert.deepEqual(await a.list(), before, `stored agreements changed after ${JSON.stringify(json)}`);
  };

  test('a local agreement needs a district: missing, a neighbourhood or an unknown id -> 400 district_id', async () => {
    const base = { title: 'Lokal utan distrikt', scope: 'local', period_start: '2030-01-01' };
    await refusedCreate(base, 400, { field: 'district_id' });
    await refusedCreate({ ...base, district_id: neighbourhoodId }, 400, { field: 'district_id' });
    await refusedCreate({ ...base, district_id: UNKNOWN_ID }, 400, { field: 'district_id' });
    await refusedCreate({ ...base, district_id: '' }, 400, { field: 'district_id' });
  });

  test('a local agreement for a district abolished before its start: 400 district_id', async () => {
    // Rinkeby-Kista became part of Järva on 2023-07-01.
    const s = await mustSignIn(server, 'coordinator');
    const old = await request(server, '/api/v1/areas?date=2022-01-01&kind=district', { session: s });
    const rinkeby = old.body.items.find((d) => d.name === 'Rinkeby-Kista');
    assert.ok(rinkeby, 'Rinkeby-Kista exists in 2022');
    await refusedCreate({ title: 'Lokal Rinkeby-Kista', scope: 'local', district_id: rinkeby.id, period_start: '2030-01-01' },
      400, { field: 'district_id' });
    const ok = await a.create({ title: 'Lokal Rinkeby-Kista 2022', scope: 'local', district_id: rinkeby.id, period_start: '2022-01-01' });
    assert.equal(ok.status, 201, ok.text);
  });

  test('a citywide agreement with a district: 400 district_id', async () => {
    await refusedCreate({ title: 'Citywide med distrikt', scope: 'citywide', district_id: districts.Bromma, period_start: '2030-01-01' },
      400, { field: 'district_id' });
  });

  test('parent_id must name a citywide agreement: a local one or an unknown id -> 400 parent_id', async () => {
    const base = { title: 'Lokal under lokal', scope: 'local', district_id: districts.Bromma, period_start: '2030-01-01' };
    await refusedCreate({ ...base, parent_id: demo.jarva.id }, 400, { field: 'parent_id' });
    await refusedCreate({ ...base, parent_id: UNKNOWN_ID }, 400, { field: 'parent_id' });
    const ok = await a.mustCreate({ ...base, title: 'Lokal under staden', parent_id: demo.v2.id });
    assert.equal(ok.parent_id, demo.v2.id);
    assert.equal(ok.district_id, districts.Bromma);
    assert.equal(ok.district_name, 'Bromma');
    assert.equal(ok.scope, 'local');
  });

  test('other refused creates: scope, title, dates, unknown field', async () => {
    const base = { title: 'Ny', scope: 'citywide', period_start: '2030-01-01' };
    await refusedCreate({ ...base, scope: 'national' }, 400, { field: 'scope' });
    await refusedCreate({ ...base, title: '   ' }, 400, { field: 'title' });
    await refusedCreate({ ...base, period_start: '2030-02-30' }, 400, { field: 'period_start' });
    await refusedCreate({ ...base, period_end: '2029-12-31' }, 400, { field: 'period_end' });
    await refusedCreate({ ...base, colour: 'blue' }, 400, { field: 'colour' });
    await refusedCreate({ ...base, status: 'in_force' }, 400, { field: 'status' });
  });

  const inForce = async (title, districtId, periodStart, periodEnd = null) => {
    const x = await a.mustCreate({ title, scope: 'local', district_id: districtId, period_start: periodStart, period_end: periodEnd });
    await a.mustPut(x.id, sampleContent({ title, period_start: periodStart, period_end: periodEnd, signatories: BOTH_PARTIES }));
    await a.mustMove(x.id, 'proposed', 'signed');
    return { id: x.id, result: await a.move(x.id, 'in_force') };
  };

  test('two local agreements in force for one district on overlapping days: the second is refused 409', async () => {
    const first = await inForce('Skarpnäck A', districts.Skarpnäck, '2024-01-01');
    assert.equal(first.result.status, 200, first.result.text);
    const second = await inForce('Skarpnäck B', districts.Skarpnäck, '2025-01-01', '2025-12-31');
    assertProblem(assert, second.result, 409, { detail: /same day/ });
    assert.equal((await a.get(second.id)).status, 'signed');
    // The last day of one and the first of the other overlap too (periods are inclusive).
    const touching = await inForce('Skarpnäck C', districts.Skarpnäck, '2023-06-01', '2024-01-01');
    assertProblem(assert, touching.result, 409, { detail: /same day/ });
    // Ending the day before is fine.
    const before = await inForce('Skarpnäck D', districts.Skarpnäck, '2023-01-01', '2023-12-31');
    assert.equal(before.result.status, 200, before.result.text);
  });

  test('a local agreement in force for another district, and the Järva one, do not clash', async () => {
    const other = await inForce('Kungsholmen A', districts.Kungsholmen, '2024-01-01');
    assert.equal(other.result.status, 200, other.result.text);
    // Järva already has one in force from 2023-07-01: a second for Järva is refused.
    const jarva = await inForce('Järva B', districts['Järva'], '2025-01-01');
    assertProblem(assert, jarva.result, 409, { detail: /same day/ });
    assert.equal((await a.get(demo.jarva.id)).status, 'in_force');
  });
});

// ------------------------------------------------------------------------------------------------

describe('agreements: concurrent requests', () => {
  // Beyond the brief. On PostgreSQL these fail today: the check and the write run in a READ COMMITTED
  // transaction with no lock, so simultaneous requests all pass the check.
  const ROUNDS = 4;
  let server;
  let a;
  let districts;
  const winners = [];

  before(async () => {
    server = await startServer();
    const s = await mustSignIn(server, 'coordinator');
    a = api(server, s);
    const all = await districtIds(server, s);
    districts = ['Bromma', 'Farsta', 'Kungsholmen', 'Skarpnäck'].map((n) => all[n]);
    assert.ok(districts.every(Boolean), JSON.stringify(all));
  });
  after(async () => { await server?.close(); });

  const signedLocal = async (title, districtId) => {
    const x = await a.mustCreate({ title, scope: 'local', district_id: districtId, period_start: '2030-01-01' });
    await a.mustPut(x.id, sampleContent({ title, period_start: '2030-01-01', period_end: null, signatories: BOTH_PARTIES }));
    await a.mustMove(x.id, 'proposed', 'signed');
    return x.id;
  };

  test('three agreements for one district put in force at once: exactly one succeeds', async () => {
    const failures = [];
    for (let round = 0; round < ROUNDS; round++) {
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(await signedLocal(`Samtidig ${round}.${i}`, districts[round]));
      const res = await Promise.all(ids.map((id) => a.move(id, 'in_force')));
      for (const r of res) assert.ok([200, 409].includes(r.status), `${r.status} ${r.text}`);
      const won = ids.filter((id, i) => res[i].status === 200);
      const inForce = (await a.list()).filter((x) => x.district_id === districts[round] && x.status === 'in_force');
      if (won.length !== 1 || inForce.length !== 1) failures.push(`round ${round}: ${won.length} answered 200, ${inForce.length} stored in force`);
      winners.push(won[0] ?? ids[0]);
    }
    assert.deepEqual(failures, []);
  });

  test('three new versions of one agreement at once: exactly one is made', async () => {
    const failures = [];
    for (let round = 0; round < ROUNDS; round++) {
      const source = winners[round];
      const before = (await a.get(source)).status;
      if (before !== 'in_force') continue; // the previous test failed to set this round up
      const res = await Promise.all([0, 1, 2].map(() => a.newVersion(source)));
      for (const r of res) assert.ok([201, 409].includes(r.status), `${r.status} ${r.text}`);
      const made = res.filter((r) => r.status === 201).length;
      const followers = (await a.list()).filter((x) => x.previous_version_id === source).length;
      if (made !== 1 || followers !== 1) failures.push(`round ${round}: ${made} answered 201, ${followers} versions follow`);
    }
    assert.deepEqual(failures, []);
  });
});

// ------------------------------------------------------------------------------------------------

describe('agreements: bad input', () => {
  const MAX_BODY = 4096;
  let server;
  let a;
  let draftId;

  before(async () => {
    server = await startServer({ args: ['--max-body', String(MAX_BODY)] });
    a = api(server, await mustSignIn(server, 'coordinator'));
    draftId = (await a.mustCreate({ title: 'Utkast för felaktig indata', scope: 'citywide', period_start: '2030-01-01' })).id;
    await a.mustPut(draftId, sampleContent());
  });
  after(async () => { await server?.close(); });

  // PUTs a bad body; expects the problem and the stored agreement exactly as before.
  const refusedPut = async (body, status, opts, id = draftId) => {
    const before = await a.get(draftId);
    const r = typeof body === 'string'
      ? await request(server, one(id), { method: 'PUT', session: a.session, body, headers: { 'content-type': 'application/json' } })
      : await a.put(id, body);
    const problem = assertProblem(assert, r, status, opts);
    assert.deepEqual(await a.get(draftId), before, 'stored content changed');
    return problem;
  };
  const goodContent = () => sampleContent();

  test('the valid baseline content is stored', async () => {
    assert.deepEqual(contentOf(await a.get(draftId)), sampleContent());
  });

  test('unknown top-level field: 400 naming it', async () => {
    const p = await refusedPut({ ...goodContent(), colour: 'blue' }, 400, { field: 'colour' });
    assert.match(p.detail, /colour/);
    await refusedPut({ ...goodContent(), status: 'in_force' }, 400, { field: 'status' });
  });

  test('unknown item field: 400 field goals[0].colour (and in other sections)', async () => {
    const c = goodContent();
    c.goals[0].colour = 'blue';
    await refusedPut(c, 400, { field: 'goals[0].colour' });
    const f = goodContent();
    f.focus_areas[1].priority = 1;
    await refusedPut(f, 400, { field: 'focus_areas[1].priority' });
    const i = goodContent();
    i.goals[0].indicators[1].source = 'SCB';
    await refusedPut(i, 400, { field: 'goals[0].indicators[1].source' });
    const s = goodContent();
    s.signatories[0].email = 'x@example.org';
    await refusedPut(s, 400, { field: 'signatories[0].email' });
  });

  test('a section that is not an array: 400 naming it', async () => {
    await refusedPut({ ...goodContent(), goals: 'many' }, 400, { field: 'goals' });
    await refusedPut({ ...goodContent(), focus_areas: { code: 'x', title: 'y' } }, 400, { field: 'focus_areas' });
    await refusedPut({ ...goodContent(), signatories: 'both' }, 400, { field: 'signatories' });
    await refusedPut({ ...goodContent(), goals: [42] }, 400, { field: 'goals[0]' });
  });

  test('an indicator baseline that is a string: 400 field goals[0].indicators[0].baseline', async () => {
    const c = goodContent();
    c.goals[0].indicators[0].baseline = '72';
    await refusedPut(c, 400, { field: 'goals[0].indicators[0].baseline' });
    const t = goodContent();
    t.goals[0].indicators[1].target = true;
    await refusedPut(t, 400, { field: 'goals[0].indicators[1].target' });
  });

  test('a duplicate code in one section: 400 naming the second one', async () => {
    const c = goodContent();
    c.focus_areas[1].code = c.focus_areas[0].code;
    await refusedPut(c, 400, { field: 'focus_areas[1].code' });
  });

  test('the same code in two sections is fine', async () => {
    const c = goodContent();
    c.groups[0].code = 'unga';
    const back = await a.mustPut(draftId, c);
    assert.deepEqual(contentOf(back), c);
    await a.mustPut(draftId, goodContent());
  });

  test('a code with spaces or other characters, or no code: 400 naming it', async () => {
    for (const code of ['två ord', 'a/b', "x'--", 'ö']) {
      const c = goodContent();
      c.focus_areas[0].code = code;
      c.problems[0].focus_area_code = 'platser';
      await refusedPut(c, 400, { field: 'focus_areas[0].code' });
    }
    const c = goodContent();
    delete c.groups[0].code;
    await refusedPut(c, 400, { field: 'groups[0].code' });
  });

  test('a problem whose focus_area_code names no focus area: 400 field problems[0].focus_area_code', async () => {
    const c = goodContent();
    c.problems[0].focus_area_code = 'vald';
    await refusedPut(c, 400, { field: 'problems[0].focus_area_code' });
  });

  test('signatory party "mayor": 400 field signatories[0].party', async () => {
    const c = goodContent();
    c.signatories[0].party = 'mayor';
    await refusedPut(c, 400, { field: 'signatories[0].party' });
  });

  test('signed_on "2024-13-01": 400 field signatories[1].signed_on', async () => {
    const c = goodContent();
    c.signatories[1].signed_on = '2024-13-01';
    await refusedPut(c, 400, { field: 'signatories[1].signed_on' });
    c.signatories[1].signed_on = '2024-02-30';
    await refusedPut(c, 400, { field: 'signatories[1].signed_on' });
  });

  test('period_end before period_start: 400 field period_end; a bad period_start: 400 period_start', async () => {
    await refusedPut({ ...goodContent(), period_start: '2030-01-01', period_end: '2029-12-31' }, 400, { field: 'period_end' });
    await refusedPut({ ...goodContent(), period_start: '1 januari 2030' }, 400, { field: 'period_start' });
    await refusedPut({ ...goodContent(), period_start: undefined }, 400, { field: 'period_start' });
  });

  test('a blank or missing title: 400 field title', async () => {
    await refusedPut({ ...goodContent(), title: '   ' }, 400, { field: 'title' });
    await refusedPut({ ...goodContent(), title: '' }, 400, { field: 'title' });
    await refusedPut({ ...goodContent(), title: undefined }, 400, { field: 'title' });
    const item = goodContent();
    item.goals[0].title = ' ';
    await refusedPut(item, 400, { field: 'goals[0].title' });
  });

  test('malformed JSON: 400', async () => {
    await refusedPut('{"title": "x", "period_start": ', 400, { detail: /JSON/i });
    await refusedPut('[]', 400);
  });

  test(`a body over --max-body ${MAX_BODY}: 413`, async () => {
    const body = { ...goodContent(), follow_up_plan: 'x'.repeat(MAX_BODY + 100) };
    await refusedPut(body, 413);
  });

  test('PUT on an unknown agreement: 404', async () => {
    await refusedPut(goodContent(), 404, {}, UNKNOWN_ID);
  });

  test('transition to "superseded", "banana" or nothing: 400 field to, status unchanged', async () => {
    const before = await a.get(draftId);
    assertProblem(assert, await a.move(draftId, 'superseded'), 400, { field: 'to' });
    assertProblem(assert, await a.move(draftId, 'banana'), 400, { field: 'to' });
    assertProblem(assert, await a.move(draftId, 'PROPOSED'), 400, { field: 'to' });
    assertProblem(assert, await request(server, `${one(draftId)}/transitions`, { method: 'POST', session: a.session, json: {} }), 400,
      { field: 'to' });
    assert.deepEqual(await a.get(draftId), before);
    assertProblem(assert, await a.move(UNKNOWN_ID, 'proposed'), 404);
  });
});

// ------------------------------------------------------------------------------------------------

describe('agreements: authorisation', () => {
  let server;
  let coord;
  let a;
  let demo;

  before(async () => {
    server = await startServer();
    coord = await mustSignIn(server, 'coordinator');
    a = api(server, coord);
    demo = await demoAgreements(a);
  });
  after(async () => { await server?.close(); });

  // Every agreement in full, for "stored data unchanged".
  const snapshot = async () => {
    const items = await a.list();
    return Promise.all(items.map((x) => a.get(x.id)));
  };
  const denials = (who) => Number(sql(server.db,
    `SELECT count(*) FROM audit_log WHERE action = 'authz.deny' AND object_type = 'agreement' AND actor_name = '${who}'`));

  for (const [who, editTarget] of [['politician', 'sodermalm'], ['member', 'jarva']]) {
    test(`${who}: may read the list, one agreement and a comparison`, async () => {
      const s = await mustSignIn(server, who);
      const r = await request(server, LIST, { session: s });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.items, await a.list());
      const d = await request(server, one(demo.v2.id), { session: s });
      assert.equal(d.status, 200, d.text);
      assert.deepEqual(d.body, await a.get(demo.v2.id));
      const c = await a.compare(demo.v1.id, demo.v2.id, s);
      assert.equal(c.status, 200, c.text);
      assert.ok(c.body.sections.length === 4, c.text);
    });

    test(`${who}: create, edit, transition and new version are 403, change nothing, and are audited`, async () => {
      const s = await mustSignIn(server, who);
      const target = await a.get(demo[editTarget].id);
      const before = await snapshot();
      const deniedBefore = denials(who);

      assertProblem(assert, await a.create({ title: `${who}s överenskommelse`, scope: 'citywide', period_start: '2030-01-01' }, s), 403);
      assertProblem(assert, await a.put(target.id, { ...contentOf(target), title: `Ändrad av ${who}` }, s), 403);
      assertProblem(assert, await a.move(demo.sodermalm.id, 'proposed', s), 403);
      assertProblem(assert, await a.newVersion(demo.v2.id, s), 403);

      assert.deepEqual(await snapshot(), before, 'stored agreements changed');
      assert.equal(denials(who), deniedBefore + 4, `authz.deny rows for ${who}`);
      const rows = sql(server.db, `SELECT outcome, detail FROM audit_log WHERE action = 'authz.deny' AND actor_name = '${who}' ORDER BY seq DESC LIMIT 4`);
      assert.match(rows, /agreement\.edit/, rows);
      assert.match(rows, /denied/, rows);
    });
  }

  test('anonymous: 401 for reading and writing', async () => {
    const before = await snapshot();
    assertProblem(assert, await request(server, LIST), 401);
    assertProblem(assert, await request(server, one(demo.v2.id)), 401);
    assertProblem(assert, await request(server, `${LIST}/compare?from=${demo.v1.id}&to=${demo.v2.id}`), 401);
    assertProblem(assert, await request(server, LIST, { method: 'POST', json: { title: 'Anonym', scope: 'citywide', period_start: '2030-01-01' } }), 401);
    assertProblem(assert, await request(server, `${one(demo.sodermalm.id)}/transitions`, { method: 'POST', json: { to: 'proposed' } }), 401);
    assertProblem(assert, await request(server, `${one(demo.v2.id)}/versions`, { method: 'POST' }), 401);
    assert.deepEqual(await snapshot(), before);
  });

  test('a coordinator without the CSRF token: 403 on PUT, transition and create; nothing changes', async () => {
    const target = await a.get(demo.sodermalm.id);
    const before = await snapshot();
    assertProblem(assert, await request(server, one(target.id), {
      method: 'PUT', session: coord, csrf: null, json: { ...contentOf(target), title: 'Utan token' },
    }), 403);
    assertProblem(assert, await request(server, `${one(target.id)}/transitions`, {
      method: 'POST', session: coord, csrf: null, json: { to: 'proposed' },
    }), 403);
    assertProblem(assert, await request(server, LIST, {
      method: 'POST', session: coord, csrf: 'forged', json: { title: 'Falsk token', scope: 'citywide', period_start: '2030-01-01' },
    }), 403);
    assert.deepEqual(await snapshot(), before);
    // With the token the same PUT works: the refusals above were about the token.
    assert.equal((await a.put(target.id, { ...contentOf(target), title: 'Med token' })).status, 200);
  });
});
