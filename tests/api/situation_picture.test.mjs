// The joint situation picture (EST): filing incident reports (area assignment, every refusal, personal
// identity numbers), who may file and read what, the picture itself (periods, totals, trend, the planted
// hotspot, update on write), the aggregation engine against plain SQL over the incidents table, the
// groups' notes, reporting duties, exports and safety-survey indicators.
// Imports (NDJSON, Polisen, CSV, the command line) are in incident_imports.test.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  assertProblem, httpRequest, mustSignIn, referenceDay, request, rowsOf, runCli, sql, sqlCategoryCounts, startServer,
  territorySql,
  now, nowMs,
} from './server.mjs';

const INCIDENTS = '/api/v1/incidents';
const PICTURE = '/api/v1/situation-picture';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const PICTURE_KEYS = ['area', 'categories', 'districts', 'hotspots', 'incidents_indexed', 'last_year', 'method',
  'neighbourhoods', 'note', 'period', 'permissions', 'previous', 'reference_date', 'safety_indicators', 'totals',
  'trend_weeks', 'unplaced'];
const INCIDENT_KEYS = ['area', 'area_basis', 'category', 'district', 'id', 'iso_week', 'lat', 'lon', 'neighbourhood',
  'occurred_at', 'occurred_on', 'place', 'police_area', 'reported_at', 'severity', 'source_organisation', 'text'];

// ------------------------------------------------------------------------------------------ dates

