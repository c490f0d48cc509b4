// Action plans (handlingsplaner), issue 5, against the contract in .tmp/plans-contract.md: the demo plans
// (a citywide plan and one per district), their roll-ups recomputed here from the plans' own JSON, the
// priority matrix, who may edit what (each refusal audited and harmless), measures and their status
// moves, overdue flags and follow-ups, bad input, indicators (manual, and bound to the situation picture,
// checked against the picture and against SQL), citizen promises, the CSV round trip, the xlsx export
// and the report-back section.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  addDays, addQuarters, assertProblem, csvField, daysBetween, denials, httpRequest, mustSignIn, parseCsv, quarterBounds,
  quarterOf, readZip, request, sql, sqlCategoryCounts, startServer, stockholmLocal, todayStockholm,
  nowMs,
} from './server.mjs';

const API = '/api/v1';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const STATUSES = ['planned', 'ongoing', 'done', 'paused', 'cancelled'];
/** The allowed moves of the contract (the same status is not a move, and is allowed). */
const MOVES = {
  planned: ['ongoing', 'cancelled'],
  ongoing: ['paused', 'done', 'cancelled'],
  paused: ['ongoing', 'cancelled'],
  done: ['ongoing'],
  cancelled: [],
};
/** Legal moves from a new (planned) measure to each status. */
const PATH_TO = { planned: [], ongoing: ['ongoing'], paused: ['ongoing', 'paused'], done: ['ongoing', 'done'], cancelled: ['cancelled'] };
const FOCUS_AREAS = [
  { code: 'unga-risk', title: 'Unga i riskzonen' },
  { code: 'kriminella-miljoer', title: 'Kriminella miljöer' },
  { code: 'trygghet', title: 'Otrygga platser' },
  { code: 'psykisk-ohalsa', title: 'Psykisk ohälsa' },
  { code: 'utsatta-individer', title: 'Särskilt utsatta individer' },
  { code: 'systemhot', title: 'Systemhotande brottslighet' },
];

const SUMMARY_KEYS = ['can_edit', 'district', 'id', 'period_end', 'period_start', 'rollup', 'scope', 'title'];
const PLAN_KEYS = [...SUMMARY_KEYS, 'agreement', 'can_comment', 'comments', 'focus_areas', 'goals', 'measures', 'problems'].sort();
const ROLLUP_KEYS = ['by_status', 'measures', 'overdue', 'progress'];
const PROBLEM_KEYS = ['description', 'evidence', 'focus_area_code', 'id', 'rank', 'title', 'triangle'];
const GOAL_KEYS = ['agreement_item_code', 'code', 'description', 'id', 'indicators', 'origin', 'rollup', 'title'];
const INDICATOR_KEYS = ['baseline', 'binding', 'goal_id', 'id', 'latest', 'measure_id', 'name', 'source', 'target', 'unit', 'values'];
const MEASURE_KEYS = ['allowed_statuses', 'can_update', 'description', 'end_date', 'goal_ids', 'horizon', 'id', 'indicators',
  'last_follow_up_on', 'overdue', 'owner_organisations', 'plan_id', 'problem_ids', 'progress', 'responsible', 'start_date', 'status',
  'title', 'type'];
const MEASURE_VIEW_KEYS = [...MEASURE_KEYS, 'comments', 'follow_ups'].sort();
const FOLLOW_UP_KEYS = ['date', 'id', 'note', 'progress', 'recorded_at', 'recorded_by'];
const COMMENT_KEYS = ['author', 'body', 'created_at', 'id', 'measure_id'];
const PROMISE_KEYS = ['activities', 'can_edit', 'description', 'district', 'follow_ups', 'id', 'period_end', 'period_start',
  'police_area', 'public', 'signatories', 'signed', 'title'];
const ROLLUP_VIEW_KEYS = ['citywide', 'districts', 'goals', 'overdue', 'owners', 'priorities', 'today'];
const MEASURES_CSV_HEADER = ['id', 'titel', 'beskrivning', 'typ', 'horisont', 'status', 'start', 'slut', 'ansvarig', 'ägare', 'mål', 'problem'];
const FOLLOW_UPS_CSV_HEADER = ['id', 'åtgärd_id', 'åtgärd', 'datum', 'notering', 'framsteg'];
const SV_STATUS = { planned: 'planerad', ongoing: 'pågående', done: 'klar', paused: 'pausad', cancelled: 'avbruten' };
const SV_TYPE = { situational: 'situationell', social: 'social' };
const SV_HORIZON = { short: 'kort', long: 'lång' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const sortedKeys = (o) => Object.keys(o).sort();
const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));
const byId = (xs) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const sameSet = (a, b, what) => assert.deepEqual([...a].sort(), [...b].sort(), what);
/**
 * Collects deviations from the contract that should not stop a test's remaining checks (a field too many in
 * a JSON shape, say); done() then fails the test, listing all of them.
 */
function softly() {
  const issues = new Map(); // kind -> { message, count }
  return {
    /** `kind` groups repeats of one deviation (every indicator with the same extra field): shown once, counted. */
    equal(actual, expected, what, kind = what) {
      try {
        assert.deepEqual(actual, expected, what);
      } catch (e) {
        const seen = issues.get(kind);
        if (seen) seen.count += 1;
        else issues.set(kind, { message: e.message.split('\n').slice(0, 14).join('\n'), count: 1 });
      }
    },
    done() {
      const list = [...issues.values()].map((x) => (x.count > 1 ? `(${x.count} times) ${x.message}` : x.message));
      assert.ok(list.length === 0, `${list.length} deviation(s) from the contract:\n${list.join('\n\n')}`);
    },
  };
}
let unique = 0;
/** A distinct title, so that titles that must be unique never collide. */
const uniq = (text) => `${text} ${++unique}`;

// ------------------------------------------------------------------------------------------ arithmetic

const isOverdue = (m, today) => m.end_date < today && m.status !== 'done' && m.status !== 'cancelled';

/** The contract's roll-up of a list of measures, computed here. */
function rollupOf(measures, today) {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  let overdue = 0;
  let sum = 0;
  let n = 0;
  for (const m of measures) {
    byStatus[m.status] += 1;
    if (isOverdue(m, today)) overdue += 1;
    if (m.status === 'cancelled') continue;
    const p = m.status === 'done' ? 100 : m.progress;
    if (p === null || p === undefined) continue;
    sum += p;
    n += 1;
  }
  return { measures: measures.length, by_status: byStatus, overdue, progress: n ? Math.round((sum * 10) / n) / 10 : null };
}

/** Checks a measure's follow-ups are newest first and returns { progress, last } as the contract derives them. */
function progressFromFollowUps(view) {
  const fs = view.follow_ups;
  for (let i = 1; i < fs.length; i++) {
    const [a, b] = [fs[i - 1], fs[i]];
    assert.ok(a.date > b.date || (a.date === b.date && a.recorded_at >= b.recorded_at),
      `${view.title}: follow-ups newest first: ${JSON.stringify(fs.map((x) => [x.date, x.recorded_at]))}`);
  }
  const latest = fs[0];
  return { progress: view.status === 'done' ? 100 : latest ? latest.progress : null, last: latest ? latest.date : null };
}

// ------------------------------------------------------------------------------------------ API

/** Small API bound to one server and session; every call takes another session as its last argument. */
function api(server, session) {
  const call = (method, p, json, s = session) => request(server, `${API}${p}`, { method, session: s, json });
  const ok = (r, status, what) => {
    assert.equal(r.status, status, `${what}: ${r.status} ${r.text}`);
    return r.body;
  };
  const a = {
    session,
    call,
    ok,
    plans: async (s) => ok(await call('GET', '/plans', undefined, s), 200, 'GET /plans').items,
    plan: async (id, s) => ok(await call('GET', `/plans/${id}`, undefined, s), 200, `GET plan ${id}`),
    measure: async (id, s) => ok(await call('GET', `/measures/${id}`, undefined, s), 200, `GET measure ${id}`),
    indicator: async (id, s) => ok(await call('GET', `/indicators/${id}`, undefined, s), 200, `GET indicator ${id}`),
    rollup: async (s) => ok(await call('GET', '/plan-rollup', undefined, s), 200, 'GET /plan-rollup'),
    promises: async (area, s) => ok(await call('GET', `/citizen-promises?area=${area}`, undefined, s), 200, 'GET promises').items,

    patchPlan: (id, json, s) => call('PATCH', `/plans/${id}`, json, s),
    priorities: (id, ids, s) => call('PUT', `/plans/${id}/priorities`, { problem_ids: ids }, s),
    addProblem: (id, json, s) => call('POST', `/plans/${id}/problems`, json, s),
    mustAddProblem: async (id, json) => ok(await a.addProblem(id, json), 201, `add problem ${JSON.stringify(json)}`),
    addGoal: (id, json, s) => call('POST', `/plans/${id}/goals`, json, s),
    mustAddGoal: async (id, json) => ok(await a.addGoal(id, json), 201, `add goal ${JSON.stringify(json)}`),
    createMeasure: (id, json, s) => call('POST', `/plans/${id}/measures`, json, s),
    mustCreateMeasure: async (id, json, s) => ok(await a.createMeasure(id, json, s), 201, `create measure ${JSON.stringify(json)}`),
    patchMeasure: (id, json, s) => call('PATCH', `/measures/${id}`, json, s),
    mustPatchMeasure: async (id, json, s) => ok(await a.patchMeasure(id, json, s), 200, `patch measure ${JSON.stringify(json)}`),
    followUp: (id, json, s) => call('POST', `/measures/${id}/follow-ups`, json, s),
    mustFollowUp: async (id, json, s) => ok(await a.followUp(id, json, s), 201, `follow-up ${JSON.stringify(json)}`),
    comment: (planId, json, s) => call('POST', `/plans/${planId}/comments`, json, s),
    /** Walks a measure along legal moves to `status`. */
    moveTo: async (id, status, s) => {
      let m;
      for (const step of PATH_TO[status]) m = await a.mustPatchMeasure(id, { status: step }, s);
      return m ?? a.measure(id, s);
    },
  };
  return a;
}

/** Everything the tests look up by name: the plans, areas, places, organisations and the Klotter category. */
async function facts(server) {
  const coord = await mustSignIn(server, 'coordinator');
  const a = api(server, coord);
  const get = async (p) => a.ok(await a.call('GET', p), 200, `GET ${p}`).items;
  const byName = (xs) => Object.fromEntries(xs.map((x) => [x.name, x]));
  const districts = await get('/areas?kind=district');
  const pictureAreas = await get('/situation-areas');
  const categories = await get('/incident-categories');
  const plans = await a.plans();
  const planOf = (name) => plans.find((p) => p.district?.name === name);
  const neighbourhoods = await get('/areas?kind=neighbourhood');
  const f = {
    coord,
    a,
    /** Every area an indicator may be bound to, by id: { id, name, kind }. */
    areaById: new Map([...pictureAreas, ...neighbourhoods].map((x) => [x.id, { id: x.id, name: x.name, kind: x.kind }])),
    districts,
    district: byName(districts),
    police: byName(pictureAreas.filter((x) => x.kind === 'police_area')),
    nb: byName(neighbourhoods),
    places: byName(await get('/places')),
    org: byName(await get('/organisations')),
    klotter: categories.find((c) => c.code === 'klotter'),
    agreements: await get('/agreements'),
    plans,
    citywide: plans.find((p) => p.scope === 'citywide'),
    jarva: planOf('Järva'),
    sodermalm: planOf('Södermalm'),
  };
  assert.equal(districts.length, 11, districts.map((d) => d.name).join());
  assert.equal(f.klotter?.name_sv, 'Klotter');
  for (const k of ['citywide', 'jarva', 'sodermalm']) assert.ok(f[k], `the demo has the ${k} plan: ${JSON.stringify(plans).slice(0, 500)}`);
  for (const n of ['Järva stadsdelsnämnd', 'Södermalm stadsdelsnämnd', 'Lokalpolisområde Järva', 'Lokalpolisområde Södermalm',
    'Stadsledningskontoret']) assert.ok(f.org[n], `organisation ${n}`);
  return f;
}

/** A measure body for POST, owned by `owner` (an organisation id). */
function measureJson(owner, over = {}) {
  const today = todayStockholm();
  return {
    title: uniq('Trygghetsvandring'), description: 'Kvällsvandringar med boende och föreningar.', type: 'situational', horizon: 'short',
    start_date: addDays(today, -30), end_date: addDays(today, 60), responsible: 'Anna Andersson', owner_organisation_ids: [owner],
    ...over,
  };
}

/** The measures.csv or follow-ups.csv of a plan as raw bytes. */
const exportCsv = (server, session, planId, which) => httpRequest(server, `${API}/plans/${planId}/${which}.csv`,
  { headers: { cookie: session.cookie } });
const importCsv = (server, session, planId, which, body) => request(server, `${API}/plans/${planId}/${which}.csv`,
  { method: 'POST', session, body, headers: { 'content-type': 'text/csv' } });

/** Records (header first) back to CSV text with a BOM, ';' and CRLF; also the line each record starts on. */
function toCsv(records) {
  let text = '\ufeff';
  let line = 1;
  const lines = [];
  for (const r of records) {
    lines.push(line);
    const row = r.map((v) => csvField(v)).join(';');
    text += `${row}\r\n`;
    line += (row.match(/\r\n|\n|\r/g) ?? []).length + 1;
  }
  return { text, lines };
}

/** The text of every string in an xlsx (shared strings and inline strings), XML entities decoded. */
function xlsxStrings(entries) {
  const decode = (s) => s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()];
  });
  const out = [];
  for (const [name, data] of entries) {
    if (!/^xl\/(sharedStrings|worksheets\/[^/]+)\.xml$/.test(name)) continue;
    for (const m of data.toString('utf8').matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)) out.push(decode(m[1]));
  }
  return out;
}

// ------------------------------------------------------------------------------------------ reading

