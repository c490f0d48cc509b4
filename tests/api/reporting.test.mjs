// Reporting back (återrapportering): obligations and the periods and due dates their cadence gives,
// reports drafted from the platform's own data as a list of sections, editing and submitting,
// PDF and HTML downloads, the committees' feedback and its follow-up items, the governance-health
// view, authorisation, concurrent requests and the audit trail.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DB_KIND, assertProblem, httpRequest, mustSignIn, request, runCli, sql, startServer,
  now,
} from './server.mjs';

const GROUPS = '/api/v1/groups';
const REPORTING = '/api/v1/reporting';
const HEALTH = '/api/v1/governance/health';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const OBLIGATION_KEYS = ['cadence', 'committee_id', 'due_days', 'group_id', 'id', 'periods', 'starts_on'];
const PERIOD_KEYS = ['due_on', 'period_end', 'period_start', 'report_id', 'report_status', 'tracking'];
const REPORT_KEYS = ['committee_id', 'committee_name', 'due_on', 'feedback', 'group_id', 'group_name', 'id', 'obligation_id',
  'period_end', 'period_start', 'sections', 'status', 'submitted_on', 'title', 'tracking'];
// Governance's five sections, then the situation picture of the group's district over the period,
// then the progress of the group's action plan.
const SECTION_KEYS = ['governance.delegated_decisions', 'governance.escalations', 'governance.consultations',
  'governance.meetings', 'governance.upcoming_major', 'situation_picture.areas', 'action_plan.progress'];
const NBSP = '\u00a0';

/** The server's "today" (Europe/Stockholm) as YYYY-MM-DD. */
const todayStockholm = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now());
/** YYYY-MM-DD plus `days` (negative: earlier). */
function addDays(day, days) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const daysBetween = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const byId = (xs) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

