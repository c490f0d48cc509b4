// Governance: groups and their composition rules, mandates (delegation rules), meetings, decisions
// checked against the mandate, escalations and their outcomes, political consultation, the dialogue
// log, the governance-health view, authorisation, concurrent requests and the audit trail.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  assertProblem, mustSignIn, request, runCli, sql, startServer,
  now,
} from './server.mjs';

const GROUPS = '/api/v1/groups';
const HEALTH = '/api/v1/governance/health';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const GROUP_KEYS = ['cadence', 'committee_ids', 'composition_ok', 'composition_problems', 'district_id', 'district_name', 'id',
  'kind', 'members', 'name', 'parent_group_id'];
const GROUP_VIEW_KEYS = [...GROUP_KEYS, 'dialogue', 'meetings', 'rules'].sort();
const DECISION_KEYS = ['amount_sek', 'area_ids', 'consultation_check', 'consultation_override', 'consultations', 'decision_date',
  'escalation', 'evaluation', 'finalised_at', 'group_id', 'horizon_months', 'id', 'major', 'matter_type', 'meeting_id',
  'queued_for_delegation_report', 'status', 'title'];

/** The server's "today" (Europe/Stockholm) as YYYY-MM-DD. */
const todayStockholm = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now());
/** YYYY-MM-DD plus `days` (negative: earlier). */
function addDays(day, days) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const byId = (xs) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Small API bound to one server and session; every call takes another session as its last argument. */
function api(server, session) {
  const call = (method, p, json, s = session) => request(server, p, { method, session: s, json });
  const ok = (r, status, what) => {
    assert.equal(r.status, status, `${what}: ${r.status} ${r.text}`);
    return r.body;
  };
  const a = {
    session,
    groups: async (s) => ok(await call('GET', GROUPS, undefined, s), 200, 'GET groups').items,
    group: async (id, s) => ok(await call('GET', `${GROUPS}/${id}`, undefined, s), 200, `GET group ${id}`),
    meeting: async (id, s) => ok(await call('GET', `/api/v1/meetings/${id}`, undefined, s), 200, `GET meeting ${id}`),
    decision: async (id, s) => ok(await call('GET', `/api/v1/decisions/${id}`, undefined, s), 200, `GET decision ${id}`),
    health: async (s) => ok(await call('GET', HEALTH, undefined, s), 200, 'GET health'),
    organisations: async () => ok(await call('GET', '/api/v1/organisations'), 200, 'GET organisations').items,

    createGroup: (json, s) => call('POST', GROUPS, json, s),
    mustCreateGroup: async (json) => ok(await a.createGroup(json), 201, `create group ${JSON.stringify(json)}`),
    addMember: (gid, json, s) => call('POST', `${GROUPS}/${gid}/members`, json, s),
    /** Adds a member; resolves to { group (the view), member (the new one) }. */
    mustAddMember: async (gid, json) => {
      const known = new Set((await a.group(gid)).members.map((m) => m.id));
      const group = ok(await a.addMember(gid, json), 201, `add member ${JSON.stringify(json)}`);
      const added = group.members.filter((m) => !known.has(m.id));
      assert.equal(added.length, 1, JSON.stringify(group.members));
      return { group, member: added[0] };
    },
    removeMember: (gid, mid, s) => call('DELETE', `${GROUPS}/${gid}/members/${mid}`, undefined, s),
    mustRemoveMember: async (gid, mid) => ok(await a.removeMember(gid, mid), 200, `remove member ${mid}`),
    addRule: (gid, json, s) => call('POST', `${GROUPS}/${gid}/rules`, json, s),
    /** Adds a rule; resolves to { group, rule (the new one) }. */
    mustAddRule: async (gid, json) => {
      const known = new Set((await a.group(gid)).rules.map((r) => r.id));
      const group = ok(await a.addRule(gid, json), 201, `add rule ${JSON.stringify(json)}`);
      const added = group.rules.filter((r) => !known.has(r.id));
      assert.equal(added.length, 1, JSON.stringify(group.rules));
      return { group, rule: added[0] };
    },
    addDialogue: (gid, json, s) => call('POST', `${GROUPS}/${gid}/dialogue`, json, s),
    addMeeting: (gid, json, s) => call('POST', `${GROUPS}/${gid}/meetings`, json, s),
    mustAddMeeting: async (gid, json) => ok(await a.addMeeting(gid, json), 201, `add meeting ${JSON.stringify(json)}`),
    decide: (mid, json, s) => call('POST', `/api/v1/meetings/${mid}/decisions`, json, s),
    mustDecide: async (mid, json) => ok(await a.decide(mid, json), 201, `decide ${JSON.stringify(json)}`),
    finalise: (id, json, s) => call('POST', `/api/v1/decisions/${id}/finalise`, json, s),
    outcome: (eid, json, s) => call('POST', `/api/v1/escalations/${eid}/outcome`, json, s),
    openConsultation: (did, json, s) => call('POST', `/api/v1/decisions/${did}/consultations`, json, s),
    conclude: (kid, json, s) => call('POST', `/api/v1/consultations/${kid}/conclude`, json, s),
  };
  return a;
}

/** Organisations by name, plus the district committees, from GET /api/v1/organisations. */
async function organisationFacts(a) {
  const items = await a.organisations();
  const named = Object.fromEntries(items.map((o) => [o.name, o]));
  for (const n of ['Kommunstyrelsen', 'Stadsledningskontoret', 'Polisregion Stockholm', 'Södermalm stadsdelsnämnd',
    'Lokalpolisområde Södermalm', 'Järva stadsdelsnämnd']) assert.ok(named[n], `organisation ${n} in ${items.map((o) => o.name)}`);
  const committees = items.filter((o) => o.kind === 'district_committee');
  assert.equal(committees.length, 11, 'Stockholm has 11 district committees');
  return { items, named, committees };
}

/** Districts and neighbourhoods valid on `date`, by name. */
async function areaFacts(server, session, date = '2025-01-01') {
  const get = async (kind) => {
    const r = await request(server, `/api/v1/areas?date=${date}&kind=${kind}`, { session });
    assert.equal(r.status, 200, r.text);
    return Object.fromEntries(r.body.items.map((x) => [x.name, x]));
  };
  const districts = await get('district');
  const neighbourhoods = await get('neighbourhood');
  assert.equal(neighbourhoods['Gamla stan']?.district_name, 'Södermalm');
  assert.equal(neighbourhoods.Kista?.district_name, 'Järva');
  return { districts, neighbourhoods };
}

/** The demo groups: { steering, jarva, est } from the list. */
async function demoGroups(a) {
  const items = await a.groups();
  const found = {
    steering: items.find((g) => g.name === 'Styrgruppen för samverkan'),
    jarva: items.find((g) => g.name === 'Lokal samverkansgrupp Järva'),
    est: items.find((g) => g.name === 'EST-gruppen'),
  };
  for (const [k, v] of Object.entries(found)) assert.ok(v, `the demo data has ${k}: ${items.map((g) => g.name)}`);
  return found;
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

// ------------------------------------------------------------------------------------------------

describe('governance: demo data', () => {
  let server;
  let a;
  let demo;
  let orgs;
  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    demo = await demoGroups(a);
    orgs = await organisationFacts(a);
  });
  after(async () => { await server?.close(); });

  test('GET groups: the steering group lacks one district committee; every district has a local group; EST lacks the police', async () => {
    const { steering, jarva, est } = demo;
    for (const g of [steering, jarva, est]) assert.deepEqual(Object.keys(g).sort(), GROUP_KEYS);
    assert.equal(steering.kind, 'steering');
    assert.equal(steering.composition_ok, false);
    assert.equal(steering.composition_problems.length, 1, JSON.stringify(steering.composition_problems));
    assert.match(steering.composition_problems[0], /Skärholmen stadsdelsnämnd/);
    const represented = new Set(steering.members.filter((m) => m.role !== 'substitute').map((m) => m.organisation_id));
    for (const c of orgs.committees)
      assert.equal(represented.has(c.id), c.name !== 'Skärholmen stadsdelsnämnd', `${c.name} in the steering group`);
    assert.ok(represented.has(orgs.named['Polisregion Stockholm'].id));
    const locals = (await a.groups()).filter((g) => g.kind === 'local');
    assert.equal(locals.length, 11, locals.map((g) => g.name).join(', '));
    for (const g of locals) assert.equal(g.composition_ok, true, `${g.name}: ${g.composition_problems}`);

    assert.equal(jarva.kind, 'local');
    assert.equal(jarva.district_name, 'Järva');
    assert.equal(jarva.parent_group_id, steering.id);
    assert.equal(jarva.composition_ok, true, JSON.stringify(jarva.composition_problems));
    assert.ok(jarva.members.some((m) => m.user_id !== null), 'the demo user "member" sits in the Järva group');

    assert.equal(est.kind, 'thematic');
    assert.equal(est.cadence, 'weekly');
    assert.equal(est.composition_ok, false);
    assert.equal(est.composition_problems.length, 1, JSON.stringify(est.composition_problems));
    assert.match(est.composition_problems[0], /police/i);
  });

  test('GET one group: the view adds rules, meetings and dialogue', async () => {
    const g = await a.group(demo.steering.id);
    assert.deepEqual(Object.keys(g).sort(), GROUP_VIEW_KEYS);
    assert.deepEqual(g.members, demo.steering.members);
    assert.deepEqual(g.rules.map((r) => [r.matter_type, r.amount_limit_sek, r.requires_consultation]).sort(),
      [['measure', 500000, false], ['resource_allocation', 2000000, true]]);
    assert.equal(g.meetings.length, 1);
    assertProblem(assert, await request(server, `${GROUPS}/${UNKNOWN_ID}`, { session: a.session }), 404);
  });

  test('GET health: the steering group and the EST group break composition; EST is behind its weekly cadence; one pending escalation, one late consultation', async () => {
    const h = await a.health();
    const today = todayStockholm();
    assert.equal(h.date, today);
    assert.deepEqual(h.groups_breaking_composition.map((x) => x.group_name), ['Styrgruppen för samverkan', 'EST-gruppen'],
      JSON.stringify(h));
    assert.match(h.groups_breaking_composition[0].problems.join(' '), /Skärholmen stadsdelsnämnd/);
    assert.match(h.groups_breaking_composition[1].problems.join(' '), /police/i);
    assert.equal(h.groups_breaking_composition[1].group_id, demo.est.id);

    assert.deepEqual(h.meetings_behind_cadence.map((x) => x.group_name).sort(), ['EST-gruppen', 'Lokal samverkansgrupp Skarpnäck'],
      JSON.stringify(h.meetings_behind_cadence));
    const behind = h.meetings_behind_cadence.find((x) => x.group_name === 'EST-gruppen');
    assert.equal(behind.cadence, 'weekly');
    assert.equal(behind.allowed_days, 7);
    assert.equal(behind.days_since, 40);
    assert.equal(behind.last_meeting, addDays(today, -40));

    assert.equal(h.pending_escalations.length, 1, JSON.stringify(h.pending_escalations));
    const esc = h.pending_escalations[0];
    assert.match(esc.decision_title, /^Kameraövervakning/);
    assert.equal(esc.group_name, 'Styrgruppen för samverkan');
    assert.equal(esc.to_name, 'Kommunstyrelsen');
    assert.equal(esc.to_id, orgs.named.Kommunstyrelsen.id);
    assert.equal(esc.days_pending, 20);
    assert.match(esc.reason, /exceeds the limit/);

    assert.equal(h.late_consultations.length, 1, JSON.stringify(h.late_consultations));
    const late = h.late_consultations[0];
    assert.equal(late.decision_title, 'Omfördelning av resurser till Järva');
    assert.equal(late.state, 'late');
    assert.equal(late.status, 'proposed');
    assert.equal(late.overridden, null);
    assert.match(late.reason, /5 days before the decision date; at least 14 days/);
  });

  test('the demo escalation and late consultation read the same on the decision itself', async () => {
    const h = await a.health();
    const escalated = await a.decision(h.pending_escalations[0].decision_id);
    assert.deepEqual(Object.keys(escalated).sort(), DECISION_KEYS);
    assert.equal(escalated.status, 'escalated');
    assert.equal(escalated.evaluation.within_mandate, false);
    assert.equal(escalated.escalation.id, h.pending_escalations[0].escalation_id);
    assert.equal(escalated.escalation.outcome, null);
    const major = await a.decision(h.late_consultations[0].decision_id);
    assert.equal(major.major, true);
    assert.equal(major.consultation_check.state, 'late');
    assert.equal(major.consultations.length, 1);
  });

  // Beyond the brief. A demo-data bug today (SQLite and PostgreSQL): the demo decisions are stored with an
  // evaluation that names no rule (rule_id null) although their reasons cite one, and the resource
  // allocation decision says requires_consultation false although its rule requires consultation;
  // a decision recorded through the API under the same rules would read differently.
  test('demo decisions name the rule they were judged by, as API-recorded ones do', async () => {
    const steering = await a.group(demo.steering.id);
    const m = await a.meeting(steering.meetings[0].id);
    assert.equal(m.decisions.length, 3);
    for (const d of m.decisions) {
      const rule = steering.rules.find((r) => r.matter_type === d.matter_type);
      assert.ok(rule, d.matter_type);
      assert.equal(d.evaluation.rule_id, rule.id, `${d.title}: ${JSON.stringify(d.evaluation)}`);
      assert.equal(d.evaluation.requires_consultation, rule.requires_consultation, `${d.title}: ${JSON.stringify(d.evaluation)}`);
    }
  });
});