describe('action plans: the demo plans, read', () => {
  let server;
  let f;
  let a;
  let today;
  let full; // every plan, GET /plans/{id}, in list order

  before(async () => {
    server = await startServer();
    f = await facts(server);
    a = f.a;
    today = todayStockholm();
    full = [];
    for (const p of f.plans) full.push(await a.plan(p.id));
  });
  after(async () => { await server?.close(); });

  const allMeasures = () => full.flatMap((p) => p.measures);

  test('GET /plans: 12 plans, the citywide one first, then the 11 districts by name, each a summary with its roll-up', async () => {
    assert.equal(f.plans.length, 12);
    const [city, ...local] = f.plans;
    assert.equal(city.scope, 'citywide');
    assert.equal(city.district, null);
    assert.deepEqual(local.map((p) => p.district), f.districts.map((d) => ({ id: d.id, name: d.name, kind: 'district' })),
      'one local plan per district, by name');
    assert.equal(new Set(f.plans.map((p) => p.id)).size, 12);
    for (const p of f.plans) {
      assert.deepEqual(sortedKeys(p), SUMMARY_KEYS, JSON.stringify(p));
      if (p !== city) assert.equal(p.scope, 'local');
      assert.ok(typeof p.title === 'string' && p.title.length > 0);
      assert.match(p.period_start, DATE);
      assert.match(p.period_end, DATE);
      assert.ok(p.period_start <= p.period_end);
      assert.equal(p.can_edit, true, 'the unscoped coordinator edits every plan');
      assert.deepEqual(sortedKeys(p.rollup), ROLLUP_KEYS);
      assert.deepEqual(sortedKeys(p.rollup.by_status), [...STATUSES].sort());
    }
    assertProblem(assert, await request(server, `${API}/plans`), 401);
  });

  test('GET /plans/{id}: the full shape of every plan, with the six focus areas of the agreement in the citywide plan', async () => {
    const soft = softly();
    const inForce = f.agreements.find((x) => x.scope === 'citywide' && x.status === 'in_force');
    const agreementGoals = new Map();
    const seenStatus = new Set();
    let overdue = 0;
    for (const [i, p] of full.entries()) {
      const label = p.district?.name ?? 'citywide';
      assert.deepEqual(sortedKeys(p), PLAN_KEYS, label);
      assert.deepEqual(pick(p, SUMMARY_KEYS), f.plans[i], `${label}: the summary fields are the list's`);
      assert.equal(p.can_comment, true, label);
      if (p.agreement !== null) {
        assert.deepEqual(sortedKeys(p.agreement), ['id', 'title'], label);
        if (!agreementGoals.has(p.agreement.id)) {
          // The goal items of the plan's agreement and of the agreements it sits under (a local agreement's
          // citywide frame): the demo's Järva plan, under Järva's local agreement, takes m-trygghet from the frame.
          const codes = new Set();
          for (let id = p.agreement.id; id;) {
            const ag = a.ok(await a.call('GET', `/agreements/${id}`), 200, 'GET agreement');
            if (id === p.agreement.id) assert.equal(ag.title, p.agreement.title);
            for (const g of ag.goals) codes.add(g.code);
            id = ag.parent_id;
          }
          agreementGoals.set(p.agreement.id, codes);
        }
      }
      for (const fa of p.focus_areas) assert.deepEqual(sortedKeys(fa), ['code', 'title'], label);
      // Problems, ranked 1..n.
      assert.deepEqual(p.problems.map((x) => x.rank), p.problems.map((_, k) => k + 1), `${label}: ranks`);
      assert.equal(new Set(p.problems.map((x) => x.title)).size, p.problems.length, `${label}: problem titles are unique`);
      for (const pr of p.problems) {
        assert.deepEqual(sortedKeys(pr), PROBLEM_KEYS, `${label}: ${JSON.stringify(pr)}`);
        assert.deepEqual(sortedKeys(pr.triangle), ['offender', 'place', 'target'], label);
        assert.ok(pr.focus_area_code === null || FOCUS_AREAS.some((x) => x.code === pr.focus_area_code),
          `${label}: ${pr.title}: focus area ${pr.focus_area_code}`);
        for (const e of pr.evidence) {
          if (e.kind === 'situation_picture') {
            assert.deepEqual(sortedKeys(e), ['area_id', 'category_id', 'figure', 'kind', 'label', 'period'], JSON.stringify(e));
            assert.ok(e.figure === null || (Number.isInteger(e.figure) && e.figure >= 0), JSON.stringify(e));
            // The figure is the live count of the situation picture.
            const pic = await a.call('GET', `/situation-picture?area=${e.area_id}&period=${e.period}`);
            assert.equal(pic.status, 200, `${JSON.stringify(e)}: ${pic.text}`);
            assert.equal(e.figure, pic.body.categories.find((c) => c.id === e.category_id)?.count, `${label}: ${JSON.stringify(e)}`);
          } else {
            assert.equal(e.kind, 'source', JSON.stringify(e));
            assert.deepEqual(sortedKeys(e), ['kind', 'label', 'url'], JSON.stringify(e));
          }
        }
      }
      // Goals.
      assert.equal(new Set(p.goals.map((g) => g.code)).size, p.goals.length, `${label}: goal codes are unique`);
      for (const g of p.goals) {
        assert.deepEqual(sortedKeys(g), GOAL_KEYS, `${label}: ${JSON.stringify(g)}`);
        assert.ok(['agreement', 'local'].includes(g.origin), g.origin);
        if (g.origin === 'agreement') {
          assert.ok(p.agreement, `${label}: an agreement goal needs the plan's agreement`);
          assert.ok(agreementGoals.get(p.agreement.id).has(g.agreement_item_code), `${label}: ${g.code} -> ${g.agreement_item_code}`);
        } else {
          assert.equal(g.agreement_item_code, null, `${label}: ${g.code}`);
        }
        for (const ind of g.indicators) soft.equal(sortedKeys(ind), INDICATOR_KEYS, `indicator keys: ${JSON.stringify(ind)}`, 'keys');
      }
      // Measures.
      const goalIds = new Set(p.goals.map((g) => g.id));
      const problemIds = new Set(p.problems.map((x) => x.id));
      for (const m of p.measures) {
        const what = `${label}: ${m.title}`;
        assert.deepEqual(sortedKeys(m), MEASURE_KEYS, what);
        assert.equal(m.plan_id, p.id, what);
        assert.ok(['situational', 'social'].includes(m.type), what);
        assert.ok(['short', 'long'].includes(m.horizon), what);
        assert.ok(STATUSES.includes(m.status), what);
        assert.match(m.start_date, DATE, what);
        assert.match(m.end_date, DATE, what);
        assert.ok(m.start_date <= m.end_date, what);
        assert.ok(m.owner_organisations.length >= 1, what);
        for (const o of m.owner_organisations) assert.deepEqual(o, { id: f.org[o.name]?.id, name: o.name }, what);
        for (const id of m.goal_ids) assert.ok(goalIds.has(id), `${what}: goal ${id} of the same plan`);
        for (const id of m.problem_ids) assert.ok(problemIds.has(id), `${what}: problem ${id} of the same plan`);
        assert.equal(m.overdue, isOverdue(m, today), `${what}: overdue (${m.status}, ends ${m.end_date}, today ${today})`);
        sameSet(m.allowed_statuses, MOVES[m.status], `${what}: allowed moves from ${m.status}`);
        assert.equal(m.can_update, true, what);
        assert.ok(m.progress === null || (Number.isInteger(m.progress) && m.progress >= 0 && m.progress <= 100), what);
        if (m.status === 'done') assert.equal(m.progress, 100, `${what}: done counts 100`);
        for (const ind of m.indicators) soft.equal(sortedKeys(ind), INDICATOR_KEYS, `indicator keys: ${JSON.stringify(ind)}`, 'keys');
        seenStatus.add(m.status);
        if (m.overdue) overdue += 1;
      }
      for (const c of p.comments) assert.deepEqual(sortedKeys(c), COMMENT_KEYS, JSON.stringify(c));
      if (p.scope === 'local') {
        assert.ok(p.problems.length >= 1, `${label} has its own priorities`);
        assert.ok(p.measures.length >= 1, `${label} has measures`);
      }
    }
    const city = full[0];
    assert.deepEqual(city.focus_areas, FOCUS_AREAS, 'the citywide plan has the agreement\'s six focus areas');
    assert.deepEqual(city.agreement, { id: inForce.id, title: inForce.title }, 'the citywide plan is under the agreement in force');
    assert.ok(city.measures.length >= 1, 'the citywide plan has measures');
    sameSet(seenStatus, STATUSES, 'the demo has measures in every status');
    assert.ok(overdue >= 1, 'the demo has overdue measures');
    // Each district ranks its own priorities: not all district plans rank the same problems the same way.
    const rankings = new Set(full.slice(1).map((p) => p.problems.map((x) => x.title).join('|')));
    assert.ok(rankings.size > 1, 'the districts differ in their priorities');
    soft.done();
  });

  test('a measure\'s progress is its latest follow-up\'s (latest date, then latest recorded), 100 when done, null without any', async () => {
    let withFollowUps = 0;
    const soft = softly();
    for (const p of full) {
      for (const m of p.measures) {
        const v = await a.measure(m.id);
        assert.deepEqual(sortedKeys(v), MEASURE_VIEW_KEYS, m.title);
        const { follow_ups: fs, comments, ...rest } = v;
        assert.deepEqual(rest, m, `${m.title}: GET /measures/{id} is the plan's measure plus follow-ups and comments`);
        for (const x of fs) {
          assert.deepEqual(sortedKeys(x), FOLLOW_UP_KEYS, JSON.stringify(x));
          assert.ok(Number.isInteger(x.progress) && x.progress >= 0 && x.progress <= 100, JSON.stringify(x));
          assert.ok(x.date <= today, `${m.title}: a follow-up in the future: ${x.date}`);
          soft.equal(sortedKeys(x.recorded_by ?? {}), ['id', 'name'], `recorded_by is {id, name}: ${JSON.stringify(x)}`, 'recorded_by');
        }
        for (const c of comments) {
          assert.deepEqual(sortedKeys(c), COMMENT_KEYS, JSON.stringify(c));
          assert.equal(c.measure_id, m.id);
        }
        const want = progressFromFollowUps(v);
        assert.equal(v.progress, want.progress, `${m.title} (${m.status}): progress`);
        assert.equal(v.last_follow_up_on, want.last, `${m.title}: last_follow_up_on`);
        if (fs.length) withFollowUps += 1;
      }
    }
    assert.ok(withFollowUps >= 3, `the demo has follow-ups: ${withFollowUps} measures with some`);
    soft.done();
  });

  test('roll-ups: every plan\'s (in the list and in the plan) and every goal\'s, recomputed from the measures', async () => {
    for (const [i, p] of full.entries()) {
      const label = p.district?.name ?? 'citywide';
      const want = rollupOf(p.measures, today);
      assert.deepEqual(p.rollup, want, `${label}: plan roll-up`);
      assert.deepEqual(f.plans[i].rollup, want, `${label}: the list's roll-up`);
      assert.equal(p.rollup.overdue, p.measures.filter((m) => m.overdue).length, `${label}: overdue = measures flagged overdue`);
      for (const g of p.goals) {
        assert.deepEqual(g.rollup, rollupOf(p.measures.filter((m) => m.goal_ids.includes(g.id)), today), `${label}: goal ${g.code}`);
      }
    }
  });

  test('the demo\'s bound indicators: a value per quarter of the plan, each the situation picture\'s count and the SQL count', async () => {
    const current = quarterOf(today);
    let bound = 0;
    for (const p of full) {
      let first = quarterOf(p.period_start);
      if (first < addQuarters(current, -20)) first = addQuarters(current, -20);
      const quarters = [];
      for (let q = first; q <= current; q = addQuarters(q, 1)) quarters.push(q);
      for (const ind of [...p.goals, ...p.measures].flatMap((x) => x.indicators).filter((x) => x.source === 'situation_picture')) {
        bound += 1;
        const what = `${p.district?.name ?? 'citywide'}: ${ind.name}`;
        assert.deepEqual(ind.values.map((v) => v.period), quarters, `${what}: quarters from the plan's start (${p.period_start})`);
        const areas = ind.binding.areas.map((x) => f.areaById.get(x.id));
        assert.ok(areas.every(Boolean), `${what}: known areas ${JSON.stringify(ind.binding.areas)}`);
        for (const v of ind.values) {
          let want = 0;
          for (const area of areas) want += sqlCategoryCounts(server.db, area, quarterBounds(v.period)).get(ind.binding.category_id) ?? 0;
          assert.equal(v.value, want, `${what} ${v.period}: SQL`);
          assert.equal(v.partial, v.period === current, `${what} ${v.period}: partial`);
          assert.equal(v.source, 'situation_picture');
        }
        if (areas.length === 1) {
          const last = ind.values.at(-1);
          const pic = a.ok(await a.call('GET', `/situation-picture?area=${areas[0].id}&period=${last.period}`), 200, 'picture');
          assert.equal(last.value, pic.categories.find((c) => c.id === ind.binding.category_id).count, `${what}: the picture's count`);
        }
        assert.deepEqual(ind.latest, ind.values.length ? { period: current, value: ind.values.at(-1).value } : null, `${what}: latest`);
      }
    }
    assert.ok(bound >= 1, 'the demo has indicators bound to the situation picture');
  });

  test('GET /plan-rollup: districts, owners, goals and the overdue list agree with the plans', async () => {
    const r = await a.rollup();
    assert.deepEqual(sortedKeys(r), ROLLUP_VIEW_KEYS);
    assert.equal(r.today, today);
    const [city, ...local] = full;
    // `citywide` is the whole city: every measure of every plan (the contract allows reading it as the citywide
    // plan's alone; that one is checked against the plan JSON above).
    assert.deepEqual(r.citywide, rollupOf(allMeasures(), today), 'citywide: every measure of the 12 plans');
    assert.equal(r.citywide.measures, city.measures.length + local.reduce((n, p) => n + p.measures.length, 0));
    assert.equal(r.districts.length, 11);
    sameSet(r.districts.map((d) => d.plan_id), local.map((p) => p.id), 'one entry per district plan');
    for (const d of r.districts) {
      const p = local.find((x) => x.id === d.plan_id);
      assert.deepEqual(d, { district: p.district, plan_id: p.id, rollup: rollupOf(p.measures, today) }, p.district.name);
    }
    // Per owner organisation, over every measure of every plan.
    const all = allMeasures();
    const owners = new Map();
    for (const m of all) for (const o of m.owner_organisations) owners.set(o.id, o);
    for (const o of owners.values()) {
      const entry = r.owners.find((x) => x.organisation.id === o.id);
      assert.ok(entry, `owner ${o.name} is listed`);
      assert.deepEqual(entry, { organisation: o, rollup: rollupOf(all.filter((m) => m.owner_organisations.some((x) => x.id === o.id)), today) },
        `owner ${o.name}`);
    }
    for (const e of r.owners) {
      if (!owners.has(e.organisation.id)) assert.equal(e.rollup.measures, 0, `${e.organisation.name} owns no measure: ${JSON.stringify(e)}`);
    }
    // Per goal.
    const goals = full.flatMap((p) => p.goals.map((g) => ({ g, p })));
    assert.equal(r.goals.length, goals.length, 'one entry per goal of every plan');
    for (const { g, p } of goals) {
      const entry = r.goals.find((x) => x.goal_id === g.id);
      assert.deepEqual(entry, { goal_id: g.id, plan_id: p.id, district: p.district, code: g.code, title: g.title,
        rollup: rollupOf(p.measures.filter((m) => m.goal_ids.includes(g.id)), today) }, `goal ${g.code} of ${p.title}`);
    }
    // Overdue measures, from every plan.
    const overdue = full.flatMap((p) => p.measures.filter((m) => isOverdue(m, today)).map((m) => ({
      measure_id: m.id, plan_id: p.id, district: p.district, title: m.title, end_date: m.end_date,
      days_overdue: daysBetween(m.end_date, today), status: m.status, owner_organisations: m.owner_organisations,
    })));
    assert.ok(overdue.length >= 1);
    const keyed = (xs, sortOwners) => byId(xs.map((x) => ({ ...x, id: x.measure_id,
      owner_organisations: sortOwners ? byId(x.owner_organisations) : x.owner_organisations })));
    assert.deepEqual(keyed(r.overdue, true), keyed(overdue, true));
    for (const x of r.overdue) assert.ok(x.days_overdue >= 1, JSON.stringify(x));
    const soft = softly();
    for (const x of r.overdue) {
      soft.equal(x.owner_organisations, overdue.find((y) => y.measure_id === x.measure_id).owner_organisations,
        `overdue ${x.title}: the owners in the measure's own order`, 'owner order');
    }
    soft.done();
  });

  test('the priority matrix: the six focus areas, and per district its best rank in each (null when none)', async () => {
    const r = await a.rollup();
    assert.deepEqual(r.priorities.focus_areas, FOCUS_AREAS);
    assert.equal(r.priorities.districts.length, 11);
    for (const p of full.slice(1)) {
      const row = r.priorities.districts.find((d) => d.plan_id === p.id);
      assert.ok(row, `${p.district.name} in the matrix`);
      assert.deepEqual(row.district, p.district);
      const ranks = {};
      for (const fa of FOCUS_AREAS) {
        const rs = p.problems.filter((x) => x.focus_area_code === fa.code).map((x) => x.rank);
        ranks[fa.code] = rs.length ? Math.min(...rs) : null;
      }
      assert.deepEqual(row.ranks, ranks, p.district.name);
    }
    const used = r.priorities.districts.flatMap((d) => Object.values(d.ranks)).filter((x) => x !== null);
    assert.ok(used.includes(1), 'some district ranks a focus area first');
  });

  test('who reads: every signed-in user; can_edit, can_comment and can_update follow the rules; anonymous 401', async () => {
    const jarvaId = f.jarva.id;
    const sodId = f.sodermalm.id;
    const lpoSod = f.org['Lokalpolisområde Södermalm'].id;
    for (const who of ['admin', 'member', 'reporter', 'politician', 'caseworker', 'jarvacoordinator']) {
      const s = await mustSignIn(server, who);
      const list = await a.plans(s);
      assert.deepEqual(list.map((p) => p.id), f.plans.map((p) => p.id), who);
      const editable = list.filter((p) => p.can_edit).map((p) => p.id);
      const want = { admin: f.plans.map((p) => p.id), member: [jarvaId], jarvacoordinator: [jarvaId] }[who] ?? [];
      sameSet(editable, want, `${who}: can_edit`);
      for (const p of list) assert.deepEqual(p.rollup, f.plans.find((x) => x.id === p.id).rollup, `${who}: the same roll-ups`);
      const sod = await a.plan(sodId, s);
      const jarva = await a.plan(jarvaId, s);
      const canComment = { admin: true, politician: true, member: false, reporter: false, caseworker: false }[who];
      if (canComment !== undefined) assert.equal(sod.can_comment, canComment, `${who}: can_comment on Södermalm`);
      if (who === 'member') assert.equal(jarva.can_comment, true, 'member comments on Järva (a plan editor)');
      if (who === 'reporter') {
        for (const m of sod.measures) {
          assert.equal(m.can_update, m.owner_organisations.some((o) => o.id === lpoSod),
            `reporter: can_update of ${m.title} (${m.owner_organisations.map((o) => o.name)})`);
        }
        assert.ok(sod.measures.some((m) => m.can_update), 'the demo has a Södermalm measure owned by Lokalpolisområde Södermalm');
        assert.ok(jarva.measures.every((m) => !m.can_update));
      }
      if (who === 'politician') assert.ok([...sod.measures, ...jarva.measures].every((m) => !m.can_update));
      assert.equal((await a.call('GET', '/plan-rollup', undefined, s)).status, 200, who);
      assert.equal((await a.call('GET', `/measures/${sod.measures[0].id}`, undefined, s)).status, 200, who);
      assert.equal((await a.call('GET', `/citizen-promises?area=${f.district['Järva'].id}`, undefined, s)).status, 200, who);
    }
    for (const p of ['/plans', `/plans/${jarvaId}`, '/plan-rollup', `/measures/${full[1].measures[0].id}`,
      `/citizen-promises?area=${f.district['Järva'].id}`, `/plans/${jarvaId}/measures.csv`, `/plans/${jarvaId}/follow-ups.csv`,
      `/plans/${jarvaId}/export.xlsx`]) {
      assertProblem(assert, await request(server, `${API}${p}`), 401);
    }
  });

  test('export.xlsx: an attachment, a ZIP package with the five sheets and every measure title of the plan', async () => {
    const plan = full.find((p) => p.id === f.jarva.id);
    const r = await httpRequest(server, `${API}/plans/${plan.id}/export.xlsx`, { headers: { cookie: f.coord.cookie } });
    assert.equal(r.status, 200, r.body.toString().slice(0, 300));
    assert.equal(r.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(r.headers['content-disposition'] ?? '', /^attachment;\s*filename=/);
    assert.equal(r.body.subarray(0, 2).toString('latin1'), 'PK');
    const entries = readZip(r.body);
    assert.ok(entries.has('[Content_Types].xml'), [...entries.keys()].join());
    const workbook = entries.get('xl/workbook.xml')?.toString('utf8') ?? '';
    const sheets = [...workbook.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(sheets, ['Översikt', 'Prioriteringar', 'Mål och indikatorer', 'Åtgärder', 'Uppföljning']);
    const strings = new Set(xlsxStrings(entries));
    for (const m of plan.measures) assert.ok(strings.has(m.title), `the xlsx holds measure "${m.title}"`);
    for (const pr of plan.problems) assert.ok(strings.has(pr.title), `the xlsx holds problem "${pr.title}"`);
    const jarvaTitles = new Set(plan.measures.map((m) => m.title));
    const foreign = full.find((p) => p.id === f.sodermalm.id).measures.map((m) => m.title).filter((t) => !jarvaTitles.has(t));
    for (const t of foreign) assert.ok(!strings.has(t), `a Södermalm measure is not in Järva's export: ${t}`);
    // The politician reads it too; the caseworker is a signed-in reader as well.
    const pol = await mustSignIn(server, 'politician');
    assert.equal((await httpRequest(server, `${API}/plans/${plan.id}/export.xlsx`, { headers: { cookie: pol.cookie } })).status, 200);
    assert.equal((await httpRequest(server, `${API}/plans/${UNKNOWN_ID}/export.xlsx`, { headers: { cookie: f.coord.cookie } })).status, 404);
  });

  test('the report back of Järva\'s local group has the section action_plan.progress with the overdue measures', async () => {
    const groups = a.ok(await a.call('GET', '/groups'), 200, 'GET groups').items;
    const jarvaGroup = groups.find((g) => g.name === 'Lokal samverkansgrupp Järva');
    const steering = groups.find((g) => g.name === 'Styrgruppen för samverkan');
    assert.ok(jarvaGroup && steering, groups.map((g) => g.name).join());
    const start = quarterBounds(quarterOf(today)).start;
    const draft = async (group, committee) => {
      const o = a.ok(await a.call('POST', `/groups/${group.id}/obligations`, { committee_id: committee, cadence: 'quarterly', due_days: 30,
        starts_on: '2026-01-01' }), 201, 'add obligation');
      return a.ok(await a.call('POST', `/obligations/${o.id}/reports`, { period_start: start }), 201, 'draft');
    };
    // (The demo groups already report to their own committees; another committee is a new obligation.)
    const report = await draft(jarvaGroup, f.org.Socialnämnden.id);
    const s = report.sections.find((x) => x.key === 'action_plan.progress');
    assert.ok(s, `section action_plan.progress in ${report.sections.map((x) => x.key)}`);
    assert.deepEqual(sortedKeys(s), ['body', 'columns', 'key', 'rows', 'title']);
    assert.ok(s.title.length > 0 && s.body.length > 0, JSON.stringify(s));
    const text = JSON.stringify(s);
    const plan = full.find((p) => p.id === f.jarva.id);
    const late = plan.measures.filter((m) => m.overdue);
    assert.ok(late.length >= 1, 'Järva has overdue measures in the demo');
    for (const m of late) assert.ok(text.includes(m.title), `the overdue measure "${m.title}" is listed: ${text}`);
    const jarvaTitles = new Set(plan.measures.map((m) => m.title));
    for (const m of full.filter((p) => p.id !== plan.id).flatMap((p) => p.measures.filter((x) => x.overdue && !jarvaTitles.has(x.title))))
      assert.ok(!text.includes(m.title), `another plan's overdue measure is not in Järva's report: ${m.title}`);
    assert.deepEqual(await a.call('GET', `/reports/${report.id}`).then((r) => r.body.sections.find((x) => x.key === s.key)), s);
    // A citywide group: per district.
    const city = await draft(steering, f.org.Socialnämnden.id);
    const cs = city.sections.find((x) => x.key === 'action_plan.progress');
    assert.ok(cs, `the steering group's report has the section: ${city.sections.map((x) => x.key)}`);
    const ctext = JSON.stringify(cs);
    for (const d of f.districts) assert.ok(ctext.includes(d.name), `the citywide section names ${d.name}`);
  });
});

// ------------------------------------------------------------------------------------------ permissions

describe('action plans: who may edit what', () => {
  let server;
  let f;
  let a;
  const s = {}; // sessions by user name
  const m = {}; // measures: sodOwned (LPO Södermalm), sodOther (Södermalm SDN), jarvaLpo (LPO Järva), jarvaSdn (Järva SDN)

  before(async () => {
    server = await startServer();
    f = await facts(server);
    a = f.a;
    for (const who of ['member', 'reporter', 'politician', 'caseworker', 'jarvacoordinator', 'admin']) s[who] = await mustSignIn(server, who);
    const make = (plan, owner, title) => a.mustCreateMeasure(plan.id, measureJson(f.org[owner].id, { title: uniq(title) }));
    m.sodOwned = await make(f.sodermalm, 'Lokalpolisområde Södermalm', 'Nattvandring Medborgarplatsen');
    m.sodOther = await make(f.sodermalm, 'Södermalm stadsdelsnämnd', 'Belysning Vitabergsparken');
    m.jarvaLpo = await make(f.jarva, 'Lokalpolisområde Järva', 'Kameraövervakning Rinkeby torg');
    m.jarvaSdn = await make(f.jarva, 'Järva stadsdelsnämnd', 'Fältassistenter Tensta');
  });
  after(async () => { await server?.close(); });

  /** Every plan the tests touch and every measure above, as the coordinator reads them. */
  const snapshot = async () => ({
    plans: await Promise.all([f.citywide.id, f.jarva.id, f.sodermalm.id].map((id) => a.plan(id))),
    measures: await Promise.all(Object.values(m).map((x) => a.measure(x.id))),
    promises: await a.promises(f.district['Järva'].id),
  });
  /** Runs refusals: each must be a 403 problem, audited as authz.deny for `who`; nothing may change. */
  async function refusedAll(who, cases) {
    const before = await snapshot();
    const denied = denials(server.db, who);
    for (const [what, run] of cases) {
      const r = await run();
      assert.equal(r.status, 403, `${who}: ${what}: ${r.status} ${r.text}`);
      assertProblem(assert, r, 403);
    }
    assert.equal(denials(server.db, who), denied + cases.length, `${who}: every 403 is audited as authz.deny`);
    assert.deepEqual(await snapshot(), before, `${who}: the refusals changed nothing`);
  }

  test('jarvacoordinator re-ranks Järva\'s priorities; 403 on Södermalm and the citywide plan, audited, nothing changed', async () => {
    const jc = s.jarvacoordinator;
    const jarva = await a.plan(f.jarva.id, jc);
    assert.equal(jarva.can_edit, true);
    assert.ok(jarva.problems.length >= 2, 'Järva ranks at least two problems');
    const reversed = jarva.problems.map((p) => p.id).reverse();
    const r = await a.priorities(f.jarva.id, reversed, jc);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(sortedKeys(r.body), ['problems']);
    assert.deepEqual(r.body.problems.map((p) => p.id), reversed);
    assert.deepEqual(r.body.problems.map((p) => p.rank), reversed.map((_, i) => i + 1));
    const soft = softly();
    const now = (await a.plan(f.jarva.id)).problems;
    assert.deepEqual(now.map((p) => [p.id, p.rank]), r.body.problems.map((p) => [p.id, p.rank]), 'the plan has the new order');
    soft.equal(r.body.problems, now, 'the PUT answer is the problems as GET has them (evidence figures included)');
    const sod = await a.plan(f.sodermalm.id, jc);
    const city = await a.plan(f.citywide.id, jc);
    assert.equal(sod.can_edit, false);
    assert.equal(city.can_edit, false);
    await refusedAll('jarvacoordinator', [
      ['PUT Södermalm priorities', () => a.priorities(f.sodermalm.id, sod.problems.map((p) => p.id).reverse(), jc)],
      ['PUT citywide priorities', () => a.priorities(f.citywide.id, city.problems.map((p) => p.id).reverse(), jc)],
      ['POST a Södermalm measure', () => a.createMeasure(f.sodermalm.id, measureJson(f.org['Södermalm stadsdelsnämnd'].id), jc)],
      ['PATCH the citywide plan', () => a.patchPlan(f.citywide.id, { title: 'Kapad' }, jc)],
      ['POST a citywide problem', () => a.addProblem(f.citywide.id, { title: uniq('Inte mitt') }, jc)],
    ]);
    // And their own district's measures.
    const made = await a.mustCreateMeasure(f.jarva.id, measureJson(f.org['Järva stadsdelsnämnd'].id), jc);
    assert.equal(made.plan_id, f.jarva.id);
    await a.mustPatchMeasure(made.id, { responsible: 'Jonas Järvasamordnare' }, jc);
    soft.done();
  });

  test('member (Järva local group) edits Järva: problems, priorities, measures; 403 on Södermalm and citywide', async () => {
    const me = s.member;
    const problem = await a.addProblem(f.jarva.id, { title: uniq('Öppen langning vid Tensta centrum'), description: 'Kvällstid.',
      focus_area_code: 'kriminella-miljoer', triangle: { offender: 'Unga langare', target: 'Unga', place: 'Tensta centrum' } }, me);
    assert.equal(problem.status, 201, problem.text);
    const jarva = await a.plan(f.jarva.id, me);
    const order = [problem.body.id, ...jarva.problems.map((p) => p.id).filter((id) => id !== problem.body.id)];
    const ranked = await a.priorities(f.jarva.id, order, me);
    assert.equal(ranked.status, 200, ranked.text);
    assert.equal(ranked.body.problems[0].id, problem.body.id);
    assert.equal(ranked.body.problems[0].rank, 1);
    const made = await a.mustCreateMeasure(f.jarva.id, measureJson(f.org['Järva stadsdelsnämnd'].id, { problem_ids: [problem.body.id] }), me);
    assert.deepEqual(made.problem_ids, [problem.body.id]);
    const patched = await a.mustPatchMeasure(m.jarvaLpo.id, { description: 'Ändrad av den lokala gruppen.' }, me);
    assert.equal(patched.description, 'Ändrad av den lokala gruppen.');
    const sod = await a.plan(f.sodermalm.id);
    await refusedAll('member', [
      ['POST a Södermalm problem', () => a.addProblem(f.sodermalm.id, { title: uniq('Inte vår') }, me)],
      ['PATCH a Södermalm measure', () => a.patchMeasure(m.sodOther.id, { title: 'Kapad' }, me)],
      ['PUT Södermalm priorities', () => a.priorities(f.sodermalm.id, sod.problems.map((p) => p.id).reverse(), me)],
      ['POST a citywide measure', () => a.createMeasure(f.citywide.id, measureJson(f.org['Järva stadsdelsnämnd'].id), me)],
      ['PATCH the citywide plan', () => a.patchPlan(f.citywide.id, { title: 'Kapad' }, me)],
      ['POST a Södermalm promise', () => a.call('POST', '/citizen-promises', { title: uniq('Löfte'), district_id: f.district['Södermalm'].id,
        period_start: '2026-01-01', period_end: '2026-12-31' }, me)],
    ]);
  });

  test('coordinator edits the citywide plan: title, a problem, a measure, the priorities', async () => {
    const title = uniq('Handlingsplan för trygghet i Stockholm');
    const r = await a.patchPlan(f.citywide.id, { title });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.title, title);
    const soft = softly();
    soft.equal(sortedKeys(r.body), PLAN_KEYS, 'PATCH /plans/{id} answers with the whole Plan');
    const pr = await a.mustAddProblem(f.citywide.id, { title: uniq('Skjutningar i offentlig miljö'), focus_area_code: 'kriminella-miljoer' });
    const city = await a.plan(f.citywide.id);
    assert.equal(city.title, title);
    assert.equal(pr.rank, city.problems.length, 'a new problem is ranked last');
    const ranked = await a.priorities(f.citywide.id, [pr.id, ...city.problems.map((p) => p.id).filter((id) => id !== pr.id)]);
    assert.equal(ranked.status, 200, ranked.text);
    const made = await a.mustCreateMeasure(f.citywide.id, measureJson(f.org.Stadsledningskontoret.id));
    assert.equal(made.plan_id, f.citywide.id);
    assert.equal((await a.plans()).find((p) => p.id === f.citywide.id).title, title);
    soft.done();
  });

  test('reporter (Lokalpolisområde Södermalm) updates and follows up a measure owned by it; 403 elsewhere, audited, nothing changed', async () => {
    const me = s.reporter;
    const sod = await a.plan(f.sodermalm.id, me);
    assert.equal(sod.can_edit, false);
    assert.equal(sod.can_comment, false);
    assert.equal(sod.measures.find((x) => x.id === m.sodOwned.id).can_update, true);
    assert.equal(sod.measures.find((x) => x.id === m.sodOther.id).can_update, false);
    const patched = await a.mustPatchMeasure(m.sodOwned.id, { responsible: 'Rasmus Rapportör', status: 'ongoing' }, me);
    assert.equal(patched.responsible, 'Rasmus Rapportör');
    assert.equal(patched.status, 'ongoing');
    const fu = await a.mustFollowUp(m.sodOwned.id, { date: todayStockholm(), note: 'Två nattvandringar genomförda.', progress: 40 }, me);
    assert.deepEqual(fu.recorded_by, { id: me.user.id, name: 'Rasmus Rapportör' });
    const view = await a.measure(m.sodOwned.id, me);
    assert.equal(view.progress, 40);
    assert.equal(view.follow_ups[0].id, fu.id);
    // The demo's own Södermalm measures owned by the police area, too.
    for (const x of sod.measures.filter((y) => y.id !== m.sodOwned.id && y.can_update)) {
      const r = await a.patchMeasure(x.id, { responsible: 'Rasmus Rapportör' }, me);
      assert.equal(r.status, 200, `${x.title}: ${r.text}`);
      assert.equal(r.body.responsible, 'Rasmus Rapportör');
    }
    await refusedAll('reporter', [
      ['POST a Södermalm measure', () => a.createMeasure(f.sodermalm.id, measureJson(f.org['Lokalpolisområde Södermalm'].id), me)],
      ['PATCH a measure not owned by it', () => a.patchMeasure(m.sodOther.id, { responsible: 'Rasmus Rapportör' }, me)],
      ['follow up a measure not owned by it', () => a.followUp(m.sodOther.id, { date: todayStockholm(), note: 'x', progress: 10 }, me)],
      ['status of a measure not owned by it', () => a.patchMeasure(m.sodOther.id, { status: 'ongoing' }, me)],
      ['PATCH a Järva measure', () => a.patchMeasure(m.jarvaSdn.id, { title: 'Kapad' }, me)],
      ['DELETE its own measure (editors only)', () => a.call('DELETE', `/measures/${m.sodOwned.id}`, undefined, me)],
      ['comment on Södermalm', () => a.comment(f.sodermalm.id, { body: 'Hej' }, me)],
      ['PUT Södermalm priorities', () => a.priorities(f.sodermalm.id, sod.problems.map((p) => p.id).reverse(), me)],
      ['PATCH the Södermalm plan', () => a.patchPlan(f.sodermalm.id, { title: 'Kapad' }, me)],
    ]);
  });

  test('politician reads and comments on plans and measures; 403 on every edit, audited, nothing changed', async () => {
    const me = s.politician;
    const plan = await a.plan(f.sodermalm.id, me);
    assert.equal(plan.can_edit, false);
    assert.equal(plan.can_comment, true);
    const c1 = await a.comment(f.sodermalm.id, { body: 'Hur går det med belysningen?' }, me);
    assert.equal(c1.status, 201, c1.text);
    assert.deepEqual(sortedKeys(c1.body), COMMENT_KEYS);
    assert.deepEqual(c1.body.author, { id: me.user.id, name: 'Paula Politiker' });
    assert.equal(c1.body.measure_id, null);
    assert.equal(c1.body.body, 'Hur går det med belysningen?');
    const c2 = await a.comment(f.sodermalm.id, { body: 'Bra initiativ.', measure_id: m.sodOther.id }, me);
    assert.equal(c2.status, 201, c2.text);
    assert.equal(c2.body.measure_id, m.sodOther.id);
    assert.ok((await a.plan(f.sodermalm.id)).comments.some((c) => c.id === c1.body.id));
    assert.deepEqual((await a.measure(m.sodOther.id, me)).comments.find((c) => c.id === c2.body.id), c2.body);
    if (!(await a.plan(f.jarva.id)).goals.length) await a.mustAddGoal(f.jarva.id, { code: 'perm-1', title: 'Ett mål', origin: 'local' });
    const jarva = await a.plan(f.jarva.id);
    const goal = jarva.goals[0];
    const csv = (await exportCsv(server, f.coord, f.sodermalm.id, 'measures')).body;
    await refusedAll('politician', [
      ['PATCH a plan', () => a.patchPlan(f.sodermalm.id, { title: 'Politikerns plan' }, me)],
      ['POST a measure', () => a.createMeasure(f.sodermalm.id, measureJson(f.org['Södermalm stadsdelsnämnd'].id), me)],
      ['PATCH a measure', () => a.patchMeasure(m.sodOther.id, { title: 'Kapad' }, me)],
      ['status move', () => a.patchMeasure(m.sodOther.id, { status: 'cancelled' }, me)],
      ['follow-up', () => a.followUp(m.sodOther.id, { date: todayStockholm(), note: 'x', progress: 10 }, me)],
      ['PUT priorities', () => a.priorities(f.jarva.id, jarva.problems.map((p) => p.id).reverse(), me)],
      ['POST a problem', () => a.addProblem(f.jarva.id, { title: uniq('Politikerns problem') }, me)],
      ['POST a goal', () => a.addGoal(f.jarva.id, { code: 'pol-1', title: 'Mål', origin: 'local' }, me)],
      ['POST an indicator', () => a.call('POST', `/goals/${goal.id}/indicators`, { name: 'x', unit: 'st', source: 'manual' }, me)],
      ['DELETE a measure', () => a.call('DELETE', `/measures/${m.sodOther.id}`, undefined, me)],
      ['POST a promise', () => a.call('POST', '/citizen-promises', { title: uniq('Löfte'), district_id: f.district['Järva'].id,
        period_start: '2026-01-01', period_end: '2026-12-31' }, me)],
      ['import measures.csv', () => importCsv(server, me, f.sodermalm.id, 'measures', csv)],
    ]);
  });

  test('caseworker reads; 403 on edits and comments, audited, nothing changed', async () => {
    const me = s.caseworker;
    assert.equal((await a.plans(me)).length, 12);
    const jarva = await a.plan(f.jarva.id, me);
    assert.equal(jarva.can_edit, false);
    assert.equal(jarva.can_comment, false);
    await refusedAll('caseworker', [
      ['comment on Järva', () => a.comment(f.jarva.id, { body: 'Hej' }, me)],
      ['comment on a measure', () => a.comment(f.jarva.id, { body: 'Hej', measure_id: m.jarvaLpo.id }, me)],
      ['POST a Järva measure', () => a.createMeasure(f.jarva.id, measureJson(f.org['Järva stadsdelsnämnd'].id), me)],
      ['PATCH a Järva measure owned by the police', () => a.patchMeasure(m.jarvaLpo.id, { title: 'Kapad' }, me)],
      ['follow up a Järva measure owned by the police', () => a.followUp(m.jarvaLpo.id, { date: todayStockholm(), note: 'x', progress: 5 }, me)],
      ['PUT Järva priorities', () => a.priorities(f.jarva.id, jarva.problems.map((p) => p.id).reverse(), me)],
      ['PATCH the Järva plan', () => a.patchPlan(f.jarva.id, { title: 'Kapad' }, me)],
      ['PATCH a Södermalm measure', () => a.patchMeasure(m.sodOther.id, { title: 'Kapad' }, me)],
    ]);
  });

  test('anonymous: 401 on reads and writes; a write without the CSRF token: 403; nothing changed', async () => {
    const before = await snapshot();
    const anon = (method, p, json) => request(server, `${API}${p}`, { method, json });
    assertProblem(assert, await anon('GET', `/plans/${f.jarva.id}`), 401);
    assertProblem(assert, await anon('PATCH', `/plans/${f.jarva.id}`, { title: 'x' }), 401);
    assertProblem(assert, await anon('POST', `/plans/${f.jarva.id}/measures`, measureJson(f.org['Järva stadsdelsnämnd'].id)), 401);
    assertProblem(assert, await anon('PATCH', `/measures/${m.jarvaSdn.id}`, { title: 'x' }), 401);
    assertProblem(assert, await anon('POST', `/measures/${m.jarvaSdn.id}/follow-ups`, { date: todayStockholm(), note: 'x', progress: 1 }), 401);
    assertProblem(assert, await anon('POST', `/plans/${f.jarva.id}/comments`, { body: 'x' }), 401);
    assertProblem(assert, await anon('PUT', `/plans/${f.jarva.id}/priorities`, { problem_ids: [] }), 401);
    const noToken = await request(server, `${API}/measures/${m.jarvaSdn.id}`, { method: 'PATCH', session: f.coord, csrf: null,
      json: { title: 'Utan token' } });
    assertProblem(assert, noToken, 403);
    assert.deepEqual(await snapshot(), before);
  });
});

// ------------------------------------------------------------------------------------------ measures

describe('action plans: measures, problems, goals and comments', () => {
  let server;
  let f;
  let a;
  let today;
  let goal; // a local goal of Järva's plan
  let problem; // a problem of Järva's plan
  const owner = () => f.org['Järva stadsdelsnämnd'].id;

  before(async () => {
    server = await startServer();
    f = await facts(server);
    a = f.a;
    today = todayStockholm();
    goal = await a.mustAddGoal(f.jarva.id, { code: uniq('lokal').replace(' ', '-'), title: 'Tryggare centrummiljöer', origin: 'local' });
    problem = (await a.plan(f.jarva.id)).problems[0];
  });
  after(async () => { await server?.close(); });

  test('create: 201 with Location, the whole measure, in the plan and its roll-up; audited', async () => {
    const before = await a.plan(f.jarva.id);
    const json = measureJson(owner(), { type: 'social', horizon: 'long', goal_ids: [goal.id], problem_ids: [problem.id],
      owner_organisation_ids: [owner(), f.org['Lokalpolisområde Järva'].id] });
    const r = await a.createMeasure(f.jarva.id, json);
    assert.equal(r.status, 201, r.text);
    const m = r.body;
    assert.equal(r.headers.get('location'), `${API}/measures/${m.id}`);
    assert.deepEqual(sortedKeys(m), MEASURE_KEYS);
    assert.deepEqual({ ...m, id: undefined }, {
      id: undefined, plan_id: f.jarva.id, title: json.title, description: json.description, type: 'social', horizon: 'long',
      status: 'planned', start_date: json.start_date, end_date: json.end_date, responsible: json.responsible,
      owner_organisations: [{ id: owner(), name: 'Järva stadsdelsnämnd' }, { id: f.org['Lokalpolisområde Järva'].id, name: 'Lokalpolisområde Järva' }],
      goal_ids: [goal.id], problem_ids: [problem.id], progress: null, last_follow_up_on: null, overdue: false,
      allowed_statuses: m.allowed_statuses, can_update: true, indicators: [],
    });
    sameSet(m.allowed_statuses, MOVES.planned);
    assert.deepEqual(await a.measure(m.id), { ...m, follow_ups: [], comments: [] });
    const after = await a.plan(f.jarva.id);
    assert.deepEqual(after.measures.find((x) => x.id === m.id), m);
    assert.equal(after.rollup.measures, before.rollup.measures + 1);
    assert.equal(after.rollup.by_status.planned, before.rollup.by_status.planned + 1);
    assert.deepEqual(after.rollup, rollupOf(after.measures, today));
    assert.deepEqual(after.goals.find((g) => g.id === goal.id).rollup, rollupOf([m], today));
    assert.ok(Number(sql(server.db, `SELECT count(*) FROM audit_log WHERE object_id = '${m.id}'`)) >= 1, 'the creation is audited');
    // A status may be given.
    const ongoing = await a.mustCreateMeasure(f.jarva.id, measureJson(owner(), { status: 'ongoing' }));
    assert.equal(ongoing.status, 'ongoing');
    // Optional fields may be left out.
    const minimal = await a.mustCreateMeasure(f.jarva.id, { title: uniq('Minimal'), type: 'situational', horizon: 'short',
      start_date: today, end_date: today, owner_organisation_ids: [owner()] });
    assert.deepEqual([minimal.goal_ids, minimal.problem_ids, minimal.status], [[], [], 'planned']);
  });

  test('PATCH: any field of the POST; the rest stays', async () => {
    const m = await a.mustCreateMeasure(f.jarva.id, measureJson(owner()));
    const changes = { title: uniq('Omdöpt'), description: 'Ny beskrivning', type: 'social', horizon: 'long', start_date: addDays(today, -5),
      end_date: addDays(today, 100), responsible: 'Bo Ansvarig', owner_organisation_ids: [f.org['Lokalpolisområde Järva'].id],
      goal_ids: [goal.id], problem_ids: [problem.id] };
    let current = m;
    for (const [k, v] of Object.entries(changes)) {
      const next = await a.mustPatchMeasure(m.id, { [k]: v });
      const key = k === 'owner_organisation_ids' ? 'owner_organisations' : k;
      const want = k === 'owner_organisation_ids' ? [{ id: v[0], name: 'Lokalpolisområde Järva' }] : v;
      assert.deepEqual(next[key], want, k);
      assert.deepEqual({ ...next, [key]: undefined }, { ...current, [key]: undefined }, `PATCH ${k} changes only ${k}`);
      current = next;
    }
    assert.deepEqual(await a.measure(m.id), { ...current, follow_ups: [], comments: [] });
    const none = await a.mustPatchMeasure(m.id, {});
    assert.deepEqual(none, current, 'an empty PATCH changes nothing');
  });

  test('status moves: every legal move 200, every illegal one 409 (field status) with the state unchanged', async () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const created = await a.mustCreateMeasure(f.jarva.id, measureJson(owner(), { title: uniq(`Flytt ${from}-${to}`) }));
        const at = await a.moveTo(created.id, from);
        assert.equal(at.status, from);
        sameSet(at.allowed_statuses, MOVES[from], `allowed from ${from}`);
        const before = await a.measure(created.id);
        const r = await a.patchMeasure(created.id, { status: to });
        if (to === from || MOVES[from].includes(to)) {
          assert.equal(r.status, 200, `${from} -> ${to}: ${r.text}`);
          assert.equal(r.body.status, to);
          sameSet(r.body.allowed_statuses, MOVES[to], `allowed after ${from} -> ${to}`);
        } else {
          assertProblem(assert, r, 409, { field: 'status', detail: new RegExp(`cannot move from ${from} to ${to}`) });
          assert.deepEqual(await a.measure(created.id), before, `${from} -> ${to} changed nothing`);
        }
      }
    }
    // An illegal move with other changes in the same PATCH changes nothing at all.
    const c = await a.moveTo((await a.mustCreateMeasure(f.jarva.id, measureJson(owner()))).id, 'cancelled');
    const before = await a.measure(c.id);
    assertProblem(assert, await a.patchMeasure(c.id, { status: 'ongoing', title: uniq('Återuppstånden') }), 409, { field: 'status' });
    assert.deepEqual(await a.measure(c.id), before);
  });

  test('overdue: an end date yesterday is overdue unless done or cancelled; today is not; shown in the roll-ups', async () => {
    const yesterday = addDays(today, -1);
    const mk = async (status, end) => {
      const x = await a.mustCreateMeasure(f.jarva.id, measureJson(owner(), { title: uniq(`Förfallen ${status}`), start_date: addDays(today, -40),
        end_date: end }));
      return a.moveTo(x.id, status);
    };
    const late = await mk('planned', yesterday);
    const onTime = await mk('planned', today);
    const ongoingLate = await mk('ongoing', yesterday);
    const pausedLate = await mk('paused', yesterday);
    const doneLate = await mk('done', yesterday);
    const cancelledLate = await mk('cancelled', yesterday);
    const want = [[late, true], [onTime, false], [ongoingLate, true], [pausedLate, true], [doneLate, false], [cancelledLate, false]];
    for (const [x, overdue] of want) assert.equal((await a.measure(x.id)).overdue, overdue, `${x.status}, ending ${x.end_date}`);
    const plan = await a.plan(f.jarva.id);
    assert.deepEqual(plan.rollup, rollupOf(plan.measures, today));
    const r = await a.rollup();
    for (const [x, overdue] of want) {
      const entry = r.overdue.find((o) => o.measure_id === x.id);
      if (!overdue) { assert.equal(entry, undefined, x.title); continue; }
      assert.deepEqual(entry, { measure_id: x.id, plan_id: f.jarva.id, district: f.jarva.district, title: x.title, end_date: yesterday,
        days_overdue: 1, status: x.status, owner_organisations: x.owner_organisations });
    }
    // Moving the end date moves the flag.
    assert.equal((await a.mustPatchMeasure(onTime.id, { end_date: yesterday })).overdue, true);
    assert.equal((await a.mustPatchMeasure(onTime.id, { end_date: today })).overdue, false);
    assert.equal((await a.mustPatchMeasure(late.id, { status: 'cancelled' })).overdue, false);
  });

  test('follow-ups: progress is the latest date\'s (then the latest recorded), 100 when done, back when reopened', async () => {
    const m = await a.moveTo((await a.mustCreateMeasure(f.jarva.id, measureJson(owner()))).id, 'ongoing');
    const fu = async (date, progress) => a.mustFollowUp(m.id, { date, note: `Läget ${date}: ${progress} %`, progress });
    const first = await fu(addDays(today, -10), 20);
    assert.deepEqual(sortedKeys(first), FOLLOW_UP_KEYS);
    assert.deepEqual({ ...first, id: undefined, recorded_at: undefined }, { id: undefined, recorded_at: undefined, date: addDays(today, -10),
      note: `Läget ${addDays(today, -10)}: 20 %`, progress: 20, recorded_by: { id: f.coord.user.id, name: 'Cecilia Samordnare' } });
    assert.ok(!Number.isNaN(Date.parse(first.recorded_at)), first.recorded_at);
    const check = async (progress, last, what) => {
      const v = await a.measure(m.id);
      assert.equal(v.progress, progress, what);
      assert.equal(v.last_follow_up_on, last, what);
      assert.deepEqual(progressFromFollowUps(v), { progress, last }, what);
      const inPlan = (await a.plan(f.jarva.id)).measures.find((x) => x.id === m.id);
      assert.equal(inPlan.progress, progress, `${what} (in the plan)`);
      return v;
    };
    await check(20, addDays(today, -10), 'one follow-up');
    await fu(addDays(today, -20), 90);
    await check(20, addDays(today, -10), 'an older follow-up does not win');
    await fu(addDays(today, -10), 35);
    await check(35, addDays(today, -10), 'on the same day the later recorded wins');
    const latest = await fu(today, 50);
    const v = await check(50, today, 'today\'s follow-up');
    assert.deepEqual(v.follow_ups.map((x) => x.progress), [50, 35, 20, 90], 'newest first');
    assert.equal(v.follow_ups[0].id, latest.id);
    assert.equal((await a.mustPatchMeasure(m.id, { status: 'done' })).progress, 100);
    await check(100, today, 'done counts 100');
    assert.equal((await a.mustPatchMeasure(m.id, { status: 'ongoing' })).progress, 50, 'reopened: the follow-ups again');
    // Progress at the edges.
    await fu(today, 0);
    await check(0, today, '0 %');
    await fu(today, 100);
    await check(100, today, '100 %');
  });

  test('follow-ups refused: a future date, progress 101, -1, 1.5 or "50", a bad date: 400 naming the field, nothing stored', async () => {
    const m = await a.mustCreateMeasure(f.jarva.id, measureJson(owner()));
    await a.mustFollowUp(m.id, { date: today, note: 'Start', progress: 10 });
    const before = await a.measure(m.id);
    const bad = async (json, field) => assertProblem(assert, await a.followUp(m.id, { date: today, note: 'x', progress: 20, ...json }), 400,
      { field });
    await bad({ date: addDays(today, 1) }, 'date');
    await bad({ date: addDays(today, 400) }, 'date');
    await bad({ progress: 101 }, 'progress');
    await bad({ progress: -1 }, 'progress');
    await bad({ progress: 1.5 }, 'progress');
    await bad({ progress: '50' }, 'progress');
    await bad({ progress: undefined }, 'progress');
    await bad({ date: '2026-02-30' }, 'date');
    await bad({ date: '27/11/2026' }, 'date');
    await bad({ date: undefined }, 'date');
    await bad({ note: 42 }, 'note');
    await bad({ colour: 'blue' }, 'colour');
    assertProblem(assert, await a.followUp(UNKNOWN_ID, { date: today, note: 'x', progress: 1 }), 404);
    assert.deepEqual(await a.measure(m.id), before);
  });

  test('DELETE a measure: 204, then 404; the plan\'s roll-up goes back', async () => {
    const before = await a.plan(f.jarva.id);
    const m = await a.mustCreateMeasure(f.jarva.id, measureJson(owner(), { goal_ids: [goal.id] }));
    await a.mustFollowUp(m.id, { date: today, note: 'x', progress: 10 });
    await a.comment(f.jarva.id, { body: 'En kommentar', measure_id: m.id });
    const r = await a.call('DELETE', `/measures/${m.id}`);
    assert.equal(r.status, 204, r.text);
    assertProblem(assert, await a.call('GET', `/measures/${m.id}`), 404);
    assertProblem(assert, await a.call('PATCH', `/measures/${m.id}`, { title: 'x' }), 404);
    assertProblem(assert, await a.call('DELETE', `/measures/${m.id}`), 404);
    const after = await a.plan(f.jarva.id);
    assert.deepEqual(after.rollup, before.rollup);
    assert.deepEqual(after.goals.map((g) => g.rollup), before.goals.map((g) => g.rollup));
    assert.ok(!after.measures.some((x) => x.id === m.id));
  });

  test('problems: created last, evidence with the live figure, renamed, a duplicate title 409, deleted with the ranks closing up', async () => {
    const plan = await a.plan(f.jarva.id);
    const n = plan.problems.length;
    const evidence = [
      { kind: 'situation_picture', area_id: f.district['Järva'].id, category_id: f.klotter.id, period: '2026-Q3', label: 'Klotter i Järva Q3' },
      { kind: 'situation_picture', area_id: f.district['Järva'].id, category_id: f.klotter.id, period: '2026', label: 'Klotter i Järva 2026' },
      { kind: 'source', label: 'Trygghetsmätningen 2025', url: 'https://example.org/trygghet' },
      { kind: 'source', label: 'Skolans iakttagelser', url: null },
    ];
    const title = uniq('Klotter på skolor');
    const r = await a.addProblem(f.jarva.id, { title, description: 'Återkommande klotter.', focus_area_code: 'trygghet',
      triangle: { offender: 'Unga', target: 'Skolor', place: 'Rinkeby' }, evidence });
    assert.equal(r.status, 201, r.text);
    const p = r.body;
    const soft = softly();
    assert.deepEqual(sortedKeys(p), PROBLEM_KEYS);
    assert.equal(p.rank, n + 1);
    assert.deepEqual(p.triangle, { offender: 'Unga', target: 'Skolor', place: 'Rinkeby' });
    const stored = (await a.plan(f.jarva.id)).problems.find((x) => x.id === p.id);
    soft.equal(p, stored, 'the 201 answer is the problem as GET has it (evidence figures included)');
    for (const [i, e] of evidence.entries()) {
      if (e.kind === 'source') { assert.deepEqual(stored.evidence[i], e); continue; }
      const pic = a.ok(await a.call('GET', `/situation-picture?area=${e.area_id}&period=${e.period}`), 200, 'picture');
      assert.deepEqual(stored.evidence[i], { ...e, figure: pic.categories.find((c) => c.id === e.category_id).count }, e.period);
      const bounds = e.period === '2026' ? { start: '2026-01-01', end: '2026-12-31' } : quarterBounds(e.period);
      assert.equal(stored.evidence[i].figure, sqlCategoryCounts(server.db, f.district['Järva'], bounds).get(f.klotter.id) ?? 0,
        `${e.period}: SQL`);
    }
    // A minimal problem.
    const bare = await a.mustAddProblem(f.jarva.id, { title: uniq('Nedskräpning') });
    assert.equal(bare.rank, n + 2);
    assert.deepEqual([bare.description, bare.focus_area_code, bare.evidence], ['', null, []]);
    // PATCH.
    const renamed = await a.call('PATCH', `/problems/${p.id}`, { title: `${title} och staket`, focus_area_code: 'unga-risk' });
    assert.equal(renamed.status, 200, renamed.text);
    const afterPatch = (await a.plan(f.jarva.id)).problems.find((x) => x.id === p.id);
    assert.deepEqual({ ...afterPatch, title: undefined, focus_area_code: undefined }, { ...stored, title: undefined, focus_area_code: undefined });
    assert.deepEqual([afterPatch.title, afterPatch.focus_area_code], [`${title} och staket`, 'unga-risk']);
    soft.equal(renamed.body, afterPatch, 'the PATCH answer is the problem as GET has it (evidence figures included)');
    // Duplicate titles, in POST and PATCH.
    const before = await a.plan(f.jarva.id);
    assertProblem(assert, await a.addProblem(f.jarva.id, { title: bare.title }), 409);
    assertProblem(assert, await a.call('PATCH', `/problems/${bare.id}`, { title: `${title} och staket` }), 409);
    assertProblem(assert, await a.addProblem(f.jarva.id, { title: 'x', focus_area_code: 'nattliv-okand' }), 400, { field: 'focus_area_code' });
    assert.deepEqual(await a.plan(f.jarva.id), before);
    // DELETE closes the ranks.
    const first = before.problems[0];
    assert.equal((await a.call('DELETE', `/problems/${first.id}`)).status, 204);
    const after = await a.plan(f.jarva.id);
    assert.deepEqual(after.problems.map((x) => x.id), before.problems.slice(1).map((x) => x.id));
    assert.deepEqual(after.problems.map((x) => x.rank), after.problems.map((_, i) => i + 1));
    for (const x of after.measures) assert.ok(!x.problem_ids.includes(first.id), 'no measure serves a deleted problem');
    assertProblem(assert, await a.call('PATCH', `/problems/${first.id}`, { title: 'x' }), 404);
    assertProblem(assert, await a.call('DELETE', `/problems/${UNKNOWN_ID}`), 404);
    soft.done();
  });

  test('PUT priorities must name exactly the plan\'s problems, each once: else 400 field problem_ids, order unchanged', async () => {
    const plan = await a.plan(f.jarva.id);
    const ids = plan.problems.map((p) => p.id);
    assert.ok(ids.length >= 2);
    const other = (await a.plan(f.sodermalm.id)).problems[0].id;
    for (const bad of [ids.slice(1), [...ids, ids[0]], [...ids.slice(1), other], [...ids, other], [], [...ids.slice(0, -1), UNKNOWN_ID],
      [...ids.slice(1), ids[1]]]) {
      assertProblem(assert, await a.priorities(f.jarva.id, bad), 400, { field: 'problem_ids' });
    }
    assertProblem(assert, await a.call('PUT', `/plans/${f.jarva.id}/priorities`, { problem_ids: ids.join(',') }), 400, { field: 'problem_ids' });
    assertProblem(assert, await a.call('PUT', `/plans/${f.jarva.id}/priorities`, {}), 400, { field: 'problem_ids' });
    assertProblem(assert, await a.priorities(UNKNOWN_ID, ids), 404);
    assert.deepEqual(await a.plan(f.jarva.id), plan);
    const swapped = [ids[1], ids[0], ...ids.slice(2)];
    const r = await a.priorities(f.jarva.id, swapped);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual((await a.plan(f.jarva.id)).problems.map((p) => [p.id, p.rank]), swapped.map((id, i) => [id, i + 1]));
  });

  test('goals: local and agreement goals, codes unique (409), an agreement goal needs an item of the plan\'s agreement (400)', async () => {
    const plan = await a.plan(f.jarva.id);
    const agreement = plan.agreement ?? (await a.plan(f.citywide.id)).agreement;
    const items = a.ok(await a.call('GET', `/agreements/${plan.agreement?.id ?? agreement.id}`), 200, 'agreement').goals.map((g) => g.code);
    const code = uniq('g').replace(' ', '-');
    const local = await a.addGoal(f.jarva.id, { code, title: 'Fler vuxna ute kvällstid', description: 'Fältarbete.', origin: 'local' });
    assert.equal(local.status, 201, local.text);
    const soft = softly();
    const storedGoal = (await a.plan(f.jarva.id)).goals.find((g) => g.id === local.body.id);
    assert.deepEqual({ ...storedGoal, id: undefined }, { id: undefined, code, title: 'Fler vuxna ute kvällstid', description: 'Fältarbete.',
      origin: 'local', agreement_item_code: null, indicators: [], rollup: rollupOf([], today) });
    soft.equal(local.body, storedGoal, 'the 201 answer is the Goal as GET has it (with its roll-up)');
    const before = await a.plan(f.jarva.id);
    assertProblem(assert, await a.addGoal(f.jarva.id, { code, title: 'Samma kod', origin: 'local' }), 409);
    assertProblem(assert, await a.addGoal(f.jarva.id, { code: uniq('a').replace(' ', '-'), title: 'Utan punkt', origin: 'agreement' }), 400,
      { field: 'agreement_item_code' });
    assertProblem(assert, await a.addGoal(f.jarva.id, { code: uniq('a').replace(' ', '-'), title: 'Okänd punkt', origin: 'agreement',
      agreement_item_code: 'm-finns-inte' }), 400, { field: 'agreement_item_code' });
    assertProblem(assert, await a.addGoal(f.jarva.id, { code: uniq('a').replace(' ', '-'), title: 'Fel ursprung', origin: 'national' }), 400,
      { field: 'origin' });
    assert.deepEqual(await a.plan(f.jarva.id), before);
    if (plan.agreement) {
      assert.ok(items.length >= 1, 'the plan\'s agreement has goals');
      const ag = await a.addGoal(f.jarva.id, { code: uniq('ag').replace(' ', '-'), title: 'Enligt överenskommelsen', origin: 'agreement',
        agreement_item_code: items[0] });
      assert.equal(ag.status, 201, ag.text);
      assert.equal(ag.body.agreement_item_code, items[0]);
    }
    const patched = await a.call('PATCH', `/goals/${local.body.id}`, { title: 'Fler vuxna ute kvällar och helger' });
    assert.equal(patched.status, 200, patched.text);
    const patchedGoal = (await a.plan(f.jarva.id)).goals.find((g) => g.id === local.body.id);
    assert.deepEqual(patchedGoal, { ...storedGoal, title: 'Fler vuxna ute kvällar och helger' });
    soft.equal(patched.body, patchedGoal, 'the PATCH answer is the Goal as GET has it (with its roll-up)');
    const serving = await a.mustCreateMeasure(f.jarva.id, measureJson(owner(), { goal_ids: [local.body.id] }));
    assert.equal((await a.call('DELETE', `/goals/${local.body.id}`)).status, 204);
    assert.ok(!(await a.plan(f.jarva.id)).goals.some((g) => g.id === local.body.id));
    assert.deepEqual((await a.measure(serving.id)).goal_ids, [], 'no measure serves a deleted goal');
    assertProblem(assert, await a.call('PATCH', `/goals/${local.body.id}`, { title: 'x' }), 404);
    soft.done();
  });

  test('comments on a plan and on a measure; a measure of another plan or an empty body: 400', async () => {
    const m = await a.mustCreateMeasure(f.jarva.id, measureJson(owner()));
    const c1 = await a.comment(f.jarva.id, { body: 'Bra start.' });
    assert.equal(c1.status, 201, c1.text);
    assert.deepEqual({ ...c1.body, id: undefined, created_at: undefined }, { id: undefined, created_at: undefined, measure_id: null,
      author: { id: f.coord.user.id, name: 'Cecilia Samordnare' }, body: 'Bra start.' });
    const c2 = await a.comment(f.jarva.id, { body: 'Följ upp i maj.', measure_id: m.id });
    assert.equal(c2.status, 201, c2.text);
    assert.deepEqual((await a.measure(m.id)).comments, [c2.body]);
    const plan = await a.plan(f.jarva.id);
    assert.ok(plan.comments.some((c) => c.id === c1.body.id));
    const sodMeasure = (await a.plan(f.sodermalm.id)).measures[0];
    assertProblem(assert, await a.comment(f.jarva.id, { body: 'Fel plan', measure_id: sodMeasure.id }), 400, { field: 'measure_id' });
    assertProblem(assert, await a.comment(f.jarva.id, { body: 'Okänd', measure_id: UNKNOWN_ID }), 400, { field: 'measure_id' });
    assertProblem(assert, await a.comment(f.jarva.id, { body: '' }), 400, { field: 'body' });
    assertProblem(assert, await a.comment(f.jarva.id, { body: '   ' }), 400, { field: 'body' });
    assertProblem(assert, await a.comment(f.jarva.id, {}), 400, { field: 'body' });
    assertProblem(assert, await a.comment(UNKNOWN_ID, { body: 'x' }), 404);
    assert.deepEqual(await a.plan(f.jarva.id), plan);
  });

  test('PATCH a plan: title and period; an empty title or a start after the end: 400, unchanged', async () => {
    const r = await a.patchPlan(f.jarva.id, { title: 'Handlingsplan Järva 2026–2028', period_start: '2026-01-01', period_end: '2028-12-31' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.body.title, r.body.period_start, r.body.period_end], ['Handlingsplan Järva 2026–2028', '2026-01-01', '2028-12-31']);
    const before = await a.plan(f.jarva.id);
    assertProblem(assert, await a.patchPlan(f.jarva.id, { title: '' }), 400, { field: 'title' });
    const late = await a.patchPlan(f.jarva.id, { period_start: '2029-01-01' });
    assertProblem(assert, late, 400);
    assert.ok(['period_start', 'period_end'].includes(late.body.field), late.text);
    assertProblem(assert, await a.patchPlan(f.jarva.id, { period_end: '2026-02-30' }), 400, { field: 'period_end' });
    assertProblem(assert, await a.patchPlan(f.jarva.id, { scope: 'citywide' }), 400, { field: 'scope' });
    assertProblem(assert, await a.patchPlan(UNKNOWN_ID, { title: 'x' }), 404);
    assert.deepEqual(await a.plan(f.jarva.id), before);
  });
});