// Reporting periods computed here, independently of the server: calendar months, quarters, tertials
// (Jan–Apr, May–Aug, Sep–Dec) or years, due `dueDays` after the period's last day.
const MONTHS = { monthly: 1, quarterly: 3, tertial: 4, yearly: 12 };
function periodContaining(cadence, day, dueDays = 30) {
  const [y, m] = day.split('-').map(Number);
  const n = MONTHS[cadence];
  const first = (m - 1) - ((m - 1) % n);
  const start = new Date(Date.UTC(y, first, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(y, first + n, 0)).toISOString().slice(0, 10); // day 0: the last of the month before
  return { period_start: start, period_end: end, due_on: addDays(end, dueDays) };
}
/** Every period from the one containing startsOn up to the one running today, as GET /api/v1/reporting lists them. */
function expectedPeriods(cadence, startsOn, dueDays, today = todayStockholm()) {
  const out = [];
  for (let p = periodContaining(cadence, startsOn, dueDays); p.period_start <= today;
    p = periodContaining(cadence, addDays(p.period_end, 1), dueDays)) {
    out.push({ ...p, report_id: null, report_status: 'none', tracking: p.due_on < today ? 'overdue' : 'due' });
  }
  return out;
}

/** Small API bound to one server and session; every call takes another session as its last argument. */
function api(server, session) {
  const call = (method, p, json, s = session) => request(server, p, { method, session: s, json });
  const ok = (r, status, what) => {
    assert.equal(r.status, status, `${what}: ${r.status} ${r.text}`);
    return r.body;
  };
  const a = {
    session,
    organisations: async () => ok(await call('GET', '/api/v1/organisations'), 200, 'GET organisations').items,
    groups: async (s) => ok(await call('GET', GROUPS, undefined, s), 200, 'GET groups').items,
    group: async (id, s) => ok(await call('GET', `${GROUPS}/${id}`, undefined, s), 200, `GET group ${id}`),
    health: async (s) => ok(await call('GET', HEALTH, undefined, s), 200, 'GET health'),
    /** GET /api/v1/reporting (of one group if groupId) -> items. */
    reporting: async (groupId, s) => ok(await call('GET', groupId ? `${REPORTING}?group_id=${groupId}` : REPORTING, undefined, s),
      200, 'GET reporting').items,
    /** One obligation as GET /api/v1/reporting lists it. */
    obligation: async (id, s) => {
      const found = (await a.reporting(undefined, s)).find((o) => o.id === id);
      assert.ok(found, `obligation ${id} is listed`);
      return found;
    },
    report: async (id, s) => ok(await call('GET', `/api/v1/reports/${id}`, undefined, s), 200, `GET report ${id}`),

    addObligation: (gid, json, s) => call('POST', `${GROUPS}/${gid}/obligations`, json, s),
    mustAddObligation: async (gid, json) => ok(await a.addObligation(gid, json), 201, `add obligation ${JSON.stringify(json)}`),
    draft: (oid, periodStart, s) => call('POST', `/api/v1/obligations/${oid}/reports`, { period_start: periodStart }, s),
    draftWith: (oid, json, s) => call('POST', `/api/v1/obligations/${oid}/reports`, json, s),
    mustDraft: async (oid, periodStart) => ok(await a.draft(oid, periodStart), 201, `draft ${periodStart}`),
    edit: (id, json, s) => call('PUT', `/api/v1/reports/${id}`, json, s),
    mustEdit: async (id, json) => ok(await a.edit(id, json), 200, `edit ${JSON.stringify(json).slice(0, 200)}`),
    submit: (id, s) => call('POST', `/api/v1/reports/${id}/submit`, undefined, s),
    mustSubmit: async (id) => ok(await a.submit(id), 200, `submit ${id}`),
    feedback: (id, json, s) => call('POST', `/api/v1/reports/${id}/feedback`, json, s),
    mustFeedback: async (id, json, s) => ok(await a.feedback(id, json, s), 201, `feedback ${JSON.stringify(json)}`),
    done: (itemId, json, s) => call('POST', `/api/v1/follow-ups/${itemId}/done`, json, s),
    /** GET .../pdf or .../html as raw bytes: { status, headers (lower-case), body (Buffer) }. */
    download: (id, kind, s = session) => httpRequest(server, `/api/v1/reports/${id}/${kind}`, { headers: { cookie: s.cookie } }),

    // Governance set-up through the API.
    mustCreateGroup: async (json) => ok(await call('POST', GROUPS, json), 201, `create group ${JSON.stringify(json)}`),
    /** Adds a member; resolves to the new member. */
    mustAddMember: async (gid, json) => {
      const known = new Set((await a.group(gid)).members.map((m) => m.id));
      const g = ok(await call('POST', `${GROUPS}/${gid}/members`, json), 201, `add member ${JSON.stringify(json)}`);
      const added = g.members.filter((m) => !known.has(m.id));
      assert.equal(added.length, 1, JSON.stringify(g.members));
      return added[0];
    },
    mustAddRule: async (gid, json) => ok(await call('POST', `${GROUPS}/${gid}/rules`, json), 201, `add rule ${JSON.stringify(json)}`),
    mustAddMeeting: async (gid, json) => ok(await call('POST', `${GROUPS}/${gid}/meetings`, json), 201, `add meeting ${JSON.stringify(json)}`),
    mustDecide: async (mid, json) => ok(await call('POST', `/api/v1/meetings/${mid}/decisions`, json), 201, `decide ${JSON.stringify(json)}`),
    mustFinalise: async (id) => ok(await call('POST', `/api/v1/decisions/${id}/finalise`, {}), 200, `finalise ${id}`),
    mustOpenConsultation: async (id, json) => ok(await call('POST', `/api/v1/decisions/${id}/consultations`, json), 201,
      `open consultation ${JSON.stringify(json)}`),
  };
  return a;
}

/** Organisations by name, from GET /api/v1/organisations. */
async function organisationFacts(a) {
  const items = await a.organisations();
  const named = Object.fromEntries(items.map((o) => [o.name, o]));
  for (const n of ['Kommunstyrelsen', 'Stadsledningskontoret', 'Polisregion Stockholm', 'Lokalpolisområde Järva',
    'Järva stadsdelsnämnd', 'Fastighetsägarna Stockholm', 'AB Svenska Bostäder', 'Socialnämnden', 'Utbildningsnämnden']) {
    assert.ok(named[n], `organisation ${n} in ${items.map((o) => o.name)}`);
  }
  assert.equal(named['Fastighetsägarna Stockholm'].kind, 'external_actor');
  assert.equal(named['AB Svenska Bostäder'].kind, 'municipal_company');
  return { items, named };
}

/** The demo groups: { steering, jarva }. */
async function demoGroups(a) {
  const items = await a.groups();
  const found = {
    steering: items.find((g) => g.name === 'Styrgruppen för samverkan'),
    jarva: items.find((g) => g.name === 'Lokal samverkansgrupp Järva'),
  };
  for (const [k, v] of Object.entries(found)) assert.ok(v, `the demo data has ${k}: ${items.map((g) => g.name)}`);
  return found;
}

/** Every obligation and every report listed on it, for "stored data unchanged". */
async function snapshot(a) {
  const obligations = byId(await a.reporting());
  const ids = obligations.flatMap((o) => o.periods.map((p) => p.report_id)).filter(Boolean);
  const reports = await Promise.all(ids.map((id) => a.report(id)));
  return { obligations, reports: byId(reports) };
}

/** Parsed audit rows of the given actions, oldest first. */
function auditRows(db, actions) {
  const list = actions.map((x) => `'${x}'`).join(', ');
  return sql(db, `SELECT action, actor_name, object_type, object_id, outcome, detail FROM audit_log WHERE action IN (${list}) ORDER BY seq`)
    .split('\n').filter(Boolean).map((line) => {
      const [action, actorName, objectType, objectId, outcome, ...rest] = line.split('|');
      return { action, actorName, objectType, objectId, outcome, detail: JSON.parse(rest.join('|')) };
    });
}
const denials = (db, who) => Number(sql(db, `SELECT count(*) FROM audit_log WHERE action = 'authz.deny' AND actor_name = '${who}'`));
const feedbackRows = (db) => sql(db, 'SELECT (SELECT count(*) FROM report_feedback) || \'/\' || (SELECT count(*) FROM follow_up_items)');

/** Text and metadata of a PDF through poppler's pdftotext and pdfinfo. */
function readPdf(buf) {
  const dir = mkdtempSync(path.join(tmpdir(), 'samverkan-pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, buf);
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    assert.equal(text.status, 0, `pdftotext: ${text.stderr}`);
    const info = spawnSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
    assert.equal(info.status, 0, `pdfinfo: ${info.stderr}`);
    const fields = {};
    for (const line of info.stdout.split('\n')) {
      const m = /^([A-Za-z ]+?):\s+(.*)$/.exec(line);
      if (m) fields[m[1]] = m[2];
    }
    return { text: text.stdout, flat: text.stdout.replace(/\s+/g, ' '), info: fields, pages: Number(fields.Pages) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A group with two members and a measure rule (up to 300 000 kr), and a quarterly obligation to
 * Kommunstyrelsen from 2025-01-01. In the quarter running today: a meeting (today) with a decision
 * within the mandate (finalised), one outside it (escalated, pending) and a major one with a
 * consultation opened 5 days before (late). The day before that quarter: a meeting with a finalised
 * decision of 1 000 kr.
 */
async function buildGroupWork(a, orgs, name) {
  const ks = orgs.named.Kommunstyrelsen.id;
  const today = todayStockholm();
  const current = periodContaining('quarterly', today, 30);
  const previous = periodContaining('quarterly', addDays(current.period_start, -1), 30);
  const group = await a.mustCreateGroup({ name, kind: 'thematic', cadence: 'monthly', committee_ids: [ks] });
  const chair = await a.mustAddMember(group.id, { name: 'Åsa Ström', organisation_id: orgs.named.Stadsledningskontoret.id, role: 'chair' });
  const police = await a.mustAddMember(group.id, { name: 'Örjan Polis', organisation_id: orgs.named['Polisregion Stockholm'].id, role: 'member' });
  await a.mustAddRule(group.id, { matter_type: 'measure', amount_limit_sek: 300000, escalate_to_id: ks, valid_from: '2024-01-01' });
  const meeting = await a.mustAddMeeting(group.id, { held_on: today, agenda: 'Lägesbild från Årsta\nBeslut om insatser',
    attendance: [chair.id, police.id] });
  const within = await a.mustDecide(meeting.id, { title: 'Belysning på gångvägen vid Årstaberg', matter_type: 'measure', amount_sek: 250000 });
  assert.equal(within.status, 'proposed', JSON.stringify(within.evaluation));
  await a.mustFinalise(within.id);
  const escalated = await a.mustDecide(meeting.id, { title: 'Kameraövervakning vid Årsta torg', matter_type: 'measure', amount_sek: 900000 });
  assert.equal(escalated.status, 'escalated');
  const major = await a.mustDecide(meeting.id, { title: 'Större omfördelning till fältassistenter', matter_type: 'measure',
    amount_sek: 40000, major: true });
  const opened = await a.mustOpenConsultation(major.id, { body_id: ks, opened_on: addDays(today, -5) });
  assert.equal(opened.consultation_check.state, 'late');
  const earlierMeeting = await a.mustAddMeeting(group.id, { held_on: addDays(current.period_start, -1), agenda: 'Förra kvartalets möte' });
  const earlier = await a.mustDecide(earlierMeeting.id, { title: 'Klotterplank i Årstaskogen', matter_type: 'measure', amount_sek: 1000 });
  await a.mustFinalise(earlier.id);
  const obligation = await a.mustAddObligation(group.id, { committee_id: ks, cadence: 'quarterly', due_days: 30, starts_on: '2025-01-01' });
  return { group, meeting, within, escalated, major, earlier, earlierMeeting, obligation, current, previous, today };
}

/** A group with a quarterly obligation to Kommunstyrelsen from 2025-01-01 and nothing else. */
async function bareObligation(a, orgs, name, over = {}) {
  const group = await a.mustCreateGroup({ name, kind: 'thematic', cadence: 'monthly', committee_ids: [orgs.named.Kommunstyrelsen.id] });
  const obligation = await a.mustAddObligation(group.id, { committee_id: orgs.named.Kommunstyrelsen.id, cadence: 'quarterly',
    due_days: 30, starts_on: '2025-01-01', ...over });
  return { group, obligation };
}

const section = (report, key) => {
  const s = report.sections.find((x) => x.key === key);
  assert.ok(s, `section ${key} in ${report.sections.map((x) => x.key)}`);
  return s;
};

// ------------------------------------------------------------------------------------------------

describe('reporting: obligations and due dates', () => {
  let server;
  let a;
  let orgs;
  let group;
  const made = {}; // cadence -> obligation (201 body)
  // [cadence, starts_on, due_days, first periods as [start, end, due]]
  const CADENCES = [
    ['quarterly', '2026-01-01', 30, [['2026-01-01', '2026-03-31', '2026-04-30'], ['2026-04-01', '2026-06-30', '2026-07-30'],
      ['2026-07-01', '2026-09-30', '2026-10-30'], ['2026-10-01', '2026-12-31', '2027-01-30']]],
    ['tertial', '2025-03-15', 45, [['2025-01-01', '2025-04-30', '2025-06-14'], ['2025-05-01', '2025-08-31', '2025-10-15'],
      ['2025-09-01', '2025-12-31', '2026-02-14'], ['2026-01-01', '2026-04-30', '2026-06-14']]],
    ['monthly', '2024-01-01', 10, [['2024-01-01', '2024-01-31', '2024-02-10'], ['2024-02-01', '2024-02-29', '2024-03-10'],
      ['2024-03-01', '2024-03-31', '2024-04-10']]],
    ['yearly', '2024-06-01', 90, [['2024-01-01', '2024-12-31', '2025-03-31'], ['2025-01-01', '2025-12-31', '2026-03-31']]],
  ];

  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    orgs = await organisationFacts(a);
    group = await a.mustCreateGroup({ name: 'Rapporteringsgruppen', kind: 'thematic', cadence: 'monthly',
      committee_ids: [orgs.named.Kommunstyrelsen.id] });
  });
  after(async () => { await server?.close(); });

  for (const [cadence, startsOn, dueDays, first] of CADENCES) {
    test(`${cadence} from ${startsOn}, due ${dueDays} days after: 201 with every period up to the one running today`, async () => {
      const today = todayStockholm();
      const r = await a.addObligation(group.id, { committee_id: orgs.named.Kommunstyrelsen.id, cadence, due_days: dueDays, starts_on: startsOn });
      assert.equal(r.status, 201, r.text);
      const o = r.body;
      made[cadence] = o;
      assert.deepEqual(Object.keys(o).sort(), OBLIGATION_KEYS);
      assert.deepEqual({ ...o, id: undefined, periods: undefined }, { id: undefined, group_id: group.id,
        committee_id: orgs.named.Kommunstyrelsen.id, cadence, due_days: dueDays, starts_on: startsOn, periods: undefined });
      for (const p of o.periods) assert.deepEqual(Object.keys(p).sort(), PERIOD_KEYS);
      // The first periods, written out by hand.
      assert.deepEqual(o.periods.slice(0, first.length).map((p) => [p.period_start, p.period_end, p.due_on]), first);
      // All of them, computed independently, with tracking against today.
      assert.deepEqual(o.periods, expectedPeriods(cadence, startsOn, dueDays, today));
      const last = o.periods.at(-1);
      assert.ok(last.period_start <= today && today <= last.period_end, `the last period runs today: ${JSON.stringify(last)}`);
      assert.equal(last.tracking, 'due');
      assert.equal(o.periods[0].tracking, 'overdue', 'the first period is long past its due date');
      assert.deepEqual(await a.obligation(o.id), o, 'GET /api/v1/reporting lists what the 201 said');
    });
  }

  test('monthly: February is 29 days in a leap year (2024), 28 otherwise (2025); December rolls the due date into January', async () => {
    const periods = made.monthly.periods.map((p) => [p.period_start, p.period_end, p.due_on]);
    assert.ok(periods.some((p) => p.join() === '2024-02-01,2024-02-29,2024-03-10'), JSON.stringify(periods));
    assert.ok(periods.some((p) => p.join() === '2025-02-01,2025-02-28,2025-03-10'), JSON.stringify(periods));
    assert.ok(periods.some((p) => p.join() === '2024-12-01,2024-12-31,2025-01-10'), JSON.stringify(periods));
    const tertials = made.tertial.periods.slice(0, 3).map((p) => [p.period_start.slice(5), p.period_end.slice(5)]);
    assert.deepEqual(tertials, [['01-01', '04-30'], ['05-01', '08-31'], ['09-01', '12-31']], 'tertials are Jan–Apr, May–Aug, Sep–Dec');
  });

  test('due_days defaults to 30; 0 makes the last day of the period the due date; any committee or municipal company will do', async () => {
    const d = await a.mustAddObligation(group.id, { committee_id: orgs.named['Järva stadsdelsnämnd'].id, cadence: 'quarterly', starts_on: '2026-01-01' });
    assert.equal(d.due_days, 30);
    assert.deepEqual(d.periods, expectedPeriods('quarterly', '2026-01-01', 30));
    const z = await a.mustAddObligation(group.id, { committee_id: orgs.named['AB Svenska Bostäder'].id, cadence: 'yearly', due_days: 0,
      starts_on: '2025-01-01' });
    assert.deepEqual(z.periods[0], { period_start: '2025-01-01', period_end: '2025-12-31', due_on: '2025-12-31', report_id: null,
      report_status: 'none', tracking: 'overdue' });
    const max = await a.mustAddObligation(group.id, { committee_id: orgs.named.Socialnämnden.id, cadence: 'yearly', due_days: 365,
      starts_on: '2025-01-01' });
    assert.equal(max.periods[0].due_on, '2026-12-31');
  });

  test('GET /api/v1/reporting?group_id= lists only that group\'s obligations; without it, every group\'s', async () => {
    const other = await a.mustCreateGroup({ name: 'Annan rapporteringsgrupp', kind: 'thematic', cadence: 'monthly' });
    const theirs = await a.mustAddObligation(other.id, { committee_id: orgs.named.Kommunstyrelsen.id, cadence: 'quarterly',
      due_days: 30, starts_on: '2026-01-01' });
    const mine = await a.reporting(group.id);
    assert.equal(mine.length, 7, mine.map((o) => o.cadence).join());
    assert.ok(mine.every((o) => o.group_id === group.id));
    for (const o of Object.values(made)) assert.deepEqual(mine.find((x) => x.id === o.id), o);
    assert.deepEqual(await a.reporting(other.id), [theirs]);
    const all = await a.reporting();
    const ours = new Set([...mine, theirs].map((o) => o.id));
    assert.deepEqual(byId(all.filter((o) => ours.has(o.id))), byId([...mine, theirs]));
    assert.ok(all.filter((o) => !ours.has(o.id)).every((o) => ![group.id, other.id].includes(o.group_id)), 'the rest are other groups\'');
    assert.deepEqual(await a.reporting(UNKNOWN_ID), []);
  });

  test('refused obligations: 400 naming the field (404 for an unknown group); stored obligations unchanged', async () => {
    const before = await snapshot(a);
    const base = { committee_id: orgs.named['Utbildningsnämnden'].id, cadence: 'tertial', due_days: 30,
      starts_on: '2026-01-01' };
    const refused = async (json, status, opts, gid = group.id) => {
      assertProblem(assert, await a.addObligation(gid, json), status, opts);
      assert.deepEqual(await snapshot(a), before, `stored obligations changed after ${JSON.stringify(json)}`);
    };
    await refused({ ...base, cadence: 'weekly' }, 400, { field: 'cadence' });
    await refused({ ...base, cadence: 'Quarterly' }, 400, { field: 'cadence' });
    await refused({ ...base, cadence: undefined }, 400, { field: 'cadence' });
    await refused({ ...base, due_days: -1 }, 400, { field: 'due_days' });
    await refused({ ...base, due_days: 2.5 }, 400, { field: 'due_days' });
    await refused({ ...base, due_days: 400 }, 400, { field: 'due_days' });
    await refused({ ...base, due_days: 366 }, 400, { field: 'due_days' });
    await refused({ ...base, due_days: '30' }, 400, { field: 'due_days' });
    await refused({ ...base, starts_on: '2026-02-30' }, 400, { field: 'starts_on' });
    await refused({ ...base, starts_on: '1 jan 2026' }, 400, { field: 'starts_on' });
    await refused({ ...base, starts_on: undefined }, 400, { field: 'starts_on' });
    await refused({ ...base, committee_id: orgs.named['Polisregion Stockholm'].id }, 400, { field: 'committee_id' });
    await refused({ ...base, committee_id: orgs.named['Lokalpolisområde Järva'].id }, 400, { field: 'committee_id' });
    await refused({ ...base, committee_id: orgs.named['Fastighetsägarna Stockholm'].id }, 400, { field: 'committee_id' });
    await refused({ ...base, committee_id: orgs.named.Stadsledningskontoret.id }, 400, { field: 'committee_id' });
    await refused({ ...base, committee_id: UNKNOWN_ID }, 400, { field: 'committee_id' });
    await refused({ ...base, committee_id: undefined }, 400, { field: 'committee_id' });
    await refused({ ...base, recipients: [] }, 400, { field: 'recipients' });
    await refused(base, 404, {}, UNKNOWN_ID);
  });

  test('the same group, committee and cadence again: 409, unchanged; the same committee and cadence for another group is fine', async () => {
    const before = await snapshot(a);
    for (const over of [{}, { due_days: 20 }, { starts_on: '2020-01-01' }]) {
      const r = await a.addObligation(group.id, { committee_id: orgs.named.Kommunstyrelsen.id, cadence: 'quarterly', due_days: 30,
        starts_on: '2026-01-01', ...over });
      assertProblem(assert, r, 409);
      assert.deepEqual(await snapshot(a), before);
    }
    const third = await a.mustCreateGroup({ name: 'Tredje rapporteringsgruppen', kind: 'thematic', cadence: 'monthly' });
    const o = await a.mustAddObligation(third.id, { committee_id: orgs.named.Kommunstyrelsen.id, cadence: 'quarterly', due_days: 30,
      starts_on: '2026-01-01' });
    assert.equal(o.group_id, third.id);
  });
});

// ------------------------------------------------------------------------------------------------

describe('reporting: drafting a report from the platform\'s data', () => {
  let server;
  let a;
  let orgs;
  let w; // buildGroupWork
  let report; // the draft of the quarter running today

  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    orgs = await organisationFacts(a);
    w = await buildGroupWork(a, orgs, 'Trygghetsgruppen Årsta');
  });
  after(async () => { await server?.close(); });

  test('draft the quarter running today: 201, Location, the five governance sections and the situation picture in order', async () => {
    const r = await a.draft(w.obligation.id, w.current.period_start);
    assert.equal(r.status, 201, r.text);
    report = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/reports/${report.id}`);
    assert.deepEqual(Object.keys(report).sort(), REPORT_KEYS);
    assert.deepEqual(report.sections.map((s) => s.key), SECTION_KEYS);
    for (const s of report.sections) {
      assert.deepEqual(Object.keys(s).sort(), ['body', 'columns', 'key', 'rows', 'title']);
      assert.ok(s.title.length > 0 && s.body.length > 0, JSON.stringify(s));
    }
    assert.equal(section(report, 'governance.upcoming_major').title, 'Kommande större beslut');
    const picture = section(report, 'situation_picture.areas');
    assert.match(picture.title, /^Lägesbild .+, kvartal [1-4] \d{4}$/);
    assert.deepEqual(picture.columns, ['Kategori', 'Antal', 'Föregående period', 'Förändring', 'Samma period i fjol']);
    assert.ok(picture.rows.some((r) => r[0] === 'Klotter'), JSON.stringify(picture.rows));
    assert.deepEqual({ ...report, id: undefined, sections: undefined, title: undefined }, {
      id: undefined, sections: undefined, title: undefined,
      obligation_id: w.obligation.id, group_id: w.group.id, group_name: 'Trygghetsgruppen Årsta',
      committee_id: orgs.named.Kommunstyrelsen.id, committee_name: 'Kommunstyrelsen',
      period_start: w.current.period_start, period_end: w.current.period_end, due_on: w.current.due_on,
      status: 'draft', submitted_on: null, tracking: 'due', feedback: [],
    });
    assert.match(report.title, /^Återrapportering från Trygghetsgruppen Årsta till Kommunstyrelsen/);
    assert.deepEqual(await a.report(report.id), report, 'GET returns what the 201 said');
    const listed = (await a.obligation(w.obligation.id)).periods.find((p) => p.period_start === w.current.period_start);
    assert.deepEqual(listed, { ...w.current, report_id: report.id, report_status: 'draft', tracking: 'due' });
  });

  test('delegated decisions: the finalised decision within the mandate, its amount as "250 000 kr" with a non-breaking space', () => {
    const s = section(report, 'governance.delegated_decisions');
    assert.deepEqual(s.columns, ['Datum', 'Beslut', 'Ärendetyp', 'Belopp']);
    assert.deepEqual(s.rows, [[w.today, 'Belysning på gångvägen vid Årstaberg', 'Åtgärd', `250${NBSP}000 kr`]],
      'neither the escalated nor the proposed decision, nor the one before the period');
    assert.equal(s.body, 'Ett beslut fattades med stöd av delegation under perioden.');
  });

  test('escalations: the pending one, "Väntar på besked", to Kommunstyrelsen', () => {
    const s = section(report, 'governance.escalations');
    assert.deepEqual(s.columns, ['Datum', 'Beslut', 'Till', 'Utfall']);
    assert.deepEqual(s.rows, [[w.escalated.escalation.created_on, 'Kameraövervakning vid Årsta torg', 'Kommunstyrelsen', 'Väntar på besked']]);
    assert.match(s.body, /Ett ärende låg utanför gruppens mandat/);
  });

  test('consultations: the major decision\'s consultation opened 5 days before, "För sent"', () => {
    const s = section(report, 'governance.consultations');
    assert.deepEqual(s.columns, ['Beslut', 'Beslutsdatum', 'Samråd öppnat', 'Avslutat', 'Bedömning']);
    assert.deepEqual(s.rows, [['Större omfördelning till fältassistenter', w.today, addDays(w.today, -5), '–', 'För sent']]);
    assert.match(s.body, /^1 beslut saknade samråd i god tid \(minst 14 dagar före beslutet\)/);
  });

  test('meetings: the one meeting in the period, counted, with the first line of its agenda', () => {
    const s = section(report, 'governance.meetings');
    assert.deepEqual(s.columns, ['Datum', 'Dagordning']);
    assert.deepEqual(s.rows, [[w.today, 'Lägesbild från Årsta']]);
    assert.match(s.body, /^Gruppen höll 1 sammanträd/);
  });

  test('upcoming major decisions: the proposed major decision', () => {
    const s = section(report, 'governance.upcoming_major');
    assert.deepEqual(s.rows, [['Större omfördelning till fältassistenter', w.today, 'Förslag']]);
  });

  test('the previous quarter\'s report holds the decision and meeting before this quarter, and none of this quarter\'s', async () => {
    const prev = await a.mustDraft(w.obligation.id, w.previous.period_start);
    assert.equal(prev.period_end, w.previous.period_end);
    assert.equal(prev.due_on, w.previous.due_on);
    assert.deepEqual(section(prev, 'governance.delegated_decisions').rows,
      [[w.earlierMeeting.held_on, 'Klotterplank i Årstaskogen', 'Åtgärd', `1${NBSP}000 kr`]]);
    assert.deepEqual(section(prev, 'governance.meetings').rows, [[w.earlierMeeting.held_on, 'Förra kvartalets möte']]);
    assert.deepEqual(section(prev, 'governance.consultations').rows, []);
    assert.equal(section(prev, 'governance.consultations').body, 'Inga beslut under perioden krävde politiskt samråd.');
    assert.deepEqual(section(prev, 'governance.escalations').rows, []);
    // And the current report is as drafted: nothing of the earlier quarter leaked in.
    assert.ok(!JSON.stringify((await a.report(report.id)).sections).includes('Klotterplank i Årstaskogen'));
  });

  test('refused drafts: a day that starts no period, before the obligation, bad dates, unknown fields: 400 period_start; unknown obligation 404; nothing stored', async () => {
    const before = await snapshot(a);
    const reports = () => sql(server.db, 'SELECT count(*) FROM reports');
    const count = reports();
    const refused = async (json, status, opts, oid = w.obligation.id) => {
      assertProblem(assert, await a.draftWith(oid, json), status, opts);
      assert.deepEqual(await snapshot(a), before, `stored reports changed after ${JSON.stringify(json)}`);
      assert.equal(reports(), count);
    };
    await refused({ period_start: '2026-02-01' }, 400, { field: 'period_start', detail: /starts on 2026-01-01/ });
    await refused({ period_start: '2026-03-31' }, 400, { field: 'period_start' });
    await refused({ period_start: '2024-10-01' }, 400, { field: 'period_start', detail: /2025-01-01/ });
    await refused({ period_start: '2026-02-30' }, 400, { field: 'period_start' });
    await refused({ period_start: '2026-1-01' }, 400, { field: 'period_start' });
    await refused({}, 400, { field: 'period_start' });
    await refused({ period_start: w.current.period_start, sections: [] }, 400, { field: 'sections' });
    await refused({ period_start: w.current.period_start }, 404, {}, UNKNOWN_ID);
  });

  test('the same period twice: 409, the first draft unchanged', async () => {
    const first = await a.report(report.id);
    assertProblem(assert, await a.draft(w.obligation.id, w.current.period_start), 409, { detail: /already exists/ });
    assert.deepEqual(await a.report(report.id), first);
    assert.equal(sql(server.db, `SELECT count(*) FROM reports WHERE obligation_id = '${w.obligation.id}' AND period_start = '${w.current.period_start}'`), '1');
  });

  // Beyond the brief. A server bug today (SQLite and PostgreSQL): the escalations section picks
  // escalations by the day the escalation row was created (the day the decision was recorded), while
  // the delegated-decision, consultation and meeting sections go by the decision/meeting date. A
  // decision taken at a meeting in the previous quarter but recorded today is reported under that
  // quarter's meetings, yet its escalation lands in this quarter's report and is missing from the
  // previous one.
  test('an escalation is reported in the period of its decision, like the meeting it came from', async () => {
    const late = await buildGroupWork(a, orgs, 'Trygghetsgruppen Årsta, efterhand');
    const escalated = await a.mustDecide(late.earlierMeeting.id, { title: 'Kameror vid Årstadal, beslutat förra kvartalet',
      matter_type: 'measure', amount_sek: 800000 });
    assert.equal(escalated.status, 'escalated');
    const prev = await a.mustDraft(late.obligation.id, late.previous.period_start);
    const cur = await a.mustDraft(late.obligation.id, late.current.period_start);
    assert.deepEqual(section(prev, 'governance.meetings').rows.map((r) => r[0]), [late.earlierMeeting.held_on]);
    assert.deepEqual(section(prev, 'governance.escalations').rows.map((r) => [r[1], r[3]]),
      [['Kameror vid Årstadal, beslutat förra kvartalet', 'Väntar på besked']], 'in the quarter it was decided');
    assert.deepEqual(section(cur, 'governance.escalations').rows.map((r) => r[1]), ['Kameraövervakning vid Årsta torg'],
      'not in this quarter\'s');
  });
});

// ------------------------------------------------------------------------------------------------

describe('reporting: editing, submitting and tracking', () => {
  let server;
  let a;
  let orgs;
  let group;
  let obligation;
  let report; // Q1 2025, long overdue
  const q1 = { period_start: '2025-01-01', period_end: '2025-03-31', due_on: '2025-04-30' };

  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    orgs = await organisationFacts(a);
    ({ group, obligation } = await bareObligation(a, orgs, 'Redigeringsgruppen'));
  });
  after(async () => { await server?.close(); });

  const overdueOf = async () => (await a.health()).overdue_reports.filter((x) => x.obligation_id === obligation.id);

  test('health: every past period of the obligation without a submitted report is overdue, by days', async () => {
    const today = todayStockholm();
    const expected = expectedPeriods('quarterly', '2025-01-01', 30, today).filter((p) => p.due_on < today);
    assert.ok(expected.length >= 6, 'Q1 2025 to Q3 2026 at least');
    const listed = await overdueOf();
    assert.deepEqual(listed, expected.map((p) => ({ obligation_id: obligation.id, group_name: 'Redigeringsgruppen',
      committee_name: 'Kommunstyrelsen', period_start: p.period_start, period_end: p.period_end, due_on: p.due_on, report_id: null,
      days_overdue: daysBetween(p.due_on, today) })));
    const running = periodContaining('quarterly', today, 30);
    assert.ok(!listed.some((x) => x.period_start === running.period_start), 'the running period is not overdue');
  });

  test('a draft does not settle an overdue period: still listed, now with its report', async () => {
    report = await a.mustDraft(obligation.id, q1.period_start);
    assert.equal(report.tracking, 'overdue');
    const entry = (await overdueOf()).find((x) => x.period_start === q1.period_start);
    assert.equal(entry?.report_id, report.id, JSON.stringify(entry));
    const period = (await a.obligation(obligation.id)).periods[0];
    assert.deepEqual(period, { ...q1, report_id: report.id, report_status: 'draft', tracking: 'overdue' });
  });

  test('PUT: the title and the named sections\' bodies are replaced; the rest, and every table, stays', async () => {
    const before = await a.report(report.id);
    const title = 'Återrapportering Q1 2025 — ”reviderad”';
    const body1 = 'Inga delegationsbeslut.\n\nGruppen prioriterade Järvafältet.';
    const body2 = 'Två möten ställdes in på grund av sjukdom.';
    const r = await a.edit(report.id, { title, sections: [{ key: 'governance.delegated_decisions', body: body1 },
      { key: 'governance.meetings', body: `  ${body2}  ` }] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.title, title);
    assert.equal(section(r.body, 'governance.delegated_decisions').body, body1, 'line breaks are kept');
    assert.equal(section(r.body, 'governance.meetings').body, body2);
    const expected = structuredClone(before);
    expected.title = title;
    expected.sections[0].body = body1;
    expected.sections[3].body = body2;
    assert.deepEqual(r.body, expected, 'only the title and the two bodies changed');
    assert.deepEqual(await a.report(report.id), r.body);
    // Without a title the title stays; an empty body empties a section's text.
    const r2 = await a.mustEdit(report.id, { sections: [{ key: 'governance.escalations', body: '' }] });
    assert.equal(r2.title, title);
    assert.equal(section(r2, 'governance.escalations').body, '');
  });

  test('refused edits: unknown key, unknown field, NUL, wrong types: 400 naming the field; unknown report 404; the report unchanged', async () => {
    const before = await a.report(report.id);
    const refused = async (json, status, opts, id = report.id) => {
      assertProblem(assert, await a.edit(id, json), status, opts);
      assert.deepEqual(await a.report(report.id), before, `report changed after ${JSON.stringify(json)}`);
    };
    await refused({ sections: [{ key: 'governance.budget', body: 'x' }] }, 400, { field: 'sections[0].key' });
    await refused({ title: 'Ny titel', sections: [{ key: 'governance.meetings', body: 'ändrad' }, { key: 'GOVERNANCE.MEETINGS', body: 'x' }] },
      400, { field: 'sections[1].key' });
    await refused({ sections: [{ body: 'x' }] }, 400, { field: 'sections[0].key' });
    await refused({ sections: [{ key: 'governance.meetings', body: 'x', title: 'Möten' }] }, 400, { field: 'sections[0].title' });
    await refused({ sections: [{ key: 'governance.meetings', body: 'före\u0000efter' }] }, 400, { field: 'sections[0].body' });
    await refused({ sections: [{ key: 'governance.meetings', body: 7 }] }, 400, { field: 'sections[0].body' });
    await refused({ sections: 'governance.meetings' }, 400, { field: 'sections' });
    await refused({ sections: ['governance.meetings'] }, 400, { field: 'sections[0]' });
    await refused({ title: 'a\u0000b' }, 400, { field: 'title' });
    await refused({ title: 'x'.repeat(301) }, 400, { field: 'title' });
    await refused({ title: 'Ny titel', status: 'submitted' }, 400, { field: 'status' });
    await refused({ title: 'Ny titel' }, 404, {}, UNKNOWN_ID);
  });

  test('submit: 200 submitted today; the period and the health view see it', async () => {
    const today = todayStockholm();
    const before = await a.report(report.id);
    const r = await a.submit(report.id);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { ...before, status: 'submitted', submitted_on: today, tracking: 'submitted' });
    assert.deepEqual(await a.report(report.id), r.body);
    const period = (await a.obligation(obligation.id)).periods[0];
    assert.deepEqual(period, { ...q1, report_id: report.id, report_status: 'submitted', tracking: 'submitted' });
    const overdue = await overdueOf();
    assert.ok(!overdue.some((x) => x.period_start === q1.period_start), 'dropped from overdue_reports');
    assert.ok(overdue.some((x) => x.period_start === '2025-04-01'), 'the next past period is still overdue');
  });

  test('after submitting: edit 409, submit again 409; the report unchanged', async () => {
    const before = await a.report(report.id);
    assertProblem(assert, await a.edit(report.id, { title: 'För sent ändrad' }), 409, { detail: /submitted/ });
    assertProblem(assert, await a.edit(report.id, { sections: [{ key: 'governance.meetings', body: 'x' }] }), 409);
    assertProblem(assert, await a.submit(report.id), 409, { detail: /already submitted/ });
    assertProblem(assert, await a.submit(UNKNOWN_ID), 404);
    assert.deepEqual(await a.report(report.id), before);
  });

  test('a report submitted before its due date: tracking "submitted", and the running period never shows as overdue', async () => {
    const running = periodContaining('quarterly', todayStockholm(), 30);
    const r = await a.mustDraft(obligation.id, running.period_start);
    assert.equal(r.tracking, 'due');
    const s = await a.mustSubmit(r.id);
    assert.equal(s.tracking, 'submitted');
    assert.equal((await a.obligation(obligation.id)).periods.at(-1).tracking, 'submitted');
  });
});

// ------------------------------------------------------------------------------------------------

describe('reporting: PDF and HTML downloads', () => {
  let server;
  let a;
  let orgs;
  let w;
  let report; // the quarter running today, with a long section so that it runs over pages
  let hostile; // the previous quarter, with markup in its title and a section body
  const LONG = Array.from({ length: 90 }, (_, i) => `Rad ${i + 1}: åtgärder längs Årstastråket följdes upp.`).join('\n');

  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    orgs = await organisationFacts(a);
    w = await buildGroupWork(a, orgs, 'Trygghetsgruppen Årsta');
    report = await a.mustDraft(w.obligation.id, w.current.period_start);
    report = await a.mustEdit(report.id, { sections: [{ key: 'governance.meetings', body: LONG }] });
    hostile = await a.mustDraft(w.obligation.id, w.previous.period_start);
    hostile = await a.mustEdit(hostile.id, { title: 'Rapport <b>fet</b> & "citat"',
      sections: [{ key: 'governance.escalations', body: '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>' }] });
  });
  after(async () => { await server?.close(); });

  test('PDF: 200 application/pdf as an attachment; pdftotext finds the title, Swedish text, table cells and "Sida i av N" on every page', async () => {
    const r = await a.download(report.id, 'pdf');
    assert.equal(r.status, 200, r.body.toString('utf8').slice(0, 300));
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.headers['content-disposition'], `attachment; filename="aterrapportering-${w.current.period_start}.pdf"`);
    assert.equal(r.body.subarray(0, 5).toString('latin1'), '%PDF-');
    const pdf = readPdf(r.body);
    assert.ok(pdf.pages >= 2, `the long section runs over pages: ${pdf.pages}`);
    assert.ok(pdf.flat.includes(report.title), `title ${report.title} in ${pdf.flat.slice(0, 400)}`);
    for (const s of ['Återrapportering', 'Kommunstyrelsen', 'Kommande större beslut', 'Trygghetsgruppen Årsta', 'Väntar på besked',
      'Belysning på gångvägen vid Årstaberg', 'Större omfördelning till fältassistenter', 'För sent',
      'Rad 90: åtgärder längs Årstastråket följdes upp.']) {
      assert.ok(pdf.flat.includes(s), `"${s}" in the PDF text`);
    }
    assert.match(pdf.flat, new RegExp(`250[ ${NBSP}]000 kr`), 'the amount cell');
    for (let i = 1; i <= pdf.pages; i++) assert.ok(pdf.flat.includes(`Sida ${i} av ${pdf.pages}`), `"Sida ${i} av ${pdf.pages}"`);
    assert.ok(!pdf.flat.includes(`Sida ${pdf.pages + 1}`));
    assert.equal(pdf.text.split('\f').filter((p) => p.trim()).length, pdf.pages);
  });

  test('PDF metadata: Title, Author (the group), Subject and Creator "Samverkan"', async () => {
    const { info } = readPdf((await a.download(report.id, 'pdf')).body);
    assert.equal(info.Title, report.title);
    assert.equal(info.Author, 'Trygghetsgruppen Årsta');
    assert.equal(info.Subject, 'Återrapportering till Kommunstyrelsen');
    assert.equal(info.Creator, 'Samverkan');
  });

  test('PDF: markup in a title or a body is printed as text', async () => {
    const pdf = readPdf((await a.download(hostile.id, 'pdf')).body);
    assert.ok(pdf.flat.includes('Rapport <b>fet</b> & "citat"'), pdf.flat.slice(0, 300));
    assert.ok(pdf.flat.includes('<script>alert(1)</script>'));
  });

  test('HTML: 200 text/html as an attachment, with its own Content-Security-Policy that allows no script', async () => {
    const r = await request(server, `/api/v1/reports/${report.id}/html`, { session: a.session });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8$/i);
    assert.equal(r.headers.get('content-disposition'), `attachment; filename="aterrapportering-${w.current.period_start}.html"`);
    const csp = r.headers.get('content-security-policy');
    assert.ok(csp, 'a CSP header');
    assert.doesNotMatch(csp, /script-src/, csp);
    assert.match(csp, /default-src 'none'/, 'so no script from anywhere');
    assert.doesNotMatch(csp, /,/, `one policy, not the application's as well: ${csp}`);
    const html = r.text;
    assert.match(html, /^<!doctype html>/i);
    assert.match(html, /<html lang="sv">/);
    assert.ok(html.includes(`<title>${report.title}</title>`), 'the title');
    assert.ok(html.includes('<table>'));
    assert.ok(html.includes('<th scope="col">Belopp</th>'));
    assert.ok(html.includes(`<td>250${NBSP}000 kr</td>`), 'the amount with its non-breaking space');
    assert.ok(html.includes('<td>Väntar på besked</td>'));
    assert.ok(html.includes('Kommande större beslut'));
    assert.doesNotMatch(html, /<script/i);
  });

  test('HTML: a section body with <script> and a title with markup are escaped', async () => {
    const r = await request(server, `/api/v1/reports/${hostile.id}/html`, { session: a.session });
    assert.equal(r.status, 200, r.text);
    const html = r.text;
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), html);
    assert.ok(html.includes('&lt;img src=x onerror=alert(2)&gt;'));
    assert.doesNotMatch(html, /<script|<img/i);
    assert.ok(html.includes('<title>Rapport &lt;b&gt;fet&lt;/b&gt; &amp; &quot;citat&quot;</title>'), html.slice(0, 600));
    assert.doesNotMatch(html, /<b>fet/);
  });

  test('downloads of an unknown report: 404; without a session: 401', async () => {
    assertProblem(assert, await request(server, `/api/v1/reports/${UNKNOWN_ID}/pdf`, { session: a.session }), 404);
    assertProblem(assert, await request(server, `/api/v1/reports/${UNKNOWN_ID}/html`, { session: a.session }), 404);
    assertProblem(assert, await request(server, `/api/v1/reports/${report.id}/pdf`), 401);
    assertProblem(assert, await request(server, `/api/v1/reports/${report.id}/html`), 401);
  });
});