// ------------------------------------------------------------------------------------------------

describe('governance: groups, members and composition rules', () => {
  let server;
  let a;
  let orgs;
  let areas;
  let steering; // the steering group built up member by member
  const members = {}; // organisation name -> member id in `steering`

  before(async () => {
    server = await startServer();
    const s = await mustSignIn(server, 'coordinator');
    a = api(server, s);
    orgs = await organisationFacts(a);
    areas = await areaFacts(server, s, todayStockholm());
  });
  after(async () => { await server?.close(); });

  const problems = async () => (await a.group(steering.id)).composition_problems.join(' ');

  test('create a steering group: 201, Location, no members yet, flagged for neither party', async () => {
    const r = await a.createGroup({ name: 'Styrgrupp — prov', kind: 'steering', cadence: 'monthly',
      committee_ids: [orgs.named.Kommunstyrelsen.id] });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('location'), `${GROUPS}/${r.body.id}`);
    assert.deepEqual(Object.keys(r.body).sort(), GROUP_VIEW_KEYS);
    steering = r.body;
    assert.equal(steering.kind, 'steering');
    assert.equal(steering.district_id, null);
    assert.deepEqual(steering.committee_ids, [orgs.named.Kommunstyrelsen.id]);
    for (const k of ['members', 'rules', 'meetings', 'dialogue']) assert.deepEqual(steering[k], [], k);
    assert.equal(steering.composition_ok, false);
    assert.match(steering.composition_problems.join(' '), /Neither party/);
    assert.deepEqual(await a.group(steering.id), r.body, 'GET returns what the 201 said');
    assert.ok((await a.groups()).some((g) => g.id === steering.id));
  });

  test('only a city member: flagged for the police and for every district committee, by name', async () => {
    const { group, member } = await a.mustAddMember(steering.id,
      { name: 'Stadsdirektör', organisation_id: orgs.named.Stadsledningskontoret.id, role: 'chair' });
    members.Stadsledningskontoret = member.id;
    assert.deepEqual(member, { id: member.id, name: 'Stadsdirektör', organisation_id: orgs.named.Stadsledningskontoret.id,
      role: 'chair', user_id: null });
    assert.equal(group.composition_ok, false);
    assert.equal(group.composition_problems.length, 2, JSON.stringify(group.composition_problems));
    const text = group.composition_problems.join(' ');
    assert.match(text, /police are not represented/);
    assert.match(text, /Every district committee must be represented/);
    for (const c of orgs.committees) assert.ok(text.includes(c.name), `${c.name} is listed as missing: ${text}`);
    const listed = (await a.groups()).find((g) => g.id === steering.id);
    assert.equal(listed.composition_ok, false);
    assert.deepEqual(listed.composition_problems, group.composition_problems);
  });

  test('a police member: only the district committees are missing', async () => {
    const { group, member } = await a.mustAddMember(steering.id,
      { name: 'Polisområdeschef', organisation_id: orgs.named['Polisregion Stockholm'].id, role: 'member' });
    members.police = member.id;
    assert.equal(group.composition_problems.length, 1, JSON.stringify(group.composition_problems));
    assert.match(group.composition_problems[0], /district committee/);
    assert.doesNotMatch(group.composition_problems[0], /police/i);
  });

  test('one member per district committee: the message shrinks to the last one missing, then composition_ok', async () => {
    const [last, ...rest] = [...orgs.committees].reverse();
    for (const c of rest) {
      const { member } = await a.mustAddMember(steering.id, { name: `Stadsdelsdirektör, ${c.name}`, organisation_id: c.id, role: 'member' });
      members[c.name] = member.id;
    }
    const text = await problems();
    assert.ok(text.includes(last.name), text);
    for (const c of rest) assert.ok(!text.includes(c.name), `${c.name} is represented now: ${text}`);
    const { group, member } = await a.mustAddMember(steering.id, { name: `Stadsdelsdirektör, ${last.name}`, organisation_id: last.id, role: 'member' });
    members[last.name] = member.id;
    assert.equal(group.composition_ok, true, JSON.stringify(group.composition_problems));
    assert.deepEqual(group.composition_problems, []);
    assert.equal(group.members.length, 13);
    assert.equal((await a.groups()).find((g) => g.id === steering.id).composition_ok, true);
    assert.ok(!(await a.health()).groups_breaking_composition.some((x) => x.group_id === steering.id));
  });

  test('a substitute does not count: a district member moved to substitute flags the group again', async () => {
    const bromma = orgs.committees.find((c) => c.name === 'Bromma stadsdelsnämnd');
    const removed = await a.mustRemoveMember(steering.id, members[bromma.name]);
    assert.ok(!removed.members.some((m) => m.id === members[bromma.name]));
    assert.equal(removed.composition_ok, false);
    assert.match(removed.composition_problems.join(' '), /missing: Bromma stadsdelsnämnd\./);
    const { group, member } = await a.mustAddMember(steering.id,
      { name: `Stadsdelsdirektör, ${bromma.name}`, organisation_id: bromma.id, role: 'substitute' });
    assert.equal(member.role, 'substitute');
    assert.equal(group.composition_ok, false, 'a substitute is no representation');
    assert.match(group.composition_problems.join(' '), /missing: Bromma stadsdelsnämnd\./);
    const flagged = (await a.health()).groups_breaking_composition.find((x) => x.group_id === steering.id);
    assert.ok(flagged, 'the health view lists the group');
    assert.match(flagged.problems.join(' '), /Bromma/);
    // As a member again it complies.
    await a.mustRemoveMember(steering.id, member.id);
    const back = await a.mustAddMember(steering.id, { name: `Stadsdelsdirektör, ${bromma.name}`, organisation_id: bromma.id, role: 'member' });
    members[bromma.name] = back.member.id;
    assert.equal(back.group.composition_ok, true, JSON.stringify(back.group.composition_problems));
  });

  test('the police only as a substitute: "police are not represented"', async () => {
    await a.mustRemoveMember(steering.id, members.police);
    const { group, member } = await a.mustAddMember(steering.id,
      { name: 'Ersättare, polisen', organisation_id: orgs.named['Lokalpolisområde Södermalm'].id, role: 'substitute' });
    assert.deepEqual(group.composition_problems, ['The police are not represented among the members.']);
    await a.mustRemoveMember(steering.id, member.id);
    const back = await a.mustAddMember(steering.id,
      { name: 'Polisområdeschef', organisation_id: orgs.named['Lokalpolisområde Södermalm'].id, role: 'member' });
    members.police = back.member.id;
    assert.equal(back.group.composition_ok, true, 'a local police area counts for the police');
  });

  test('removing an unknown member, or another group\'s member through this group: 404, nothing removed', async () => {
    const other = await a.mustCreateGroup({ name: 'Annan grupp', kind: 'thematic', cadence: 'quarterly' });
    const { member: foreign } = await a.mustAddMember(other.id, { name: 'Någon', organisation_id: orgs.named.Kommunstyrelsen.id, role: 'member' });
    const before = await a.group(steering.id);
    const otherBefore = await a.group(other.id);
    assertProblem(assert, await a.removeMember(steering.id, UNKNOWN_ID), 404);
    assertProblem(assert, await a.removeMember(steering.id, foreign.id), 404);
    assertProblem(assert, await a.removeMember(UNKNOWN_ID, foreign.id), 404);
    assert.deepEqual(await a.group(steering.id), before);
    assert.deepEqual(await a.group(other.id), otherBefore);
  });

  test('a local group for a district: 201 with its district; a thematic group with a parent', async () => {
    const local = await a.mustCreateGroup({ name: 'Lokal samverkansgrupp Södermalm (prov)', kind: 'local', cadence: 'monthly',
      district_id: areas.districts['Södermalm'].id, parent_group_id: steering.id,
      committee_ids: [orgs.named['Södermalm stadsdelsnämnd'].id] });
    assert.equal(local.district_id, areas.districts['Södermalm'].id);
    assert.equal(local.district_name, 'Södermalm');
    assert.equal(local.parent_group_id, steering.id);
    assert.equal(local.composition_ok, false, 'no members yet');
    const { group } = await a.mustAddMember(local.id, { name: 'Stadsdelsdirektör', organisation_id: orgs.named['Södermalm stadsdelsnämnd'].id, role: 'chair' });
    assert.deepEqual(group.composition_problems, ['The police are not represented among the members.']);
    const done = await a.mustAddMember(local.id, { name: 'LPO-chef', organisation_id: orgs.named['Lokalpolisområde Södermalm'].id, role: 'member' });
    assert.equal(done.group.composition_ok, true, 'a local group needs no district committees beyond both parties');
    const thematic = await a.mustCreateGroup({ name: 'SSPF Södermalm', kind: 'thematic', cadence: 'biweekly', parent_group_id: local.id });
    assert.equal(thematic.parent_group_id, local.id);
    assert.equal(thematic.district_id, null);
  });

  test('refused group creates: 400 naming the field, and the group list is unchanged', async () => {
    const before = await a.groups();
    const base = { name: 'Ny grupp', kind: 'thematic', cadence: 'monthly' };
    const refused = async (json, status, opts) => {
      assertProblem(assert, await a.createGroup(json), status, opts);
      assert.deepEqual(await a.groups(), before, `groups changed after ${JSON.stringify(json)}`);
    };
    await refused({ ...base, kind: 'national' }, 400, { field: 'kind' });
    await refused({ ...base, cadence: 'daily' }, 400, { field: 'cadence' });
    await refused({ ...base, cadence: undefined }, 400, { field: 'cadence' });
    await refused({ ...base, name: '   ' }, 400, { field: 'name' });
    await refused({ ...base, kind: 'local' }, 400, { field: 'district_id' });
    await refused({ ...base, kind: 'local', district_id: areas.neighbourhoods['Gamla stan'].id }, 400, { field: 'district_id' });
    await refused({ ...base, kind: 'local', district_id: UNKNOWN_ID }, 400, { field: 'district_id' });
    await refused({ ...base, kind: 'steering', district_id: areas.districts['Södermalm'].id }, 400, { field: 'district_id' });
    await refused({ ...base, committee_ids: [UNKNOWN_ID] }, 400, { field: 'committee_ids[0]' });
    await refused({ ...base, committee_ids: [orgs.named.Kommunstyrelsen.id, UNKNOWN_ID] }, 400, { field: 'committee_ids[1]' });
    await refused({ ...base, committee_ids: orgs.named.Kommunstyrelsen.id }, 400, { field: 'committee_ids' });
    await refused({ ...base, parent_group_id: UNKNOWN_ID }, 400, { field: 'parent_group_id' });
    await refused({ ...base, colour: 'blue' }, 400, { field: 'colour' });
    await refused({ ...base, members: [] }, 400, { field: 'members' });
  });

  // Beyond the brief. A server bug today (SQLite and PostgreSQL): the same committee twice makes the
  // insert hit a unique constraint, answered as a bare 409 "A record with the same unique value already
  // exists." that names no field (the input problem is a 400, or the duplicate could simply be merged).
  test('the same committee twice: 400 field committee_ids[1] (or stored once)', async () => {
    const before = await a.groups();
    const ks = orgs.named.Kommunstyrelsen.id;
    const r = await a.createGroup({ name: 'Dubbla nämnder', kind: 'thematic', cadence: 'monthly', committee_ids: [ks, ks] });
    if (r.status === 201) {
      assert.deepEqual(r.body.committee_ids, [ks]);
    } else {
      assertProblem(assert, r, 400, { field: 'committee_ids[1]' });
      assert.deepEqual(await a.groups(), before);
    }
  });

  // Beyond the brief. A server bug today (SQLite and PostgreSQL): a local group is accepted for a
  // district that was abolished in the 2023 reform (Rinkeby-Kista), although the agreements API
  // refuses a local agreement for a district no longer valid.
  test('a local group for a district abolished before today: 400 district_id', async () => {
    const old = await request(server, '/api/v1/areas?date=2022-01-01&kind=district', { session: a.session });
    const rinkeby = old.body.items.find((d) => d.name === 'Rinkeby-Kista');
    assert.ok(rinkeby, 'Rinkeby-Kista exists in 2022');
    const before = await a.groups();
    assertProblem(assert, await a.createGroup({ name: 'Lokal grupp Rinkeby-Kista', kind: 'local', cadence: 'monthly', district_id: rinkeby.id }),
      400, { field: 'district_id' });
    assert.deepEqual(await a.groups(), before);
  });

  test('refused member adds: 400 naming the field (404 for an unknown group), the group unchanged', async () => {
    const before = await a.group(steering.id);
    const base = { name: 'Ny ledamot', organisation_id: orgs.named.Kommunstyrelsen.id, role: 'member' };
    const refused = async (json, status, opts, gid = steering.id) => {
      assertProblem(assert, await a.addMember(gid, json), status, opts);
      assert.deepEqual(await a.group(steering.id), before, `group changed after ${JSON.stringify(json)}`);
    };
    await refused({ ...base, role: 'boss' }, 400, { field: 'role' });
    await refused({ ...base, role: 'Chair' }, 400, { field: 'role' });
    await refused({ ...base, organisation_id: UNKNOWN_ID }, 400, { field: 'organisation_id' });
    await refused({ ...base, user_id: UNKNOWN_ID }, 400, { field: 'user_id' });
    await refused({ ...base, name: '' }, 400, { field: 'name' });
    await refused({ ...base, name: undefined }, 400, { field: 'name' });
    await refused({ ...base, email: 'x@example.org' }, 400, { field: 'email' });
    await refused(base, 404, {}, UNKNOWN_ID);
  });
});