// ------------------------------------------------------------------------------------------ bad input

describe('action plans: bad input is refused, naming the problem, with nothing stored', () => {
  let server;
  let f;
  let a;
  let today;
  let measure; // a Järva measure with a follow-up
  let sodPlan;

  before(async () => {
    server = await startServer();
    f = await facts(server);
    a = f.a;
    today = todayStockholm();
    measure = await a.mustCreateMeasure(f.jarva.id, measureJson(f.org['Järva stadsdelsnämnd'].id));
    await a.mustFollowUp(measure.id, { date: today, note: 'Start', progress: 10 });
    sodPlan = await a.plan(f.sodermalm.id);
    if (!sodPlan.goals.length) {
      await a.mustAddGoal(f.sodermalm.id, { code: 'sod-1', title: 'Trygg nattmiljö', origin: 'local' });
      sodPlan = await a.plan(f.sodermalm.id);
    }
  });
  after(async () => { await server?.close(); });

  const snapshot = async () => ({ jarva: await a.plan(f.jarva.id), measure: await a.measure(measure.id), rollup: await a.rollup() });
  /** Runs a case, then checks that the Järva plan, the measure and the roll-ups are exactly as before. */
  const refused = (name, fn) => test(name, async () => {
    const before = await snapshot();
    await fn();
    assert.deepEqual(await snapshot(), before, 'stored data changed');
  });
  const post = (json) => a.createMeasure(f.jarva.id, json);
  const good = (over) => measureJson(f.org['Järva stadsdelsnämnd'].id, over);
  const raw = (method, p, body) => request(server, `${API}${p}`, { method, session: f.coord, body, headers: { 'content-type': 'application/json' } });

  refused('malformed JSON: 400 naming JSON', async () => {
    for (const [method, p] of [['POST', `/plans/${f.jarva.id}/measures`], ['PATCH', `/measures/${measure.id}`],
      ['POST', `/measures/${measure.id}/follow-ups`], ['PUT', `/plans/${f.jarva.id}/priorities`], ['POST', `/plans/${f.jarva.id}/problems`],
      ['PATCH', `/plans/${f.jarva.id}`]]) {
      assertProblem(assert, await raw(method, p, '{"title": "x", '), 400, { detail: /JSON/ });
      assertProblem(assert, await raw(method, p, `${JSON.stringify(good())} x`), 400, { detail: /JSON/ });
      assertProblem(assert, await raw(method, p, '[]'), 400, { detail: /object/ });
      assertProblem(assert, await raw(method, p, ''), 400);
    }
  });

  refused('wrong types: 400 naming the field', async () => {
    const cases = [
      [{ title: 42 }, 'title'], [{ description: ['x'] }, 'description'], [{ type: 7 }, 'type'], [{ horizon: true }, 'horizon'],
      [{ status: 1 }, 'status'], [{ start_date: 20260101 }, 'start_date'], [{ responsible: {} }, 'responsible'],
      [{ owner_organisation_ids: f.org['Järva stadsdelsnämnd'].id }, 'owner_organisation_ids'], [{ owner_organisation_ids: [7] }, 'owner_organisation_ids'],
      [{ goal_ids: 'x' }, 'goal_ids'], [{ problem_ids: [{}] }, 'problem_ids'],
    ];
    for (const [over, field] of cases) {
      const r1 = await post(good(over));
      assert.equal(r1.status, 400, `POST ${JSON.stringify(over)}: ${r1.status} ${r1.text}`);
      assertProblem(assert, r1, 400, { field });
      const r2 = await a.patchMeasure(measure.id, over);
      assert.equal(r2.status, 400, `PATCH ${JSON.stringify(over)}: ${r2.status} ${r2.text}`);
      assertProblem(assert, r2, 400, { field });
    }
    assertProblem(assert, await a.patchPlan(f.jarva.id, { title: 5 }), 400, { field: 'title' });
    assertProblem(assert, await a.addProblem(f.jarva.id, { title: 'x', triangle: 'alla' }), 400, { field: 'triangle' });
    assertProblem(assert, await a.addProblem(f.jarva.id, { title: 'x', evidence: {} }), 400, { field: 'evidence' });
  });

  refused('null for a field that cannot be empty: 400 naming the field (POST and PATCH)', async () => {
    const wrong = [];
    for (const field of ['title', 'type', 'horizon', 'status', 'start_date', 'end_date', 'owner_organisation_ids']) {
      // (status is optional in a POST, so a null there may mean the default.)
      const posted = field === 'status' ? [] : [['POST', await post(good({ [field]: null }))]];
      for (const [method, r] of [...posted, ['PATCH', await a.patchMeasure(measure.id, { [field]: null })]]) {
        if (r.status !== 400 || r.body?.field !== field) wrong.push(`${method} {${field}: null}: ${r.status} field ${r.body?.field}`);
        else assertProblem(assert, r, 400, { field });
      }
    }
    assert.deepEqual(wrong, [], 'each must be 400 naming the field');
  });

  refused('unknown enum values and missing required fields: 400 naming the field', async () => {
    for (const [over, field] of [[{ type: 'hybrid' }, 'type'], [{ horizon: 'medium' }, 'horizon'], [{ status: 'finished' }, 'status'],
      [{ type: 'Social' }, 'type'], [{ status: 'klar' }, 'status']]) {
      assertProblem(assert, await post(good(over)), 400, { field });
      assertProblem(assert, await a.patchMeasure(measure.id, over), 400, { field });
    }
    for (const field of ['title', 'type', 'horizon', 'start_date', 'end_date', 'owner_organisation_ids'])
      assertProblem(assert, await post(good({ [field]: undefined })), 400, { field });
    assertProblem(assert, await post(good({ title: '' })), 400, { field: 'title' });
    assertProblem(assert, await post(good({ title: '   ' })), 400, { field: 'title' });
    assertProblem(assert, await post(good({ owner_organisation_ids: [] })), 400, { field: 'owner_organisation_ids' });
    assertProblem(assert, await a.patchMeasure(measure.id, { owner_organisation_ids: [] }), 400, { field: 'owner_organisation_ids' });
    assertProblem(assert, await a.addProblem(f.jarva.id, {}), 400, { field: 'title' });
    assertProblem(assert, await a.addGoal(f.jarva.id, { title: 'Utan kod', origin: 'local' }), 400, { field: 'code' });
  });

  refused('unknown fields: 400 naming them', async () => {
    for (const [what, r] of [
      ['POST measure', await post(good({ colour: 'blue' }))],
      ['PATCH measure', await a.patchMeasure(measure.id, { colour: 'blue' })],
      ['PATCH measure plan_id', await a.patchMeasure(measure.id, { plan_id: f.sodermalm.id })],
      ['POST measure progress', await post(good({ progress: 50 }))],
      ['PATCH plan', await a.patchPlan(f.jarva.id, { colour: 'blue' })],
      ['POST problem', await a.addProblem(f.jarva.id, { title: uniq('Färg'), colour: 'blue' })],
      ['PUT priorities', await a.call('PUT', `/plans/${f.jarva.id}/priorities`, { problem_ids: [], colour: 'blue' })],
    ]) {
      const b = assertProblem(assert, r, 400);
      assert.ok(['colour', 'plan_id', 'progress'].includes(b.field), `${what}: ${r.text}`);
      assert.match(b.detail, new RegExp(b.field), what);
    }
  });

  refused('oversized strings: 400 naming the field', async () => {
    assertProblem(assert, await post(good({ title: 'x'.repeat(5000) })), 400, { field: 'title' });
    assertProblem(assert, await post(good({ responsible: 'x'.repeat(5000) })), 400, { field: 'responsible' });
    assertProblem(assert, await post(good({ description: 'x'.repeat(200_000) })), 400, { field: 'description' });
    assertProblem(assert, await a.patchMeasure(measure.id, { title: 'x'.repeat(5000) }), 400, { field: 'title' });
    assertProblem(assert, await a.followUp(measure.id, { date: today, note: 'x'.repeat(200_000), progress: 5 }), 400, { field: 'note' });
    assertProblem(assert, await a.addProblem(f.jarva.id, { title: 'x'.repeat(5000) }), 400, { field: 'title' });
    assertProblem(assert, await a.patchPlan(f.jarva.id, { title: 'x'.repeat(5000) }), 400, { field: 'title' });
    assertProblem(assert, await a.comment(f.jarva.id, { body: 'x'.repeat(200_000) }), 400, { field: 'body' });
  });

  refused('unknown ids: 404', async () => {
    for (const [method, p, json] of [
      ['GET', `/plans/${UNKNOWN_ID}`], ['GET', '/plans/not-a-uuid'], ['PATCH', `/plans/${UNKNOWN_ID}`, { title: 'x' }],
      ['POST', `/plans/${UNKNOWN_ID}/measures`, good()], ['GET', `/measures/${UNKNOWN_ID}`], ['GET', "/measures/x'%20OR%20'1'='1"],
      ['PATCH', `/measures/${UNKNOWN_ID}`, { title: 'x' }], ['DELETE', `/measures/${UNKNOWN_ID}`],
      ['POST', `/measures/${UNKNOWN_ID}/follow-ups`, { date: today, note: 'x', progress: 1 }],
      ['POST', `/plans/${UNKNOWN_ID}/problems`, { title: 'x' }], ['PATCH', `/problems/${UNKNOWN_ID}`, { title: 'x' }],
      ['POST', `/plans/${UNKNOWN_ID}/goals`, { code: 'x', title: 'x', origin: 'local' }], ['PATCH', `/goals/${UNKNOWN_ID}`, { title: 'x' }],
      ['DELETE', `/goals/${UNKNOWN_ID}`], ['POST', `/goals/${UNKNOWN_ID}/indicators`, { name: 'x', unit: 'st', source: 'manual' }],
      ['POST', `/measures/${UNKNOWN_ID}/indicators`, { name: 'x', unit: 'st', source: 'manual' }], ['GET', `/indicators/${UNKNOWN_ID}`],
      ['DELETE', `/indicators/${UNKNOWN_ID}`], ['PUT', `/indicators/${UNKNOWN_ID}/values/2026-Q3`, { value: 1 }],
      ['POST', `/plans/${UNKNOWN_ID}/comments`, { body: 'x' }], ['PATCH', `/citizen-promises/${UNKNOWN_ID}`, { title: 'x' }],
      ['POST', `/citizen-promises/${UNKNOWN_ID}/activities`, { title: 'x' }], ['PATCH', `/promise-activities/${UNKNOWN_ID}`, { title: 'x' }],
      ['POST', `/citizen-promises/${UNKNOWN_ID}/follow-ups`, { date: today, note: 'x', progress: 1 }],
      ['GET', `/plans/${UNKNOWN_ID}/measures.csv`], ['GET', `/plans/${UNKNOWN_ID}/export.xlsx`],
    ]) {
      assertProblem(assert, await a.call(method, p, json), 404);
    }
  });

  refused('unknown organisations, and goals or problems of another plan: 400 naming the field', async () => {
    const sodGoal = sodPlan.goals[0].id;
    const sodProblem = sodPlan.problems[0].id;
    assertProblem(assert, await post(good({ owner_organisation_ids: [UNKNOWN_ID] })), 400, { field: 'owner_organisation_ids' });
    assertProblem(assert, await post(good({ goal_ids: [sodGoal] })), 400, { field: 'goal_ids' });
    assertProblem(assert, await post(good({ problem_ids: [sodProblem] })), 400, { field: 'problem_ids' });
    assertProblem(assert, await post(good({ goal_ids: [UNKNOWN_ID] })), 400, { field: 'goal_ids' });
    assertProblem(assert, await post(good({ problem_ids: [UNKNOWN_ID] })), 400, { field: 'problem_ids' });
    assertProblem(assert, await a.patchMeasure(measure.id, { goal_ids: [sodGoal] }), 400, { field: 'goal_ids' });
    assertProblem(assert, await a.patchMeasure(measure.id, { problem_ids: [sodProblem] }), 400, { field: 'problem_ids' });
    assertProblem(assert, await a.patchMeasure(measure.id, { owner_organisation_ids: [UNKNOWN_ID] }), 400, { field: 'owner_organisation_ids' });
  });

  refused('dates: start after end, impossible or malformed dates: 400 naming the field', async () => {
    const startAfterEnd = await post(good({ start_date: '2026-06-02', end_date: '2026-06-01' }));
    assertProblem(assert, startAfterEnd, 400);
    assert.ok(['start_date', 'end_date'].includes(startAfterEnd.body.field), startAfterEnd.text);
    const patchAfter = await a.patchMeasure(measure.id, { end_date: addDays(measure.start_date, -1) });
    assertProblem(assert, patchAfter, 400);
    assert.ok(['start_date', 'end_date'].includes(patchAfter.body.field), patchAfter.text);
    for (const d of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '27/11/2026', '2026-1-5', '', '2026-11-27T10:00']) {
      assertProblem(assert, await post(good({ start_date: d })), 400, { field: 'start_date' });
      assertProblem(assert, await post(good({ end_date: d })), 400, { field: 'end_date' });
      assertProblem(assert, await a.patchMeasure(measure.id, { end_date: d }), 400, { field: 'end_date' });
    }
  });

  refused('follow-up progress 101 or 1.5 and a date in the future: 400 naming the field', async () => {
    assertProblem(assert, await a.followUp(measure.id, { date: today, note: 'x', progress: 101 }), 400, { field: 'progress' });
    assertProblem(assert, await a.followUp(measure.id, { date: today, note: 'x', progress: 1.5 }), 400, { field: 'progress' });
    assertProblem(assert, await a.followUp(measure.id, { date: addDays(today, 1), note: 'x', progress: 5 }), 400, { field: 'date' });
    assertProblem(assert, await a.followUp(measure.id, { date: '2026-02-30', note: 'x', progress: 5 }), 400, { field: 'date' });
  });
});