// ------------------------------------------------------------------------------------------------

describe('reporting: feedback and follow-up items', () => {
  let server;
  let a;
  let orgs;
  let politician;
  let draft;
  let submitted;
  let items; // { future, past } follow-up items
  const request0 = (over = {}) => ({ request: 'Redovisa effekten av belysningen', owner_name: 'Åsa Ström',
    owner_id: orgs.named.Stadsledningskontoret.id, due_on: addDays(todayStockholm(), 60), ...over });
  const feedbackBody = (over = {}) => ({ received_on: todayStockholm(), from_id: orgs.named.Kommunstyrelsen.id,
    summary: 'Kommunstyrelsen tackar för rapporten.\nFörtydliga fältassistenternas uppdrag.', requests: [request0()], ...over });

  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    orgs = await organisationFacts(a);
    politician = await mustSignIn(server, 'politician');
    const { obligation } = await bareObligation(a, orgs, 'Återkopplingsgruppen');
    draft = await a.mustDraft(obligation.id, '2025-01-01');
    submitted = await a.mustDraft(obligation.id, '2025-04-01');
    submitted = await a.mustSubmit(submitted.id);
  });
  after(async () => { await server?.close(); });

  test('feedback on a draft: 409, nothing stored', async () => {
    const rows = feedbackRows(server.db);
    assertProblem(assert, await a.feedback(draft.id, feedbackBody(), politician), 409, { detail: /submitted report/ });
    assert.deepEqual((await a.report(draft.id)).feedback, []);
    assert.equal(feedbackRows(server.db), rows);
  });

  test('feedback on a submitted report as a politician: 201; each request is a follow-up item, open, overdue when past due', async () => {
    const today = todayStockholm();
    const body = feedbackBody({ requests: [request0(), request0({ request: 'Återkom om kameraärendet', owner_name: 'Örjan Polis',
      owner_id: orgs.named['Polisregion Stockholm'].id, due_on: addDays(today, -3) })] });
    const r = await a.feedback(submitted.id, body, politician);
    assert.equal(r.status, 201, r.text);
    assert.deepEqual({ ...r.body, feedback: undefined }, { ...submitted, feedback: undefined }, 'the report itself unchanged');
    assert.equal(r.body.feedback.length, 1);
    const f = r.body.feedback[0];
    assert.deepEqual(Object.keys(f).sort(), ['from_id', 'id', 'received_on', 'requests', 'summary']);
    assert.deepEqual({ ...f, id: undefined, requests: undefined }, { id: undefined, requests: undefined, received_on: today,
      from_id: orgs.named.Kommunstyrelsen.id, summary: body.summary });
    assert.equal(f.requests.length, 2);
    const [past, future] = f.requests; // by due date
    items = { past, future };
    assert.deepEqual(past, { id: past.id, request: 'Återkom om kameraärendet', owner_name: 'Örjan Polis',
      owner_id: orgs.named['Polisregion Stockholm'].id, due_on: addDays(today, -3), status: 'open', done_on: null, note: '', overdue: true });
    assert.deepEqual(future, { id: future.id, ...request0(), status: 'open', done_on: null, note: '', overdue: false });
    assert.deepEqual(await a.report(submitted.id), r.body, 'GET returns what the 201 said');
  });

  test('refused feedback: 400 naming the field; unknown report 404; stored feedback unchanged', async () => {
    const before = await a.report(submitted.id);
    const rows = feedbackRows(server.db);
    const refused = async (json, status, opts, id = submitted.id) => {
      assertProblem(assert, await a.feedback(id, json, politician), status, opts);
      assert.deepEqual(await a.report(submitted.id), before, `feedback changed after ${JSON.stringify(json)}`);
      assert.equal(feedbackRows(server.db), rows);
    };
    await refused(feedbackBody({ requests: [request0({ due_on: '2026-02-30' })] }), 400, { field: 'requests[0].due_on' });
    await refused(feedbackBody({ requests: [request0({ due_on: 'snart' })] }), 400, { field: 'requests[0].due_on' });
    await refused(feedbackBody({ requests: [request0(), request0({ due_on: undefined })] }), 400, { field: 'requests[1].due_on' });
    await refused(feedbackBody({ requests: [request0({ owner_id: UNKNOWN_ID })] }), 400, { field: 'requests[0].owner_id' });
    await refused(feedbackBody({ requests: [request0({ request: '  ' })] }), 400, { field: 'requests[0].request' });
    await refused(feedbackBody({ requests: [request0({ owner_name: undefined })] }), 400, { field: 'requests[0].owner_name' });
    await refused(feedbackBody({ requests: [request0({ priority: 'hög' })] }), 400, { field: 'requests[0].priority' });
    await refused(feedbackBody({ requests: 'Redovisa effekten' }), 400, { field: 'requests' });
    await refused(feedbackBody({ from_id: UNKNOWN_ID }), 400, { field: 'from_id' });
    await refused(feedbackBody({ from_id: undefined }), 400, { field: 'from_id' });
    await refused(feedbackBody({ summary: undefined }), 400, { field: 'summary' });
    await refused(feedbackBody({ summary: '   ' }), 400, { field: 'summary' });
    await refused(feedbackBody({ received_on: '2026-13-01' }), 400, { field: 'received_on' });
    await refused(feedbackBody({ received_on: undefined }), 400, { field: 'received_on' });
    await refused(feedbackBody({ grade: 'godkänd' }), 400, { field: 'grade' });
    await refused(feedbackBody(), 404, {}, UNKNOWN_ID);
  });

  test('health: overdue_follow_ups lists the open item past its due date, not the one due later', async () => {
    const listed = (await a.health()).overdue_follow_ups;
    assert.deepEqual(listed.find((x) => x.id === items.past.id), { id: items.past.id, request: 'Återkom om kameraärendet',
      owner_name: 'Örjan Polis', owner: 'Polisregion Stockholm', due_on: items.past.due_on, report_id: submitted.id });
    assert.ok(!listed.some((x) => x.id === items.future.id));
  });

  test('done as coordinator: 200, done today with the note; dropped from health; the other item untouched', async () => {
    const r = await a.done(items.past.id, { note: 'Besked lämnat på KS sammanträde.' });
    assert.equal(r.status, 200, r.text);
    const got = r.body.feedback[0].requests;
    assert.deepEqual(got.find((i) => i.id === items.past.id), { ...items.past, status: 'done', done_on: todayStockholm(),
      note: 'Besked lämnat på KS sammanträde.', overdue: false });
    assert.deepEqual(got.find((i) => i.id === items.future.id), items.future);
    assert.deepEqual(await a.report(submitted.id), r.body);
    assert.ok(!(await a.health()).overdue_follow_ups.some((x) => x.id === items.past.id), 'no longer overdue');
  });

  test('done twice: 409; unknown item 404; a bad note 400; nothing changes', async () => {
    const before = await a.report(submitted.id);
    assertProblem(assert, await a.done(items.past.id, { note: 'Igen' }), 409, { detail: /already done/ });
    assertProblem(assert, await a.done(UNKNOWN_ID, { note: 'x' }), 404);
    assertProblem(assert, await a.done(items.future.id, { note: 7 }), 400, { field: 'note' });
    assertProblem(assert, await a.done(items.future.id, { note: 'ok', done_on: '2020-01-01' }), 400, { field: 'done_on' });
    assert.deepEqual(await a.report(submitted.id), before);
  });

  test('done by a member of the group: 200 (no note needed); by a member of another group: 403', async () => {
    const member = await mustSignIn(server, 'member');
    const g = (await a.groups()).find((x) => x.name === 'Återkopplingsgruppen');
    const before = await a.report(submitted.id);
    assertProblem(assert, await a.done(items.future.id, undefined, member), 403);
    assert.deepEqual(await a.report(submitted.id), before);
    await a.mustAddMember(g.id, { name: 'Mohammed Gruppmedlem', organisation_id: orgs.named['Järva stadsdelsnämnd'].id, role: 'member',
      user_id: member.user.id });
    const r = await a.done(items.future.id, undefined, member);
    assert.equal(r.status, 200, r.text);
    const item = r.body.feedback[0].requests.find((i) => i.id === items.future.id);
    assert.deepEqual(item, { ...items.future, status: 'done', done_on: todayStockholm(), note: '' });
  });
});