// ------------------------------------------------------------------------------------------------

describe('governance: mandates (delegation rules)', () => {
  let server;
  let a;
  let orgs;
  let areas;
  let group;
  let first; // the measure rule from 2024-01-01
  let second; // the measure rule from 2025-01-01

  before(async () => {
    server = await startServer();
    const s = await mustSignIn(server, 'coordinator');
    a = api(server, s);
    orgs = await organisationFacts(a);
    areas = await areaFacts(server, s);
    group = await a.mustCreateGroup({ name: 'Mandatgruppen', kind: 'thematic', cadence: 'monthly',
      committee_ids: [orgs.named['Södermalm stadsdelsnämnd'].id] });
    await a.mustAddMember(group.id, { name: 'Stad', organisation_id: orgs.named['Södermalm stadsdelsnämnd'].id, role: 'chair' });
    await a.mustAddMember(group.id, { name: 'Polis', organisation_id: orgs.named['Lokalpolisområde Södermalm'].id, role: 'member' });
  });
  after(async () => { await server?.close(); });

  const ruleBody = (over = {}) => ({
    matter_type: 'measure', amount_limit_sek: 100000, area_ids: [areas.districts['Södermalm'].id], horizon_months: 6,
    requires_consultation: false, escalate_to_id: orgs.named.Kommunstyrelsen.id, valid_from: '2024-01-01', ...over,
  });

  test('add a rule: 201, it reads back whole with valid_to null', async () => {
    const { group: g, rule } = await a.mustAddRule(group.id, ruleBody());
    first = rule;
    assert.deepEqual(rule, { id: rule.id, ...ruleBody(), valid_to: null });
    assert.deepEqual((await a.group(group.id)).rules, g.rules);
    assert.equal(g.rules.length, 1);
  });

  test('refused rules: 400 naming the field (404 for an unknown group), stored rules unchanged', async () => {
    const before = await a.group(group.id);
    const refused = async (json, status, opts, gid = group.id) => {
      const p = assertProblem(assert, await a.addRule(gid, json), status, opts);
      assert.deepEqual(await a.group(group.id), before, `stored rules changed after ${JSON.stringify(json)}`);
      return p;
    };
    for (const t of ['goals', 'direction', 'scope']) {
      const p = await refused(ruleBody({ matter_type: t }), 400, { field: 'matter_type' });
      assert.match(p.detail, /never be delegated/);
    }
    await refused(ruleBody({ matter_type: '' }), 400, { field: 'matter_type' });
    await refused(ruleBody({ escalate_to_id: UNKNOWN_ID }), 400, { field: 'escalate_to_id' });
    await refused(ruleBody({ escalate_to_id: undefined }), 400, { field: 'escalate_to_id' });
    await refused(ruleBody({ area_ids: [UNKNOWN_ID] }), 400, { field: 'area_ids[0]' });
    await refused(ruleBody({ area_ids: [areas.districts['Södermalm'].id, 'not-an-area'] }), 400, { field: 'area_ids[1]' });
    await refused(ruleBody({ area_ids: [42] }), 400, { field: 'area_ids[0]' });
    await refused(ruleBody({ area_ids: areas.districts['Södermalm'].id }), 400, { field: 'area_ids' });
    await refused(ruleBody({ amount_limit_sek: -1 }), 400, { field: 'amount_limit_sek' });
    await refused(ruleBody({ amount_limit_sek: 1.5 }), 400, { field: 'amount_limit_sek' });
    await refused(ruleBody({ amount_limit_sek: '100000' }), 400, { field: 'amount_limit_sek' });
    await refused(ruleBody({ horizon_months: 0 }), 400, { field: 'horizon_months' });
    await refused(ruleBody({ requires_consultation: 'yes' }), 400, { field: 'requires_consultation' });
    await refused(ruleBody({ valid_from: '2024-02-30' }), 400, { field: 'valid_from' });
    await refused(ruleBody({ valid_from: '1 jan 2024' }), 400, { field: 'valid_from' });
    await refused(ruleBody({ valid_to: '2030-01-01' }), 400, { field: 'valid_to' });
    await refused(ruleBody(), 404, {}, UNKNOWN_ID);
  });

  // Beyond the brief. A server bug today (SQLite and PostgreSQL): decisions only accept matter types
  // of a-z, 0-9 and '_', but the rules endpoint accepts any string, so "GOALS" or "två ord" become
  // rules that can never match a decision ("Goals" even sidesteps the never-delegable check on its face).
  test('a rule whose matter_type no decision can have ("Goals", "två ord"): 400 matter_type', async () => {
    // A group of its own, so that rules wrongly accepted here do not disturb the tests below.
    const other = await a.mustCreateGroup({ name: 'Mandatgruppen, matter types', kind: 'thematic', cadence: 'monthly' });
    for (const t of ['Goals', 'GOALS', 'två ord', 'measure!']) {
      assertProblem(assert, await a.addRule(other.id, ruleBody({ matter_type: t })), 400, { field: 'matter_type' });
    }
    assert.deepEqual((await a.group(other.id)).rules, []);
  });

  test('a later rule for the same matter type ends the first (valid_to = its start)', async () => {
    const { group: g, rule } = await a.mustAddRule(group.id, ruleBody({ amount_limit_sek: 200000, area_ids: [], valid_from: '2025-01-01' }));
    second = rule;
    assert.equal(rule.valid_to, null);
    const old = g.rules.find((r) => r.id === first.id);
    assert.deepEqual(old, { ...first, valid_to: '2025-01-01' }, 'only valid_to changed on the first rule');
    assert.equal(g.rules.length, 2);
  });

  test('a rule starting on or before the latest one for its matter type: 409, rules unchanged', async () => {
    const before = await a.group(group.id);
    for (const from of ['2025-01-01', '2024-06-01', '2024-01-01', '2020-01-01']) {
      assertProblem(assert, await a.addRule(group.id, ruleBody({ valid_from: from })), 409, { detail: /already starts on/ });
    }
    assert.deepEqual(await a.group(group.id), before);
  });

  test('another matter type is independent: an earlier start is fine and leaves the measure rules alone', async () => {
    const { group: g, rule } = await a.mustAddRule(group.id, ruleBody({ matter_type: 'procurement', valid_from: '2020-01-01', area_ids: [] }));
    assert.equal(rule.valid_to, null);
    assert.deepEqual(g.rules.find((r) => r.id === first.id).valid_to, '2025-01-01');
    assert.deepEqual(g.rules.find((r) => r.id === second.id).valid_to, null);
  });

  test('decisions are judged by the rule valid on the meeting date', async () => {
    const meetings = [];
    for (const day of ['2023-06-01', '2024-06-01', '2025-02-01']) meetings.push(await a.mustAddMeeting(group.id, { held_on: day }));
    const decide = (m) => a.mustDecide(m.id, { title: 'Insats 150 000 kr', matter_type: 'measure', amount_sek: 150000,
      area_ids: [areas.neighbourhoods['Gamla stan'].id], horizon_months: 3 });
    const before = await decide(meetings[0]);
    assert.equal(before.status, 'escalated', 'no measure rule before 2024-01-01');
    assert.equal(before.evaluation.rule_id, null);
    assert.match(before.evaluation.reasons.join(' '), /no delegation for matter type 'measure' on 2023-06-01/);
    assert.equal(before.escalation.to_id, orgs.named['Södermalm stadsdelsnämnd'].id, 'no rule matched: the group\'s committee');
    const during = await decide(meetings[1]);
    assert.equal(during.status, 'escalated', 'the first rule allows 100 000 kr');
    assert.equal(during.evaluation.rule_id, first.id);
    assert.match(during.evaluation.reasons.join(' '), /exceeds the limit of 100000 SEK/);
    assert.equal(during.escalation.to_id, orgs.named.Kommunstyrelsen.id);
    const later = await decide(meetings[2]);
    assert.equal(later.status, 'proposed', 'the second rule allows 200 000 kr');
    assert.equal(later.evaluation.within_mandate, true);
    assert.equal(later.evaluation.rule_id, second.id);
    assert.match(later.evaluation.reasons[0], /valid from 2025-01-01/);
  });
});