// ------------------------------------------------------------------------------------------ indicators

describe('action plans: indicators, manual and bound to the situation picture', () => {
  let server;
  let f;
  let a;
  let today;
  let goal;
  let measure;
  let plan;

  before(async () => {
    server = await startServer();
    f = await facts(server);
    a = f.a;
    today = todayStockholm();
    goal = await a.mustAddGoal(f.jarva.id, { code: 'ind-1', title: 'Mindre klotter i Järva', origin: 'local' });
    measure = await a.mustCreateMeasure(f.jarva.id, measureJson(f.org['Järva stadsdelsnämnd'].id, { goal_ids: [goal.id] }));
    plan = await a.plan(f.jarva.id);
  });
  after(async () => { await server?.close(); });

  const addIndicator = (kind, id, json, s) => a.call('POST', `/${kind}/${id}/indicators`, json, s);
  const putValue = (id, period, json, s) => a.call('PUT', `/indicators/${id}/values/${period}`, json, s);

  test('manual: created empty, values put, replaced and deleted; latest follows; the plan shows it; deleted 204', async () => {
    const r = await addIndicator('goals', goal.id, { name: 'Andel trygga', unit: '%', baseline: 71.5, target: 80, source: 'manual' });
    assert.equal(r.status, 201, r.text);
    const ind = r.body;
    const soft = softly();
    soft.equal(sortedKeys(ind), INDICATOR_KEYS, 'Indicator keys');
    assert.deepEqual({ ...pick(ind, INDICATOR_KEYS), id: undefined }, { id: undefined, goal_id: goal.id, measure_id: null, name: 'Andel trygga',
      unit: '%', baseline: 71.5, target: 80, source: 'manual', binding: null, values: [], latest: null });
    const v1 = await putValue(ind.id, '2026-Q2', { value: 72 });
    assert.equal(v1.status, 200, v1.text);
    assert.deepEqual(v1.body.values, [{ period: '2026-Q2', value: 72, source: 'manual', partial: false }]);
    assert.deepEqual(v1.body.latest, { period: '2026-Q2', value: 72 });
    const v2 = await putValue(ind.id, '2026-Q3', { value: 74.5 });
    assert.equal(v2.status, 200, v2.text);
    assert.deepEqual(v2.body.latest, { period: '2026-Q3', value: 74.5 });
    const v3 = await putValue(ind.id, '2026-Q3', { value: 75 });
    assert.equal(v3.status, 200, v3.text);
    assert.deepEqual([...v3.body.values].sort((x, y) => x.period.localeCompare(y.period)),
      [{ period: '2026-Q2', value: 72, source: 'manual', partial: false }, { period: '2026-Q3', value: 75, source: 'manual', partial: false }],
      'a second PUT replaces the value');
    assert.deepEqual(await a.indicator(ind.id), v3.body);
    assert.deepEqual((await a.plan(f.jarva.id)).goals.find((g) => g.id === goal.id).indicators.find((x) => x.id === ind.id), v3.body);
    // Refused values change nothing.
    for (const [json, field] of [[{ value: 'hög' }, 'value'], [{}, 'value'], [{ value: null }, 'value'], [{ value: 1, note: 'x' }, 'note']])
      assertProblem(assert, await putValue(ind.id, '2026-Q4', json), 400, { field });
    for (const period of ['2026-Q5', 'banana', '26-Q1']) {
      const bad = await putValue(ind.id, period, { value: 1 });
      assert.ok([400, 404].includes(bad.status), `period ${period}: ${bad.status} ${bad.text}`);
      assertProblem(assert, bad, bad.status);
    }
    assert.deepEqual(await a.indicator(ind.id), v3.body);
    // Delete a value.
    const d = await a.call('DELETE', `/indicators/${ind.id}/values/2026-Q3`);
    assert.equal(d.status, 200, d.text);
    assert.deepEqual(d.body.values, [{ period: '2026-Q2', value: 72, source: 'manual', partial: false }]);
    assert.deepEqual(d.body.latest, { period: '2026-Q2', value: 72 });
    // A measure's indicator, and the measure's owners may put its values.
    const mi = await addIndicator('measures', measure.id, { name: 'Genomförda vandringar', unit: 'st', target: 12, source: 'manual' });
    assert.equal(mi.status, 201, mi.text);
    assert.deepEqual((await a.measure(measure.id)).indicators.map((x) => x.id), [mi.body.id]);
    const member = await mustSignIn(server, 'member');
    assert.equal((await putValue(mi.body.id, '2026-Q4', { value: 3 }, member)).status, 200);
    const politician = await mustSignIn(server, 'politician');
    const denied = denials(server.db, 'politician');
    assertProblem(assert, await putValue(mi.body.id, '2026-Q4', { value: 99 }, politician), 403);
    assertProblem(assert, await a.call('DELETE', `/indicators/${ind.id}`, undefined, politician), 403);
    assert.equal(denials(server.db, 'politician'), denied + 2);
    assert.deepEqual((await a.indicator(mi.body.id)).values, [{ period: '2026-Q4', value: 3, source: 'manual', partial: false }]);
    // Delete the indicator.
    assert.equal((await a.call('DELETE', `/indicators/${ind.id}`)).status, 204);
    assertProblem(assert, await a.call('GET', `/indicators/${ind.id}`), 404);
    assert.ok(!(await a.plan(f.jarva.id)).goals.find((g) => g.id === goal.id).indicators.some((x) => x.id === ind.id));
    soft.done();
  });

  /** The quarters a bound indicator of `plan` lists today, oldest first. */
  const expectedQuarters = () => {
    const current = quarterOf(today);
    let q = quarterOf(plan.period_start);
    if (q < addQuarters(current, -20)) q = addQuarters(current, -20);
    const out = [];
    for (; q <= current; q = addQuarters(q, 1)) out.push(q);
    return out;
  };
  /** The Klotter count of the situation picture of `area` in quarter `q`. */
  const pictureCount = async (area, q) => {
    const p = a.ok(await a.call('GET', `/situation-picture?area=${area.id}&period=${q}`), 200, `picture ${area.name} ${q}`);
    return p.categories.find((c) => c.id === f.klotter.id).count;
  };

  test('bound to Klotter in Järva: a value per quarter, each equal to the situation picture and to SQL; a new report adds one', async () => {
    const jarva = f.district['Järva'];
    const r = await addIndicator('goals', goal.id, { name: 'Klotter i Järva', unit: 'antal', baseline: 120, target: 80,
      source: 'situation_picture', category_id: f.klotter.id, area_ids: [jarva.id] });
    assert.equal(r.status, 201, r.text);
    const ind = r.body;
    const soft = softly();
    soft.equal(sortedKeys(ind), INDICATOR_KEYS, 'Indicator keys');
    assert.equal(ind.source, 'situation_picture');
    assert.deepEqual(ind.binding, { category_id: f.klotter.id, category_name: 'Klotter', areas: [{ id: jarva.id, name: 'Järva', kind: 'district' }] });
    const quarters = expectedQuarters();
    // From the plan's first quarter to the current one (on New Year's Day a plan that starts then has one).
    assert.equal(quarters[0], quarterOf(plan.period_start), `the plan (from ${plan.period_start}): ${quarters}`);
    assert.deepEqual(ind.values.map((v) => v.period), quarters, 'one value per quarter from the plan\'s first to the current');
    const current = quarters.at(-1);
    for (const v of ind.values) {
      assert.deepEqual(sortedKeys(v), ['partial', 'period', 'source', 'value']);
      assert.equal(v.source, 'situation_picture', v.period);
      assert.equal(v.partial, v.period === current, `${v.period}: partial only for the current quarter`);
      const sqlCount = sqlCategoryCounts(server.db, jarva, quarterBounds(v.period)).get(f.klotter.id) ?? 0;
      assert.equal(v.value, await pictureCount(jarva, v.period), `${v.period}: the situation picture's Klotter count for Järva`);
      assert.equal(v.value, sqlCount, `${v.period}: the count in SQL`);
    }
    assert.ok(ind.values.some((v) => v.value > 0), 'the demo has Klotter in Järva');
    assert.deepEqual(ind.latest, { period: current, value: ind.values.at(-1).value });
    assert.deepEqual(await a.indicator(ind.id), ind);
    // Reading it needs no extra right: the politician and the caseworker (no situation picture for them) read the same.
    for (const who of ['politician', 'caseworker', 'reporter']) {
      const s = await mustSignIn(server, who);
      assert.deepEqual(await a.indicator(ind.id, s), ind, who);
    }
    // A bound indicator takes no manual values.
    const refusedPut = await putValue(ind.id, current, { value: 1 });
    assertProblem(assert, refusedPut, 409);
    assert.deepEqual(await a.indicator(ind.id), ind);
    // File a Klotter report in Järva: the quarter it falls in goes up by one, the others stay.
    const occurred = stockholmLocal(new Date(nowMs() - 5 * 60 * 1000));
    const filed = await a.call('POST', '/incidents', { occurred_at: occurred, category: 'klotter', place_id: f.places['Rinkeby torg'].id,
      severity: 2, text: uniq('Klotter på busskuren') });
    assert.equal(filed.status, 201, filed.text);
    assert.equal(filed.body.district?.name, 'Järva');
    const q = quarterOf(filed.body.occurred_on);
    const after = await a.indicator(ind.id);
    for (const v of after.values) {
      const was = ind.values.find((x) => x.period === v.period).value;
      assert.equal(v.value, v.period === q ? was + 1 : was, v.period);
    }
    assert.equal(after.values.find((v) => v.period === q).value, await pictureCount(jarva, q));
    assert.equal(after.values.find((v) => v.period === q).value,
      sqlCategoryCounts(server.db, jarva, quarterBounds(q)).get(f.klotter.id));
    soft.done();
  });

  test('bound to several areas (a police area and a neighbourhood elsewhere): each quarter is their sum', async () => {
    const areas = [f.police['Södermalm'], f.nb.Rinkeby];
    const r = await addIndicator('measures', measure.id, { name: 'Klotter Södermalm och Rinkeby', unit: 'antal', source: 'situation_picture',
      category_id: f.klotter.id, area_ids: areas.map((x) => x.id) });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body.binding.areas, areas.map((x) => ({ id: x.id, name: x.name, kind: x.kind })));
    assert.deepEqual(r.body.values.map((v) => v.period), expectedQuarters());
    for (const v of r.body.values.slice(-4)) {
      let want = 0;
      for (const area of areas) {
        const n = sqlCategoryCounts(server.db, { ...area, kind: area.kind ?? 'neighbourhood' }, quarterBounds(v.period)).get(f.klotter.id) ?? 0;
        assert.equal(n, await pictureCount(area, v.period), `${area.name} ${v.period}: picture vs SQL`);
        want += n;
      }
      assert.equal(v.value, want, v.period);
    }
  });

  test('an indicator needs a name and a unit: 400 naming the field, nothing stored', async () => {
    const before = await a.plan(f.jarva.id);
    const wrong = [];
    for (const source of ['manual', 'situation_picture']) {
      const base = { name: 'Namn', unit: 'antal', source, ...(source === 'manual' ? {} : { category_id: f.klotter.id,
        area_ids: [f.district['Järva'].id] }) };
      for (const [over, field] of [[{ name: undefined }, 'name'], [{ name: '' }, 'name'], [{ unit: undefined }, 'unit'], [{ unit: 7 }, 'unit'],
        [{ source: undefined }, 'source']]) {
        const r = await addIndicator('goals', goal.id, { ...base, ...over });
        const what = `${source}: ${Object.entries(over).map(([k, v]) => `${k}=${JSON.stringify(v) ?? 'missing'}`).join()}`;
        if (r.status !== 400 || r.body?.field !== field) wrong.push(`${what}: ${r.status} field ${r.body?.field}`);
        else assertProblem(assert, r, 400, { field });
        if (r.status === 201) await a.call('DELETE', `/indicators/${r.body.id}`);
      }
    }
    assert.deepEqual(wrong, [], 'each must be 400 naming the field');
    assert.deepEqual(await a.plan(f.jarva.id), before);
  });

  test('a bound indicator needs an EST category and 1 to 20 known areas: 400 naming the field, nothing stored', async () => {
    const before = await a.plan(f.jarva.id);
    const jarva = f.district['Järva'].id;
    const base = { name: 'Bunden', unit: 'antal', source: 'situation_picture', category_id: f.klotter.id, area_ids: [jarva] };
    const nbs = Object.values(f.nb).slice(0, 21).map((x) => x.id);
    for (const [over, field] of [
      [{ category_id: undefined }, 'category_id'], [{ category_id: 99 }, 'category_id'], [{ category_id: 'klotter?' }, 'category_id'],
      [{ area_ids: undefined }, 'area_ids'], [{ area_ids: [] }, 'area_ids'], [{ area_ids: [UNKNOWN_ID] }, 'area_ids'],
      [{ area_ids: nbs }, 'area_ids'], [{ area_ids: jarva }, 'area_ids'], [{ source: 'gissning' }, 'source'], [{ name: '' }, 'name'],
      [{ baseline: 'låg' }, 'baseline'], [{ target: [] }, 'target'], [{ colour: 'blue' }, 'colour'],
    ]) {
      const r = await addIndicator('goals', goal.id, { ...base, ...over });
      const what = Object.entries(over).map(([k, v]) => `${k}=${JSON.stringify(v) ?? 'missing'}`).join().slice(0, 200);
      assert.equal(r.status, 400, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
      assertProblem(assert, r, 400, { field });
    }
    assert.deepEqual(await a.plan(f.jarva.id), before);
    const twenty = await addIndicator('goals', goal.id, { ...base, area_ids: nbs.slice(0, 20) });
    assert.equal(twenty.status, 201, twenty.text);
    const city = await addIndicator('goals', goal.id, { ...base, area_ids: [(await a.call('GET', '/situation-areas')).body.items
      .find((x) => x.kind === 'municipality').id] });
    assert.equal(city.status, 201, city.text);
  });
});