const DAY_MS = 86_400_000;
/** A Date as Stockholm local time "YYYY-MM-DDTHH:MM", as an <input type=datetime-local> gives. */
function stockholmLocal(date) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
const todayStockholm = () => stockholmLocal(now()).slice(0, 10);
/** YYYY-MM-DD plus `days`. */
function addDays(day, days) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** The ISO week code ("2026-W48") of a YYYY-MM-DD. */
function isoWeekOf(day) {
  const d = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
/** The Monday (YYYY-MM-DD) of an ISO week code. */
function mondayOf(code) {
  const [, y, w] = /^(\d{4})-W(\d{2})$/.exec(code).map(Number);
  const jan4 = Date.UTC(y, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (w - 1) * 7 * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}
/** The quarter / tertial code of a YYYY-MM-DD. */
const quarterOf = (day) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
const tertialOf = (day) => `${day.slice(0, 4)}-T${Math.floor((Number(day.slice(5, 7)) - 1) / 4) + 1}`;
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

// ------------------------------------------------------------------------------------------ facts

/** Everything the tests look up by name: users, areas, places, categories, organisations. */
async function estFacts(server) {
  const coord = await mustSignIn(server, 'coordinator');
  const get = async (p) => {
    const r = await request(server, p, { session: coord });
    assert.equal(r.status, 200, `GET ${p}: ${r.text}`);
    return r.body.items;
  };
  const byName = (items) => Object.fromEntries(items.map((x) => [x.name, x]));
  const pictureAreas = await get('/api/v1/situation-areas');
  const city = pictureAreas.find((a) => a.kind === 'municipality');
  assert.equal(city?.name, 'Stockholms stad');
  const facts = {
    coord,
    city,
    district: byName(pictureAreas.filter((a) => a.kind === 'district')),
    police: byName(pictureAreas.filter((a) => a.kind === 'police_area')),
    oldDistrict: byName(await get('/api/v1/areas?kind=district&date=2023-06-01')),
    nb: byName(await get('/api/v1/areas?kind=neighbourhood')),
    places: byName(await get('/api/v1/places')),
    cat: Object.fromEntries((await get('/api/v1/incident-categories')).map((c) => [c.code, c])),
    org: byName(await get('/api/v1/organisations')),
  };
  for (const n of ['Järva', 'Södermalm', 'Norra innerstaden']) assert.ok(facts.district[n], `district ${n}`);
  for (const n of ['Järva', 'Södermalm']) assert.ok(facts.police[n], `police area ${n}`);
  for (const n of ['Rinkeby-Kista', 'Spånga-Tensta']) assert.ok(facts.oldDistrict[n], `2023 district ${n}`);
  for (const n of ['Kista', 'Rinkeby', 'Södermalm']) assert.ok(facts.nb[n], `neighbourhood ${n}`);
  for (const n of ['Medborgarplatsen', 'Rinkeby torg', 'Sergels torg', 'Kista torg']) assert.ok(facts.places[n], `place ${n}`);
  assert.deepEqual(Object.values(facts.cat).slice(0, 9).map((c) => [c.id, c.code]),
    [[1, 'skadegorelse'], [2, 'klotter'], [3, 'nedskrapning'], [4, 'otrygg_plats'], [5, 'narkotika'],
      [6, 'storande_folksamling'], [7, 'hot_vald'], [8, 'brand'], [9, 'inbrott']]);
  return facts;
}

const incidentCount = (db) => Number(sql(db, 'SELECT count(*) FROM incidents'));
const denials = (db, who, type) => Number(sql(db,
  `SELECT count(*) FROM audit_log WHERE action = 'authz.deny' AND actor_name = '${who}' AND object_type = '${type}'`));

let unique = 0;
/** A distinct free text, so that otherwise equal reports are not refused as duplicates. */
const uniq = (text) => `${text} (${++unique})`;

// ------------------------------------------------------------------------------------------ SQL side
// rowsOf, referenceDay, territorySql and sqlCategoryCounts live in server.mjs (the action-plan tests use them too).

// ------------------------------------------------------------------------------------------

// Filing, read permissions and reading one report share one server (each start loads two years of demo
// incidents); the last of them stops it.
let shared = null;
const sharedServer = async () => {
  shared ??= await startServer();
  return shared;
};

describe('EST: filing a report', () => {
  let server;
  let f;
  let reporter;
  before(async () => {
    server = await sharedServer();
    f = await estFacts(server);
    reporter = await mustSignIn(server, 'reporter');
  });

  const file = (json, session = f.coord) => request(server, INCIDENTS, { method: 'POST', session, json });
  const recent = () => stockholmLocal(new Date(nowMs() - 60 * 60 * 1000));

  /** Runs a refusal case and checks that the incidents table kept its row count. */
  const refused = (name, fn) => test(name, async () => {
    const before = incidentCount(server.db);
    await fn();
    assert.equal(incidentCount(server.db), before, 'a refused report must store nothing');
  });
  const mustRefuse = async (json, field, detail, session) => {
    const r = await file(json, session);
    return assertProblem(assert, r, 400, { field, detail });
  };
  const good = (over = {}) => ({
    occurred_at: recent(), category: 'klotter', place_id: f.places.Medborgarplatsen.id, severity: 2,
    text: uniq('Klotter på bänkarna'), ...over,
  });

  test('at a named place: Medborgarplatsen -> neighbourhood, district and police area Södermalm', async () => {
    const before = incidentCount(server.db);
    const json = good({ text: uniq('Klotter på fontänen') });
    const r = await file(json);
    assert.equal(r.status, 201, r.text);
    const b = r.body;
    assert.deepEqual(Object.keys(b).sort(), INCIDENT_KEYS);
    assert.equal(r.headers.get('location'), `${INCIDENTS}/${b.id}`);
    assert.equal(b.area_basis, 'place');
    assert.deepEqual(b.place, { id: f.places.Medborgarplatsen.id, name: 'Medborgarplatsen' });
    assert.equal(b.lat, f.places.Medborgarplatsen.lat);
    assert.equal(b.lon, f.places.Medborgarplatsen.lon);
    assert.equal(b.neighbourhood?.name, 'Södermalm');
    assert.equal(b.neighbourhood.id, f.nb['Södermalm'].id);
    assert.deepEqual(b.area, { id: f.nb['Södermalm'].id, name: 'Södermalm', kind: 'neighbourhood' });
    assert.deepEqual(b.district, { id: f.district['Södermalm'].id, name: 'Södermalm', kind: 'district' });
    assert.deepEqual(b.police_area, { id: f.police['Södermalm'].id, name: 'Södermalm', kind: 'police_area' });
    assert.deepEqual(b.category, { id: 2, code: 'klotter', name_sv: 'Klotter' });
    assert.equal(b.severity, 2);
    assert.equal(b.text, json.text);
    assert.deepEqual(b.source_organisation, { id: f.org.Stadsledningskontoret.id, name: 'Stadsledningskontoret' },
      'the source defaults to the reporter\'s own organisation');
    assert.equal(b.occurred_on, json.occurred_at.slice(0, 10));
    assert.equal(b.iso_week, isoWeekOf(b.occurred_on));
    assert.equal(Date.parse(b.occurred_at), Date.parse(`${json.occurred_at}:00${stockholmOffset(json.occurred_at)}`),
      `${json.occurred_at} local is ${b.occurred_at}`);
    assert.equal(incidentCount(server.db), before + 1);
    const [row] = rowsOf(sql(server.db, `SELECT area_basis, area_id, district_id, police_area_id, place_id, reporter_id, occurred_on
      FROM incidents WHERE id = ${b.id}`));
    assert.deepEqual(row.map((x) => x.slice(0, 36)), ['place', f.nb['Södermalm'].id, f.district['Södermalm'].id,
      f.police['Södermalm'].id, f.places.Medborgarplatsen.id, f.coord.user.id, b.occurred_on]);
  });

  test('at coordinates: a point in Kista (59.4032, 17.9444) -> Kista / Järva / Järva', async () => {
    const r = await file({ occurred_at: recent(), category: 'narkotika', lat: 59.4032, lon: 17.9444, severity: 3,
      text: uniq('Langning vid tunnelbanan') });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.area_basis, 'point');
    assert.equal(r.body.place, null);
    assert.equal(r.body.lat, 59.4032);
    assert.equal(r.body.lon, 17.9444);
    assert.equal(r.body.neighbourhood?.name, 'Kista');
    assert.equal(r.body.district?.name, 'Järva');
    assert.equal(r.body.district.id, f.district['Järva'].id);
    assert.equal(r.body.police_area?.name, 'Järva');
    assert.equal(r.body.police_area.id, f.police['Järva'].id);
    assert.deepEqual(r.body.category, { id: 5, code: 'narkotika', name_sv: 'Narkotikahantering' });
  });

  test('district and police area follow the layout valid on the day the incident occurred', async () => {
    const kista2022 = await file({ occurred_at: '2022-05-10T12:00', category: 'klotter', lat: 59.4032, lon: 17.9444,
      severity: 1, text: uniq('Före reformen') });
    assert.equal(kista2022.status, 201, kista2022.text);
    assert.equal(kista2022.body.neighbourhood?.name, 'Kista');
    assert.equal(kista2022.body.district?.name, 'Rinkeby-Kista');
    assert.equal(kista2022.body.police_area?.name, 'Järva');
    const sergel2024 = await file({ occurred_at: '2024-06-01T12:00', category: 'klotter', place_id: f.places['Sergels torg'].id,
      severity: 1, text: uniq('Mellan reformerna') });
    assert.equal(sergel2024.status, 201, sergel2024.text);
    assert.equal(sergel2024.body.neighbourhood?.name, 'Norrmalm');
    assert.equal(sergel2024.body.district?.name, 'Norra innerstaden');
    assert.equal(sergel2024.body.police_area?.name, 'Norrmalm');
    const sergelNow = await file(good({ place_id: f.places['Sergels torg'].id }));
    assert.equal(sergelNow.status, 201, sergelNow.text);
    assert.equal(sergelNow.body.police_area?.name, 'Norra innerstaden');
  });

  test('category by id (number or string), code or Swedish name in any case', async () => {
    for (const [category, code] of [[3, 'nedskrapning'], ['3', 'nedskrapning'], ['otrygg_plats', 'otrygg_plats'],
      ['Störande folksamling', 'storande_folksamling'], ['hot/våld', 'hot_vald'], ['NEDSKRÄPNING', 'nedskrapning']]) {
      const r = await file(good({ category }));
      assert.equal(r.status, 201, `${JSON.stringify(category)}: ${r.text}`);
      assert.equal(r.body.category.code, code, JSON.stringify(category));
    }
  });

  test('occurred_at with Z or an offset is the same instant as local time; the same report twice is 409', async () => {
    const text = uniq('Samma händelse');
    const local = await file({ occurred_at: '2026-11-20T10:00', category: 'brand', place_id: f.places.Medborgarplatsen.id,
      severity: 2, text });
    assert.equal(local.status, 201, local.text);
    assert.equal(local.body.occurred_at, '2026-11-20T09:00:00.000Z');
    assert.equal(local.body.iso_week, '2026-W47');
    const before = incidentCount(server.db);
    for (const occurred_at of ['2026-11-20T09:00:00Z', '2026-11-20T10:00:00+01:00', '2026-11-20T04:00-05:00']) {
      const again = await file({ occurred_at, category: 'brand', place_id: f.places.Medborgarplatsen.id, severity: 2, text });
      assertProblem(assert, again, 409);
    }
    assert.equal(incidentCount(server.db), before);
    // Summer time: 14:05 local in July is 12:05 UTC.
    const summer = await file(good({ occurred_at: '2026-07-01T14:05' }));
    assert.equal(summer.status, 201, summer.text);
    assert.equal(summer.body.occurred_at, '2026-07-01T12:05:00.000Z');
    // Just after midnight local time belongs to the local day, not the UTC one.
    const midnight = await file(good({ occurred_at: '2026-11-23T00:30' }));
    assert.equal(midnight.status, 201, midnight.text);
    assert.equal(midnight.body.occurred_on, '2026-11-23');
    assert.equal(midnight.body.iso_week, '2026-W48');
  });

  refused('a point outside the municipality: 400 field lat (Solna, Uppsala)', async () => {
    for (const [lat, lon] of [[59.36, 18.00], [59.858, 17.639], [59.0, 18.0]]) {
      const b = await mustRefuse(good({ place_id: undefined, lat, lon }), 'lat', /outside Stockholm/);
      assert.doesNotMatch(b.detail, /swapped/, `(${lat}, ${lon}) is not a swap`);
    }
  });

  refused('swapped lat and lon: 400 field lat, saying they look swapped', async () => {
    await mustRefuse(good({ place_id: undefined, lat: 18.07368, lon: 59.31431 }), 'lat', /swapped/);
    await mustRefuse(good({ place_id: undefined, lat: 17.9444, lon: 59.4032 }), 'lat', /swapped/);
  });

  refused('coordinates out of range, half a point, or no place at all: 400 naming the field', async () => {
    await mustRefuse(good({ place_id: undefined, lat: 95, lon: 18 }), 'lat');
    await mustRefuse(good({ place_id: undefined, lat: 59.3, lon: 200 }), 'lon');
    await mustRefuse(good({ place_id: undefined, lat: 59.3143 }), 'lon');
    await mustRefuse(good({ place_id: undefined, lon: 18.07 }), 'lat');
    await mustRefuse(good({ place_id: undefined }), 'place_id');
    await mustRefuse(good({ place_id: UNKNOWN_ID }), 'place_id');
  });

  refused('a time in the future: 400 field occurred_at', async () => {
    await mustRefuse(good({ occurred_at: stockholmLocal(new Date(nowMs() + DAY_MS)) }), 'occurred_at', /future/);
    await mustRefuse(good({ occurred_at: stockholmLocal(new Date(nowMs() + 60 * 60 * 1000)) }), 'occurred_at', /future/);
    await mustRefuse(good({ occurred_at: new Date(nowMs() + 20 * 60 * 1000).toISOString() }), 'occurred_at', /future/);
  });

  refused('a time before 2000: 400 field occurred_at', async () => {
    await mustRefuse(good({ occurred_at: '1999-12-31T12:00' }), 'occurred_at', /2000/);
    await mustRefuse(good({ occurred_at: '1970-01-01T00:00Z' }), 'occurred_at', /2000/);
  });

  // Beyond the brief: occurred_at is Stockholm time, and 00:30 on 1 January 2000 there is in 2000
  // (it is 23:30 UTC on 31 December 1999).
  test('the first minutes of 2000 in Stockholm are not before 2000', async () => {
    const r = await file(good({ occurred_at: '2000-01-01T00:30' }));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.occurred_on, '2000-01-01');
  });

  refused('a malformed time: 400 field occurred_at', async () => {
    for (const occurred_at of ['27/11/2026 14:05', '2026-02-30T10:00', '2026-11-27T25:00', '2026-11-27', 'igår', '',
      '2026-11-27T14:05+25:00']) {
      await mustRefuse(good({ occurred_at }), 'occurred_at', undefined);
    }
    await mustRefuse(good({ occurred_at: undefined }), 'occurred_at');
  });

  refused('an unknown category: 400 field category', async () => {
    for (const category of ['korruption', 99, '0', '', 'Klotter!']) await mustRefuse(good({ category }), 'category');
    await mustRefuse(good({ category: undefined }), 'category');
    await mustRefuse(good({ category: true }), 'category');
  });

  test('a retired category refuses new reports (400 field category) until it is re-activated', async () => {
    const retire = await request(server, '/api/v1/incident-categories/3', { method: 'PATCH', session: f.coord, json: { retired: true } });
    assert.equal(retire.status, 200, retire.text);
    assert.equal(retire.body.retired, true);
    assert.equal(typeof retire.body.retired_at, 'string');
    try {
      const listed = (await request(server, '/api/v1/incident-categories', { session: f.coord })).body.items;
      assert.equal(listed.find((c) => c.id === 3).retired, true);
      const before = incidentCount(server.db);
      for (const category of [3, 'nedskrapning', 'Nedskräpning'])
        await mustRefuse(good({ category }), 'category', /retired/);
      assert.equal(incidentCount(server.db), before);
    } finally {
      const back = await request(server, '/api/v1/incident-categories/3', { method: 'PATCH', session: f.coord, json: { retired: false } });
      assert.equal(back.status, 200, back.text);
      assert.equal(back.body.retired, false);
      assert.equal(back.body.retired_at, null);
    }
    const ok = await file(good({ category: 'nedskrapning' }));
    assert.equal(ok.status, 201, ok.text);
    const audit = sql(server.db, "SELECT count(*) FROM audit_log WHERE action = 'incident_category.update' AND object_id = '3'");
    assert.equal(audit, '2');
  });

  refused('a personal identity number in the text: 400 field text, and the number is neither echoed nor stored', async () => {
    const cases = [
      ['Personen 811218-9876 sågs vid torget', /personal identity number/, 10],
      ['Anmälare 198112189876 ringde', /personal identity number/, 10],
      ['Anmälare 19811218-9876 ringde', /personal identity number/, 10],
      ['pnr:8112189876', /personal identity number/, 5],
      ['Samordningsnummer 701063-2391 nämndes', /co-ordination number/, 19],
      ['Född 811218+9876, över hundra år', /personal identity number/, 6],
    ];
    for (const [text, kind, at] of cases) {
      const b = await mustRefuse(good({ text }), 'text', kind);
      assert.match(b.detail, new RegExp(`at character ${at}\\b`), `${text}: ${b.detail}`);
      assert.doesNotMatch(b.detail, /9876|2391/, 'the number is not echoed back');
    }
    assert.equal(sql(server.db, "SELECT count(*) FROM audit_log WHERE detail LIKE '%9876%' OR detail LIKE '%2391%'"), '0');
  });

  test('numbers that only look like identity numbers are accepted (failing Luhn, impossible dates, phone numbers)', async () => {
    for (const text of ['Personen 811218-9875 sågs', 'Datum 811232-9876', 'Ring 070-123 45 67', 'Ärende 2026-11-27',
      'Koden 8112189875', 'Samordning 701093-2391']) {
      const r = await file(good({ text }));
      assert.equal(r.status, 201, `${text}: ${r.text}`);
      assert.equal(r.body.text, text);
    }
  });

  refused('malformed JSON: 400', async () => {
    const post = (body) => request(server, INCIDENTS, { method: 'POST', session: f.coord, body, headers: { 'content-type': 'application/json' } });
    assertProblem(assert, await post('{"occurred_at": "2026-11-26T10:00", "category": '), 400, { detail: /JSON/ });
    assertProblem(assert, await post(''), 400);
    assertProblem(assert, await post('[]'), 400, { detail: /object/ });
    assertProblem(assert, await post(`${JSON.stringify(good())} x`), 400, { detail: /JSON/ });
  });

  refused('wrong types: 400 naming the field', async () => {
    await mustRefuse(good({ severity: 'high' }), 'severity');
    await mustRefuse(good({ severity: '2' }), 'severity');
    await mustRefuse(good({ severity: 4 }), 'severity');
    await mustRefuse(good({ severity: 0 }), 'severity');
    await mustRefuse(good({ severity: 2.5 }), 'severity');
    await mustRefuse(good({ severity: undefined }), 'severity', /required/);
    await mustRefuse(good({ place_id: undefined, lat: '59.4032', lon: 17.9444 }), 'lat');
    await mustRefuse(good({ text: 42 }), 'text');
    await mustRefuse(good({ occurred_at: 1764237900 }), 'occurred_at');
    await mustRefuse(good({ place_id: ['x'] }), 'place_id');
  });

  refused('an unknown field: 400 naming it', async () => {
    const b = await mustRefuse(good({ colour: 'blue' }), 'colour');
    assert.match(b.detail, /colour/);
    await mustRefuse(good({ reporter_id: f.coord.user.id }), 'reporter_id');
  });

  refused('an unknown source organisation, or text over 4000 characters: 400 naming the field', async () => {
    await mustRefuse(good({ source_organisation_id: UNKNOWN_ID }), 'source_organisation_id');
    await mustRefuse(good({ text: 'x'.repeat(4001) }), 'text');
  });

  test('a named source organisation is kept', async () => {
    const r = await file(good({ source_organisation_id: f.org['AB Svenska Bostäder'].id }));
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body.source_organisation, { id: f.org['AB Svenska Bostäder'].id, name: 'AB Svenska Bostäder' });
  });

  // ---------------------------------------------------------------- permissions on filing

  test('a reporter files in their own area, with their own organisation as the source', async () => {
    const r = await file(good(), reporter);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.district.name, 'Södermalm');
    assert.equal(r.body.source_organisation.name, 'Lokalpolisområde Södermalm');
    assert.equal(sql(server.db, `SELECT reporter_id FROM incidents WHERE id = ${r.body.id}`), reporter.user.id);
  });

  refused('a reporter (Södermalm) filing in Järva: 403 and an authz.deny audit row', async () => {
    const deniedBefore = denials(server.db, 'reporter', 'incident');
    assertProblem(assert, await file(good({ place_id: undefined, lat: 59.4032, lon: 17.9444 }), reporter), 403);
    assertProblem(assert, await file(good({ place_id: f.places['Rinkeby torg'].id }), reporter), 403);
    assert.equal(denials(server.db, 'reporter', 'incident'), deniedBefore + 2);
    const detail = JSON.parse(sql(server.db,
      "SELECT detail FROM audit_log WHERE action = 'authz.deny' AND actor_name = 'reporter' ORDER BY seq DESC LIMIT 1"));
    assert.equal(detail.action, 'incident.report', JSON.stringify(detail));
    const outcome = sql(server.db, "SELECT outcome FROM audit_log WHERE action = 'authz.deny' AND actor_name = 'reporter' ORDER BY seq DESC LIMIT 1");
    assert.equal(outcome, 'denied');
  });

  refused("a reporter filing in their area on another organisation's behalf: 403", async () => {
    assertProblem(assert, await file(good({ source_organisation_id: f.org['Järva stadsdelsnämnd'].id }), reporter), 403);
  });

  refused('others may not file: member and caseworker 403; anonymous 401', async () => {
    for (const who of ['member', 'caseworker']) {
      const s = await mustSignIn(server, who);
      assertProblem(assert, await file(good({ place_id: f.places['Rinkeby torg'].id }), s), 403);
    }
    assertProblem(assert, await request(server, INCIDENTS, { method: 'POST', json: good() }), 401);
  });

  // A politician holds no organisation, so the default source is missing; today that is a 400
  // "source_organisation_id is required" although a politician may never file at all.
  refused('a politician may not file: 403, whatever the body', async () => {
    const politician = await mustSignIn(server, 'politician');
    assertProblem(assert, await file(good(), politician), 403);
    assertProblem(assert, await file(good({ source_organisation_id: f.org['Kommunstyrelsen'].id }), politician), 403);
  });

  test('reference data: any signed-in user reads it, anonymous 401; a reporter may not change it (403)', async () => {
    const s = reporter;
    for (const p of ['/api/v1/incident-categories', '/api/v1/places', '/api/v1/police-type-mappings']) {
      assert.equal((await request(server, p, { session: s })).status, 200, p);
      assertProblem(assert, await request(server, p), 401);
    }
    const before = sql(server.db, 'SELECT count(*) FROM incident_categories');
    assertProblem(assert, await request(server, '/api/v1/incident-categories', { method: 'POST', session: s,
      json: { code: 'fyrverkerier', name_sv: 'Fyrverkerier', name_en: 'Fireworks' } }), 403);
    assertProblem(assert, await request(server, '/api/v1/incident-categories/2', { method: 'PATCH', session: s,
      json: { retired: true } }), 403);
    assertProblem(assert, await request(server, '/api/v1/places', { method: 'POST', session: s,
      json: { name: 'Nytorget', kind: 'square', lat: 59.3125, lon: 18.0812 } }), 403);
    assertProblem(assert, await request(server, '/api/v1/police-type-mappings/stöld', { method: 'PUT', session: s,
      json: { category_id: 9 } }), 403);
    assert.equal(sql(server.db, 'SELECT count(*) FROM incident_categories'), before);
    assert.equal((await request(server, '/api/v1/incident-categories/2', { session: f.coord })).status, 405);
    assert.equal(f.cat.klotter.retired, false);
  });

  test('a coordinator creates a category (code rules, 409 on duplicates) and files under it', async () => {
    const post = (json) => request(server, '/api/v1/incident-categories', { method: 'POST', session: f.coord, json });
    const r = await post({ code: 'fyrverkerier', name_sv: 'Fyrverkerier', name_en: 'Fireworks' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.id, 10);
    assert.equal(r.body.retired, false);
    assertProblem(assert, await post({ code: 'fyrverkerier', name_sv: 'Annat', name_en: 'Other' }), 409);
    assertProblem(assert, await post({ code: 'annat', name_sv: 'KLOTTER', name_en: 'Other' }), 409);
    assertProblem(assert, await post({ code: 'Versaler', name_sv: 'Versaler', name_en: 'Capitals' }), 400, { field: 'code' });
    assertProblem(assert, await post({ code: 'x', name_sv: 'Kort', name_en: 'Short' }), 400, { field: 'code' });
    const filed = await file(good({ category: 'Fyrverkerier' }));
    assert.equal(filed.status, 201, filed.text);
    assert.deepEqual(filed.body.category, { id: 10, code: 'fyrverkerier', name_sv: 'Fyrverkerier' });
  });
});