// ------------------------------------------------------------------------------------------------

describe('governance: meetings, decisions and escalations', () => {
  let server;
  let a;
  let orgs;
  let areas;
  let group;
  let rule;
  let meeting;
  let memberIds;
  let within; // a proposed decision within the mandate
  const escalated = {}; // label -> decision

  before(async () => {
    server = await startServer();
    const s = await mustSignIn(server, 'coordinator');
    a = api(server, s);
    orgs = await organisationFacts(a);
    areas = await areaFacts(server, s);
    group = await a.mustCreateGroup({ name: 'Trygghetsgruppen Södermalm', kind: 'thematic', cadence: 'monthly',
      committee_ids: [orgs.named['Södermalm stadsdelsnämnd'].id] });
    const m1 = await a.mustAddMember(group.id, { name: 'Stadsdelsdirektör', organisation_id: orgs.named['Södermalm stadsdelsnämnd'].id, role: 'chair' });
    const m2 = await a.mustAddMember(group.id, { name: 'LPO-chef', organisation_id: orgs.named['Lokalpolisområde Södermalm'].id, role: 'member' });
    memberIds = [m1.member.id, m2.member.id];
    ({ rule } = await a.mustAddRule(group.id, { matter_type: 'measure', amount_limit_sek: 100000,
      area_ids: [areas.districts['Södermalm'].id], horizon_months: 6, escalate_to_id: orgs.named.Kommunstyrelsen.id,
      valid_from: '2024-01-01' }));
  });
  after(async () => { await server?.close(); });

  const inside = (over = {}) => ({ title: 'Belysning i Gamla stan', matter_type: 'measure', amount_sek: 50000,
    area_ids: [areas.neighbourhoods['Gamla stan'].id], horizon_months: 3, ...over });

  test('create a meeting: 201, Location; it reads back and is listed on the group', async () => {
    const r = await a.addMeeting(group.id, { held_on: '2025-03-10', agenda: '1. Lägesbild\n2. Beslut', minutes: 'Protokoll', attendance: memberIds });
    assert.equal(r.status, 201, r.text);
    meeting = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/meetings/${meeting.id}`);
    assert.deepEqual(meeting, { id: meeting.id, group_id: group.id, held_on: '2025-03-10', agenda: '1. Lägesbild\n2. Beslut',
      minutes: 'Protokoll', attendance: memberIds });
    assert.deepEqual(await a.meeting(meeting.id), { ...meeting, decisions: [] });
    assert.deepEqual((await a.group(group.id)).meetings, [meeting]);
    assertProblem(assert, await request(server, `/api/v1/meetings/${UNKNOWN_ID}`, { session: a.session }), 404);
  });

  test('refused meetings: unknown or foreign attendee -> 400 attendance[i]; bad held_on; unknown group 404', async () => {
    const other = await a.mustCreateGroup({ name: 'Annan grupp', kind: 'thematic', cadence: 'monthly' });
    const { member: foreign } = await a.mustAddMember(other.id, { name: 'Främling', organisation_id: orgs.named.Kommunstyrelsen.id, role: 'member' });
    const before = await a.group(group.id);
    const refused = async (json, status, opts, gid = group.id) => {
      assertProblem(assert, await a.addMeeting(gid, json), status, opts);
      assert.deepEqual(await a.group(group.id), before, `group changed after ${JSON.stringify(json)}`);
    };
    await refused({ held_on: '2025-03-11', attendance: [UNKNOWN_ID] }, 400, { field: 'attendance[0]' });
    await refused({ held_on: '2025-03-11', attendance: [memberIds[0], foreign.id] }, 400, { field: 'attendance[1]' });
    await refused({ held_on: '2025-03-11', attendance: 'alla' }, 400, { field: 'attendance' });
    await refused({ held_on: '2025-02-30' }, 400, { field: 'held_on' });
    await refused({ held_on: '10 mars' }, 400, { field: 'held_on' });
    await refused({ agenda: 'Utan datum' }, 400, { field: 'held_on' });
    await refused({ held_on: '2025-03-11', decisions: [] }, 400, { field: 'decisions' });
    await refused({ held_on: '2025-03-11' }, 404, {}, UNKNOWN_ID);
  });

  test('a decision within the mandate (a neighbourhood inside the rule\'s district): 201 proposed, within with a reason', async () => {
    const r = await a.decide(meeting.id, inside());
    assert.equal(r.status, 201, r.text);
    within = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/decisions/${within.id}`);
    assert.deepEqual(Object.keys(within).sort(), DECISION_KEYS);
    assert.equal(within.status, 'proposed');
    assert.equal(within.meeting_id, meeting.id);
    assert.equal(within.group_id, group.id);
    assert.equal(within.decision_date, '2025-03-10', 'judged on the meeting date');
    assert.deepEqual(within.evaluation, { within_mandate: true, rule_id: rule.id, requires_consultation: false,
      reasons: ["Within the delegation for 'measure' valid from 2024-01-01."] });
    assert.equal(within.escalation, null);
    assert.equal(within.queued_for_delegation_report, false, 'not yet final');
    assert.equal(within.finalised_at, null);
    assert.equal(within.consultation_check.state, 'not_needed');
    assert.deepEqual(await a.decision(within.id), within);
    assert.deepEqual((await a.meeting(meeting.id)).decisions, [within]);
    assertProblem(assert, await request(server, `/api/v1/decisions/${UNKNOWN_ID}`, { session: a.session }), 404);
  });

  test('exactly at the limits (amount, horizon, the rule\'s own district): within', async () => {
    const d = await a.mustDecide(meeting.id, inside({ title: 'Vid gränsen', amount_sek: 100000, horizon_months: 6,
      area_ids: [areas.districts['Södermalm'].id] }));
    assert.equal(d.status, 'proposed', JSON.stringify(d.evaluation));
    assert.equal(d.evaluation.within_mandate, true);
  });

  test('finalise: 200 final, queued for the delegation report; a second finalise: 409, unchanged', async () => {
    const r = await a.finalise(within.id);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'final');
    assert.equal(r.body.queued_for_delegation_report, true);
    assert.equal(typeof r.body.finalised_at, 'string');
    assert.equal(r.body.consultation_override, null);
    const stored = await a.decision(within.id);
    assert.deepEqual(stored, r.body);
    assertProblem(assert, await a.finalise(within.id), 409, { detail: /Only a proposed decision/ });
    assert.deepEqual(await a.decision(within.id), stored);
    assertProblem(assert, await a.finalise(UNKNOWN_ID), 404);
  });

  const KS = () => orgs.named.Kommunstyrelsen.id;
  const COMMITTEE = () => orgs.named['Södermalm stadsdelsnämnd'].id;
  // [label, overrides, reason pattern, whether the rule matched]
  const OUTSIDE = [
    ['amount one krona over', { amount_sek: 100001 }, /The amount 100001 SEK exceeds the limit of 100000 SEK/, true],
    ['area outside (Kista, in Järva)', () => ({ area_ids: [areas.neighbourhoods.Kista.id] }), /lies outside the areas of the delegation/, true],
    ['no area named', { area_ids: [] }, /limited to certain areas, and the decision names none/, true],
    ['horizon longer', { horizon_months: 7 }, /time horizon 7 months exceeds the delegation's 6 months/, true],
    ['no amount stated', { amount_sek: null }, /states no amount/, true],
    ['no rule for the matter type', { matter_type: 'procurement' }, /no delegation for matter type 'procurement' on 2025-03-10/, false],
    ['non-delegable "goals"', { matter_type: 'goals' }, /goals are never delegable/, false],
  ];

  for (const [label, over, reason, matched] of OUTSIDE) {
    test(`outside the mandate, ${label}: 201 escalated with the reason; finalise 409, unchanged`, async () => {
      const extra = typeof over === 'function' ? over() : over;
      const d = await a.mustDecide(meeting.id, inside({ title: `Utanför: ${label}`, ...extra }));
      escalated[label] = d;
      assert.equal(d.status, 'escalated');
      assert.equal(d.evaluation.within_mandate, false);
      assert.equal(d.evaluation.rule_id, matched ? rule.id : null);
      assert.equal(d.evaluation.reasons.length, 1, JSON.stringify(d.evaluation.reasons));
      assert.match(d.evaluation.reasons[0], reason);
      assert.equal(d.queued_for_delegation_report, false);
      assert.ok(d.escalation, 'an escalation was created');
      assert.equal(d.escalation.to_id, matched ? KS() : COMMITTEE(),
        matched ? 'the rule\'s escalate_to_id' : 'the group\'s first committee');
      assert.match(d.escalation.reason, reason);
      assert.equal(d.escalation.outcome, null);
      assert.equal(d.escalation.created_on, todayStockholm());
      assertProblem(assert, await a.finalise(d.id), 409, { detail: /this one is escalated/ });
      assert.deepEqual(await a.decision(d.id), d);
      const pending = (await a.health()).pending_escalations.find((x) => x.decision_id === d.id);
      assert.ok(pending, 'listed as a pending escalation');
      assert.equal(pending.escalation_id, d.escalation.id);
    });
  }

  test('several ways outside at once: one reason for each', async () => {
    const d = await a.mustDecide(meeting.id, inside({ title: 'Allt på en gång', amount_sek: 900000, horizon_months: 24,
      area_ids: [areas.neighbourhoods.Kista.id] }));
    assert.equal(d.status, 'escalated');
    assert.equal(d.evaluation.reasons.length, 3, JSON.stringify(d.evaluation.reasons));
    const text = d.evaluation.reasons.join(' ');
    assert.match(text, /exceeds the limit/);
    assert.match(text, /outside the areas/);
    assert.match(text, /time horizon 24 months/);
  });

  test('escalation outcome "approved": the decision is final (not a delegated decision)', async () => {
    const d = escalated['amount one krona over'];
    const r = await a.outcome(d.escalation.id, { outcome: 'approved', decided_on: '2025-04-01' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.id, d.id);
    assert.equal(r.body.status, 'final');
    assert.equal(typeof r.body.finalised_at, 'string');
    assert.equal(r.body.queued_for_delegation_report, false);
    assert.equal(r.body.escalation.outcome, 'approved');
    assert.equal(r.body.escalation.decided_on, '2025-04-01');
    assert.deepEqual(await a.decision(d.id), r.body);
    assert.ok(!(await a.health()).pending_escalations.some((x) => x.decision_id === d.id), 'no longer pending');
    assertProblem(assert, await a.finalise(d.id), 409);
  });

  test('escalation outcome "rejected": the decision is rejected, never finalised', async () => {
    const d = escalated['area outside (Kista, in Järva)'];
    const r = await a.outcome(d.escalation.id, { outcome: 'rejected', note: 'Inte vårt område.' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'rejected');
    assert.equal(r.body.finalised_at, null);
    assert.equal(r.body.escalation.outcome, 'rejected');
    assert.equal(r.body.escalation.outcome_note, 'Inte vårt område.');
    assert.equal(r.body.escalation.decided_on, todayStockholm(), 'decided_on defaults to today');
    assert.deepEqual(await a.decision(d.id), r.body);
    assertProblem(assert, await a.finalise(d.id), 409);
    assert.equal((await a.decision(d.id)).status, 'rejected');
  });

  test('"amended" needs a note: without one 400 field note, unchanged; with one the decision is final', async () => {
    const d = escalated['horizon longer'];
    const before = await a.decision(d.id);
    assertProblem(assert, await a.outcome(d.escalation.id, { outcome: 'amended' }), 400, { field: 'note' });
    assertProblem(assert, await a.outcome(d.escalation.id, { outcome: 'amended', note: '   ' }), 400, { field: 'note' });
    assert.deepEqual(await a.decision(d.id), before);
    const r = await a.outcome(d.escalation.id, { outcome: 'amended', note: 'Godkänt med sex månader.' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'final');
    assert.equal(r.body.escalation.outcome, 'amended');
    assert.equal(r.body.escalation.outcome_note, 'Godkänt med sex månader.');
  });

  test('a second outcome: 409, the first one stands', async () => {
    for (const label of ['amount one krona over', 'area outside (Kista, in Järva)']) {
      const d = escalated[label];
      const before = await a.decision(d.id);
      assertProblem(assert, await a.outcome(d.escalation.id, { outcome: 'rejected' }), 409, { detail: /already has an outcome/ });
      assertProblem(assert, await a.outcome(d.escalation.id, { outcome: 'approved' }), 409);
      assert.deepEqual(await a.decision(d.id), before);
    }
  });

  test('bad outcomes: 400 naming the field; unknown escalation 404; the escalation stays pending', async () => {
    const d = escalated['no rule for the matter type'];
    const before = await a.decision(d.id);
    assertProblem(assert, await a.outcome(d.escalation.id, { outcome: 'maybe' }), 400, { field: 'outcome' });
    assertProblem(assert, await a.outcome(d.escalation.id, { outcome: 'Approved' }), 400, { field: 'outcome' });
    assertProblem(assert, await a.outcome(d.escalation.id, {}), 400, { field: 'outcome' });
    assertProblem(assert, await a.outcome(d.escalation.id, { outcome: 'approved', decided_on: '2025-13-01' }), 400, { field: 'decided_on' });
    assertProblem(assert, await a.outcome(d.escalation.id, { outcome: 'approved', by: 'KS' }), 400, { field: 'by' });
    assertProblem(assert, await a.outcome(UNKNOWN_ID, { outcome: 'approved' }), 404);
    assert.deepEqual(await a.decision(d.id), before);
    assert.equal(before.escalation.outcome, null);
  });

  test('bad decision input: 400 naming the field (404 for an unknown meeting); the meeting\'s decisions unchanged', async () => {
    const before = await a.meeting(meeting.id);
    const refused = async (json, status, opts, mid = meeting.id) => {
      assertProblem(assert, await a.decide(mid, json), status, opts);
      assert.deepEqual(await a.meeting(meeting.id), before, `decisions changed after ${JSON.stringify(json)}`);
    };
    for (const t of ['Measure', 'två ord', 'åtgärd', 'a-b', 'x'.repeat(41)]) {
      await refused(inside({ matter_type: t }), 400, { field: 'matter_type' });
    }
    await refused(inside({ matter_type: '' }), 400, { field: 'matter_type' });
    await refused(inside({ amount_sek: '1000' }), 400, { field: 'amount_sek' });
    await refused(inside({ amount_sek: 1.5 }), 400, { field: 'amount_sek' });
    await refused(inside({ amount_sek: -1 }), 400, { field: 'amount_sek' });
    await refused(inside({ horizon_months: 0 }), 400, { field: 'horizon_months' });
    await refused(inside({ horizon_months: 'sex' }), 400, { field: 'horizon_months' });
    await refused(inside({ major: 'yes' }), 400, { field: 'major' });
    await refused(inside({ major: 1 }), 400, { field: 'major' });
    await refused(inside({ area_ids: [UNKNOWN_ID] }), 400, { field: 'area_ids[0]' });
    await refused(inside({ area_ids: 'Gamla stan' }), 400, { field: 'area_ids' });
    await refused(inside({ title: '  ' }), 400, { field: 'title' });
    await refused(inside({ title: undefined }), 400, { field: 'title' });
    await refused(inside({ status: 'final' }), 400, { field: 'status' });
    await refused(inside(), 404, {}, UNKNOWN_ID);
    const raw = await request(server, `/api/v1/meetings/${meeting.id}/decisions`, { method: 'POST', session: a.session,
      body: '{"title": "x", ', headers: { 'content-type': 'application/json' } });
    assertProblem(assert, raw, 400, { detail: /JSON/ });
    assert.deepEqual(await a.meeting(meeting.id), before);
  });

  test('outside the mandate in a group with no rule and no committee: 409, nothing stored', async () => {
    const bare = await a.mustCreateGroup({ name: 'Grupp utan nämnd', kind: 'thematic', cadence: 'monthly' });
    const m = await a.mustAddMeeting(bare.id, { held_on: '2025-03-10' });
    assertProblem(assert, await a.decide(m.id, inside()), 409, { detail: /names no body to escalate to/ });
    assert.deepEqual((await a.meeting(m.id)).decisions, []);
  });

  // Beyond the brief. A server bug today (SQLite and PostgreSQL): committee_ids are stored as a set and
  // read back sorted by id, so "the group's first committee" (the escalation target when no rule
  // matches) is whichever id sorts first, not the one named first. The demo steering group names
  // Kommunstyrelsen first, yet its unmatched decisions go to whichever district committee sorts first.
  test('committee_ids keep their order, and an unmatched decision escalates to the first one named', async () => {
    const [low, high] = [orgs.named.Kommunstyrelsen, orgs.named['Södermalm stadsdelsnämnd']].sort((x, y) => (x.id < y.id ? -1 : 1));
    const g = await a.mustCreateGroup({ name: 'Två nämnder', kind: 'thematic', cadence: 'monthly', committee_ids: [high.id, low.id] });
    assert.deepEqual(g.committee_ids, [high.id, low.id], 'the order given');
    const m = await a.mustAddMeeting(g.id, { held_on: '2025-03-10' });
    const d = await a.mustDecide(m.id, inside({ matter_type: 'goals' }));
    assert.equal(d.escalation.to_id, high.id, `escalated to ${d.escalation.to_id === low.id ? low.name : d.escalation.to_id}, not ${high.name}`);
  });
});

// ------------------------------------------------------------------------------------------------

describe('governance: political consultation', () => {
  // Recent, so that the health view (which looks back a year, and at anything unsettled) lists it.
  const MEETING_DAY = addDays(todayStockholm(), -30);
  let server;
  let a;
  let orgs;
  let group;
  let meeting;
  let ks;
  const d = {}; // the decisions under test

  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    orgs = await organisationFacts(a);
    ks = orgs.named.Kommunstyrelsen.id;
    group = await a.mustCreateGroup({ name: 'Samrådsgruppen', kind: 'thematic', cadence: 'monthly', committee_ids: [ks] });
    await a.mustAddMember(group.id, { name: 'Stad', organisation_id: orgs.named.Stadsledningskontoret.id, role: 'chair' });
    await a.mustAddMember(group.id, { name: 'Polis', organisation_id: orgs.named['Polisregion Stockholm'].id, role: 'member' });
    await a.mustAddRule(group.id, { matter_type: 'resource_allocation', amount_limit_sek: 2000000, requires_consultation: true,
      escalate_to_id: ks, valid_from: '2024-01-01' });
    await a.mustAddRule(group.id, { matter_type: 'measure', amount_limit_sek: 500000, escalate_to_id: ks, valid_from: '2024-01-01' });
    meeting = await a.mustAddMeeting(group.id, { held_on: MEETING_DAY });
  });
  after(async () => { await server?.close(); });

  const allocation = (title) => a.mustDecide(meeting.id, { title, matter_type: 'resource_allocation', amount_sek: 1000000 });
  const open = async (id, openedOn, body = ks) => {
    const r = await a.openConsultation(id, { body_id: body, opened_on: openedOn });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const conclude = async (kid, on, outcome = 'Inga invändningar.') => {
    const r = await a.conclude(kid, { concluded_on: on, outcome });
    assert.equal(r.status, 200, r.text);
    return r.body;
  };

  test('a rule requiring consultation: state "missing"; finalise 409 mentioning the consultation', async () => {
    d.late = await allocation('Omfördelning, sent samråd');
    assert.equal(d.late.status, 'proposed');
    assert.equal(d.late.evaluation.requires_consultation, true);
    assert.equal(d.late.major, false);
    assert.equal(d.late.consultation_check.state, 'missing');
    assertProblem(assert, await a.finalise(d.late.id), 409, { detail: /consultation is required and none has been opened/ });
    assert.deepEqual(await a.decision(d.late.id), d.late);
  });

  test('major: true under a rule without consultation: also "missing"', async () => {
    d.major = await a.mustDecide(meeting.id, { title: 'Stor åtgärd', matter_type: 'measure', amount_sek: 100000, major: true });
    assert.equal(d.major.major, true);
    assert.equal(d.major.evaluation.requires_consultation, false);
    assert.equal(d.major.consultation_check.state, 'missing');
    assertProblem(assert, await a.finalise(d.major.id), 409, { detail: /consultation/ });
    const minor = await a.mustDecide(meeting.id, { title: 'Liten åtgärd', matter_type: 'measure', amount_sek: 100000 });
    assert.equal(minor.consultation_check.state, 'not_needed');
  });

  test('opened 5 days before the meeting: 201, "late"; still late once concluded; finalise 409', async () => {
    const opened = await open(d.late.id, addDays(MEETING_DAY, -5));
    assert.equal(opened.consultations.length, 1);
    const k = opened.consultations[0];
    assert.deepEqual(k, { id: k.id, body_id: ks, opened_on: addDays(MEETING_DAY, -5), concluded_on: null, outcome: '' });
    assert.equal(opened.consultation_check.state, 'late');
    assert.match(opened.consultation_check.reason, /5 days before the decision date; at least 14 days/);
    const concluded = await conclude(k.id, addDays(MEETING_DAY, -3));
    assert.equal(concluded.consultations[0].concluded_on, addDays(MEETING_DAY, -3));
    assert.equal(concluded.consultations[0].outcome, 'Inga invändningar.');
    assert.equal(concluded.consultation_check.state, 'late', 'concluding does not make it timely');
    d.lateConsultation = k.id;
    const before = await a.decision(d.late.id);
    assertProblem(assert, await a.finalise(d.late.id), 409, { detail: /override reason/ });
    assertProblem(assert, await a.finalise(d.late.id, {}), 409);
    assertProblem(assert, await a.finalise(d.late.id, { override_reason: '' }), 409);
    assertProblem(assert, await a.finalise(d.late.id, { override_reason: '   ' }), 409);
    assert.deepEqual(await a.decision(d.late.id), before);
  });

  test('health lists the late and the missing consultations, not yet overridden', async () => {
    const h = await a.health();
    const late = h.late_consultations.find((x) => x.decision_id === d.late.id);
    assert.ok(late, JSON.stringify(h.late_consultations));
    assert.equal(late.state, 'late');
    assert.equal(late.overridden, null);
    assert.equal(late.status, 'proposed');
    assert.equal(late.decision_date, MEETING_DAY);
    const missing = h.late_consultations.find((x) => x.decision_id === d.major.id);
    assert.ok(missing, JSON.stringify(h.late_consultations));
    assert.equal(missing.state, 'missing');
  });

  test('finalise with an override reason as coordinator: final, the override stored and audited', async () => {
    const reason = 'Akut läge; KS informerad muntligt.';
    const r = await a.finalise(d.late.id, { override_reason: reason });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'final');
    assert.equal(r.body.consultation_override, reason);
    assert.equal(r.body.queued_for_delegation_report, true);
    assert.deepEqual(await a.decision(d.late.id), r.body);
    const rows = auditRows(server.db, ['decision.finalise']).filter((x) => x.objectId === d.late.id);
    assert.equal(rows.length, 1, JSON.stringify(rows));
    assert.equal(rows[0].actorName, 'coordinator');
    assert.equal(rows[0].detail.consultation_override, reason);
    assert.match(rows[0].detail.consultation_state, /5 days before/);
  });

  test('health keeps listing the overridden late consultation, with the override reason', async () => {
    // What the server does: an overridden consultation stays flagged (it was late), and says so.
    const late = (await a.health()).late_consultations.find((x) => x.decision_id === d.late.id);
    assert.ok(late, 'still listed');
    assert.equal(late.status, 'final');
    assert.equal(late.state, 'late');
    assert.equal(late.overridden, 'Akut läge; KS informerad muntligt.');
  });

  test('opened 14 days before and concluded: "in_good_time"; finalise works without override', async () => {
    d.timely = await allocation('Omfördelning, samråd i god tid');
    const opened = await open(d.timely.id, addDays(MEETING_DAY, -14));
    assert.equal(opened.consultation_check.state, 'open', 'opened in time but not concluded');
    assertProblem(assert, await a.finalise(d.timely.id), 409, { detail: /not yet concluded/ });
    const concluded = await conclude(opened.consultations[0].id, addDays(MEETING_DAY, -1));
    assert.equal(concluded.consultation_check.state, 'in_good_time');
    const r = await a.finalise(d.timely.id);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'final');
    assert.equal(r.body.consultation_override, null);
    assert.ok(!(await a.health()).late_consultations.some((x) => x.decision_id === d.timely.id));
    const row = auditRows(server.db, ['decision.finalise']).find((x) => x.objectId === d.timely.id);
    assert.equal(row.detail.consultation_override, undefined);
  });

  test('lead-time edges: 13 days is late, 14 days across the spring DST change is in time', async () => {
    const d13 = await allocation('Tretton dagar');
    assert.equal((await open(d13.id, addDays(MEETING_DAY, -13))).consultation_check.state, 'late');
    assert.ok((await a.health()).late_consultations.some((x) => x.decision_id === d13.id));
    // Summer time began on 2025-03-30: 2025-03-23 to 2025-04-06 is still 14 calendar days.
    const spring = await a.mustAddMeeting(group.id, { held_on: '2025-04-06' });
    const dst = await a.mustDecide(spring.id, { title: 'Över sommartiden', matter_type: 'resource_allocation', amount_sek: 10 });
    const k = await open(dst.id, '2025-03-23');
    assert.equal(k.consultation_check.state, 'open');
    assert.equal((await conclude(k.consultations[0].id, '2025-04-01')).consultation_check.state, 'in_good_time');
    // Opened after the decision date: late.
    const afterwards = await allocation('Samråd efteråt');
    assert.equal((await open(afterwards.id, addDays(MEETING_DAY, 2))).consultation_check.state, 'late');
  });

  test('the earliest-opened consultation decides timeliness: one opened earlier than a late one makes it timely', async () => {
    const x = await allocation('Två samråd');
    await open(x.id, addDays(MEETING_DAY, -3));
    const both = await open(x.id, addDays(MEETING_DAY, -30));
    assert.equal(both.consultations.length, 2);
    // The one opened 30 days before is the earliest; it is open, so the state is "open", not late.
    assert.equal(both.consultation_check.state, 'open');
  });

  test('conclude before opened_on: 400; twice: 409; unknown: 404; bad date: 400; nothing changes', async () => {
    const x = await allocation('Avsluta fel');
    const opened = await open(x.id, '2025-05-01');
    const kid = opened.consultations[0].id;
    const before = await a.decision(x.id);
    assertProblem(assert, await a.conclude(kid, { concluded_on: '2025-04-30' }), 400, { field: 'concluded_on' });
    assertProblem(assert, await a.conclude(kid, { concluded_on: '2025-02-30' }), 400, { field: 'concluded_on' });
    assertProblem(assert, await a.conclude(kid, {}), 400, { field: 'concluded_on' });
    assertProblem(assert, await a.conclude(UNKNOWN_ID, { concluded_on: '2025-05-02' }), 404);
    assert.deepEqual(await a.decision(x.id), before);
    await conclude(kid, '2025-05-01', 'Samma dag går bra.');
    const once = await a.decision(x.id);
    assertProblem(assert, await a.conclude(kid, { concluded_on: '2025-05-10' }), 409, { detail: /already concluded on 2025-05-01/ });
    assertProblem(assert, await a.conclude(d.lateConsultation, { concluded_on: '2025-06-20' }), 409);
    assert.deepEqual(await a.decision(x.id), once);
  });

  test('refused consultations: unknown body 400, bad opened_on 400, unknown decision 404, a final decision 409', async () => {
    const x = await allocation('Öppna fel');
    const before = await a.decision(x.id);
    assertProblem(assert, await a.openConsultation(x.id, { body_id: UNKNOWN_ID, opened_on: '2025-05-01' }), 400, { field: 'body_id' });
    assertProblem(assert, await a.openConsultation(x.id, { opened_on: '2025-05-01' }), 400, { field: 'body_id' });
    assertProblem(assert, await a.openConsultation(x.id, { body_id: ks, opened_on: '2025-5-1' }), 400, { field: 'opened_on' });
    assertProblem(assert, await a.openConsultation(x.id, { body_id: ks }), 400, { field: 'opened_on' });
    assertProblem(assert, await a.openConsultation(UNKNOWN_ID, { body_id: ks, opened_on: '2025-05-01' }), 404);
    assert.deepEqual(await a.decision(x.id), before);
    const finalBefore = await a.decision(d.timely.id);
    assertProblem(assert, await a.openConsultation(d.timely.id, { body_id: ks, opened_on: '2025-05-01' }), 409, { detail: /already final/ });
    assert.deepEqual(await a.decision(d.timely.id), finalBefore);
  });

  test('a rejected decision drops out of the health view; an escalated one with a missing consultation stays', async () => {
    const big = await a.mustDecide(meeting.id, { title: 'För stor omfördelning', matter_type: 'resource_allocation', amount_sek: 5000000 });
    assert.equal(big.status, 'escalated');
    assert.equal(big.consultation_check.state, 'missing');
    assert.ok((await a.health()).late_consultations.some((x) => x.decision_id === big.id && x.status === 'escalated'));
    const r = await a.outcome(big.escalation.id, { outcome: 'rejected' });
    assert.equal(r.status, 200, r.text);
    assert.ok(!(await a.health()).late_consultations.some((x) => x.decision_id === big.id));
  });
});