// ------------------------------------------------------------------------------------------ citizen promises

describe('action plans: citizen promises', () => {
  let server;
  let f;
  let a;
  let today;

  before(async () => {
    server = await startServer();
    f = await facts(server);
    a = f.a;
    today = todayStockholm();
  });
  after(async () => { await server?.close(); });

  const find = async (area, id, s) => (await a.promises(area, s)).find((p) => p.id === id);

  test('the demo\'s promises, by district and by police area', async () => {
    let total = 0;
    for (const area of [...Object.values(f.district), ...Object.values(f.police)]) {
      const items = await a.promises(area.id);
      total += items.length;
      for (const p of items) {
        assert.deepEqual(sortedKeys(p), PROMISE_KEYS, JSON.stringify(p));
        assert.ok(p.district?.id === area.id || p.police_area?.id === area.id, `${area.name}: ${JSON.stringify(p).slice(0, 300)}`);
        assert.equal(p.signed, p.signatories.some((x) => x.party === 'city' && x.signed_on)
          && p.signatories.some((x) => x.party === 'police' && x.signed_on), `${p.title}: signed = both parties signed`);
        if (p.public) assert.equal(p.signed, true, `${p.title}: public only when signed`);
      }
    }
    assert.ok(total >= 1, 'the demo has citizen promises');
  });

  test('create, add an activity and a follow-up; public before both signatures 409, after 200', async () => {
    const jarva = f.district['Järva'];
    const lpo = f.police['Järva'];
    const json = { title: uniq('Tryggare Tensta centrum'), description: 'Polisen och staden lovar fler vuxna i centrum kvällstid.',
      district_id: jarva.id, police_area_id: lpo.id, period_start: '2026-01-01', period_end: '2026-12-31',
      signatories: [{ party: 'city', name: 'Stadsdelsdirektör Järva', title: 'Stadsdelsdirektör', signed_on: null },
        { party: 'police', name: 'Lokalpolisområdeschef Järva', title: 'Lokalpolisområdeschef', signed_on: null }] };
    const r = await a.call('POST', '/citizen-promises', json);
    assert.equal(r.status, 201, r.text);
    const p = r.body;
    assert.deepEqual(sortedKeys(p), PROMISE_KEYS);
    assert.deepEqual({ ...p, id: undefined }, { id: undefined, title: json.title, description: json.description,
      district: { id: jarva.id, name: 'Järva', kind: 'district' }, police_area: { id: lpo.id, name: 'Järva', kind: 'police_area' }, period_start: '2026-01-01',
      period_end: '2026-12-31', signatories: json.signatories, signed: false, public: false, activities: [], follow_ups: [], can_edit: true });
    assert.deepEqual(await find(jarva.id, p.id), p, 'listed for the district');
    assert.deepEqual(await find(lpo.id, p.id), p, 'listed for the police area');
    // An activity, then a status change.
    const act = await a.call('POST', `/citizen-promises/${p.id}/activities`, { title: 'Kvällsvandringar fredagar', responsible: 'Fältassistenterna',
      due_date: '2026-12-15', status: 'ongoing' });
    assert.equal(act.status, 201, act.text);
    let listed = await find(jarva.id, p.id);
    assert.equal(listed.activities.length, 1);
    const activity = listed.activities[0];
    assert.deepEqual({ ...activity, id: undefined }, { id: undefined, title: 'Kvällsvandringar fredagar', responsible: 'Fältassistenterna',
      due_date: '2026-12-15', status: 'ongoing' });
    const done = await a.call('PATCH', `/promise-activities/${activity.id}`, { status: 'done' });
    assert.equal(done.status, 200, done.text);
    assert.equal((await find(jarva.id, p.id)).activities[0].status, 'done');
    assertProblem(assert, await a.call('PATCH', `/promise-activities/${activity.id}`, { status: 'klar' }), 400, { field: 'status' });
    // A follow-up.
    const fu = await a.call('POST', `/citizen-promises/${p.id}/follow-ups`, { date: today, note: 'Tolv vandringar hittills.', progress: 45 });
    assert.equal(fu.status, 201, fu.text);
    listed = await find(jarva.id, p.id);
    assert.deepEqual(listed.follow_ups.map((x) => ({ ...x, id: undefined })), [{ id: undefined, date: today, note: 'Tolv vandringar hittills.',
      progress: 45 }]);
    for (const [json2, field] of [[{ date: addDays(today, 1), note: 'x', progress: 5 }, 'date'], [{ date: today, note: 'x', progress: 101 }, 'progress'],
      [{ date: today, note: 'x', progress: 1.5 }, 'progress']]) {
      assertProblem(assert, await a.call('POST', `/citizen-promises/${p.id}/follow-ups`, json2), 400, { field });
    }
    // Public before both signatures: 409, unchanged.
    const before = await find(jarva.id, p.id);
    assertProblem(assert, await a.call('PATCH', `/citizen-promises/${p.id}`, { public: true }), 409);
    const citySigned = [{ ...json.signatories[0], signed_on: '2026-02-01' }, json.signatories[1]];
    const one = await a.call('PATCH', `/citizen-promises/${p.id}`, { signatories: citySigned });
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.signed, false, 'one signature is not enough');
    assertProblem(assert, await a.call('PATCH', `/citizen-promises/${p.id}`, { public: true }), 409);
    assertProblem(assert, await a.call('PATCH', `/citizen-promises/${p.id}`, { public: true, title: uniq('Ändrad') }), 409);
    assert.deepEqual(await find(jarva.id, p.id), { ...before, signatories: citySigned });
    // Both signed: public 200.
    const both = [citySigned[0], { ...json.signatories[1], signed_on: '2026-02-03' }];
    const signed = await a.call('PATCH', `/citizen-promises/${p.id}`, { signatories: both });
    assert.equal(signed.status, 200, signed.text);
    assert.equal(signed.body.signed, true);
    assert.equal(signed.body.public, false);
    const pub = await a.call('PATCH', `/citizen-promises/${p.id}`, { public: true });
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.body.public, true);
    assert.deepEqual(await find(jarva.id, p.id), pub.body);
  });

  test('promises refused: no area, a period backwards, a bad party; who may create: member for Järva only, reporter 403', async () => {
    const jarva = f.district['Järva'].id;
    const base = { title: uniq('Löfte'), district_id: jarva, period_start: '2026-01-01', period_end: '2026-12-31' };
    const before = await a.promises(jarva);
    assertProblem(assert, await a.call('POST', '/citizen-promises', { ...base, district_id: undefined }), 400);
    const backwards = await a.call('POST', '/citizen-promises', { ...base, period_start: '2027-01-01' });
    assertProblem(assert, backwards, 400);
    assert.ok(['period_start', 'period_end'].includes(backwards.body.field), backwards.text);
    assertProblem(assert, await a.call('POST', '/citizen-promises', { ...base, district_id: UNKNOWN_ID }), 400, { field: 'district_id' });
    assertProblem(assert, await a.call('POST', '/citizen-promises', { ...base, police_area_id: jarva }), 400, { field: 'police_area_id' });
    const party = await a.call('POST', '/citizen-promises', { ...base, signatories: [{ party: 'kyrkan', name: 'x', title: 'x', signed_on: null }] });
    assertProblem(assert, party, 400);
    assert.match(party.body.field ?? '', /^signatories/, party.text);
    assertProblem(assert, await a.call('POST', '/citizen-promises', { ...base, public: true }), 409);
    assertProblem(assert, await a.call('POST', '/citizen-promises', { ...base, colour: 'blue' }), 400, { field: 'colour' });
    assert.deepEqual(await a.promises(jarva), before);
    const member = await mustSignIn(server, 'member');
    const mine = await a.call('POST', '/citizen-promises', { ...base, title: uniq('Medlemmens löfte') }, member);
    assert.equal(mine.status, 201, mine.text);
    assert.equal(mine.body.can_edit, true);
    const reporter = await mustSignIn(server, 'reporter');
    const denied = denials(server.db, 'reporter');
    assertProblem(assert, await a.call('POST', '/citizen-promises', { ...base, district_id: f.district['Södermalm'].id }, reporter), 403);
    assertProblem(assert, await a.call('PATCH', `/citizen-promises/${mine.body.id}`, { title: 'Kapad' }, reporter), 403);
    assertProblem(assert, await a.call('POST', '/citizen-promises', { ...base, district_id: f.district['Södermalm'].id }, member), 403);
    assert.equal(denials(server.db, 'reporter'), denied + 2);
    assert.equal((await find(jarva, mine.body.id, reporter)).can_edit, false);
  });
});