// ------------------------------------------------------------------------------------------------

describe('reporting: authorisation', () => {
  let server;
  let coord;
  let a;
  let orgs;
  let demo;
  const o = {}; // obligations: steering, jarva
  const rep = {}; // reports: steeringDraft, steeringSubmitted, jarvaSubmitted
  let steeringItem; // an open follow-up item on the steering group's report
  let jarvaItem;

  before(async () => {
    server = await startServer();
    coord = await mustSignIn(server, 'coordinator');
    a = api(server, coord);
    orgs = await organisationFacts(a);
    demo = await demoGroups(a);
    const ks = orgs.named.Kommunstyrelsen.id;
    // (The demo data has the steering group report quarterly to Kommunstyrelsen; this is another obligation.)
    o.steering = await a.mustAddObligation(demo.steering.id, { committee_id: ks, cadence: 'tertial', due_days: 30, starts_on: '2025-01-01' });
    o.jarva = await a.mustAddObligation(demo.jarva.id, { committee_id: orgs.named['Järva stadsdelsnämnd'].id, cadence: 'tertial',
      due_days: 30, starts_on: '2025-01-01' });
    rep.steeringDraft = await a.mustDraft(o.steering.id, '2025-01-01');
    rep.steeringSubmitted = await a.mustDraft(o.steering.id, '2025-05-01');
    await a.mustSubmit(rep.steeringSubmitted.id);
    steeringItem = (await a.mustFeedback(rep.steeringSubmitted.id, { received_on: '2025-09-01', from_id: ks, summary: 'Tack.',
      requests: [{ request: 'Redovisa läget', owner_name: 'Stadsdirektör', owner_id: orgs.named.Stadsledningskontoret.id,
        due_on: '2030-01-01' }] })).feedback[0].requests[0];
    rep.jarvaSubmitted = await a.mustDraft(o.jarva.id, '2025-01-01');
    await a.mustSubmit(rep.jarvaSubmitted.id);
    jarvaItem = (await a.mustFeedback(rep.jarvaSubmitted.id, { received_on: '2025-06-01', from_id: orgs.named['Järva stadsdelsnämnd'].id,
      summary: 'Bra.', requests: [{ request: 'Fler trygghetsvandringar', owner_name: 'Järva SDN', owner_id: orgs.named['Järva stadsdelsnämnd'].id,
        due_on: '2030-01-01' }] })).feedback[0].requests[0];
  });
  after(async () => { await server?.close(); });

  test('politician: reads the reporting list, every report, its PDF and HTML, and the health view', async () => {
    const s = await mustSignIn(server, 'politician');
    assert.deepEqual(await a.reporting(undefined, s), await a.reporting());
    assert.deepEqual(await a.reporting(demo.jarva.id, s), await a.reporting(demo.jarva.id));
    for (const r of Object.values(rep)) assert.deepEqual(await a.report(r.id, s), await a.report(r.id));
    const pdf = await a.download(rep.steeringDraft.id, 'pdf', s);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const html = await a.download(rep.steeringDraft.id, 'html', s);
    assert.equal(html.status, 200);
    assert.match(html.headers['content-type'], /^text\/html/);
    assert.deepEqual(await a.health(s), await a.health());
  });

  test('politician: adding an obligation, drafting, editing, submitting, closing a follow-up: 403, audited as authz.deny, nothing changes', async () => {
    const s = await mustSignIn(server, 'politician');
    const before = await snapshot(a);
    const denied = denials(server.db, 'politician');
    const writes = [
      ['add obligation', () => a.addObligation(demo.steering.id, { committee_id: orgs.named.Socialnämnden.id, cadence: 'yearly', due_days: 30,
        starts_on: '2025-01-01' }, s)],
      ['draft', () => a.draft(o.steering.id, '2025-09-01', s)],
      ['edit', () => a.edit(rep.steeringDraft.id, { title: 'Politikerns titel' }, s)],
      ['submit', () => a.submit(rep.steeringDraft.id, s)],
      ['follow-up done', () => a.done(steeringItem.id, { note: 'Klart enligt KS' }, s)],
    ];
    for (const [label, write] of writes) {
      const r = await write();
      assert.equal(r.status, 403, `${label}: ${r.status} ${r.text}`);
      assertProblem(assert, r, 403);
    }
    assert.deepEqual(await snapshot(a), before, 'stored data changed');
    assert.equal(denials(server.db, 'politician'), denied + writes.length, 'one authz.deny row per refused write');
    const rows = sql(server.db, `SELECT outcome FROM audit_log WHERE action = 'authz.deny' AND actor_name = 'politician' ORDER BY seq DESC LIMIT ${writes.length}`);
    assert.deepEqual(rows.split('\n'), writes.map(() => 'denied'));
  });

  test('politician: records feedback on a submitted report: 201, audited as theirs', async () => {
    const s = await mustSignIn(server, 'politician');
    const r = await a.feedback(rep.steeringSubmitted.id, { received_on: todayStockholm(), from_id: orgs.named.Kommunstyrelsen.id,
      summary: 'KS önskar en fördjupad redovisning.', requests: [] }, s);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.feedback.length, 2);
    const row = auditRows(server.db, ['report.feedback']).at(-1);
    assert.deepEqual([row.actorName, row.objectId, row.outcome], ['politician', rep.steeringSubmitted.id, 'success']);
  });

  test('member (in the Järva group): drafts, edits and submits Järva\'s report and closes its follow-up', async () => {
    const s = await mustSignIn(server, 'member');
    const d = await a.draft(o.jarva.id, '2025-05-01', s);
    assert.equal(d.status, 201, d.text);
    const e = await a.edit(d.body.id, { sections: [{ key: 'governance.meetings', body: 'Skrivet av gruppmedlemmen.' }] }, s);
    assert.equal(e.status, 200, e.text);
    assert.equal(section(e.body, 'governance.meetings').body, 'Skrivet av gruppmedlemmen.');
    const sub = await a.submit(d.body.id, s);
    assert.equal(sub.status, 200, sub.text);
    assert.equal(sub.body.status, 'submitted');
    const done = await a.done(jarvaItem.id, { note: 'Två vandringar till i höst.' }, s);
    assert.equal(done.status, 200, done.text);
    const rows = auditRows(server.db, ['report.draft', 'report.edit', 'report.submit', 'report.follow_up_done'])
      .filter((x) => [d.body.id, jarvaItem.id].includes(x.objectId));
    assert.deepEqual(rows.map((x) => [x.action, x.actorName]),
      [['report.draft', 'member'], ['report.edit', 'member'], ['report.submit', 'member'], ['report.follow_up_done', 'member']]);
  });

  test('member: 403 for the steering group\'s reports, for obligations (even Järva\'s) and for feedback; audited; nothing changes', async () => {
    const s = await mustSignIn(server, 'member');
    const before = await snapshot(a);
    const denied = denials(server.db, 'member');
    const writes = [
      ['steering draft', () => a.draft(o.steering.id, '2025-09-01', s)],
      ['steering edit', () => a.edit(rep.steeringDraft.id, { title: 'Medlemmens titel' }, s)],
      ['steering submit', () => a.submit(rep.steeringDraft.id, s)],
      ['steering follow-up', () => a.done(steeringItem.id, { note: 'x' }, s)],
      ['Järva obligation', () => a.addObligation(demo.jarva.id, { committee_id: orgs.named.Kommunstyrelsen.id, cadence: 'yearly',
        due_days: 30, starts_on: '2025-01-01' }, s)],
      ['Järva feedback', () => a.feedback(rep.jarvaSubmitted.id, { received_on: todayStockholm(), from_id: orgs.named['Järva stadsdelsnämnd'].id,
        summary: 'Egen återkoppling', requests: [] }, s)],
    ];
    for (const [label, write] of writes) {
      const r = await write();
      assert.equal(r.status, 403, `${label}: ${r.status} ${r.text}`);
      assertProblem(assert, r, 403);
    }
    assert.deepEqual(await snapshot(a), before);
    assert.equal(denials(server.db, 'member'), denied + writes.length);
    const rows = sql(server.db, `SELECT detail FROM audit_log WHERE action = 'authz.deny' AND actor_name = 'member' ORDER BY seq DESC LIMIT ${writes.length}`);
    for (const action of ['group.record', 'group.manage', 'report.feedback']) assert.match(rows, new RegExp(action.replace('.', '\\.')), rows);
  });

  test('anonymous: 401 for reading and writing; nothing changes', async () => {
    const before = await snapshot(a);
    const anon = (method, p, json) => request(server, p, { method, json });
    const id = rep.steeringDraft.id;
    assertProblem(assert, await anon('GET', REPORTING), 401);
    assertProblem(assert, await anon('GET', `${REPORTING}?group_id=${demo.jarva.id}`), 401);
    assertProblem(assert, await anon('GET', `/api/v1/reports/${id}`), 401);
    assertProblem(assert, await anon('GET', `/api/v1/reports/${id}/pdf`), 401);
    assertProblem(assert, await anon('GET', `/api/v1/reports/${id}/html`), 401);
    assertProblem(assert, await anon('POST', `${GROUPS}/${demo.jarva.id}/obligations`, { committee_id: orgs.named.Kommunstyrelsen.id,
      cadence: 'yearly', starts_on: '2025-01-01' }), 401);
    assertProblem(assert, await anon('POST', `/api/v1/obligations/${o.steering.id}/reports`, { period_start: '2025-09-01' }), 401);
    assertProblem(assert, await anon('PUT', `/api/v1/reports/${id}`, { title: 'Anonym' }), 401);
    assertProblem(assert, await anon('POST', `/api/v1/reports/${id}/submit`), 401);
    assertProblem(assert, await anon('POST', `/api/v1/reports/${rep.steeringSubmitted.id}/feedback`, { received_on: '2025-09-01',
      from_id: orgs.named.Kommunstyrelsen.id, summary: 'x' }), 401);
    assertProblem(assert, await anon('POST', `/api/v1/follow-ups/${steeringItem.id}/done`, { note: 'x' }), 401);
    assert.deepEqual(await snapshot(a), before);
  });

  test('a coordinator without the CSRF token: 403 on every write; nothing changes; with it the same write works', async () => {
    const before = await snapshot(a);
    const noToken = (method, p, json, csrf = null) => request(server, p, { method, session: coord, csrf, json });
    const id = rep.steeringDraft.id;
    assertProblem(assert, await noToken('POST', `${GROUPS}/${demo.jarva.id}/obligations`, { committee_id: orgs.named.Kommunstyrelsen.id,
      cadence: 'yearly', starts_on: '2025-01-01' }), 403);
    assertProblem(assert, await noToken('POST', `/api/v1/obligations/${o.steering.id}/reports`, { period_start: '2025-09-01' }), 403);
    assertProblem(assert, await noToken('PUT', `/api/v1/reports/${id}`, { title: 'Utan token' }), 403);
    assertProblem(assert, await noToken('POST', `/api/v1/reports/${id}/submit`), 403);
    assertProblem(assert, await noToken('POST', `/api/v1/reports/${rep.steeringSubmitted.id}/feedback`, { received_on: '2025-09-01',
      from_id: orgs.named.Kommunstyrelsen.id, summary: 'x' }), 403);
    assertProblem(assert, await noToken('POST', `/api/v1/follow-ups/${steeringItem.id}/done`, { note: 'x' }), 403);
    assertProblem(assert, await noToken('POST', `/api/v1/reports/${id}/submit`, undefined, 'forged'), 403);
    assert.deepEqual(await snapshot(a), before);
    const r = await a.submit(id);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'submitted');
  });
});