// ------------------------------------------------------------------------------------------------

describe('governance: dialogue log', () => {
  let server;
  let a;
  let group;
  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    group = (await demoGroups(a)).steering;
  });
  after(async () => { await server?.close(); });

  const entry = (over = {}) => ({ held_on: '2025-05-20', parties: 'Styrgruppen och kommunstyrelsens ordförande',
    topic: 'Lägesbild inför sommaren — ”trygg sommar”', follow_ups: ['Återkomma om badplatser', 'Bjuda in polisen'], ...over });

  test('POST dialogue: 201, and the entry appears on the group, newest first', async () => {
    const r = await a.addDialogue(group.id, entry());
    assert.equal(r.status, 201, r.text);
    const added = r.body.dialogue.find((e) => e.topic === entry().topic);
    assert.ok(added, JSON.stringify(r.body.dialogue));
    assert.deepEqual(added, { id: added.id, ...entry() });
    const r2 = await a.addDialogue(group.id, entry({ held_on: '2025-06-01', topic: 'Uppföljning', follow_ups: undefined }));
    assert.equal(r2.status, 201, r2.text);
    const g = await a.group(group.id);
    assert.deepEqual(g.dialogue.map((e) => [e.held_on, e.topic]), [['2025-06-01', 'Uppföljning'], ['2025-05-20', entry().topic]]);
    assert.deepEqual(g.dialogue[0].follow_ups, []);
    assert.deepEqual(g.dialogue[1], added);
  });

  test('refused dialogue: a missing topic or parties, a bad date, bad follow-ups: 400 naming the field; unknown group 404', async () => {
    const before = await a.group(group.id);
    const refused = async (json, status, opts, gid = group.id) => {
      assertProblem(assert, await a.addDialogue(gid, json), status, opts);
      assert.deepEqual(await a.group(group.id), before, `group changed after ${JSON.stringify(json)}`);
    };
    await refused(entry({ topic: undefined }), 400, { field: 'topic' });
    await refused(entry({ topic: '  ' }), 400, { field: 'topic' });
    await refused(entry({ parties: '' }), 400, { field: 'parties' });
    await refused(entry({ held_on: '2025-02-29' }), 400, { field: 'held_on' });
    await refused(entry({ held_on: undefined }), 400, { field: 'held_on' });
    await refused(entry({ follow_ups: 'ring KS' }), 400, { field: 'follow_ups' });
    await refused(entry({ follow_ups: ['ok', 7] }), 400, { field: 'follow_ups[1]' });
    await refused(entry({ mood: 'god' }), 400, { field: 'mood' });
    await refused(entry(), 404, {}, UNKNOWN_ID);
  });
});