// ------------------------------------------------------------------------------------------ CSV

describe('action plans: CSV export and import', () => {
  let server;
  let f;
  let a;
  let today;
  let goal;
  const m = {}; // planned, cancelled, followed (ongoing, with follow-ups)
  let sodMeasure;

  before(async () => {
    server = await startServer();
    f = await facts(server);
    a = f.a;
    today = todayStockholm();
    goal = await a.mustAddGoal(f.jarva.id, { code: 'csv-1', title: 'Mål för CSV', origin: 'local' });
    const owner = f.org['Järva stadsdelsnämnd'].id;
    m.planned = await a.mustCreateMeasure(f.jarva.id, measureJson(owner, { title: 'Planerad; med "citat" och semikolon', goal_ids: [goal.id],
      owner_organisation_ids: [owner, f.org['Lokalpolisområde Järva'].id] }));
    m.cancelled = await a.moveTo((await a.mustCreateMeasure(f.jarva.id, measureJson(owner, { title: uniq('Avbruten') }))).id, 'cancelled');
    m.followed = await a.moveTo((await a.mustCreateMeasure(f.jarva.id, measureJson(owner, { title: uniq('Följs upp') }))).id, 'ongoing');
    await a.mustFollowUp(m.followed.id, { date: addDays(today, -14), note: 'Första; med semikolon', progress: 20 });
    await a.mustFollowUp(m.followed.id, { date: addDays(today, -7), note: 'Andra "citerad"', progress: 30 });
    sodMeasure = (await a.plan(f.sodermalm.id)).measures[0];
  });
  after(async () => { await server?.close(); });

  const exp = async (which, planId = f.jarva.id) => {
    const r = await exportCsv(server, f.coord, planId, which);
    assert.equal(r.status, 200, r.body.toString());
    return r;
  };
  const imp = (which, body, s = f.coord) => importCsv(server, s, f.jarva.id, which, body);
  /** The records of an export: { header, rows (arrays of fields) }. */
  const recordsOf = (buf) => {
    const recs = parseCsv(buf.toString('utf8'));
    return { header: recs[0].fields, rows: recs.slice(1).map((r) => r.fields) };
  };

  test('measures.csv: UTF-8 with BOM, ";" and CRLF, the contract\'s header, one row per measure as the API has it', async () => {
    const r = await exp('measures');
    assert.match(r.headers['content-type'] ?? '', /^text\/csv/);
    assert.deepEqual([...r.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM');
    const text = r.body.toString('utf8');
    assert.ok(text.endsWith('\r\n'), 'CRLF line ends');
    assert.ok(!/[^\r]\n/.test(text.replace(/"[^"]*"/g, '')), 'no bare LF outside quoted fields');
    assert.ok(text.slice(1).startsWith(`${MEASURES_CSV_HEADER.join(';')}\r\n`), text.slice(0, 200));
    const { header, rows } = recordsOf(r.body);
    assert.deepEqual(header, MEASURES_CSV_HEADER);
    const plan = await a.plan(f.jarva.id);
    assert.equal(rows.length, plan.measures.length);
    sameSet(rows.map((x) => x[0]), plan.measures.map((x) => x.id), 'one row per measure');
    const goalCode = new Map(plan.goals.map((g) => [g.id, g.code]));
    const problemTitle = new Map(plan.problems.map((p) => [p.id, p.title]));
    const split = (s) => (s === '' ? [] : s.split(' | '));
    for (const row of rows) {
      const x = plan.measures.find((y) => y.id === row[0]);
      assert.deepEqual(row.slice(0, 9), [x.id, x.title, x.description, SV_TYPE[x.type], SV_HORIZON[x.horizon], SV_STATUS[x.status],
        x.start_date, x.end_date, x.responsible], x.title);
      assert.equal(row[9], x.owner_organisations.map((o) => o.name).join(' | '), `${x.title}: ägare`);
      sameSet(split(row[10]), x.goal_ids.map((id) => goalCode.get(id)), `${x.title}: mål`);
      sameSet(split(row[11]), x.problem_ids.map((id) => problemTitle.get(id)), `${x.title}: problem`);
    }
    assert.equal(rows.find((x) => x[0] === m.planned.id)[1], 'Planerad; med "citat" och semikolon', 'quoting round-trips');
  });

  test('follow-ups.csv: the contract\'s header and one row per follow-up of the plan\'s measures', async () => {
    const r = await exp('follow-ups');
    assert.match(r.headers['content-type'] ?? '', /^text\/csv/);
    assert.deepEqual([...r.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const { header, rows } = recordsOf(r.body);
    assert.deepEqual(header, FOLLOW_UPS_CSV_HEADER);
    const plan = await a.plan(f.jarva.id);
    const want = [];
    for (const x of plan.measures) {
      for (const fu of (await a.measure(x.id)).follow_ups) want.push([fu.id, x.id, x.title, fu.date, fu.note, String(fu.progress)]);
    }
    assert.ok(want.length >= 2);
    assert.deepEqual(byId(rows.map((x) => ({ id: x[0], x }))), byId(want.map((x) => ({ id: x[0], x }))));
  });

  test('an unchanged file imports as {created: 0, updated: 0, unchanged: N}, and the next export is byte-identical', async () => {
    for (const which of ['measures', 'follow-ups']) {
      const first = await exp(which);
      const n = recordsOf(first.body).rows.length;
      const r = await imp(which, first.body);
      assert.equal(r.status, 200, `${which}: ${r.text}`);
      assert.deepEqual(r.body, { created: 0, updated: 0, unchanged: n }, which);
      const second = await exp(which);
      assert.ok(second.body.equals(first.body), `${which}: the second export is byte-identical`);
    }
  });

  test('measures.csv: an edited row (new title, planned -> ongoing) and a new row: {created: 1, updated: 1, unchanged: N-1}', async () => {
    const before = await exp('measures');
    const { header, rows } = recordsOf(before.body);
    const edited = rows.map((x) => (x[0] === m.planned.id ? [x[0], 'Omdöpt via CSV', ...x.slice(2, 5), 'pågående', ...x.slice(6)] : x));
    const problem = (await a.plan(f.jarva.id)).problems[0];
    const start = addDays(today, -3);
    const end = addDays(today, 90);
    const fresh = ['', 'Ny åtgärd från Excel', 'Beskrivning; med semikolon', 'social', 'lång', 'planerad', start, end, 'Eva Excel',
      'Järva stadsdelsnämnd | Lokalpolisområde Järva', 'csv-1', problem.title];
    const r = await imp('measures', toCsv([header, ...edited, fresh]).text);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { created: 1, updated: 1, unchanged: rows.length - 1 });
    const x = await a.measure(m.planned.id);
    assert.equal(x.title, 'Omdöpt via CSV');
    assert.equal(x.status, 'ongoing');
    const plan = await a.plan(f.jarva.id);
    const added = plan.measures.filter((y) => y.title === 'Ny åtgärd från Excel');
    assert.equal(added.length, 1);
    assert.deepEqual({ ...added[0], id: undefined, allowed_statuses: undefined }, { id: undefined, allowed_statuses: undefined,
      plan_id: f.jarva.id, title: 'Ny åtgärd från Excel', description: 'Beskrivning; med semikolon', type: 'social', horizon: 'long',
      status: 'planned', start_date: start, end_date: end, responsible: 'Eva Excel',
      owner_organisations: [{ id: f.org['Järva stadsdelsnämnd'].id, name: 'Järva stadsdelsnämnd' },
        { id: f.org['Lokalpolisområde Järva'].id, name: 'Lokalpolisområde Järva' }],
      goal_ids: [goal.id], problem_ids: [problem.id], progress: null, last_follow_up_on: null, overdue: false, can_update: true, indicators: [] });
    assert.deepEqual(plan.rollup, rollupOf(plan.measures, today));
    // And that state round-trips too.
    const again = await exp('measures');
    const round = await imp('measures', again.body);
    assert.deepEqual(round.body, { created: 0, updated: 0, unchanged: rows.length + 1 });
  });

  test('follow-ups.csv: an edited note and progress, and a new row: the counts and the measure\'s progress', async () => {
    const before = await exp('follow-ups');
    const { header, rows } = recordsOf(before.body);
    const latest = (await a.measure(m.followed.id)).follow_ups[0];
    const edited = rows.map((x) => (x[0] === latest.id ? [...x.slice(0, 4), 'Rättad notering', '35'] : x));
    const r = await imp('follow-ups', toCsv([header, ...edited]).text);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { created: 0, updated: 1, unchanged: rows.length - 1 });
    let v = await a.measure(m.followed.id);
    assert.deepEqual([v.follow_ups[0].id, v.follow_ups[0].note, v.follow_ups[0].progress, v.progress], [latest.id, 'Rättad notering', 35, 35]);
    const fresh = ['', m.followed.id, 'ignoreras', today, 'Ny från Excel', '60'];
    const r2 = await imp('follow-ups', toCsv([header, ...edited, fresh]).text);
    assert.equal(r2.status, 200, r2.text);
    assert.deepEqual(r2.body, { created: 1, updated: 0, unchanged: rows.length });
    v = await a.measure(m.followed.id);
    assert.deepEqual([v.follow_ups[0].date, v.follow_ups[0].note, v.follow_ups[0].progress, v.progress, v.last_follow_up_on],
      [today, 'Ny från Excel', 60, 60, today]);
  });

  /** Both exports and the plan, for "nothing changed". */
  const state = async () => ({ measures: (await exp('measures')).body.toString('base64'), followUps: (await exp('follow-ups')).body.toString('base64'),
    plan: await a.plan(f.jarva.id) });
  /**
   * A refused import: `build(header, rows)` returns the records to send (header first) and the expected errors as
   * [recordIndex (0 = header), column, reason regex?]; the file must be refused with 400 and change nothing.
   */
  const refusedImport = (which, name, build) => test(`${which}.csv refused: ${name}`, async () => {
    const before = await state();
    const { header, rows } = recordsOf((await exp(which)).body);
    const { records, errors, field } = build(header, rows.map((x) => [...x]));
    const { text } = toCsv(records);
    const r = await imp(which, text);
    const b = assertProblem(assert, r, 400, field ? { field } : {});
    if (errors) {
      assert.ok(Array.isArray(b.errors) && b.errors.length >= errors.length, r.text);
      for (const e of b.errors) assert.deepEqual(sortedKeys(e), ['column', 'reason', 'row'], JSON.stringify(e));
      for (const [index, column, reason] of errors) {
        // The spreadsheet row: the header is row 1, record `index` is row index + 1.
        const hit = b.errors.find((e) => e.row === index + 1 && (column === undefined || e.column === column));
        assert.ok(hit, `an error on row ${index + 1}, column ${column}: ${JSON.stringify(b.errors)}`);
        if (reason) assert.match(hit.reason, reason);
      }
    }
    assert.deepEqual(await state(), before, 'a refused file changes nothing');
  });
  const rowOf = (rows, id) => rows.findIndex((x) => x[0] === id);
  const col = (name) => MEASURES_CSV_HEADER.indexOf(name);
  /** Also renames another row, which must not be applied either. */
  const withGoodEdit = (rows, skip) => {
    const k = rows.findIndex((x, i) => i !== skip);
    rows[k][1] = `${rows[k][1]} (ändrad)`;
    return rows;
  };

  refusedImport('measures', 'a renamed column (field header)', (header, rows) => ({
    records: [header.map((h) => (h === 'titel' ? 'title' : h)), ...rows], field: 'header' }));
  refusedImport('measures', 'a missing column (field header)', (header, rows) => {
    const k = header.indexOf('ansvarig');
    return { records: [header.filter((_, i) => i !== k), ...rows.map((x) => x.filter((_, i) => i !== k))], field: 'header' };
  });
  refusedImport('measures', 'an extra column (field header)', (header, rows) => ({
    records: [[...header, 'extra'], ...rows.map((x) => [...x, ''])], field: 'header' }));
  refusedImport('measures', 'an unknown measure id', (header, rows) => {
    const k = rowOf(rows, m.planned.id);
    rows[k][0] = UNKNOWN_ID;
    return { records: [header, ...withGoodEdit(rows, k)], errors: [[k + 1, 'id']] };
  });
  refusedImport('measures', 'a measure of another district\'s plan', (header, rows) => {
    const k = rowOf(rows, m.planned.id);
    rows[k][0] = sodMeasure.id;
    return { records: [header, ...withGoodEdit(rows, k)], errors: [[k + 1, 'id', /belongs to another plan/]] };
  });
  refusedImport('measures', 'impossible dates and an end before the start', (header, rows) => {
    const k1 = rowOf(rows, m.planned.id);
    const k2 = rowOf(rows, m.followed.id);
    rows[k1][col('slut')] = '2026-02-30';
    rows[k2][col('start')] = '27/11/2026';
    const fresh = ['', 'Baklänges', '', 'social', 'kort', 'planerad', '2026-06-02', '2026-06-01', '', 'Järva stadsdelsnämnd', '', ''];
    return { records: [header, ...rows, fresh], errors: [[k1 + 1, 'slut'], [k2 + 1, 'start'], [rows.length + 1, undefined]] };
  });
  refusedImport('measures', 'bad enum values: status, typ, horisont', (header, rows) => {
    const k1 = rowOf(rows, m.planned.id);
    const k2 = rowOf(rows, m.followed.id);
    const k3 = rowOf(rows, m.cancelled.id);
    rows[k1][col('status')] = 'färdig';
    rows[k2][col('typ')] = 'blandad';
    rows[k3][col('horisont')] = 'medel';
    return { records: [header, ...rows], errors: [[k1 + 1, 'status'], [k2 + 1, 'typ'], [k3 + 1, 'horisont']] };
  });
  refusedImport('measures', 'an illegal status move (avbruten -> pågående)', (header, rows) => {
    const k = rowOf(rows, m.cancelled.id);
    rows[k][col('status')] = 'pågående';
    return { records: [header, ...withGoodEdit(rows, k)], errors: [[k + 1, 'status', /cannot move/]] };
  });
  refusedImport('measures', 'an unknown owner, goal and problem', (header, rows) => {
    const k1 = rowOf(rows, m.planned.id);
    const k2 = rowOf(rows, m.followed.id);
    const k3 = rowOf(rows, m.cancelled.id);
    rows[k1][col('ägare')] = 'Järva stadsdelsnämnd | Ingen sådan nämnd';
    rows[k2][col('mål')] = 'finns-inte';
    rows[k3][col('problem')] = 'Ett problem som inte finns';
    return { records: [header, ...rows], errors: [[k1 + 1, 'ägare'], [k2 + 1, 'mål'], [k3 + 1, 'problem']] };
  });
  refusedImport('measures', 'a new row without a title or an owner', (header, rows) => {
    const fresh = ['', '', '', 'social', 'kort', 'planerad', today, today, '', '', '', ''];
    return { records: [header, ...rows, fresh], errors: [[rows.length + 1, undefined]] };
  });

  const fcol = (name) => FOLLOW_UPS_CSV_HEADER.indexOf(name);
  refusedImport('follow-ups', 'a missing column (field header)', (header, rows) => ({
    records: [header.slice(0, -1), ...rows.map((x) => x.slice(0, -1))], field: 'header' }));
  refusedImport('follow-ups', 'an unknown measure, a measure of another plan, an unknown follow-up id', (header, rows) => {
    rows[0][fcol('åtgärd_id')] = UNKNOWN_ID;
    rows[1][fcol('åtgärd_id')] = sodMeasure.id;
    const fresh = [UNKNOWN_ID, m.followed.id, '', today, 'Okänt id', '10'];
    return { records: [header, ...rows, fresh], errors: [[1, 'åtgärd_id'], [2, 'åtgärd_id', /belongs to another plan/], [rows.length + 1, 'id']] };
  });
  refusedImport('follow-ups', 'a future date, a bad date, progress 101 and 1.5', (header, rows) => {
    const row = (date, progress) => ['', m.followed.id, '', date, 'x', progress];
    return { records: [header, ...rows, row(addDays(today, 1), '10'), row('2026-02-30', '10'), row(today, '101'), row(today, '1.5')],
      errors: [[rows.length + 1, 'datum'], [rows.length + 2, 'datum'], [rows.length + 3, 'framsteg'], [rows.length + 4, 'framsteg']] };
  });

  test('errors[].row is the spreadsheet row (the header is row 1), also after a quoted field spanning lines', async () => {
    const before = await state();
    const { header, rows } = recordsOf((await exp('measures')).body);
    const k = rowOf(rows, m.planned.id);
    rows[k][col('beskrivning')] = 'Rad ett\r\nRad två';
    const bad = ['', 'Fel status', '', 'social', 'kort', 'okänd', today, today, '', 'Järva stadsdelsnämnd', '', ''];
    const { text, lines } = toCsv([header, ...rows, bad]);
    assert.equal(lines[rows.length + 1], rows.length + 3, 'the multi-line field moves the last record down a line');
    const r = await imp('measures', text);
    const b = assertProblem(assert, r, 400);
    // The record after the header and the `rows.length` rows is row rows.length + 2, as a spreadsheet shows it,
    // although it starts on file line rows.length + 3.
    assert.ok(b.errors?.some((e) => e.row === rows.length + 2 && e.column === 'status'),
      `expected row ${rows.length + 2} (${rows.length} rows, one spanning two lines): ${JSON.stringify(b.errors)}`);
    assert.deepEqual(await state(), before);
  });

  test('indicator-values.csv: manual values with a decimal comma round-trip; a new value is stored as imported; a bad row changes nothing', async () => {
    const ind = (await a.call('POST', `/goals/${goal.id}/indicators`, { name: uniq('Andel trygga'), unit: '%', source: 'manual' })).body;
    assert.equal((await a.call('PUT', `/indicators/${ind.id}/values/2025`, { value: 71.25 })).status, 200);
    const r = await exp('indicator-values');
    const text = r.body.toString('utf8');
    assert.ok(text.slice(1).startsWith('indikator_id;indikator;period;värde\r\n'), text.slice(0, 100));
    assert.ok(text.includes(`${ind.id};${ind.name};2025;71,25\r\n`), 'a decimal comma');
    const same = await imp('indicator-values', text);
    assert.equal(same.status, 200, same.text);
    assert.equal(same.body.created + same.body.updated, 0);
    assert.equal((await exp('indicator-values')).body.toString('utf8'), text, 'byte-identical after the round trip');
    const bad = await imp('indicator-values', `${text}${ind.id};;2026-Q1;72,5\r\n${ind.id};;2026-Q9;1\r\n`);
    const b = assertProblem(assert, bad, 400);
    assert.deepEqual(b.errors.map((e) => [e.row, e.column]), [[text.trim().split('\r\n').length + 2, 'period']]);
    assert.equal((await exp('indicator-values')).body.toString('utf8'), text, 'nothing half-applied');
    const good = await imp('indicator-values', `${text}${ind.id};;2026-Q1;72.5\r\n`);
    assert.deepEqual(good.body, { created: 1, updated: 0, unchanged: same.body.unchanged });
    const after = (await a.call('GET', `/indicators/${ind.id}`)).body;
    assert.deepEqual(after.values.map((v) => [v.period, v.value, v.source]), [['2025', 71.25, 'manual'], ['2026-Q1', 72.5, 'import']]);
  });

  test('importing needs the right to edit the plan: politician and reporter 403, audited, nothing changed', async () => {
    const before = await state();
    const file = (await exp('measures')).body;
    for (const who of ['politician', 'reporter']) {
      const s = await mustSignIn(server, who);
      const denied = denials(server.db, who);
      assertProblem(assert, await imp('measures', file, s), 403);
      assertProblem(assert, await imp('follow-ups', (await exp('follow-ups')).body, s), 403);
      assert.equal(denials(server.db, who), denied + 2, who);
    }
    assertProblem(assert, await request(server, `${API}/plans/${f.jarva.id}/measures.csv`, { method: 'POST', body: file,
      headers: { 'content-type': 'text/csv' } }), 401);
    assert.deepEqual(await state(), before);
  });
});