/**
 * The UTC offset ("+01:00"/"+02:00") of Stockholm at a local "YYYY-MM-DDTHH:MM". In the hour that
 * repeats when summer time ends (02:00–03:00 on the last Sunday of October) both fit; the server
 * reads such a time as its first, summer-time occurrence, and so does this.
 */
function stockholmOffset(local) {
  for (const off of ['+02:00', '+01:00']) {
    const t = new Date(`${local}:00${off}`);
    if (stockholmLocal(t) === local) return off;
  }
  throw new Error(`no Stockholm offset for ${local}`);
}

// ------------------------------------------------------------------------------------------

describe('EST: who reads which picture', () => {
  let server;
  let f;
  const s = {};
  before(async () => {
    server = await sharedServer();
    f = await estFacts(server);
    for (const who of ['reporter', 'member', 'politician', 'caseworker', 'admin']) s[who] = await mustSignIn(server, who);
  });

  const picture = (area, session, extra = '') => request(server, `${PICTURE}?area=${area.id}${extra}`, { session });
  const listing = (area, session) => request(server, `${INCIDENTS}?area=${area.id}`, { session });
  const areasOf = async (session) => {
    const r = await request(server, '/api/v1/situation-areas', { session });
    assert.equal(r.status, 200, r.text);
    return r.body.items.map((a) => `${a.kind}:${a.name}`).sort();
  };

  test('reporter (Södermalm): the Södermalm picture 200; Järva, the city and other districts 403 with an audit row', async () => {
    const own = await picture(f.district['Södermalm'], s.reporter);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.body.area.name, 'Södermalm');
    assert.deepEqual(own.body.permissions, { edit_note: false, read_incidents: true });
    const before = denials(server.db, 'reporter', 'situation_picture');
    assertProblem(assert, await picture(f.city, s.reporter), 403);
    assertProblem(assert, await picture(f.district['Järva'], s.reporter), 403);
    assertProblem(assert, await picture(f.district['Norra innerstaden'], s.reporter), 403);
    assert.equal(denials(server.db, 'reporter', 'situation_picture'), before + 3);
    assert.deepEqual(await areasOf(s.reporter), ['district:Södermalm']);
  });

  test('member (Järva group): the Järva picture 200 (may edit the note); Södermalm 403', async () => {
    const own = await picture(f.district['Järva'], s.member);
    assert.equal(own.status, 200, own.text);
    assert.deepEqual(own.body.permissions, { edit_note: true, read_incidents: true });
    assertProblem(assert, await picture(f.district['Södermalm'], s.member), 403);
    const areas = await areasOf(s.member);
    assert.ok(areas.includes('district:Järva'), areas.join());
    assert.ok(!areas.includes('district:Södermalm'), areas.join());
  });

  test('politician: every picture 200 without note editing or free text; GET /incidents 403', async () => {
    for (const area of [f.city, f.district['Järva'], f.district['Södermalm'], f.police['Järva']]) {
      const r = await picture(area, s.politician);
      assert.equal(r.status, 200, `${area.name}: ${r.text}`);
      assert.deepEqual(r.body.permissions, { edit_note: false, read_incidents: false });
    }
    assertProblem(assert, await listing(f.district['Järva'], s.politician), 403);
    assertProblem(assert, await listing(f.city, s.politician), 403);
    assert.equal((await areasOf(s.politician)).length, 1 + Object.keys(f.district).length + Object.keys(f.police).length);
  });

  test('caseworker: 403 on every picture and no picture areas; anonymous 401', async () => {
    assertProblem(assert, await picture(f.district['Järva'], s.caseworker), 403);
    assertProblem(assert, await picture(f.city, s.caseworker), 403);
    assert.deepEqual(await areasOf(s.caseworker), []);
    assertProblem(assert, await picture(f.district['Järva']), 401);
    assertProblem(assert, await listing(f.district['Järva']), 401);
    assertProblem(assert, await request(server, '/api/v1/situation-areas'), 401);
    assertProblem(assert, await request(server, `/api/v1/safety-indicators?area=${f.district['Järva'].id}`), 401);
  });

  test('coordinator and admin: every picture area, with note editing', async () => {
    for (const who of [f.coord, s.admin]) {
      const r = await picture(f.city, who);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.permissions, { edit_note: true, read_incidents: true });
      assert.equal((await areasOf(who)).length, 1 + Object.keys(f.district).length + Object.keys(f.police).length);
    }
  });

  test('the incident list follows the same territory rules, and reading free text is audited', async () => {
    const own = await listing(f.district['Södermalm'], s.reporter);
    assert.equal(own.status, 200, own.text);
    assertProblem(assert, await listing(f.district['Järva'], s.reporter), 403);
    const member = await listing(f.district['Järva'], s.member);
    assert.equal(member.status, 200, member.text);
    assertProblem(assert, await listing(f.district['Södermalm'], s.member), 403);
    assertProblem(assert, await listing(f.district['Järva'], s.caseworker), 403);
    const audited = sql(server.db, "SELECT actor_name FROM audit_log WHERE action = 'incident.list' ORDER BY seq DESC LIMIT 2");
    assert.deepEqual(audited.split('\n'), ['member', 'reporter']);
  });
});