// ------------------------------------------------------------------------------------------------

describe('governance: authorisation', () => {
  let server;
  let coord;
  let a;
  let demo;
  let orgs;
  let areas;
  let pendingEscalation; // the demo escalation
  let lateDecision; // the demo steering decision with a late consultation
  let steeringMeeting;
  let jarvaMeeting; // created by the member

  before(async () => {
    server = await startServer();
    coord = await mustSignIn(server, 'coordinator');
    a = api(server, coord);
    demo = await demoGroups(a);
    orgs = await organisationFacts(a);
    areas = await areaFacts(server, coord, todayStockholm());
    const h = await a.health();
    pendingEscalation = h.pending_escalations[0];
    lateDecision = await a.decision(h.late_consultations[0].decision_id);
    steeringMeeting = (await a.group(demo.steering.id)).meetings[0];
  });
  after(async () => { await server?.close(); });

  // Every group and meeting in full, for "stored data unchanged".
  const snapshot = async () => {
    const groups = await Promise.all((await a.groups()).map((g) => a.group(g.id)));
    const meetings = await Promise.all(groups.flatMap((g) => g.meetings.map((m) => a.meeting(m.id))));
    return { groups: byId(groups), meetings: byId(meetings) };
  };
  const jarvaDecision = (over = {}) => ({ title: 'Belysning vid Kista gångbro', matter_type: 'measure', amount_sek: 50000,
    area_ids: [areas.neighbourhoods.Kista.id], horizon_months: 3, ...over });

  test('member (in the Järva group): may create a meeting and a decision there, and finalise it', async () => {
    const s = await mustSignIn(server, 'member');
    const jarva = await a.group(demo.jarva.id);
    assert.ok(jarva.members.some((m) => m.user_id === s.user.id), 'the demo user sits in the Järva group');
    const r = await a.addMeeting(demo.jarva.id, { held_on: todayStockholm(), agenda: 'Trygghet', attendance: jarva.members.map((m) => m.id) }, s);
    assert.equal(r.status, 201, r.text);
    jarvaMeeting = r.body;
    const d = await a.decide(jarvaMeeting.id, jarvaDecision(), s);
    assert.equal(d.status, 201, d.text);
    assert.equal(d.body.status, 'proposed', JSON.stringify(d.body.evaluation));
    const f = await a.finalise(d.body.id, undefined, s);
    assert.equal(f.status, 200, f.text);
    assert.equal(f.body.status, 'final');
    const dl = await a.addDialogue(demo.jarva.id, { held_on: todayStockholm(), parties: 'Järva SDN', topic: 'Trygghetsvandring' }, s);
    assert.equal(dl.status, 201, dl.text);
    const rows = auditRows(server.db, ['meeting.create', 'decision.create', 'decision.finalise'])
      .filter((x) => [jarvaMeeting.id, d.body.id].includes(x.objectId));
    assert.deepEqual(rows.map((x) => [x.action, x.actorName]),
      [['meeting.create', 'member'], ['decision.create', 'member'], ['decision.finalise', 'member']]);
  });

  test('member: 403 for the steering group\'s meetings, decisions and finalising; audited; nothing changes', async () => {
    const s = await mustSignIn(server, 'member');
    const before = await snapshot();
    const denied = denials(server.db, 'member');
    assertProblem(assert, await a.addMeeting(demo.steering.id, { held_on: todayStockholm() }, s), 403);
    assertProblem(assert, await a.decide(steeringMeeting.id, jarvaDecision(), s), 403);
    assertProblem(assert, await a.finalise(lateDecision.id, { override_reason: 'Brådskande' }, s), 403);
    assertProblem(assert, await a.addDialogue(demo.steering.id, { held_on: todayStockholm(), parties: 'x', topic: 'y' }, s), 403);
    assertProblem(assert, await a.openConsultation(lateDecision.id, { body_id: orgs.named.Kommunstyrelsen.id, opened_on: '2025-01-01' }, s), 403);
    assertProblem(assert, await a.conclude(lateDecision.consultations[0].id, { concluded_on: todayStockholm() }, s), 403);
    assert.deepEqual(await snapshot(), before);
    assert.equal(denials(server.db, 'member'), denied + 6);
    const rows = sql(server.db, "SELECT detail FROM audit_log WHERE action = 'authz.deny' AND actor_name = 'member' ORDER BY seq DESC LIMIT 6");
    assert.match(rows, /group\.record/, rows);
  });

  test('member: 403 for groups, members, rules, escalation outcomes and the consultation override, even in Järva', async () => {
    const s = await mustSignIn(server, 'member');
    const major = await a.decide(jarvaMeeting.id, jarvaDecision({ title: 'Större beslut', major: true }), s);
    assert.equal(major.status, 201, major.text);
    assert.equal(major.body.consultation_check.state, 'missing');
    const jarva = await a.group(demo.jarva.id);
    const before = await snapshot();
    const denied = denials(server.db, 'member');
    assertProblem(assert, await a.createGroup({ name: 'Medlemmens grupp', kind: 'thematic', cadence: 'monthly' }, s), 403);
    assertProblem(assert, await a.addMember(demo.jarva.id, { name: 'Ny', organisation_id: orgs.named['Järva stadsdelsnämnd'].id, role: 'member' }, s), 403);
    assertProblem(assert, await a.removeMember(demo.jarva.id, jarva.members[0].id, s), 403);
    assertProblem(assert, await a.addRule(demo.jarva.id, { matter_type: 'measure', amount_limit_sek: 10000000,
      escalate_to_id: orgs.named.Kommunstyrelsen.id, valid_from: '2030-01-01' }, s), 403);
    assertProblem(assert, await a.outcome(pendingEscalation.escalation_id, { outcome: 'approved' }, s), 403);
    const o = assertProblem(assert, await a.finalise(major.body.id, { override_reason: 'Vi hinner inte samråda' }, s), 403);
    assert.match(o.detail, /consultation\.override/);
    assert.deepEqual(await snapshot(), before);
    assert.equal(denials(server.db, 'member'), denied + 6);
    const rows = sql(server.db, "SELECT detail FROM audit_log WHERE action = 'authz.deny' AND actor_name = 'member' ORDER BY seq DESC LIMIT 6");
    for (const action of ['group.manage', 'escalation.record_outcome', 'consultation.override']) assert.match(rows, new RegExp(action.replace('.', '\\.')), rows);
    assert.equal((await a.decision(major.body.id)).status, 'proposed');
  });

  test('membership is what counts: the member added to another group may record there, and not once removed', async () => {
    const s = await mustSignIn(server, 'member');
    const g = await a.mustCreateGroup({ name: 'Tematisk grupp med medlemmen', kind: 'thematic', cadence: 'monthly' });
    assertProblem(assert, await a.addMeeting(g.id, { held_on: todayStockholm() }, s), 403);
    const { member } = await a.mustAddMember(g.id, { name: 'Mohammed Gruppmedlem', organisation_id: orgs.named['Järva stadsdelsnämnd'].id,
      role: 'member', user_id: s.user.id });
    assert.equal(member.user_id, s.user.id);
    const r = await a.addMeeting(g.id, { held_on: todayStockholm() }, s);
    assert.equal(r.status, 201, r.text);
    await a.mustRemoveMember(g.id, member.id);
    const meetings = (await a.group(g.id)).meetings;
    assertProblem(assert, await a.addMeeting(g.id, { held_on: todayStockholm() }, s), 403);
    assertProblem(assert, await a.decide(r.body.id, jarvaDecision(), s), 403);
    assert.deepEqual((await a.group(g.id)).meetings, meetings);
    assert.deepEqual((await a.meeting(r.body.id)).decisions, []);
  });

  test('politician: reads groups, a group, a meeting, a decision and health', async () => {
    const s = await mustSignIn(server, 'politician');
    assert.deepEqual(await a.groups(s), await a.groups());
    assert.deepEqual(await a.group(demo.steering.id, s), await a.group(demo.steering.id));
    assert.deepEqual(await a.meeting(steeringMeeting.id, s), await a.meeting(steeringMeeting.id));
    assert.deepEqual(await a.decision(lateDecision.id, s), await a.decision(lateDecision.id));
    assert.deepEqual(await a.health(s), await a.health());
  });

  test('politician: every write is 403, audited as authz.deny, and changes nothing', async () => {
    const s = await mustSignIn(server, 'politician');
    const before = await snapshot();
    const denied = denials(server.db, 'politician');
    const ks = orgs.named.Kommunstyrelsen.id;
    const writes = [
      ['create group', () => a.createGroup({ name: 'Politikerns grupp', kind: 'thematic', cadence: 'monthly' }, s)],
      ['add member', () => a.addMember(demo.est.id, { name: 'Polis', organisation_id: orgs.named['Polisregion Stockholm'].id, role: 'member' }, s)],
      ['remove member', () => a.removeMember(demo.est.id, demo.est.members[0].id, s)],
      ['add rule', () => a.addRule(demo.steering.id, { matter_type: 'measure', amount_limit_sek: 1, escalate_to_id: ks, valid_from: '2030-01-01' }, s)],
      ['dialogue', () => a.addDialogue(demo.steering.id, { held_on: '2025-01-01', parties: 'KS', topic: 'Möte' }, s)],
      ['meeting', () => a.addMeeting(demo.steering.id, { held_on: '2025-01-01' }, s)],
      ['decision', () => a.decide(steeringMeeting.id, { title: 'Politikerns beslut', matter_type: 'measure', amount_sek: 1 }, s)],
      ['finalise', () => a.finalise(lateDecision.id, { override_reason: 'Politiskt beslut' }, s)],
      ['open consultation', () => a.openConsultation(lateDecision.id, { body_id: ks, opened_on: '2025-01-01' }, s)],
      ['conclude consultation', () => a.conclude(lateDecision.consultations[0].id, { concluded_on: todayStockholm() }, s)],
      ['escalation outcome', () => a.outcome(pendingEscalation.escalation_id, { outcome: 'approved' }, s)],
    ];
    for (const [label, write] of writes) {
      const r = await write();
      assert.equal(r.status, 403, `${label}: ${r.status} ${r.text}`);
      assertProblem(assert, r, 403);
    }
    assert.deepEqual(await snapshot(), before, 'stored data changed');
    assert.equal(denials(server.db, 'politician'), denied + writes.length, 'one authz.deny row per refused write');
    const rows = sql(server.db, `SELECT outcome FROM audit_log WHERE action = 'authz.deny' AND actor_name = 'politician' ORDER BY seq DESC LIMIT ${writes.length}`);
    assert.deepEqual(rows.split('\n'), writes.map(() => 'denied'));
  });

  test('anonymous: 401 for reading and writing', async () => {
    const before = await snapshot();
    const get = (p) => request(server, p);
    const post = (p, json) => request(server, p, { method: 'POST', json });
    assertProblem(assert, await get(GROUPS), 401);
    assertProblem(assert, await get(`${GROUPS}/${demo.steering.id}`), 401);
    assertProblem(assert, await get(`/api/v1/meetings/${steeringMeeting.id}`), 401);
    assertProblem(assert, await get(`/api/v1/decisions/${lateDecision.id}`), 401);
    assertProblem(assert, await get(HEALTH), 401);
    assertProblem(assert, await post(GROUPS, { name: 'Anonym', kind: 'thematic', cadence: 'monthly' }), 401);
    assertProblem(assert, await post(`${GROUPS}/${demo.steering.id}/meetings`, { held_on: '2025-01-01' }), 401);
    assertProblem(assert, await post(`/api/v1/meetings/${steeringMeeting.id}/decisions`, { title: 'x', matter_type: 'measure' }), 401);
    assertProblem(assert, await post(`/api/v1/decisions/${lateDecision.id}/finalise`, { override_reason: 'x' }), 401);
    assertProblem(assert, await post(`/api/v1/escalations/${pendingEscalation.escalation_id}/outcome`, { outcome: 'approved' }), 401);
    assertProblem(assert, await request(server, `${GROUPS}/${demo.est.id}/members/${demo.est.members[0].id}`, { method: 'DELETE' }), 401);
    assert.deepEqual(await snapshot(), before);
  });

  test('a coordinator without the CSRF token: 403 on meeting, decision, finalise and outcome; nothing changes', async () => {
    const before = await snapshot();
    const noToken = (p, json, method = 'POST') => request(server, p, { method, session: coord, csrf: null, json });
    assertProblem(assert, await noToken(`${GROUPS}/${demo.steering.id}/meetings`, { held_on: '2025-01-01' }), 403);
    assertProblem(assert, await noToken(`/api/v1/meetings/${steeringMeeting.id}/decisions`, { title: 'x', matter_type: 'measure', amount_sek: 1 }), 403);
    assertProblem(assert, await noToken(`/api/v1/decisions/${lateDecision.id}/finalise`, { override_reason: 'x' }), 403);
    assertProblem(assert, await request(server, `/api/v1/escalations/${pendingEscalation.escalation_id}/outcome`,
      { method: 'POST', session: coord, csrf: 'forged', json: { outcome: 'approved' } }), 403);
    assertProblem(assert, await noToken(`${GROUPS}/${demo.est.id}/members/${demo.est.members[0].id}`, undefined, 'DELETE'), 403);
    assert.deepEqual(await snapshot(), before);
    // With the token the same outcome works: the refusals above were about the token.
    const r = await a.outcome(pendingEscalation.escalation_id, { outcome: 'approved' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'final');
  });
});

// ------------------------------------------------------------------------------------------------

describe('governance: concurrent requests', () => {
  const ROUNDS = 4;
  let server;
  let a;
  let orgs;
  let group;
  let meeting;

  before(async () => {
    server = await startServer();
    a = api(server, await mustSignIn(server, 'coordinator'));
    orgs = await organisationFacts(a);
    group = await a.mustCreateGroup({ name: 'Samtidighetsgruppen', kind: 'thematic', cadence: 'monthly',
      committee_ids: [orgs.named.Kommunstyrelsen.id] });
    await a.mustAddRule(group.id, { matter_type: 'measure', amount_limit_sek: 1000, escalate_to_id: orgs.named.Kommunstyrelsen.id,
      valid_from: '2024-01-01' });
    meeting = await a.mustAddMeeting(group.id, { held_on: '2025-03-10' });
  });
  after(async () => { await server?.close(); });

  test('two finalise requests at once on one proposed decision: exactly one 200', async () => {
    const failures = [];
    for (let round = 0; round < ROUNDS; round++) {
      const d = await a.mustDecide(meeting.id, { title: `Samtidig ${round}`, matter_type: 'measure', amount_sek: 10 });
      const res = await Promise.all([a.finalise(d.id), a.finalise(d.id)]);
      for (const r of res) assert.ok([200, 409].includes(r.status), `${r.status} ${r.text}`);
      const won = res.filter((r) => r.status === 200).length;
      const rows = auditRows(server.db, ['decision.finalise']).filter((x) => x.objectId === d.id).length;
      const stored = (await a.decision(d.id)).status;
      if (won !== 1 || rows !== 1 || stored !== 'final') failures.push(`round ${round}: ${won} answered 200, ${rows} audit rows, stored ${stored}`);
    }
    assert.deepEqual(failures, []);
  });

  test('two outcomes at once on one escalation: exactly one 200, and the stored status is the winner\'s', async () => {
    const failures = [];
    for (let round = 0; round < ROUNDS; round++) {
      const d = await a.mustDecide(meeting.id, { title: `Eskalerad ${round}`, matter_type: 'measure', amount_sek: 5000 });
      assert.equal(d.status, 'escalated');
      const res = await Promise.all([a.outcome(d.escalation.id, { outcome: 'approved' }), a.outcome(d.escalation.id, { outcome: 'rejected' })]);
      for (const r of res) assert.ok([200, 409].includes(r.status), `${r.status} ${r.text}`);
      const winners = res.map((r, i) => (r.status === 200 ? ['approved', 'rejected'][i] : null)).filter(Boolean);
      const stored = await a.decision(d.id);
      const rows = auditRows(server.db, ['escalation.outcome']).filter((x) => x.objectId === d.escalation.id).length;
      const expected = winners[0] === 'approved' ? 'final' : 'rejected';
      if (winners.length !== 1 || rows !== 1 || stored.escalation.outcome !== winners[0] || stored.status !== expected) {
        failures.push(`round ${round}: ${winners.length} answered 200 (${winners}), ${rows} audit rows, stored ${stored.status}/${stored.escalation.outcome}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test('three rules for one matter type with the same start at once: exactly one is added', async () => {
    const failures = [];
    for (let round = 0; round < ROUNDS; round++) {
      const from = `${2030 + round}-01-01`;
      const res = await Promise.all([0, 1, 2].map((i) => a.addRule(group.id, { matter_type: 'measure', amount_limit_sek: 1000 + i,
        escalate_to_id: orgs.named.Kommunstyrelsen.id, valid_from: from })));
      for (const r of res) assert.ok([201, 409].includes(r.status), `${r.status} ${r.text}`);
      const made = res.filter((r) => r.status === 201).length;
      const stored = (await a.group(group.id)).rules.filter((r) => r.valid_from === from).length;
      if (made !== 1 || stored !== 1) failures.push(`round ${round}: ${made} answered 201, ${stored} stored`);
    }
    assert.deepEqual(failures, []);
    const open = (await a.group(group.id)).rules.filter((r) => r.matter_type === 'measure' && r.valid_to === null);
    assert.equal(open.length, 1, 'one open-ended measure rule');
  });

  test('two concludes of one consultation at once: exactly one 200', async () => {
    const failures = [];
    for (let round = 0; round < ROUNDS; round++) {
      const d = await a.mustDecide(meeting.id, { title: `Samråd ${round}`, matter_type: 'measure', amount_sek: 10, major: true });
      const o = await a.openConsultation(d.id, { body_id: orgs.named.Kommunstyrelsen.id, opened_on: '2025-01-01' });
      assert.equal(o.status, 201, o.text);
      const kid = o.body.consultations[0].id;
      const res = await Promise.all([a.conclude(kid, { concluded_on: '2025-02-01' }), a.conclude(kid, { concluded_on: '2025-02-02' })]);
      for (const r of res) assert.ok([200, 409].includes(r.status), `${r.status} ${r.text}`);
      const won = res.filter((r) => r.status === 200).length;
      const rows = auditRows(server.db, ['consultation.conclude']).filter((x) => x.objectId === kid).length;
      if (won !== 1 || rows !== 1) failures.push(`round ${round}: ${won} answered 200, ${rows} audit rows`);
    }
    assert.deepEqual(failures, []);
  });
});

// ------------------------------------------------------------------------------------------------

describe('governance: audit trail', () => {
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

  test('a full round of governance work by the coordinator', async () => {
    const ks = orgs.named.Kommunstyrelsen.id;
    const g = await a.mustCreateGroup({ name: 'Revisionsgruppen', kind: 'thematic', cadence: 'quarterly', committee_ids: [ks] });
    ids.group = g.id;
    const { member } = await a.mustAddMember(g.id, { name: 'Anna Ordförande', organisation_id: orgs.named.Stadsledningskontoret.id, role: 'chair' });
    ids.member = member.id;
    const { member: gone } = await a.mustAddMember(g.id, { name: 'Tillfällig', organisation_id: orgs.named['Polisregion Stockholm'].id, role: 'member' });
    ids.removed = gone.id;
    await a.mustRemoveMember(g.id, gone.id);
    const { rule } = await a.mustAddRule(g.id, { matter_type: 'measure', amount_limit_sek: 1000, horizon_months: 12,
      requires_consultation: true, escalate_to_id: ks, valid_from: '2024-01-01' });
    ids.rule = rule.id;
    const m = await a.mustAddMeeting(g.id, { held_on: '2025-03-10', attendance: [member.id] });
    ids.meeting = m.id;
    const inside = await a.mustDecide(m.id, { title: 'Inom mandatet', matter_type: 'measure', amount_sek: 500, horizon_months: 1 });
    ids.inside = inside.id;
    const opened = await a.openConsultation(inside.id, { body_id: ks, opened_on: '2025-02-01' });
    assert.equal(opened.status, 201, opened.text);
    ids.consultation = opened.body.consultations[0].id;
    const concluded = await a.conclude(ids.consultation, { concluded_on: '2025-02-15', outcome: 'Tillstyrkt' });
    assert.equal(concluded.status, 200, concluded.text);
    assert.equal((await a.finalise(inside.id)).status, 200);
    const outside = await a.mustDecide(m.id, { title: 'Utanför mandatet', matter_type: 'measure', amount_sek: 5000, horizon_months: 1 });
    ids.outside = outside.id;
    ids.escalation = outside.escalation.id;
    assert.equal((await a.outcome(outside.escalation.id, { outcome: 'amended', note: 'Halverat belopp', decided_on: '2025-04-01' })).status, 200);
  });

  test('each write left one success row by the coordinator, with the essentials in detail', () => {
    const actions = ['group.create', 'group.member_add', 'group.member_remove', 'group.rule_add', 'meeting.create',
      'decision.create', 'decision.finalise', 'escalation.outcome', 'consultation.open', 'consultation.conclude'];
    const rows = auditRows(server.db, actions);
    for (const action of actions) assert.ok(rows.some((r) => r.action === action), `${action} in ${JSON.stringify(rows.map((r) => r.action))}`);
    for (const r of rows) {
      assert.equal(r.actorName, 'coordinator', JSON.stringify(r));
      assert.equal(r.outcome, 'success', JSON.stringify(r));
    }
    const one = (action, id) => {
      const found = rows.filter((r) => r.action === action && r.objectId === id);
      assert.equal(found.length, 1, `${action} on ${id}: ${JSON.stringify(rows)}`);
      return found[0];
    };
    const create = one('group.create', ids.group);
    assert.equal(create.objectType, 'group');
    assert.deepEqual(create.detail, { name: 'Revisionsgruppen', kind: 'thematic', cadence: 'quarterly' });
    const adds = rows.filter((r) => r.action === 'group.member_add' && r.objectId === ids.group);
    assert.deepEqual(adds.map((r) => r.detail.member_id), [ids.member, ids.removed]);
    assert.equal(one('group.member_remove', ids.group).detail.member_id, ids.removed);
    const ruleRow = one('group.rule_add', ids.group);
    assert.equal(ruleRow.detail.rule_id, ids.rule);
    assert.equal(ruleRow.detail.matter_type, 'measure');
    assert.equal(ruleRow.detail.amount_limit_sek, 1000);
    assert.equal(ruleRow.detail.requires_consultation, true);
    const meetingRow = one('meeting.create', ids.meeting);
    assert.equal(meetingRow.detail.group_id, ids.group);
    assert.equal(meetingRow.detail.held_on, '2025-03-10');
    const inRow = one('decision.create', ids.inside);
    assert.equal(inRow.detail.within_mandate, true);
    assert.equal(inRow.detail.status, 'proposed');
    const outRow = one('decision.create', ids.outside);
    assert.equal(outRow.detail.within_mandate, false);
    assert.equal(outRow.detail.status, 'escalated');
    assert.equal(outRow.detail.escalated_to, orgs.named.Kommunstyrelsen.id);
    const fin = one('decision.finalise', ids.inside);
    assert.deepEqual([fin.detail.from, fin.detail.to], ['proposed', 'final']);
    assert.equal(fin.detail.consultation_override, undefined, 'consulted in good time: no override');
    const out = one('escalation.outcome', ids.escalation);
    assert.deepEqual(out.detail, { decision_id: ids.outside, outcome: 'amended', note: 'Halverat belopp', decided_on: '2025-04-01' });
    assert.equal(one('consultation.open', ids.consultation).detail.opened_on, '2025-02-01');
    assert.equal(one('consultation.conclude', ids.consultation).detail.concluded_on, '2025-02-15');
  });

  test('refused writes leave no success rows', async () => {
    const count = () => Number(sql(server.db, "SELECT count(*) FROM audit_log WHERE outcome = 'success'"));
    const before = count();
    assertProblem(assert, await a.finalise(ids.inside), 409);
    assertProblem(assert, await a.outcome(ids.escalation, { outcome: 'approved' }), 409);
    assertProblem(assert, await a.addRule(ids.group, { matter_type: 'goals', escalate_to_id: orgs.named.Kommunstyrelsen.id }), 400);
    assertProblem(assert, await a.conclude(ids.consultation, { concluded_on: '2025-03-01' }), 409);
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