// ------------------------------------------------------------------------------------------------

describe('reporting: concurrent requests', () => {
  const ROUNDS = 4;
  let server;
  let a;
  let orgs;
  let group;
  let obligation; // monthly from 2020-01-01

  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    orgs = await organisationFacts(a);
    ({ group, obligation } = await bareObligation(a, orgs, 'Samtidighetsgruppen', { cadence: 'monthly', starts_on: '2020-01-01' }));
  });
  after(async () => { await server?.close(); });

  const month = (i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
  let next = 0; // the next unused month

  test('two drafts of one period at once: exactly one 201, one stored, one audit row', async () => {
    const failures = [];
    for (let round = 0; round < ROUNDS; round++) {
      const p = month(next++);
      const res = await Promise.all([a.draft(obligation.id, p), a.draft(obligation.id, p)]);
      for (const r of res) assert.ok([201, 409].includes(r.status), `${r.status} ${r.text}`);
      const won = res.filter((r) => r.status === 201);
      const stored = Number(sql(server.db, `SELECT count(*) FROM reports WHERE obligation_id = '${obligation.id}' AND period_start = '${p}'`));
      const rows = auditRows(server.db, ['report.draft']).filter((x) => x.detail.period_start === p).length;
      const listed = (await a.obligation(obligation.id)).periods.find((x) => x.period_start === p)?.report_id;
      if (won.length !== 1 || stored !== 1 || rows !== 1 || listed !== won[0]?.body.id) {
        failures.push(`round ${round} (${p}): ${won.length} answered 201, ${stored} stored, ${rows} audit rows`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test('two submits of one draft at once: exactly one 200, one audit row', async () => {
    const failures = [];
    for (let round = 0; round < ROUNDS; round++) {
      const d = await a.mustDraft(obligation.id, month(next++));
      const res = await Promise.all([a.submit(d.id), a.submit(d.id)]);
      for (const r of res) assert.ok([200, 409].includes(r.status), `${r.status} ${r.text}`);
      const won = res.filter((r) => r.status === 200).length;
      const rows = auditRows(server.db, ['report.submit']).filter((x) => x.objectId === d.id).length;
      const stored = (await a.report(d.id)).status;
      if (won !== 1 || rows !== 1 || stored !== 'submitted') failures.push(`round ${round}: ${won} answered 200, ${rows} audit rows, stored ${stored}`);
    }
    assert.deepEqual(failures, []);
  });

  test('three identical obligations at once: exactly one 201', async () => {
    const failures = [];
    for (let round = 0; round < ROUNDS; round++) {
      const g = await a.mustCreateGroup({ name: `Samtidiga skyldigheter ${round}`, kind: 'thematic', cadence: 'monthly' });
      const res = await Promise.all([0, 1, 2].map(() => a.addObligation(g.id, { committee_id: orgs.named.Kommunstyrelsen.id,
        cadence: 'quarterly', due_days: 30, starts_on: '2026-01-01' })));
      for (const r of res) assert.ok([201, 409].includes(r.status), `${r.status} ${r.text}`);
      const made = res.filter((r) => r.status === 201).length;
      const stored = (await a.reporting(g.id)).length;
      if (made !== 1 || stored !== 1) failures.push(`round ${round}: ${made} answered 201, ${stored} stored`);
    }
    assert.deepEqual(failures, []);
  });

  test('two "done" on one follow-up item at once: exactly one 200', async () => {
    const d = await a.mustDraft(obligation.id, month(next++));
    await a.mustSubmit(d.id);
    const f = await a.mustFeedback(d.id, { received_on: '2025-01-01', from_id: orgs.named.Kommunstyrelsen.id, summary: 'Frågor',
      requests: Array.from({ length: ROUNDS }, (_, i) => ({ request: `Fråga ${i}`, owner_name: 'Stab',
        owner_id: orgs.named.Stadsledningskontoret.id, due_on: `2030-01-0${i + 1}` })) });
    const failures = [];
    for (const item of f.feedback[0].requests) {
      const res = await Promise.all([a.done(item.id, { note: 'A' }), a.done(item.id, { note: 'B' })]);
      for (const r of res) assert.ok([200, 409].includes(r.status), `${r.status} ${r.text}`);
      const winners = res.map((r, i) => (r.status === 200 ? ['A', 'B'][i] : null)).filter(Boolean);
      const stored = (await a.report(d.id)).feedback[0].requests.find((x) => x.id === item.id);
      const rows = auditRows(server.db, ['report.follow_up_done']).filter((x) => x.objectId === item.id).length;
      if (winners.length !== 1 || rows !== 1 || stored.note !== winners[0]) {
        failures.push(`${item.request}: ${winners.length} answered 200, ${rows} audit rows, stored note ${stored.note}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  // Beyond the brief. A server bug today on PostgreSQL (SQLite passes: its single writer serialises):
  // PUT /api/v1/reports/{id} reads the report and writes the whole row back (status, submitted_on,
  // sections) without taking the report's lock that submit takes, so an edit racing a submit can
  // write status 'draft' back over the submit that already answered 200, or the submit can write
  // the old sections back over an edit that answered 200.
  test('an edit and a submit at once: a 200 submit stays submitted, and a 200 edit is not lost', async () => {
    const failures = [];
    for (let round = 0; round < 2 * ROUNDS; round++) {
      const d = await a.mustDraft(obligation.id, month(next++));
      const body = `Ändrad i omgång ${round}`;
      const [e, s] = await Promise.all([a.edit(d.id, { sections: [{ key: 'governance.meetings', body }] }), a.submit(d.id)]);
      assert.ok([200, 409].includes(e.status), `${e.status} ${e.text}`);
      assert.equal(s.status, 200, s.text);
      const stored = await a.report(d.id);
      const kept = section(stored, 'governance.meetings').body === body;
      if (stored.status !== 'submitted' || (e.status === 200) !== kept) {
        failures.push(`round ${round}: edit ${e.status}, submit ${s.status}; stored ${stored.status}, edit ${kept ? 'kept' : 'lost'}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  // Beyond the brief. The same bug on PostgreSQL: two edits of different sections at once, both
  // answered 200, and one of them is lost because each writes back the whole list of sections.
  test('two edits of different sections at once: both kept', async () => {
    const failures = [];
    for (let round = 0; round < 2 * ROUNDS; round++) {
      const d = await a.mustDraft(obligation.id, month(next++));
      const res = await Promise.all([
        a.edit(d.id, { sections: [{ key: 'governance.meetings', body: `Möten ${round}` }] }),
        a.edit(d.id, { sections: [{ key: 'governance.escalations', body: `Eskaleringar ${round}` }] }),
      ]);
      for (const r of res) assert.equal(r.status, 200, r.text);
      const stored = await a.report(d.id);
      const m = section(stored, 'governance.meetings').body;
      const e = section(stored, 'governance.escalations').body;
      if (m !== `Möten ${round}` || e !== `Eskaleringar ${round}`) failures.push(`round ${round}: stored "${m}" / "${e}"`);
    }
    assert.deepEqual(failures, []);
  });
});

// ------------------------------------------------------------------------------------------------

describe('reporting: audit trail', () => {
  let server;
  let a;
  let orgs;
  const ids = {};

  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    orgs = await organisationFacts(a);
  });
  after(async () => { await server?.close(); });

  test('a full round of reporting work by the coordinator', async () => {
    const ks = orgs.named.Kommunstyrelsen.id;
    const g = await a.mustCreateGroup({ name: 'Revisionsgruppen', kind: 'thematic', cadence: 'quarterly', committee_ids: [ks] });
    ids.group = g.id;
    const o = await a.mustAddObligation(g.id, { committee_id: ks, cadence: 'tertial', due_days: 20, starts_on: '2025-01-01' });
    ids.obligation = o.id;
    const r = await a.mustDraft(o.id, '2025-01-01');
    ids.report = r.id;
    await a.mustEdit(r.id, { title: 'Tertialrapport 1, 2025', sections: [{ key: 'governance.meetings', body: 'x' },
      { key: 'governance.escalations', body: 'y' }] });
    await a.mustSubmit(r.id);
    const f = await a.mustFeedback(r.id, { received_on: '2025-06-15', from_id: ks, summary: 'Synpunkter',
      requests: [{ request: 'Komplettera', owner_name: 'Sekreterare', owner_id: orgs.named.Stadsledningskontoret.id, due_on: '2025-09-01' },
        { request: 'Bjud in KS', owner_name: 'Ordförande', owner_id: orgs.named.Stadsledningskontoret.id, due_on: '2025-10-01' }] });
    ids.feedback = f.feedback[0].id;
    ids.item = f.feedback[0].requests[0].id;
    const d = await a.done(ids.item, { note: 'Kompletterat 2025-08-20' });
    assert.equal(d.status, 200, d.text);
  });

  test('each write left one success row by the coordinator, with the essentials in detail', () => {
    const actions = ['report.obligation_add', 'report.draft', 'report.edit', 'report.submit', 'report.feedback', 'report.follow_up_done'];
    const rows = auditRows(server.db, actions);
    assert.deepEqual(rows.map((r) => r.action), actions, 'one row each, in order');
    for (const r of rows) {
      assert.equal(r.actorName, 'coordinator', JSON.stringify(r));
      assert.equal(r.outcome, 'success', JSON.stringify(r));
    }
    const [add, draft, edit, submit, feedback, done] = rows;
    assert.deepEqual([add.objectType, add.objectId], ['group', ids.group]);
    assert.deepEqual(add.detail, { obligation_id: ids.obligation, committee_id: orgs.named.Kommunstyrelsen.id, cadence: 'tertial',
      due_days: 20, starts_on: '2025-01-01' });
    assert.deepEqual([draft.objectType, draft.objectId], ['report', ids.report]);
    assert.deepEqual(draft.detail, { obligation_id: ids.obligation, period_start: '2025-01-01', sections: 7 });
    assert.deepEqual([edit.objectType, edit.objectId, edit.detail.sections_edited], ['report', ids.report, 2]);
    assert.deepEqual([submit.objectType, submit.objectId], ['report', ids.report]);
    assert.deepEqual(submit.detail, { submitted_on: todayStockholm(), due_on: '2025-05-20', late: true });
    assert.deepEqual([feedback.objectType, feedback.objectId], ['report', ids.report]);
    assert.deepEqual(feedback.detail, { feedback_id: ids.feedback, from_id: orgs.named.Kommunstyrelsen.id, requests: 2 });
    assert.deepEqual([done.objectType, done.objectId], ['follow_up_item', ids.item]);
    assert.equal(done.detail.note, 'Kompletterat 2025-08-20');
  });

  test('refused writes leave no success rows', async () => {
    const count = () => Number(sql(server.db, "SELECT count(*) FROM audit_log WHERE outcome = 'success'"));
    const before = count();
    assertProblem(assert, await a.edit(ids.report, { title: 'Efteråt' }), 409);
    assertProblem(assert, await a.submit(ids.report), 409);
    assertProblem(assert, await a.draft(ids.obligation, '2025-01-01'), 409);
    assertProblem(assert, await a.done(ids.item, { note: 'igen' }), 409);
    assertProblem(assert, await a.addObligation(ids.group, { committee_id: orgs.named.Kommunstyrelsen.id, cadence: 'tertial',
      starts_on: '2025-01-01' }), 409);
    assertProblem(assert, await a.addObligation(ids.group, { committee_id: orgs.named.Kommunstyrelsen.id, cadence: 'weekly',
      starts_on: '2025-01-01' }), 400);
    assertProblem(assert, await a.feedback(ids.report, { received_on: '2025-06-15', from_id: UNKNOWN_ID, summary: 'x' }), 400);
    assert.equal(count(), before);
  });

  test('samverkan audit verify --json: ok, every row checked', () => {
    const v = runCli(['audit', 'verify', '--db', server.db.url, '--json']);
    let json;
    try { json = JSON.parse(v.stdout); } catch { json = undefined; }
    assert.equal(v.code, 0, v.stderr + v.stdout);
    assert.equal(json?.ok, true, v.stdout);
    assert.equal(Number(sql(server.db, 'SELECT count(*) FROM audit_log')), json.rows_checked, 'every row was checked');
  });
});

// ------------------------------------------------------------------------------------------------

describe('reporting: demo data', () => {
  let server;
  let a;
  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
  });
  after(async () => { await server?.close(); });

  test('the steering group reports quarterly to Kommunstyrelsen: last quarter submitted with feedback, the quarter before overdue', async () => {
    const today = todayStockholm();
    const { steering } = await demoGroups(a);
    const ks = (await organisationFacts(a)).named.Kommunstyrelsen.id;
    const obligations = (await a.reporting(steering.id)).filter((o) => o.cadence === 'quarterly' && o.committee_id === ks);
    assert.equal(obligations.length, 1, JSON.stringify(await a.reporting()));
    const [o] = obligations;
    const current = periodContaining('quarterly', today, o.due_days);
    const last = periodContaining('quarterly', addDays(current.period_start, -1), o.due_days);
    const beforeLast = periodContaining('quarterly', addDays(last.period_start, -1), o.due_days);
    assert.deepEqual(o.periods.map((p) => [p.period_start, p.report_status, p.tracking]), [
      [beforeLast.period_start, 'none', 'overdue'], [last.period_start, 'submitted', 'submitted'], [current.period_start, 'none', 'due']]);
    const report = await a.report(o.periods[1].report_id);
    assert.equal(report.status, 'submitted');
    // The demo's submitted report was written by the governance demo loader, before any incidents
    // exist, from governance's sections only; a submitted report keeps the sections it was sent with.
    assert.deepEqual(report.sections.map((s) => s.key), SECTION_KEYS.filter((k) => k.startsWith('governance.')));
    assert.ok(report.submitted_on <= today, `submitted ${report.submitted_on}, not after today ${today}`);
    assert.ok(report.submitted_on <= report.due_on, 'submitted in time');
    assert.equal(report.feedback.length, 1);
    const [f] = report.feedback;
    assert.ok(f.received_on <= today, `feedback received ${f.received_on}, not after today ${today}`);
    assert.ok(f.received_on >= report.submitted_on, 'feedback after the report');
    assert.ok(f.requests.length >= 1);
    assert.ok(f.requests.every((i) => i.status === 'open'), JSON.stringify(f.requests));
    const overdue = (await a.health()).overdue_reports.filter((x) => x.obligation_id === o.id);
    assert.deepEqual(overdue.map((x) => [x.period_start, x.report_id]), [[beforeLast.period_start, null]]);
  });
});