// ------------------------------------------------------------------------------------------

// The last user of the shared server (today a refused read blocks that server's writes on SQLite), which it
// stops: on PostgreSQL every server wipes the one test database, so servers must not overlap.
describe('EST: one report by id (the Location of a filed report)', () => {
  let server;
  let f;
  let jarvaReport;
  let sodermalmReport;
  before(async () => {
    server = await sharedServer();
    f = await estFacts(server);
  });
  after(async () => {
    await shared?.close();
    shared = null;
  });

  /** fetch with a deadline, so that a server that never answers fails the test instead of hanging it. */
  const quick = async (p, session, { method = 'GET', json, ms = 5000 } = {}) => {
    const headers = session ? { cookie: session.cookie } : {};
    if (json) Object.assign(headers, { 'content-type': 'application/json', 'x-csrf-token': session.csrf });
    try {
      const res = await fetch(server.base + p, { method, headers, body: json && JSON.stringify(json), signal: AbortSignal.timeout(ms) });
      const text = await res.text();
      let body;
      try { body = JSON.parse(text); } catch { body = undefined; }
      return { status: res.status, headers: res.headers, text, body };
    } catch (e) {
      assert.fail(`${method} ${p}: no answer within ${ms} ms (${e.name})`);
    }
  };

  test('a filed report is readable at its Location, as filed, and the read is audited', async () => {
    for (const [place, text] of [['Rinkeby torg', 'Läs mig i Järva'], ['Medborgarplatsen', 'Läs mig på Söder']]) {
      const r = await quick(INCIDENTS, f.coord, { method: 'POST', json: { occurred_at: '2026-11-26T10:30', category: 'klotter',
        place_id: f.places[place].id, severity: 1, text: uniq(text) } });
      assert.equal(r.status, 201, r.text);
      const got = await quick(r.headers.get('location'), f.coord);
      assert.equal(got.status, 200, got.text);
      assert.deepEqual(got.body, r.body);
      if (place === 'Rinkeby torg') jarvaReport = r.body; else sodermalmReport = r.body;
    }
    assert.equal(sql(server.db, `SELECT count(*) FROM audit_log WHERE action = 'incident.read' AND object_id = '${jarvaReport.id}'`), '1');
    assert.equal((await quick(`${INCIDENTS}/${sodermalmReport.id}`, await mustSignIn(server, 'reporter'))).status, 200);
    assert.equal((await quick(`${INCIDENTS}/${jarvaReport.id}`, await mustSignIn(server, 'member'))).status, 200);
    assertProblem(assert, await quick(`${INCIDENTS}/999999999`, f.coord), 404);
    assertProblem(assert, await quick(`${INCIDENTS}/abc`, f.coord), 404);
    assertProblem(assert, await quick(`${INCIDENTS}/${jarvaReport.id}`, null), 401);
  });

  // A regression test: on SQLite a refusal audited from inside a write transaction once waited
  // forever for the single writer, and every later write with it.
  test('a reader outside the district gets 403 at once, and the server goes on taking writes', async () => {
    assert.ok(jarvaReport, 'runs after the previous test');
    const reporter = await mustSignIn(server, 'reporter');
    const politician = await mustSignIn(server, 'politician');
    const readDenials = () => Number(sql(server.db, `SELECT count(*) FROM audit_log WHERE action = 'authz.deny'
      AND object_type = 'incident' AND detail LIKE '%incident.read_text%'`));
    const deniedBefore = readDenials();
    assertProblem(assert, await quick(`${INCIDENTS}/${jarvaReport.id}`, reporter), 403);
    assertProblem(assert, await quick(`${INCIDENTS}/${jarvaReport.id}`, politician), 403);
    const after = await quick(INCIDENTS, f.coord, { method: 'POST', json: { occurred_at: '2026-11-26T11:30', category: 'klotter',
      place_id: f.places.Medborgarplatsen.id, severity: 1, text: uniq('Skrivs efter en nekad läsning') } });
    assert.equal(after.status, 201, after.text);
    assert.equal(readDenials(), deniedBefore + 2);
  });

  // The denial names the report asked for, not its district.
  test('a refused read is audited with the id of the report asked for', async () => {
    assert.ok(jarvaReport, 'runs after the first test');
    const rows = sql(server.db, `SELECT actor_name, object_id FROM audit_log WHERE action = 'authz.deny' AND object_type = 'incident'
      AND detail LIKE '%incident.read_text%' ORDER BY seq`).split('\n').filter(Boolean);
    assert.ok(rows.length >= 2, 'the refused reads were audited');
    for (const row of rows) assert.match(row, new RegExp(`\\|${jarvaReport.id}$`), row);
  });
});

// ------------------------------------------------------------------------------------------

describe('EST: the picture', () => {
  let server;
  let first = null;  // the first server, after a restart: closed last, as it owns the database
  let f;
  let member;
  let reporter;
  let currentWeek;
  before(async () => {
    server = await startServer();
    f = await estFacts(server);
    member = await mustSignIn(server, 'member');
    reporter = await mustSignIn(server, 'reporter');
    currentWeek = isoWeekOf(todayStockholm());
  });
  after(async () => {
    await server?.close();
    await first?.close();
  });

  // Periods with demo data (two years up to yesterday), relative to today.
  const recentQuarter = quarterOf(addDays(todayStockholm(), -120));
  const lastYear = String(Number(todayStockholm().slice(0, 4)) - 1);

  const get = (p, session = f.coord) => request(server, p, { session });
  const picture = async (area, period, { session = f.coord, extra = '' } = {}) => {
    const r = await get(`${PICTURE}?area=${area.id}${period ? `&period=${period}` : ''}${extra}`, session);
    assert.equal(r.status, 200, `picture of ${area.name} ${period}: ${r.text}`);
    return r.body;
  };
  const file = (json, session = f.coord) => request(server, INCIDENTS, { method: 'POST', session, json });
  const sum = (xs, key) => xs.reduce((a, x) => a + x[key], 0);

  /** The internal consistency every picture must have. */
  function assertConsistent(p) {
    assert.deepEqual(Object.keys(p).sort(), PICTURE_KEYS);
    assert.equal(p.trend_weeks.length, 52);
    assert.equal(new Set(p.trend_weeks).size, 52, 'distinct weeks');
    for (let i = 1; i < 52; i++)
      assert.equal(daysBetween(mondayOf(p.trend_weeks[i - 1]), mondayOf(p.trend_weeks[i])), 7, `${p.trend_weeks[i - 1]} -> ${p.trend_weeks[i]}`);
    assert.equal(p.trend_weeks[51], isoWeekOf(p.period.end), 'the trend ends with the week of the period\'s last day');
    assert.equal(p.totals.count, sum(p.categories, 'count'), 'totals.count = sum of the category counts');
    assert.equal(p.totals.previous, sum(p.categories, 'previous'), 'totals.previous = sum of the previous counts');
    if (p.last_year) assert.equal(p.totals.last_year, sum(p.categories, 'last_year'));
    else {
      assert.equal(p.totals.last_year, null);
      for (const c of p.categories) assert.equal(c.last_year, null, c.code);
    }
    for (const c of p.categories) {
      assert.equal(c.trend.length, 52, c.code);
      assert.ok(c.trend.every((n) => Number.isInteger(n) && n >= 0), c.code);
    }
    if (p.period.code.includes('-W'))
      for (const c of p.categories) assert.equal(c.trend[51], c.count, `${c.code}: the last trend week is the week itself`);
    const placed = sum(p.neighbourhoods, 'count');
    if (p.area.kind === 'municipality') {
      assert.equal(placed + p.unplaced, p.totals.count, 'neighbourhoods + unplaced = total');
      assert.equal(sum(p.districts, 'count') + p.unplaced, p.totals.count, 'districts + unplaced = total');
      assert.ok(sum(p.districts, 'previous') <= p.totals.previous);
    } else {
      assert.equal(placed, p.totals.count, 'the neighbourhoods add up to the total');
      assert.equal(sum(p.neighbourhoods, 'previous'), p.totals.previous);
      assert.deepEqual(p.districts, []);
      assert.equal(p.unplaced, 0);
    }
  }

  test('the default period is the current ISO week; the picture adds up', async () => {
    const p = await picture(f.district['Järva']);
    assertConsistent(p);
    assert.equal(p.period.code, currentWeek);
    assert.equal(p.period.start, mondayOf(currentWeek));
    assert.equal(p.period.end, addDays(mondayOf(currentWeek), 6));
    assert.equal(p.previous.code, isoWeekOf(addDays(mondayOf(currentWeek), -7)));
    // The same week a year earlier; week 53 has none when the year before had only 52 weeks (2026-W53).
    const lastYear = `${Number(currentWeek.slice(0, 4)) - 1}${currentWeek.slice(4)}`;
    if (currentWeek.endsWith('-W53') && isoWeekOf(`${lastYear.slice(0, 4)}-12-28`) !== lastYear) assert.equal(p.last_year, null);
    else assert.equal(p.last_year.code, lastYear);
    assert.equal(p.reference_date, p.period.end);
    assert.deepEqual(p.area, { id: f.district['Järva'].id, name: 'Järva', kind: 'district' });
    assert.equal(p.method.min_count, 3);
    assert.equal(p.method.baseline_periods, 12);
    assert.equal(p.method.max_probability, 0.01);
    assert.match(p.method.text, /Poisson/);
    assert.deepEqual(p.categories.map((c) => c.id), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.ok(p.incidents_indexed >= 30000, `the demo has two years of incidents: ${p.incidents_indexed}`);
    assert.equal(Number(sql(server.db, 'SELECT count(*) FROM incidents')), p.incidents_indexed);
    assert.ok(p.neighbourhoods.some((n) => n.name === 'Rinkeby') && p.neighbourhoods.some((n) => n.name === 'Kista'));
    assert.ok(!p.neighbourhoods.some((n) => n.name === 'Södermalm'));
    const city = await picture(f.city);
    assertConsistent(city);
    assert.equal(city.districts.length, Object.keys(f.district).length);
  });

  test('the planted demo hotspot: Klotter in Rinkeby this week, in the Järva and the city pictures', async () => {
    const klotterRinkeby = Number(sql(server.db, `SELECT count(*) FROM incidents WHERE area_id = '${f.nb.Rinkeby.id}'
      AND category_id = 2 AND occurred_on >= '${mondayOf(currentWeek)}' AND occurred_on <= '${addDays(mondayOf(currentWeek), 6)}'`));
    assert.ok(klotterRinkeby >= 8, `8 planted: ${klotterRinkeby}`);
    for (const area of [f.district['Järva'], f.police['Järva'], f.city]) {
      const p = await picture(area);
      const h = p.hotspots.find((x) => x.neighbourhood.name === 'Rinkeby' && x.category.code === 'klotter');
      assert.ok(h, `${area.name}: ${JSON.stringify(p.hotspots)}`);
      assert.equal(h.neighbourhood.id, f.nb.Rinkeby.id);
      assert.deepEqual([h.category.id, h.category.code, h.category.name], [2, 'klotter', 'Klotter']);
      assert.equal(h.count, klotterRinkeby);
      assert.ok(h.probability < 0.01 && h.probability >= 0, String(h.probability));
      assert.ok(h.baseline < h.count / 2, `baseline ${h.baseline}`);
      for (const x of p.hotspots) assert.ok(x.count >= 3 && x.probability < 0.01, JSON.stringify(x));
    }
    const sodermalm = await picture(f.district['Södermalm']);
    assert.ok(!sodermalm.hotspots.some((x) => x.neighbourhood.name === 'Rinkeby'));
  });

  test('period codes: quarter, tertial, year and week 53', async () => {
    const q = await picture(f.district['Järva'], '2026-Q3');
    assertConsistent(q);
    assert.deepEqual([q.period.code, q.period.start, q.period.end], ['2026-Q3', '2026-07-01', '2026-09-30']);
    assert.equal(q.previous.code, '2026-Q2');
    assert.equal(q.last_year.code, '2025-Q3');
    assert.equal(q.method.baseline_periods, 4);
    assert.equal(q.trend_weeks[51], '2026-W40');

    const t = await picture(f.district['Järva'], '2026-T2');
    assertConsistent(t);
    assert.deepEqual([t.period.code, t.period.start, t.period.end], ['2026-T2', '2026-05-01', '2026-08-31']);
    assert.equal(t.previous.code, '2026-T1');
    assert.equal(t.method.baseline_periods, 3);

    const t1 = await picture(f.district['Järva'], '2026-T1');
    assert.equal(t1.previous.code, '2025-T3');

    const y = await picture(f.district['Järva'], '2026');
    assertConsistent(y);
    assert.deepEqual([y.period.code, y.period.start, y.period.end], ['2026', '2026-01-01', '2026-12-31']);
    assert.equal(y.previous.code, '2025');
    assert.equal(y.last_year.code, '2025');
    assert.ok(y.totals.count >= q.totals.count, 'a year holds its quarter');

    // Järva was formed in 2023; the whole city has a week 53 in 2020, and 2019 had none.
    const w53 = await picture(f.city, '2020-W53');
    assertConsistent(w53);
    assert.deepEqual([w53.period.code, w53.period.start, w53.period.end], ['2020-W53', '2020-12-28', '2021-01-03']);
    assert.equal(w53.previous.code, '2020-W52');
    assert.equal(w53.last_year, null);
    assert.equal(w53.totals.last_year, null);
    const next = await picture(f.city, '2021-W01');
    assert.equal(next.previous.code, '2020-W53');
    const w01 = await picture(f.district['Södermalm'], '2026-W01');
    assert.equal(w01.previous.code, '2025-W52');
  });

  test('bad periods and areas: 400 naming the parameter', async () => {
    const bad = (q) => get(`${PICTURE}?${q}`);
    for (const period of ['2021-W53', '2026-W54', '2026-W00', '2026-W1', '2026-Q5', '2026-Q0', '2026-T4', '26-W10', '2026-M11',
      '1999', '2101', 'vecka48', '2026-w48'])
      assertProblem(assert, await bad(`area=${f.district['Järva'].id}&period=${period}`), 400, { field: 'period' });
    assertProblem(assert, await bad(`area=${UNKNOWN_ID}`), 400, { field: 'area' });
    assertProblem(assert, await bad('area=Järva'), 400, { field: 'area' });
    assertProblem(assert, await bad('period=2026-W48'), 400, { field: 'area' });
    // An area that did not exist in the period.
    assertProblem(assert, await bad(`area=${f.district['Järva'].id}&period=2020-W53`), 400, { field: 'area' });
    assertProblem(assert, await bad(`area=${f.oldDistrict['Rinkeby-Kista'].id}&period=2024-W10`), 400, { field: 'area' });
    for (const v of ['0', '4', 'hög', '1.5'])
      assertProblem(assert, await bad(`area=${f.district['Järva'].id}&min_severity=${v}`), 400, { field: 'min_severity' });
  });

  test('filing a report updates the picture at once (the index is updated on write)', async () => {
    const occurred = stockholmLocal(new Date(nowMs() - 5 * 60 * 1000));
    const week = isoWeekOf(occurred.slice(0, 10));
    const before = await picture(f.district['Järva'], week);
    const cityBefore = await picture(f.city, week);
    const r = await file({ occurred_at: occurred, category: 'brand', place_id: f.places['Rinkeby torg'].id, severity: 3,
      text: uniq('Brand i papperskorg') });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.iso_week, week);
    const after = await picture(f.district['Järva'], week);
    assertConsistent(after);
    const cat = (p) => p.categories.find((c) => c.code === 'brand');
    const nb = (p) => p.neighbourhoods.find((n) => n.name === 'Rinkeby');
    assert.equal(after.totals.count, before.totals.count + 1);
    assert.equal(cat(after).count, cat(before).count + 1);
    assert.equal(cat(after).trend[51], cat(before).trend[51] + 1);
    assert.equal(nb(after).count, nb(before).count + 1);
    assert.equal(after.incidents_indexed, before.incidents_indexed + 1);
    const cityAfter = await picture(f.city, week);
    assert.equal(cityAfter.totals.count, cityBefore.totals.count + 1);
    const jarva = (p) => p.districts.find((d) => d.name === 'Järva');
    assert.equal(jarva(cityAfter).count, jarva(cityBefore).count + 1);
    // Another district is untouched.
    const sod = await picture(f.district['Södermalm'], week);
    assert.equal(sod.totals.count, sum(sod.categories, 'count'));
  });

  test('the source and min_severity filters count what SQL counts', async () => {
    const area = f.district['Järva'];
    const sources = rowsOf(sql(server.db, `SELECT source_org_id, count(*) FROM incidents GROUP BY source_org_id ORDER BY 2 DESC LIMIT 1`));
    const source = sources[0][0];
    for (const period of [currentWeek, recentQuarter, lastYear]) {
      for (const [extra, opts] of [[`&min_severity=3`, { minSeverity: 3 }], [`&min_severity=2`, { minSeverity: 2 }],
        [`&source=${source}`, { source }], [`&source=${source}&min_severity=2`, { source, minSeverity: 2 }]]) {
        const p = await picture(area, period, { extra });
        const want = sqlCategoryCounts(server.db, area, p.period, opts);
        for (const c of p.categories) assert.equal(c.count, want.get(c.id) ?? 0, `${period}${extra}: ${c.code}`);
      }
    }
    const none = await picture(area, currentWeek, { extra: `&source=${UNKNOWN_ID}` });
    assert.equal(none.totals.count, 0);
    assert.deepEqual(none.hotspots, []);
  });

  // --------------------------------------------------------------------- engine vs SQL

  /** Compares a picture's category counts, previous-period counts and neighbourhood counts with SQL. */
  async function compareWithSql(area, period) {
    const p = await picture(area, period);
    assertConsistent(p);
    const label = `${area.name} (${area.kind}) ${p.period.code}`;
    const want = sqlCategoryCounts(server.db, area, p.period);
    for (const c of p.categories) assert.equal(c.count, want.get(c.id) ?? 0, `${label}: ${c.code}`);
    assert.equal(p.totals.count, [...want.values()].reduce((a, b) => a + b, 0), `${label}: total`);
    // Neighbourhoods.
    const ref = referenceDay(server.db, area, p.period.end);
    assert.equal(p.reference_date, ref, `${label}: reference date`);
    const perNb = new Map(rowsOf(sql(server.db,
      `SELECT i.area_id, count(*) ${territorySql(area, ref, p.period.start, p.period.end)} AND i.area_basis <> 'municipality' GROUP BY i.area_id`))
      .map(([id, n]) => [id, Number(n)]));
    for (const n of p.neighbourhoods) assert.equal(n.count, perNb.get(n.id) ?? 0, `${label}: ${n.name}`);
    for (const [id, n] of perNb) assert.ok(p.neighbourhoods.some((x) => x.id === id), `${label}: neighbourhood ${id} with ${n} is missing`);
    if (area.kind === 'municipality') {
      const unplaced = Number(sql(server.db, `SELECT count(*) FROM incidents WHERE area_basis = 'municipality'
        AND occurred_on >= '${p.period.start}' AND occurred_on <= '${p.period.end}'`));
      assert.equal(p.unplaced, unplaced, `${label}: unplaced`);
    }
    // The 52-week trend, bucketed from per-day SQL counts.
    const first = mondayOf(p.trend_weeks[0]);
    const last = addDays(mondayOf(p.trend_weeks[51]), 6);
    const trend = new Map();
    for (const [cat, day, n] of rowsOf(sql(server.db,
      `SELECT i.category_id, i.occurred_on, count(*) ${territorySql(area, ref, first, last)} GROUP BY i.category_id, i.occurred_on`))) {
      const w = Math.floor(daysBetween(first, day.slice(0, 10)) / 7);
      const series = trend.get(Number(cat)) ?? new Array(52).fill(0);
      series[w] += Number(n);
      trend.set(Number(cat), series);
    }
    for (const c of p.categories) assert.deepEqual(c.trend, trend.get(c.id) ?? new Array(52).fill(0), `${label}: trend of ${c.code}`);
    return p;
  }

  test('engine vs SQL: districts, a police area and the city, for weeks including the current one', async () => {
    const previous = isoWeekOf(addDays(mondayOf(currentWeek), -7));
    const weeks = [currentWeek, previous, isoWeekOf(addDays(todayStockholm(), -200)), isoWeekOf(addDays(todayStockholm(), -480))];
    for (const week of weeks) {
      for (const area of [f.district['Järva'], f.district['Södermalm']]) await compareWithSql(area, week);
    }
    await compareWithSql(f.district['Norra innerstaden'], currentWeek);
    await compareWithSql(f.district['Norra innerstaden'], isoWeekOf(addDays(todayStockholm(), -330)));
    await compareWithSql(f.police['Järva'], currentWeek);
    await compareWithSql(f.police['Norra innerstaden'], previous);
    await compareWithSql(f.city, currentWeek);
    await compareWithSql(f.nb.Rinkeby, currentWeek);
  });

  test('engine vs SQL: quarters, tertials and years', async () => {
    const today = todayStockholm();
    for (const period of [recentQuarter, quarterOf(today), tertialOf(addDays(today, -250)), lastYear]) {
      await compareWithSql(f.district['Järva'], period);
      await compareWithSql(f.district['Södermalm'], period);
    }
    await compareWithSql(f.city, quarterOf(addDays(today, -400)));
  });

  test('engine vs SQL across the 2023 district reform, with imported history', async () => {
    // Generated incidents for 2023-06-12 .. 2023-07-09, bulk-imported; Järva replaced Rinkeby-Kista and Spånga-Tensta on 2023-07-01.
    const gen = runCli(['generate', 'incidents', '--count', '1500', '--seed', '2023', '--end', '2023-07-09', '--days', '28',
      '--db', server.db.url]);
    assert.equal(gen.code, 0, gen.stderr);
    assert.equal(gen.stdout.trim().split('\n').length, 1500);
    const r = await request(server, '/api/v1/incidents:bulk', { method: 'POST', session: f.coord, body: gen.stdout,
      headers: { 'content-type': 'application/x-ndjson' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.total, 1500);
    assert.equal(r.body.accepted + r.body.duplicates + r.body.rejected_count, 1500);
    assert.ok(r.body.accepted >= 1400, JSON.stringify(r.body).slice(0, 2000));
    const jarva = await compareWithSql(f.district['Järva'], '2023-W26');   // 26 June - 2 July: Järva from 1 July
    assert.ok(jarva.totals.count > 0, 'the reform week has incidents');
    assert.equal(jarva.reference_date, '2023-07-02');
    await compareWithSql(f.district['Järva'], '2023-W27');
    await compareWithSql(f.district['Järva'], '2023-Q3');
    const rk = await compareWithSql(f.oldDistrict['Rinkeby-Kista'], '2023-W26');  // ends within the week
    assert.equal(rk.reference_date, '2023-06-30');
    assert.ok(rk.totals.count > 0);
    await compareWithSql(f.oldDistrict['Rinkeby-Kista'], '2023-W24');
    await compareWithSql(f.oldDistrict['Spånga-Tensta'], '2023-W25');
    await compareWithSql(f.district['Södermalm'], '2023-W26');
    await compareWithSql(f.city, '2023-W26');
    assertProblem(assert, await get(`${PICTURE}?area=${f.district['Järva'].id}&period=2023-W25`), 400, { field: 'area' });
    assertProblem(assert, await get(`${PICTURE}?area=${f.oldDistrict['Rinkeby-Kista'].id}&period=2023-W27`), 400, { field: 'area' });
  });

  test('concurrent filings and a bulk import: every write reaches the index, which still equals SQL', async () => {
    const occurred = stockholmLocal(new Date(nowMs() - 15 * 60 * 1000));
    const week = isoWeekOf(occurred.slice(0, 10));
    const yesterday = addDays(todayStockholm(), -1);
    const before = await picture(f.district['Järva'], week);
    const places = ['Rinkeby torg', 'Kista torg', 'Tensta centrum', 'Husby centrum'].map((n) => f.places[n].id);
    const gen = runCli(['generate', 'incidents', '--count', '300', '--seed', '4711', '--end', yesterday, '--days', '7', '--db', server.db.url]);
    assert.equal(gen.code, 0, gen.stderr);
    const writes = [];
    for (let i = 0; i < 24; i++) {
      writes.push(file({ occurred_at: occurred, category: (i % 9) + 1, place_id: places[i % 4], severity: 1 + (i % 3),
        text: uniq('Samtidig rapport') }));
    }
    writes.splice(12, 0, request(server, '/api/v1/incidents:bulk', { method: 'POST', session: f.coord, body: gen.stdout,
      headers: { 'content-type': 'application/x-ndjson' } }));
    const results = await Promise.all(writes);
    const bulk = results.splice(12, 1)[0];
    assert.equal(bulk.status, 200, bulk.text);
    assert.equal(bulk.body.accepted, 300, JSON.stringify(bulk.body.rejected.slice(0, 3)));
    for (const r of results) assert.equal(r.status, 201, r.text);
    const after = await compareWithSql(f.district['Järva'], week);
    assert.ok(after.totals.count >= before.totals.count + 24, `${before.totals.count} -> ${after.totals.count}`);
    assert.equal(after.incidents_indexed, before.incidents_indexed + 324);
    await compareWithSql(f.city, week);
    await compareWithSql(f.city, isoWeekOf(yesterday));
    await compareWithSql(f.district['Södermalm'], isoWeekOf(addDays(yesterday, -6)));
  });

  test('the incident list agrees with the picture: totals, category filter, paging', async () => {
    for (const [area, period] of [[f.district['Järva'], currentWeek], [f.district['Södermalm'], recentQuarter], [f.city, currentWeek],
      [f.police['Järva'], currentWeek]]) {
      const p = await picture(area, period);
      const list = await get(`${INCIDENTS}?area=${area.id}&period=${period}&limit=500`);
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.total, p.totals.count, `${area.name} ${period}: list total vs picture`);
      const klotter = await get(`${INCIDENTS}?area=${area.id}&period=${period}&category=2&limit=1`);
      assert.equal(klotter.body.total, p.categories.find((c) => c.code === 'klotter').count, `${area.name} ${period}: klotter`);
      assert.ok(klotter.body.items.every((i) => i.category.code === 'klotter'));
    }
    const q = await picture(f.district['Järva'], recentQuarter);
    const all = (await get(`${INCIDENTS}?area=${f.district['Järva'].id}&period=${recentQuarter}&limit=500`)).body;
    assert.ok(all.total > 10, `Järva has incidents in ${recentQuarter}: ${all.total}`);
    assert.equal(all.total, q.totals.count);
    const page1 = (await get(`${INCIDENTS}?area=${f.district['Järva'].id}&period=${recentQuarter}&limit=4`)).body;
    const page2 = (await get(`${INCIDENTS}?area=${f.district['Järva'].id}&period=${recentQuarter}&limit=4&offset=4`)).body;
    assert.deepEqual([...page1.items, ...page2.items].map((i) => i.id), all.items.slice(0, 8).map((i) => i.id));
    const times = all.items.map((i) => i.occurred_at);
    assert.deepEqual([...times].sort().reverse(), times, 'newest first');
    for (const i of all.items) {
      assert.equal(i.district?.name, 'Järva', JSON.stringify(i));
      assert.ok(i.occurred_on >= q.period.start && i.occurred_on <= q.period.end, i.occurred_on);
    }
    for (const query of ['limit=0', 'limit=501', 'offset=-1', 'category=abc', 'period=2021-W53'])
      assertProblem(assert, await get(`${INCIDENTS}?area=${f.district['Järva'].id}&${query}`), 400);
    assertProblem(assert, await get(`${INCIDENTS}?period=2026-W01`), 400, { field: 'area' });
  });

  test('a new category counts at once (the index widens its category axis); a retired one stays while it has incidents', async () => {
    const created = await request(server, '/api/v1/incident-categories', { method: 'POST', session: f.coord,
      json: { code: 'elsparkcyklar', name_sv: 'Elsparkcyklar', name_en: 'E-scooters' } });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id;
    const occurred = stockholmLocal(new Date(nowMs() - 10 * 60 * 1000));
    const week = isoWeekOf(occurred.slice(0, 10));
    const before = await picture(f.district['Järva'], week);
    assert.equal(before.categories.find((c) => c.id === id)?.count, 0, 'an open category is listed even without incidents');
    const r = await file({ occurred_at: occurred, category: 'elsparkcyklar', place_id: f.places['Kista torg'].id, severity: 1,
      text: uniq('Elsparkcyklar blockerar entrén') });
    assert.equal(r.status, 201, r.text);
    const p = await compareWithSql(f.district['Järva'], week);
    assert.equal(p.categories.find((c) => c.id === id)?.count, 1);
    assert.equal(p.totals.count, before.totals.count + 1);
    for (const c of before.categories.filter((x) => x.id !== id)) assert.equal(p.categories.find((x) => x.id === c.id).count, c.count, c.code);
    await compareWithSql(f.district['Järva'], quarterOf(occurred.slice(0, 10)));

    const retire = await request(server, `/api/v1/incident-categories/${id}`, { method: 'PATCH', session: f.coord, json: { retired: true } });
    assert.equal(retire.status, 200, retire.text);
    const withIncidents = await picture(f.district['Järva'], week);
    const row = withIncidents.categories.find((c) => c.id === id);
    assert.ok(row, 'a retired category with incidents in the period stays in the picture');
    assert.equal(row.retired, true);
    assert.equal(row.count, 1);
    const without = await picture(f.district['Järva'], '2026-Q1');
    assert.ok(!without.categories.some((c) => c.id === id), 'a retired category without incidents is left out');
    const sod = await picture(f.district['Södermalm'], week);
    assert.ok(!sod.categories.some((c) => c.id === id), 'not in a district where it has none');
  });

  // --------------------------------------------------------------------- notes

  test("a Järva group member saves the week's note; the picture returns it at once", async () => {
    const area = f.district['Järva'];
    const first = await picture(area, currentWeek, { session: member });
    assert.equal(first.note, null);
    const json = { analysis: 'Klottret i Rinkeby ökar kraftigt; övrigt normalt.', focus: ['Rinkeby torg', 'Gångtunneln vid skolan'] };
    const r = await request(server, `/api/v1/situation-notes/${area.id}/${currentWeek}`, { method: 'PUT', session: member, json });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.analysis, json.analysis);
    assert.deepEqual(r.body.focus, json.focus);
    assert.equal(r.body.updated_by, 'Mohammed Gruppmedlem');
    assert.equal(r.body.period, currentWeek);
    for (const session of [member, f.coord]) {
      const p = await picture(area, currentWeek, { session });
      assert.equal(p.note?.analysis, json.analysis, JSON.stringify(p.note));
      assert.deepEqual(p.note.focus, json.focus);
      assert.equal(p.note.updated_by, 'Mohammed Gruppmedlem');
      assert.equal(typeof p.note.updated_at, 'string');
    }
    // Saving again replaces it.
    const again = await request(server, `/api/v1/situation-notes/${area.id}/${currentWeek}`, { method: 'PUT', session: f.coord,
      json: { analysis: 'Reviderad analys', focus: [] } });
    assert.equal(again.status, 200, again.text);
    const p = await picture(area, currentWeek, { session: member });
    assert.equal(p.note?.analysis, 'Reviderad analys');
    assert.deepEqual(p.note.focus, []);
    assert.equal(p.note.updated_by, 'Cecilia Samordnare');
    assert.equal(sql(server.db, `SELECT count(*) FROM situation_notes WHERE area_id = '${area.id}'`), '1');
    // Another period, or another area, has no note.
    assert.equal((await picture(area, '2026-Q3', { session: member })).note, null);
    assert.equal((await picture(f.district['Södermalm'], currentWeek)).note, null);
    assert.equal(sql(server.db, "SELECT count(*) FROM audit_log WHERE action = 'situation_note.save'"), '2');
  });

  test('notes: reporter 403, member outside Järva 403, too many focus places 400, unknown period 404', async () => {
    const put = (area, period, json, session) => request(server, `/api/v1/situation-notes/${area}/${period}`,
      { method: 'PUT', session, json });
    const jarva = f.district['Järva'].id;
    const sod = f.district['Södermalm'].id;
    const before = sql(server.db, 'SELECT count(*) FROM situation_notes');
    assertProblem(assert, await put(sod, currentWeek, { analysis: 'x', focus: [] }, reporter), 403);
    assertProblem(assert, await put(jarva, currentWeek, { analysis: 'x', focus: [] }, reporter), 403);
    assertProblem(assert, await put(sod, currentWeek, { analysis: 'x', focus: [] }, member), 403);
    assertProblem(assert, await put(jarva, currentWeek, { analysis: 'x', focus: [] }, await mustSignIn(server, 'politician')), 403);
    assertProblem(assert, await put(jarva, currentWeek, { analysis: 'x', focus: [] }), 401);
    const focus21 = Array.from({ length: 21 }, (_, i) => `Plats ${i + 1}`);
    assertProblem(assert, await put(jarva, currentWeek, { analysis: 'x', focus: focus21 }, member), 400, { field: 'focus' });
    assertProblem(assert, await put(jarva, currentWeek, { analysis: 'x', focus: ['ok', ''] }, member), 400, { field: 'focus[1]' });
    assertProblem(assert, await put(jarva, currentWeek, { analysis: 'x', focus: [7] }, member), 400, { field: 'focus[0]' });
    assertProblem(assert, await put(jarva, currentWeek, { analysis: 'x', focus: 'Rinkeby torg' }, member), 400, { field: 'focus' });
    assertProblem(assert, await put(jarva, currentWeek, { analysis: 'x', colour: 'red' }, member), 400, { field: 'colour' });
    assertProblem(assert, await put(jarva, currentWeek, { analysis: 'Anmälaren 811218-9876 hörs av.', focus: [] }, member), 400,
      { field: 'analysis' });
    assertProblem(assert, await put(jarva, currentWeek, { analysis: 'x', focus: ['Rinkeby torg', 'Hos 701063-2391'] }, member), 400,
      { field: 'focus[1]' });
    for (const period of ['2026-W99', '2021-W53', 'banana'])
      assertProblem(assert, await put(jarva, period, { analysis: 'x', focus: [] }, member), 404);
    assertProblem(assert, await put(UNKNOWN_ID, currentWeek, { analysis: 'x', focus: [] }, f.coord), 404);
    assert.equal(sql(server.db, 'SELECT count(*) FROM situation_notes'), before);
    const twenty = await put(jarva, '2026-W01', { analysis: 'Tjugo platser', focus: focus21.slice(0, 20) }, member);
    assert.equal(twenty.status, 200, twenty.text);
    assert.equal(twenty.body.focus.length, 20);
  });

  // --------------------------------------------------------------------- exports

  test('exports: .xlsx is a ZIP package and .pdf a PDF, as attachments', async () => {
    const area = f.district['Järva'].id;
    const fetchRaw = (p, session = f.coord) => httpRequest(server, p, { headers: session ? { cookie: session.cookie } : {} });
    const xlsx = await fetchRaw(`${PICTURE}.xlsx?area=${area}&period=${currentWeek}`);
    assert.equal(xlsx.status, 200, xlsx.body.toString().slice(0, 300));
    assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(xlsx.headers['content-disposition'] ?? '', new RegExp(`^attachment; filename="lagesbild-${currentWeek}\\.xlsx"$`));
    assert.equal(xlsx.body.subarray(0, 2).toString('latin1'), 'PK');
    assert.ok(xlsx.body.includes('[Content_Types].xml'), 'an OOXML package');
    const pdf = await fetchRaw(`${PICTURE}.pdf?area=${area}&period=2026-Q3`);
    assert.equal(pdf.status, 200, pdf.body.toString().slice(0, 300));
    assert.match(pdf.headers['content-type'] ?? '', /^application\/pdf/);
    assert.match(pdf.headers['content-disposition'] ?? '', /^attachment; filename="lagesbild-2026-Q3\.pdf"$/);
    assert.equal(pdf.body.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.body.subarray(-32).toString('latin1'), /%%EOF\s*$/);
    // Politicians may export; caseworkers not; anonymous 401; bad input 400.
    const politician = await mustSignIn(server, 'politician');
    assert.equal((await fetchRaw(`${PICTURE}.pdf?area=${area}`, politician)).status, 200);
    assert.equal((await fetchRaw(`${PICTURE}.xlsx?area=${area}`, await mustSignIn(server, 'caseworker'))).status, 403);
    assert.equal((await fetchRaw(`${PICTURE}.xlsx?area=${area}`, null)).status, 401);
    assert.equal((await fetchRaw(`${PICTURE}.pdf?area=${area}&period=2021-W53`)).status, 400);
    assert.equal((await fetchRaw(`${PICTURE}.xlsx?area=${f.district['Järva'].id}`, reporter)).status, 403);
  });

  // --------------------------------------------------------------------- safety indicators

  test('safety indicators: CSV import (decimal comma), read per area and in the picture, upsert on re-import', async () => {
    const post = (body, session = f.coord, ct = 'text/csv') => request(server, '/api/v1/safety-indicators:import',
      { method: 'POST', session, body, headers: { 'content-type': ct } });
    const csv = 'område;år;indikator;värde\n'
      + 'Rinkeby;2025;Andel som känner sig trygga;61,5\n'
      + `${f.district['Järva'].id};2025;Andel som känner sig trygga;66\n`
      + 'Södermalm;2025;Andel som känner sig trygga;80,25\n'
      + 'Atlantis;2025;Andel som känner sig trygga;50\n'
      + 'Kista;tjugo;Andel som känner sig trygga;50\n'
      + 'Kista;2025;Andel som känner sig trygga;många\n';
    const r = await post(csv);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.accepted, 3);
    assert.equal(r.body.rejected_count, 3);
    assert.match(r.body.rejected[0].reason, /Unknown area 'Atlantis'/);
    assert.equal(r.body.rejected[0].record['område'], 'Atlantis');
    assert.match(r.body.rejected[1].reason, /år/);
    assert.match(r.body.rejected[2].reason, /värde/);
    const read = async (area) => {
      const x = await get(`/api/v1/safety-indicators?area=${area.id}`, member);
      assert.equal(x.status, 200, x.text);
      return x.body.items;
    };
    const jarva = await read(f.district['Järva']);
    const rinkeby = jarva.find((i) => i.area.name === 'Rinkeby');
    assert.ok(rinkeby, JSON.stringify(jarva));
    assert.deepEqual([rinkeby.area.id, rinkeby.area.name, rinkeby.year, rinkeby.indicator, rinkeby.value],
      [f.nb.Rinkeby.id, 'Rinkeby', 2025, 'Andel som känner sig trygga', 61.5]);
    assert.ok(jarva.some((i) => i.area.id === f.district['Järva'].id && i.value === 66), JSON.stringify(jarva));
    assert.ok(!jarva.some((i) => i.area.name === 'Södermalm'), 'Södermalm is not in Järva');
    assert.equal((await read(f.nb.Rinkeby)).length, 1);
    const p = await picture(f.district['Järva'], '2026-Q2', { session: member });
    assert.ok(p.safety_indicators.some((i) => i.area.name === 'Rinkeby' && i.value === 61.5), JSON.stringify(p.safety_indicators));
    assertProblem(assert, await get(`/api/v1/safety-indicators?area=${f.district['Södermalm'].id}`, member), 403);
    assertProblem(assert, await get(`/api/v1/safety-indicators?area=${UNKNOWN_ID}`), 400, { field: 'area' });

    // Re-import: an upsert, not a second row.
    const again = await post('område;år;indikator;värde\nRinkeby;2025;Andel som känner sig trygga;63\n');
    assert.equal(again.body.accepted, 1, again.text);
    const rows = sql(server.db, `SELECT value FROM safety_indicators WHERE area_id = '${f.nb.Rinkeby.id}'`);
    assert.deepEqual(rows.split('\n').map(Number), [63]);
    assert.equal((await read(f.district['Järva'])).find((i) => i.area.name === 'Rinkeby').value, 63);

    // Only coordinators import; the header must be there.
    const count = sql(server.db, 'SELECT count(*) FROM safety_indicators');
    assertProblem(assert, await post(csv, member), 403);
    assertProblem(assert, await post(csv, reporter), 403);
    assertProblem(assert, await post('område;år;indikator\nRinkeby;2025;X\n'), 400, { field: 'file' });
    assertProblem(assert, await post('', f.coord), 400);
    assertProblem(assert, await post(csv, f.coord, 'image/png'), 415);
    assert.equal(sql(server.db, 'SELECT count(*) FROM safety_indicators'), count);
  });

  test('a restart loads the same index from the database: every picture is identical and still equals SQL', async () => {
    // Data of every kind first: Polisen events placed by text or only in the municipality, no severity.
    const polisen = JSON.stringify([
      { id: 9300001, datetime: `${addDays(todayStockholm(), -1)} 8:15:00 +01:00`, name: 'Skadegörelse, Stockholm', type: 'Skadegörelse',
        summary: 'Krossade rutor i Rinkeby.', url: '/a', location: { name: 'Stockholm', gps: '59.329324,18.068581' } },
      { id: 9300002, datetime: `${addDays(todayStockholm(), -1)} 23:50:00 +01:00`, name: 'Brand, Stockholm', type: 'Brand',
        summary: 'Brand i en bil.', url: '/b', location: { name: 'Stockholm', gps: '59.329324,18.068581' } },
    ]);
    const up = await request(server, '/api/v1/incident-imports?format=polisen', { method: 'POST', session: f.coord, body: polisen,
      headers: { 'content-type': 'application/json' } });
    assert.equal(up.status, 202, up.text);
    for (let i = 0; ; i++) {
      const job = await get(`/api/v1/incident-imports/${up.body.id}`);
      if (job.body.status !== 'running') {
        assert.equal(job.body.summary?.accepted, 2, job.text);
        break;
      }
      assert.ok(i < 200, 'the import finishes');
      await new Promise((r) => setTimeout(r, 50));
    }
    const source = rowsOf(sql(server.db, 'SELECT source_org_id, count(*) FROM incidents GROUP BY source_org_id ORDER BY 2 DESC LIMIT 1'))[0][0];
    const yesterdayWeek = isoWeekOf(addDays(todayStockholm(), -1));
    const combos = [
      [f.district['Järva'], currentWeek, ''], [f.city, currentWeek, ''], [f.city, yesterdayWeek, ''], [f.district['Järva'], yesterdayWeek, ''],
      [f.district['Södermalm'], recentQuarter, '&min_severity=2'], [f.city, lastYear, `&source=${source}`],
      [f.district['Järva'], '2023-W26', ''], [f.oldDistrict['Rinkeby-Kista'], '2023-W26', ''], [f.police['Norra innerstaden'], recentQuarter, ''],
    ];
    const before = [];
    for (const [area, period, extra] of combos) before.push(await picture(area, period, { extra }));
    assert.ok(before[2].unplaced >= 1, 'the city has an unplaced event');

    first = server;
    await first.stop();
    server = await startServer({ db: first.db, wipe: false });
    f.coord = await mustSignIn(server, 'coordinator');
    for (let i = 0; i < combos.length; i++) {
      const [area, period, extra] = combos[i];
      const again = await picture(area, period, { extra });
      assert.deepEqual(again, before[i], `${area.name} ${period}${extra} after the restart`);
    }
    await compareWithSql(f.city, yesterdayWeek);
    await compareWithSql(f.district['Järva'], yesterdayWeek);
    await compareWithSql(f.district['Järva'], '2023-W26');
  });
});

// ------------------------------------------------------------------------------------------

describe('EST: reporting duty', () => {
  let server;
  let f;
  let reporter;
  let week;
  let lastWeek;
  before(async () => {
    server = await startServer();
    f = await estFacts(server);
    reporter = await mustSignIn(server, 'reporter');
    week = isoWeekOf(todayStockholm());
    lastWeek = isoWeekOf(addDays(todayStockholm(), -7));
  });
  after(async () => { await server?.close(); });

  const duties = async (w = week) => {
    const r = await request(server, `/api/v1/reporting-duties?week=${w}`, { session: f.coord });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.week, w);
    return r.body.items;
  };
  const mine = async (w = week) => {
    const r = await request(server, `/api/v1/my-reporting?week=${w}`, { session: reporter });
    assert.equal(r.status, 200, r.text);
    return r.body;
  };
  const ofReporter = (items) => items.filter((d) => d.user.username === 'reporter');

  // The contract (and the demo description) promise this duty.
  test('the demo duty: the reporter reports for Södermalm and has not reported this week', async () => {
    const items = ofReporter(await duties()).filter((d) => d.area.kind === 'district');
    assert.equal(items.length, 1, `the demo reporter's duty for the district Södermalm: ${JSON.stringify(await duties())}`);
    assert.deepEqual(items[0], { user: { id: reporter.user.id, username: 'reporter', display_name: 'Rasmus Rapportör' },
      area: { id: f.district['Södermalm'].id, name: 'Södermalm', kind: 'district' }, reported: false, incidents: 0, nil_return: false });
    const m = await mine();
    assert.ok(m.areas.some((a) => a.id === f.district['Södermalm'].id), JSON.stringify(m));
  });

  test('a coordinator adds a duty for the reporter (409 twice, 400 on unknown user or area, 403 for others)', async () => {
    const candidates = await request(server, '/api/v1/reporting-duties/candidates', { session: f.coord });
    assert.equal(candidates.status, 200, candidates.text);
    assert.deepEqual(candidates.body.items, [{ id: reporter.user.id, username: 'reporter', display_name: 'Rasmus Rapportör' }]);
    const post = (json, session = f.coord) => request(server, '/api/v1/reporting-duties', { method: 'POST', session, json });
    const audited = () => Number(sql(server.db, "SELECT count(*) FROM audit_log WHERE action = 'reporting_duty.add'"));
    const auditedBefore = audited();
    const r = await post({ user_id: reporter.user.id, area_id: f.police['Södermalm'].id });
    assert.equal(r.status, 201, r.text);
    assertProblem(assert, await post({ user_id: reporter.user.id, area_id: f.police['Södermalm'].id }), 409);
    assertProblem(assert, await post({ user_id: UNKNOWN_ID, area_id: f.police['Södermalm'].id }), 400, { field: 'user_id' });
    assertProblem(assert, await post({ user_id: reporter.user.id, area_id: UNKNOWN_ID }), 400, { field: 'area_id' });
    assertProblem(assert, await post({ user_id: reporter.user.id, area_id: f.district['Järva'].id }, reporter), 403);
    assertProblem(assert, await request(server, `/api/v1/reporting-duties?week=${week}`, { session: reporter }), 403);
    assertProblem(assert, await request(server, '/api/v1/reporting-duties/candidates', { session: await mustSignIn(server, 'member') }), 403);
    assertProblem(assert, await request(server, `/api/v1/reporting-duties?week=${week}`), 401);
    const added = ofReporter(await duties()).filter((d) => d.area.kind === 'police_area');
    assert.deepEqual(added, [{ user: { id: reporter.user.id, username: 'reporter', display_name: 'Rasmus Rapportör' },
      area: { id: f.police['Södermalm'].id, name: 'Södermalm', kind: 'police_area' }, reported: false, incidents: 0, nil_return: false }]);
    const m = await mine();
    assert.ok(m.areas.some((a) => a.id === f.police['Södermalm'].id), JSON.stringify(m));
    assert.equal(m.reported, false);
    assert.equal(m.incidents, 0);
    assert.equal(audited(), auditedBefore + 1);
  });

  test('a report filed by the reporter fulfils the duty for this week', async () => {
    // Occurred last week, reported now: the duty counts reports made during the week.
    const r = await request(server, INCIDENTS, { method: 'POST', session: reporter, json: {
      occurred_at: `${addDays(mondayOf(week), -3)}T21:30`, category: 'storande_folksamling',
      place_id: f.places.Medborgarplatsen.id, severity: 1, text: 'Högljudd samling vid fontänen' } });
    assert.equal(r.status, 201, r.text);
    const items = ofReporter(await duties());
    assert.ok(items.length >= 1);
    for (const d of items) {
      assert.equal(d.reported, true, JSON.stringify(d));
      assert.equal(d.incidents, 1);
      assert.equal(d.nil_return, false);
    }
    const m = await mine();
    assert.equal(m.reported, true);
    assert.equal(m.incidents, 1);
    // Last week's duty is still unfulfilled.
    const last = ofReporter(await duties(lastWeek));
    assert.ok(last.length >= 1);
    for (const d of last) assert.equal(d.reported, false, JSON.stringify(d));
  });

  test('a nil return fulfils a week; twice is 409; only reporters with a duty may make one', async () => {
    const post = (json, session = reporter) => request(server, '/api/v1/nil-returns', { method: 'POST', session, json });
    const r = await post({ week: lastWeek });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body, { week: lastWeek, nil_return: true });
    const items = ofReporter(await duties(lastWeek));
    assert.ok(items.length >= 1);
    for (const d of items) {
      assert.equal(d.reported, true, JSON.stringify(d));
      assert.equal(d.nil_return, true);
      assert.equal(d.incidents, 0);
    }
    const m = await mine(lastWeek);
    assert.equal(m.nil_return, true);
    assert.equal(m.reported, true);
    assertProblem(assert, await post({ week: lastWeek }), 409);
    assert.equal(sql(server.db, `SELECT count(*) FROM nil_returns WHERE iso_week = '${lastWeek}'`), '1');
    assertProblem(assert, await post({ week: lastWeek }, await mustSignIn(server, 'member')), 403);
    for (const bad of ['2026-Q3', '2026', '2026-W54', 'förra veckan'])
      assertProblem(assert, await post({ week: bad }), 400, { field: 'week' });
    assertProblem(assert, await request(server, `/api/v1/reporting-duties?week=2026-Q3`, { session: f.coord }), 400, { field: 'week' });
    assertProblem(assert, await request(server, `/api/v1/my-reporting?week=2026`, { session: reporter }), 400, { field: 'week' });
  });

  test('a duty is removed with DELETE (204, then 404)', async () => {
    const del = () => request(server, `/api/v1/reporting-duties/${reporter.user.id}/${f.police['Södermalm'].id}`,
      { method: 'DELETE', session: f.coord });
    assert.equal((await del()).status, 204);
    assertProblem(assert, await del(), 404);
    assert.ok(!ofReporter(await duties()).some((d) => d.area.kind === 'police_area'));
  });
});
