// Incident imports for the situation picture (EST): NDJSON in bulk (POST /incidents:bulk), browser
// uploads with progress (POST /incident-imports: the Polisen events feed, EST spreadsheets as CSV in
// UTF-8 or Windows-1252, NDJSON), idempotent re-imports, who may import, and the command line
// `samverkan import incidents` / `generate incidents` against the same database as a running server.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  assertProblem, mustSignIn, request, runCli, sleep, sql, startServer,
} from './server.mjs';

const BULK = '/api/v1/incidents:bulk';
const IMPORTS = '/api/v1/incident-imports';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const SUMMARY_KEYS = ['accepted', 'duplicates', 'encoding', 'format', 'id', 'rejected', 'rejected_count', 'status', 'total'];
const JOB_KEYS = ['file_name', 'finished_at', 'format', 'id', 'progress', 'started_at', 'status', 'summary'];
const CSV_HEADER = 'datum;tid;kategori;plats;lat;lng;källa;allvarlighet;beskrivning';

/** Names to ids for the areas, places and organisations the imports use. */
async function importFacts(server) {
  const coord = await mustSignIn(server, 'coordinator');
  const get = async (p) => {
    const r = await request(server, p, { session: coord });
    assert.equal(r.status, 200, `GET ${p}: ${r.text}`);
    return Object.fromEntries(r.body.items.map((x) => [x.name, x]));
  };
  const areas = (await request(server, '/api/v1/situation-areas', { session: coord })).body.items;
  const f = {
    coord,
    city: areas.find((a) => a.kind === 'municipality'),
    district: Object.fromEntries(areas.filter((a) => a.kind === 'district').map((a) => [a.name, a])),
    nb: await get('/api/v1/areas?kind=neighbourhood'),
    places: await get('/api/v1/places'),
    org: await get('/api/v1/organisations'),
  };
  for (const n of ['Järva', 'Södermalm']) assert.ok(f.district[n], n);
  for (const n of ['Medborgarplatsen', 'Sergels torg', 'Rinkeby torg']) assert.ok(f.places[n], n);
  for (const n of ['Stadsledningskontoret', 'Polisregion Stockholm', 'Södermalm stadsdelsnämnd']) assert.ok(f.org[n], n);
  return f;
}

const counts = (db) => ({
  incidents: Number(sql(db, 'SELECT count(*) FROM incidents')),
  imports: Number(sql(db, 'SELECT count(*) FROM incident_imports')),
});
const ndjson = (...rows) => `${rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`;

/** Polls an import until it is no longer running. */
async function waitForImport(server, session, id, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await request(server, `${IMPORTS}/${id}`, { session });
    assert.equal(r.status, 200, r.text);
    if (r.body.status !== 'running') return r.body;
    if (Date.now() > until) throw new Error(`import ${id} still running after ${timeoutMs} ms: ${r.text}`);
    await sleep(50);
  }
}

/** Incidents of an area, period and category as the list endpoint gives them (one page, asserted to hold them all). */
async function listIncidents(server, session, area, period, category) {
  const r = await request(server, `/api/v1/incidents?area=${area.id}&period=${period}&category=${category}&limit=500`, { session });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.total <= 500, 'one page is enough here');
  return r.body.items;
}

// ------------------------------------------------------------------------------------------

const MAX_BODY = 4096;

describe('EST imports: NDJSON in bulk', () => {
  let server;
  let f;
  let reporter;
  before(async () => {
    // A small --max-body: the import routes take far larger files; other requests stay limited.
    server = await startServer({ args: ['--max-body', String(MAX_BODY)] });
    f = await importFacts(server);
    reporter = await mustSignIn(server, 'reporter');
  });
  after(async () => { await server?.close(); });

  const bulk = (body, session = f.coord, contentType = 'application/x-ndjson') => request(server, BULK,
    { method: 'POST', session, body, headers: { 'content-type': contentType } });

  let firstSummary;
  const mixed = () => ndjson(
    { external_id: 'bulk-1', occurred_at: '2026-11-24T10:00', category: 'klotter', lat: 59.3143, lon: 18.0737, severity: 2, text: 'Bulk ett' },
    { occurred_at: '2026-11-24T11:00', category: 'Nedskräpning', place_id: f.places.Medborgarplatsen.id, text: 'Bulk två' },
    '{"occurred_at": "2026-11-24T12:00", "category": ',
    { occurred_at: '2026-11-24T12:00', category: 'korruption', lat: 59.3143, lon: 18.0737, severity: 1 },
    { occurred_at: '2026-11-24T12:00', category: 'klotter', lat: 59.36, lon: 18.00, severity: 1, text: 'Solna' },
    { category: 'klotter', lat: 59.3143, lon: 18.0737, severity: 1, text: 'Utan tid' },
    { occurred_at: '2026-11-24T13:00', category: 'klotter', lat: 59.3143, lon: 18.0737, severity: 1, text: 'Anmälare 811218-9876' },
    { occurred_at: '2026-11-24T13:00', category: 'klotter', lat: 59.3143, lon: 18.0737, severity: 'hög' },
    { occurred_at: '2026-11-24T13:00', category: 'klotter', lat: 59.3143, lon: 18.0737, colour: 'blå' },
  );

  test('good and bad lines: the good are stored, each bad one is rejected with its reason', async () => {
    const before = counts(server.db);
    const r = await bulk(mixed());
    assert.equal(r.status, 200, r.text);
    const s = r.body;
    assert.deepEqual(Object.keys(s).sort(), SUMMARY_KEYS);
    assert.equal(s.format, 'ndjson');
    assert.equal(s.status, 'done');
    assert.equal(s.encoding, 'utf-8');
    assert.equal(s.total, 9);
    assert.equal(s.accepted, 2);
    assert.equal(s.duplicates, 0);
    assert.equal(s.rejected_count, 7);
    const reasons = s.rejected.map((x) => x.reason);
    assert.match(reasons[0], /Line 3 is not a JSON object/);
    assert.equal(s.rejected[0].record.line, 3);
    assert.match(reasons[1], /Unknown category 'korruption'/);
    assert.equal(s.rejected[1].record.category, 'korruption');
    assert.match(reasons[2], /outside Stockholm/);
    assert.match(reasons[3], /occurred_at is required/);
    assert.match(reasons[4], /personal identity number/);
    assert.match(reasons[5], /severity/);
    assert.match(reasons[6], /Unknown field 'colour'/);
    const after = counts(server.db);
    assert.equal(after.incidents, before.incidents + 2);
    assert.equal(after.imports, before.imports + 1);
    const rows = sql(server.db, `SELECT text, category_id, area_basis, source_org_id, coalesce(severity, 0), external_id
      FROM incidents WHERE import_id = '${s.id}' ORDER BY text`).split('\n');
    assert.deepEqual(rows, [
      `Bulk ett|2|point|${f.org.Stadsledningskontoret.id}|2|bulk-1`,
      `Bulk två|3|place|${f.org.Stadsledningskontoret.id}|0|`,
    ]);
    const job = await waitForImport(server, f.coord, s.id);
    assert.equal(job.status, 'done');
    assert.equal(job.format, 'ndjson');
    assert.deepEqual(job.summary, s);
    assert.equal(sql(server.db, `SELECT count(*) FROM audit_log WHERE action = 'incident.import' AND object_id = '${s.id}'`), '1');
    firstSummary = s;
  });

  test('the same body again: accepted 0, the earlier accepted now duplicates', async () => {
    assert.ok(firstSummary, 'runs after the first import');
    const before = counts(server.db);
    const r = await bulk(mixed());
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.accepted, 0);
    assert.equal(r.body.duplicates, firstSummary.accepted);
    assert.equal(r.body.rejected_count, firstSummary.rejected_count);
    assert.notEqual(r.body.id, firstSummary.id);
    assert.equal(counts(server.db).incidents, before.incidents);
    // Blank lines and CRLF line ends change nothing.
    const crlf = await bulk(`\r\n${mixed().split('\n').join('\r\n')}\r\n\r\n`);
    assert.equal(crlf.status, 200, crlf.text);
    assert.equal(crlf.body.total, 9);
    assert.equal(crlf.body.duplicates, 2);
    assert.equal(crlf.body.accepted, 0);
  });

  test('swapped and out-of-range coordinates, a repeated id in one file, and masked personal numbers in the summary', async () => {
    const before = counts(server.db);
    const stamp = Date.now();
    const r = await bulk(ndjson(
      { external_id: `dup-${stamp}`, occurred_at: '2026-11-24T09:00', category: 'klotter', lat: 59.3143, lon: 18.0737, severity: 1, text: 'Först' },
      { external_id: `dup-${stamp}`, occurred_at: '2026-11-24T09:05', category: 'klotter', lat: 59.3143, lon: 18.0737, severity: 1, text: 'Samma id igen' },
      { occurred_at: '2026-11-24T09:00', category: 'klotter', lat: 18.0737, lon: 59.3143, severity: 1, text: 'Omvända' },
      { occurred_at: '2026-11-24T09:00', category: 'klotter', lat: 91, lon: 18.07, severity: 1, text: 'Utanför' },
      { occurred_at: '2026-11-24T09:00', category: 'klotter', lat: 59.31, lon: 181, severity: 1, text: 'Utanför' },
      { occurred_at: '2026-11-24T09:00', category: 'klotter', lat: 59.3143, lon: 18.0737, severity: 1, text: 'Ringde 811218-9876 och 19811218-9876' },
    ));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.accepted, 1);
    assert.equal(r.body.duplicates, 1, 'the second line with the same external_id is a duplicate');
    assert.equal(r.body.rejected_count, 4);
    const [swapped, lat, lon, pnr] = r.body.rejected;
    assert.match(swapped.reason, /swapped/);
    assert.match(lat.reason, /lat must be from -90 to 90/);
    assert.match(lon.reason, /lon must be from -180 to 180/);
    assert.match(pnr.reason, /personal identity number/);
    assert.equal(pnr.record.text, 'Ringde [borttaget] och [borttaget]', 'the stored summary must not keep the number');
    assert.equal(counts(server.db).incidents, before.incidents + 1);
    const stored = sql(server.db, `SELECT summary FROM incident_imports WHERE id = '${r.body.id}'`);
    assert.doesNotMatch(stored, /9876/);
  });

  test('a body that is not NDJSON at all: 400, and nothing stored', async () => {
    const before = counts(server.db);
    for (const body of ['hello', 'hello\n{"occurred_at":"2026-11-24T10:00"}\n', '[{"a":1}]', '42\n', '\n\n']) {
      assertProblem(assert, await bulk(body), 400, { field: 'file' });
    }
    assertProblem(assert, await bulk(''), 400);
    assert.deepEqual(counts(server.db), before);
  });

  test('Content-Type: NDJSON, text/plain and octet-stream are taken; image/png is 415', async () => {
    const before = counts(server.db);
    const line = (text) => ndjson({ occurred_at: '2026-11-24T14:00', category: 'klotter', place_id: f.places.Medborgarplatsen.id, text });
    for (const ct of ['text/plain', 'application/octet-stream', 'application/x-ndjson; charset=utf-8']) {
      const r = await bulk(line(ct), f.coord, ct);
      assert.equal(r.status, 200, `${ct}: ${r.text}`);
      assert.equal(r.body.accepted, 1, ct);
    }
    assertProblem(assert, await bulk(line('png'), f.coord, 'image/png'), 415);
    assert.equal(counts(server.db).incidents, before.incidents + 3);
  });

  // A regression test: Beast checks a Content-Length against the body limit while reading the head,
  // so a file sent with Content-Length (as browsers and curl send files) was once refused with 413
  // while the same body sent chunked was taken.
  test('imports are not limited by --max-body (the contract allows 64 MiB); other requests are (413)', async () => {
    const big = await request(server, '/api/v1/incidents', { method: 'POST', session: f.coord,
      json: { occurred_at: '2026-11-24T10:00', category: 'klotter', place_id: f.places.Medborgarplatsen.id, severity: 1, text: 'x'.repeat(MAX_BODY) } });
    assertProblem(assert, big, 413);
    const gen = runCli(['generate', 'incidents', '--count', '400', '--seed', '77', '--end', '2026-10-31', '--days', '60',
      '--db', server.db.url]);
    assert.equal(gen.code, 0, gen.stderr);
    assert.ok(gen.stdout.length > 10 * MAX_BODY, `${gen.stdout.length} bytes`);
    const chunked = await fetch(`${server.base}${BULK}`, { method: 'POST', duplex: 'half',
      headers: { cookie: f.coord.cookie, 'x-csrf-token': f.coord.csrf, 'content-type': 'application/x-ndjson' },
      body: new Blob([gen.stdout]).stream() });
    const chunkedText = await chunked.text();
    assert.equal(chunked.status, 200, `chunked: ${chunkedText.slice(0, 300)}`);
    assert.equal(JSON.parse(chunkedText).accepted, 400, chunkedText.slice(0, 300));
    const r = await bulk(gen.stdout);
    assert.equal(r.status, 200, `with Content-Length: ${r.text.slice(0, 300)}`);
    assert.equal(r.body.duplicates, 400);
    const upload = await request(server, `${IMPORTS}?format=ndjson`, { method: 'POST', session: f.coord, body: gen.stdout,
      headers: { 'content-type': 'application/x-ndjson' } });
    assert.equal(upload.status, 202, upload.text.slice(0, 300));
    const job = await waitForImport(server, f.coord, upload.body.id);
    assert.equal(job.summary.duplicates, 400);
  });

  test('at most two large uploads at once: a third gets 503 before its body is read, and a slot frees when one ends', async () => {
    // Two clients announce 8 MiB bodies and send nothing yet: each holds an upload slot.
    const hold = () => new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(`POST ${BULK} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\n` +
          `Content-Length: ${8 << 20}\r\nCookie: ${f.coord.cookie}\r\nX-CSRF-Token: ${f.coord.csrf}\r\n\r\n`);
        setTimeout(() => resolve(socket), 300);
      });
      socket.on('error', reject);
    });
    const a = await hold();
    const b = await hold();
    try {
      const body = 'x'.repeat(MAX_BODY + 10);
      const third = await request(server, BULK, { method: 'POST', session: f.coord, body, headers: { 'content-type': 'application/x-ndjson' } });
      assertProblem(assert, third, 503, { detail: /uploads/ });
      // A small body on the same route needs no slot.
      const small = await bulk(ndjson({ occurred_at: '2026-11-24T16:00', category: 'klotter', place_id: f.places.Medborgarplatsen.id, text: 'Liten' }));
      assert.equal(small.status, 200, small.text);
    } finally {
      a.destroy();
    }
    await new Promise((r) => setTimeout(r, 300));
    try {
      const gen = runCli(['generate', 'incidents', '--count', '300', '--seed', '78', '--end', '2026-10-31', '--days', '60', '--db', server.db.url]);
      const r = await bulk(gen.stdout);
      assert.equal(r.status, 200, `a freed slot takes the next upload: ${r.text.slice(0, 200)}`);
    } finally {
      b.destroy();
    }
  });

  // The contract: "incident reporters may [import] too (rows outside their areas are rejected)".
  test('a reporter imports rows of their own area only, and sees their own imports', async () => {
    const r = await bulk(ndjson(
      { occurred_at: '2026-11-24T15:00', category: 'klotter', place_id: f.places.Medborgarplatsen.id, text: 'Min egen' },
      { occurred_at: '2026-11-24T15:00', category: 'klotter', place_id: f.places['Rinkeby torg'].id, text: 'Inte min' },
      { occurred_at: '2026-11-24T15:00', category: 'klotter', place_id: f.places.Medborgarplatsen.id, text: 'Annans organisation',
        source_organisation_id: f.org['Södermalm stadsdelsnämnd'].id },
    ), reporter);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.accepted, 1);
    assert.equal(r.body.rejected_count, 2);
    for (const x of r.body.rejected) assert.match(x.reason, /may not report incidents/);
    const [row] = sql(server.db, `SELECT reporter_id, source_org_id FROM incidents WHERE import_id = '${r.body.id}'`).split('\n');
    assert.equal(row, `${reporter.user.id}|${f.org['Lokalpolisområde Södermalm'].id}`);
    const mine = await request(server, IMPORTS, { session: reporter });
    assert.equal(mine.status, 200, mine.text);
    assert.deepEqual(mine.body.items.map((x) => x.id), [r.body.id]);
    assertProblem(assert, await request(server, `${IMPORTS}/${firstSummary.id}`, { session: reporter }), 404);
  });

  test('member, politician and caseworker may not import (403); anonymous 401; nothing stored', async () => {
    const before = counts(server.db);
    const line = ndjson({ occurred_at: '2026-11-24T16:00', category: 'klotter', place_id: f.places.Medborgarplatsen.id });
    for (const who of ['member', 'politician', 'caseworker'])
      assertProblem(assert, await bulk(line, await mustSignIn(server, who)), 403);
    assertProblem(assert, await request(server, BULK, { method: 'POST', body: line, headers: { 'content-type': 'application/x-ndjson' } }), 401);
    assert.deepEqual(counts(server.db), before);
  });
});

// ------------------------------------------------------------------------------------------

// Browser uploads and the command line share one server (each start loads two years of demo incidents);
// the command-line describe, the last one, stops it.
let shared = null;
const sharedServer = async () => {
  shared ??= await startServer();
  return shared;
};

describe('EST imports: browser uploads (Polisen, CSV)', () => {
  let server;
  let f;
  before(async () => {
    server = await sharedServer();
    f = await importFacts(server);
  });

  const upload = (format, body, { contentType = 'application/octet-stream', session = f.coord, name } = {}) => request(server,
    `${IMPORTS}?format=${format}${name ? `&file_name=${encodeURIComponent(name)}` : ''}`,
    { method: 'POST', session, body, headers: { 'content-type': contentType } });
  /** Uploads, expects 202, waits for the end; resolves to the finished job. */
  const imported = async (format, body, opts = {}) => {
    const r = await upload(format, body, opts);
    assert.equal(r.status, 202, r.text);
    assert.equal(r.body.status, 'running');
    assert.equal(r.body.format, format);
    assert.equal(r.headers.get('location'), `${IMPORTS}/${r.body.id}`);
    const job = await waitForImport(server, opts.session ?? f.coord, r.body.id);
    assert.deepEqual(Object.keys(job).sort(), JOB_KEYS);
    assert.equal(job.status, 'done', JSON.stringify(job));
    assert.equal(typeof job.finished_at, 'string');
    assert.equal(job.progress.fraction, 1);
    assert.equal(job.progress.processed, job.summary.total);
    assert.equal(job.progress.accepted, job.summary.accepted);
    assert.equal(job.progress.rejected, job.summary.rejected_count);
    return job;
  };

  const event = (id, over = {}) => ({
    id,
    datetime: '2026-11-26 9:58:49 +01:00',
    name: '26 november 09.58, Klotter, Stockholm',
    summary: 'Klotter på en vägg.',
    url: `/aktuellt/handelser/2026/november/26/${id}`,
    type: 'Klotter',
    location: { name: 'Stockholm', gps: '59.329324,18.068581' },
    ...over,
  });
  const polisenFile = () => JSON.stringify([
    event(9100001, { summary: 'Klotter på en vägg i Rinkeby, nära tunnelbanan.' }),
    event(9100002, { name: '26 november 21.15, Misshandel, Stockholm', type: 'Misshandel',
      datetime: '2026-11-26 21:15:02 +01:00', summary: 'En man har misshandlats. Polisen är på plats.' }),
    event(9100003, { name: '26 november 13.40, Rån, Stockholm', type: 'Rån', datetime: '2026-11-26 13:40:00 +01:00',
      summary: 'Rån vid Sergels torg. Två personer greps.' }),
    event(9100004, { location: { name: 'Solna', gps: '59.36004,18.000975' }, summary: 'Klotter i Solna centrum.' }),
    event(9100005, { location: { name: 'Stockholms län', gps: '59.329324,18.068581' }, summary: 'Sammanfattning natt.' }),
    event(9100006, { type: 'Trafikolycka', name: '26 november 10.00, Trafikolycka, Stockholm', summary: 'Trafikolycka i Rinkeby.' }),
    event(9100007, { datetime: '2026-11-26T09:58:49+01:00' }),
  ]);

  let polisenJob;
  test('Polisen events: one-digit hours, the area from a named neighbourhood or place, else the municipality', async () => {
    const before = counts(server.db);
    const cityBefore = (await request(server, `/api/v1/situation-picture?area=${f.city.id}&period=2026-W48`, { session: f.coord })).body;
    const job = await imported('polisen', polisenFile(), { contentType: 'application/json', name: 'handelser.json' });
    polisenJob = job;
    assert.equal(job.file_name, 'handelser.json');
    const s = job.summary;
    assert.equal(s.format, 'polisen');
    assert.equal(s.total, 7);
    assert.equal(s.accepted, 3, JSON.stringify(s.rejected));
    assert.equal(s.duplicates, 0);
    assert.equal(s.rejected_count, 4);
    const reason = (id) => s.rejected.find((x) => x.record.id === id)?.reason ?? '';
    assert.match(reason(9100004), /another municipality \(Solna\)/);
    assert.match(reason(9100005), /county/);
    assert.match(reason(9100006), /No category is mapped for the police event type 'Trafikolycka'/);
    assert.match(reason(9100007), /datetime/);
    assert.equal(counts(server.db).incidents, before.incidents + 3);

    const jarva = await listIncidents(server, f.coord, f.district['Järva'], '2026-W48', 2);
    const rinkeby = jarva.find((i) => i.text === 'Klotter på en vägg i Rinkeby, nära tunnelbanan.');
    assert.ok(rinkeby, 'the Rinkeby event is in the Järva list');
    assert.equal(rinkeby.area_basis, 'text');
    assert.equal(rinkeby.neighbourhood?.name, 'Rinkeby');
    assert.equal(rinkeby.district?.name, 'Järva');
    assert.equal(rinkeby.police_area?.name, 'Järva');
    assert.equal(rinkeby.occurred_at, '2026-11-26T08:58:49.000Z');
    assert.equal(rinkeby.category.code, 'klotter');
    assert.equal(rinkeby.lat, null, 'the feed\'s coordinates are the municipality\'s, not the scene');
    assert.deepEqual(rinkeby.source_organisation, { id: f.org['Polisregion Stockholm'].id, name: 'Polisregion Stockholm' });
    const jarvaViolence = await listIncidents(server, f.coord, f.district['Järva'], '2026-W48', 7);
    assert.ok(!jarvaViolence.some((i) => i.text.startsWith('En man har misshandlats')), 'the unplaced event is in no district');

    const city = await listIncidents(server, f.coord, f.city, '2026-W48', 7);
    const unplaced = city.find((i) => i.text === 'En man har misshandlats. Polisen är på plats.');
    assert.ok(unplaced, 'the unplaced event is in the city list');
    assert.equal(unplaced.area_basis, 'municipality');
    assert.deepEqual(unplaced.area, { id: f.city.id, name: 'Stockholms stad', kind: 'municipality' });
    assert.equal(unplaced.neighbourhood, null);
    assert.equal(unplaced.district, null);
    assert.equal(unplaced.police_area, null);
    assert.equal(unplaced.category.code, 'hot_vald');
    assert.equal(unplaced.occurred_at, '2026-11-26T20:15:02.000Z');

    const sergel = city.find((i) => i.text.startsWith('Rån vid Sergels torg'));
    assert.ok(sergel);
    assert.equal(sergel.area_basis, 'text');
    assert.equal(sergel.place?.name, 'Sergels torg');
    assert.equal(sergel.neighbourhood?.name, 'Norrmalm');
    assert.equal(sergel.district?.name, 'Norra innerstaden');

    const cityAfter = (await request(server, `/api/v1/situation-picture?area=${f.city.id}&period=2026-W48`, { session: f.coord })).body;
    assert.equal(cityAfter.unplaced, cityBefore.unplaced + 1);
    assert.equal(cityAfter.totals.count, cityBefore.totals.count + 3);
  });

  test('the same Polisen file again: accepted 0, duplicates 3', async () => {
    assert.ok(polisenJob, 'runs after the first Polisen import');
    const before = counts(server.db);
    const job = await imported('polisen', polisenFile(), { contentType: 'application/json' });
    assert.equal(job.summary.accepted, 0);
    assert.equal(job.summary.duplicates, polisenJob.summary.accepted);
    assert.equal(job.summary.rejected_count, 4);
    assert.equal(counts(server.db).incidents, before.incidents);
  });

  test('a file that is not the format at all: 400 at once, and no import recorded', async () => {
    const before = counts(server.db);
    const truncated = polisenFile().slice(0, 150);
    assertProblem(assert, await upload('polisen', truncated, { contentType: 'application/json' }), 400, { field: 'file', detail: /JSON/ });
    assertProblem(assert, await upload('polisen', '{"id": 1}', { contentType: 'application/json' }), 400, { field: 'file', detail: /array/ });
    assertProblem(assert, await upload('polisen', Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]), {}), 400, { field: 'file' });
    assertProblem(assert, await upload('ndjson', 'hello'), 400, { field: 'file' });
    assertProblem(assert, await upload('csv', '"datum;kategori\n2026-11-25;Klotter\n', { contentType: 'text/csv' }), 400, { field: 'file' });
    assertProblem(assert, await upload('csv', 'datum;tid;plats;lat;lng\n2026-11-25;10:00;Medborgarplatsen;;\n', { contentType: 'text/csv' }),
      400, { field: 'file', detail: /kategori/ });
    assertProblem(assert, await upload('csv', '', { contentType: 'text/csv' }), 400);
    assertProblem(assert, await upload('xml', '<a/>'), 400, { field: 'format' });
    assertProblem(assert, await request(server, IMPORTS, { method: 'POST', session: f.coord, body: '[]',
      headers: { 'content-type': 'application/json' } }), 400, { field: 'format' });
    assertProblem(assert, await upload('polisen', '[]', { contentType: 'image/png' }), 415);
    assert.deepEqual(counts(server.db), before);
  });

  test('CSV with ; and Swedish headers, decimal commas, dotted times, source by name', async () => {
    const csv = [
      CSV_HEADER,
      '2026-11-25;14:30;Klotter;;59,3143;18,0737;;medel;Klotter på bänken',
      '2026-11-25;09.15;nedskrapning;Medborgarplatsen;;;Södermalm stadsdelsnämnd;låg;Skräp vid fontänen',
      '2026-11-25;9:05;Inbrott;;59,4032;17,9444;;hög;Inbrott i källarförråd',
      '2026-11-25;;Klotter;Sergels torg;;;;;Utan klockslag',
      '2026-11-25;10:00;Korruption;Medborgarplatsen;;;;låg;Okänd kategori',
      '2026-13-01;10:00;Klotter;Medborgarplatsen;;;;låg;Fel datum',
      '2026-11-25;10:00;Klotter;;59,36;18,00;;låg;I Solna',
      '2026-11-25;10:00;Klotter;Medborgarplatsen;;;;extrem;Fel allvarlighet',
      '2026-11-25;10:00;Klotter;Medborgarplatsen;;;;låg',
    ].join('\r\n');
    const job = await imported('csv', csv, { contentType: 'text/csv', name: 'est-vecka-48.csv' });
    const s = job.summary;
    assert.equal(s.format, 'csv');
    assert.equal(s.encoding, 'utf-8');
    assert.equal(s.total, 9);
    assert.equal(s.accepted, 4, JSON.stringify(s.rejected));
    assert.equal(s.rejected_count, 5);
    const byText = Object.fromEntries(s.rejected.map((x) => [x.record.beskrivning ?? `row ${x.record.row}`, x]));
    assert.match(byText['Okänd kategori'].reason, /Unknown category 'Korruption'/);
    assert.equal(byText['Okänd kategori'].record.row, 6);
    assert.equal(byText['Okänd kategori'].record.kategori, 'Korruption');
    assert.match(byText['Fel datum'].reason, /datum/);
    assert.match(byText['I Solna'].reason, /outside Stockholm/);
    assert.match(byText['Fel allvarlighet'].reason, /allvarlighet/);
    assert.match(byText['row 10'].reason, /fields/);
    const rows = Object.fromEntries(sql(server.db, `SELECT text, occurred_at, lat, lon, source_org_id, coalesce(severity, 0), area_basis
      FROM incidents WHERE import_id = '${s.id}'`).split('\n').map((l) => l.split('|')).map(([t, ...rest]) => [t, rest]));
    assert.deepEqual(Object.keys(rows).sort(), ['Inbrott i källarförråd', 'Klotter på bänken', 'Skräp vid fontänen', 'Utan klockslag']);
    assert.equal(Number(rows['Klotter på bänken'][1]), 59.3143);
    assert.equal(Number(rows['Klotter på bänken'][2]), 18.0737);
    assert.equal(Date.parse(rows['Klotter på bänken'][0].replace(' ', 'T').replace(/\+00(:00)?$/, 'Z')), Date.parse('2026-11-25T13:30:00Z'));
    assert.equal(Date.parse(rows['Skräp vid fontänen'][0].replace(' ', 'T').replace(/\+00(:00)?$/, 'Z')), Date.parse('2026-11-25T08:15:00Z'));
    assert.equal(Date.parse(rows['Inbrott i källarförråd'][0].replace(' ', 'T').replace(/\+00(:00)?$/, 'Z')), Date.parse('2026-11-25T08:05:00Z'));
    assert.equal(Date.parse(rows['Utan klockslag'][0].replace(' ', 'T').replace(/\+00(:00)?$/, 'Z')), Date.parse('2026-11-25T11:00:00Z'));
    assert.equal(rows['Skräp vid fontänen'][3], f.org['Södermalm stadsdelsnämnd'].id);
    assert.equal(rows['Klotter på bänken'][3], f.org.Stadsledningskontoret.id, 'no källa: the importer\'s organisation');
    assert.deepEqual([rows['Klotter på bänken'][4], rows['Skräp vid fontänen'][4], rows['Inbrott i källarförråd'][4], rows['Utan klockslag'][4]],
      ['2', '1', '3', '0']);
    assert.deepEqual([rows['Klotter på bänken'][5], rows['Skräp vid fontänen'][5], rows['Utan klockslag'][5]], ['point', 'place', 'place']);
    // Again: all duplicates.
    const again = await imported('csv', csv, { contentType: 'text/csv' });
    assert.equal(again.summary.accepted, 0);
    assert.equal(again.summary.duplicates, 4);
  });

  test('CSV in Windows-1252 (Excel\'s "CSV (semikolonavgränsad)"): decoded, summary.encoding windows-1252', async () => {
    const text = `${CSV_HEADER}\r\n2026-11-24;10:00;Nedskräpning;Medborgarplatsen;;;;låg;Skräp vid bänkarna – igen\r\n`;
    const bytes = Buffer.from(text.replace('–', '\u0096'), 'latin1');
    assert.ok(!bytes.equals(Buffer.from(text, 'utf8')), 'really not UTF-8');
    const job = await imported('csv', bytes, { contentType: 'text/csv' });
    assert.equal(job.summary.encoding, 'windows-1252');
    assert.equal(job.summary.accepted, 1, JSON.stringify(job.summary.rejected));
    const stored = sql(server.db, `SELECT category_id, text, source_org_id FROM incidents WHERE import_id = '${job.summary.id}'`);
    assert.equal(stored, `3|Skräp vid bänkarna – igen|${f.org.Stadsledningskontoret.id}`);
  });

  test('CSV variants: UTF-8 with a byte-order mark, comma-separated with quoted decimal commas, text/plain', async () => {
    const bom = await imported('csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${CSV_HEADER}\n2026-11-23;08:00;Klotter;Slussen;;;;låg;Med BOM\n`)]), { contentType: 'text/csv' });
    assert.equal(bom.summary.encoding, 'utf-8');
    assert.equal(bom.summary.accepted, 1, JSON.stringify(bom.summary.rejected));
    const comma = await imported('csv', 'datum,tid,kategori,lat,lng,beskrivning\n2026-11-23,08:30,Klotter,"59,3143","18,0737","Komma, citerat"\n',
      { contentType: 'text/plain' });
    assert.equal(comma.summary.accepted, 1, JSON.stringify(comma.summary.rejected));
    assert.equal(sql(server.db, `SELECT text FROM incidents WHERE import_id = '${comma.summary.id}'`), 'Komma, citerat');
  });

  // Beyond the brief: Swedish clock times are written 9.15 as often as 09.15 or 9:15.
  test('CSV: a one-digit hour with a dot (9.15) is read like 09.15', async () => {
    const job = await imported('csv', `${CSV_HEADER}\n2026-11-22;9.15;Klotter;Slussen;;;;låg;Nio och en kvart\n`, { contentType: 'text/csv' });
    assert.equal(job.summary.accepted, 1, JSON.stringify(job.summary.rejected));
  });

  test('NDJSON through the browser upload, and the list of imports (newest first)', async () => {
    const job = await imported('ndjson', ndjson(
      { occurred_at: '2026-11-22T12:00', category: 'brand', place_id: f.places['Kista torg'].id, text: 'Brand i container' },
    ), { contentType: 'application/x-ndjson', name: 'brand.ndjson' });
    assert.equal(job.summary.accepted, 1);
    const list = await request(server, IMPORTS, { session: f.coord });
    assert.equal(list.status, 200, list.text);
    assert.ok(list.body.items.length <= 20);
    assert.equal(list.body.items[0].id, job.id);
    assert.equal(list.body.items[0].file_name, 'brand.ndjson');
    assert.ok(list.body.items.some((x) => x.id === polisenJob?.id), 'the Polisen import is listed');
    const started = list.body.items.map((x) => x.started_at);
    assert.deepEqual([...started].sort().reverse(), started, 'newest first');
    assertProblem(assert, await request(server, `${IMPORTS}/${UNKNOWN_ID}`, { session: f.coord }), 404);
    assertProblem(assert, await request(server, IMPORTS, { session: await mustSignIn(server, 'member') }), 403);
    assertProblem(assert, await request(server, IMPORTS), 401);
  });

  // As for the bulk import: reporters are refused with 403 today.
  test('a reporter may upload: rows outside their area are rejected', async () => {
    const reporter = await mustSignIn(server, 'reporter');
    const job = await imported('csv', `${CSV_HEADER}\n2026-11-21;10:00;Klotter;Medborgarplatsen;;;;låg;Egen\n`
      + '2026-11-21;10:00;Klotter;Rinkeby torg;;;;låg;Främmande\n', { contentType: 'text/csv', session: reporter });
    assert.equal(job.summary.accepted, 1);
    assert.equal(job.summary.rejected_count, 1);
    assert.equal(job.summary.rejected[0].record.beskrivning, 'Främmande');
    assert.match(job.summary.rejected[0].reason, /may not report/);
  });

  test('a politician may not upload: 403, no import recorded', async () => {
    const before = counts(server.db);
    assertProblem(assert, await upload('csv', `${CSV_HEADER}\n2026-11-21;10:00;Klotter;Medborgarplatsen;;;;låg;X\n`,
      { contentType: 'text/csv', session: await mustSignIn(server, 'politician') }), 403);
    assert.deepEqual(counts(server.db), before);
  });
});

// ------------------------------------------------------------------------------------------

describe('EST imports: the command line', () => {
  let server;
  let f;
  let dir;
  before(async () => {
    server = await sharedServer();
    f = await importFacts(server);
    dir = mkdtempSync(path.join(tmpdir(), 'samverkan-est-cli-'));
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await shared?.close();
    shared = null;
  });

  const write = (name, content) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const importCli = (format, file, extra = []) => {
    const r = runCli(['import', 'incidents', '--format', format, file, '--json', '--db', server.db.url, ...extra]);
    return { ...r, json: (() => { try { return JSON.parse(r.stdout); } catch { return undefined; } })() };
  };
  const sodermalmW47 = async () => {
    const r = await request(server, `/api/v1/situation-picture?area=${f.district['Södermalm'].id}&period=2026-W47`, { session: f.coord });
    assert.equal(r.status, 200, r.text);
    return r.body;
  };

  test('import incidents --format ndjson --json: the summary on stdout; a second run gives accepted 0', async () => {
    const pictureBefore = await sodermalmW47();
    const org = f.org.Stadsledningskontoret.id;
    const file = write('veckan.ndjson', ndjson(
      { external_id: 'cli-1', occurred_at: '2026-11-18T10:00', category: 'klotter', lat: 59.3143, lon: 18.0737, severity: 2, source_organisation_id: org },
      { external_id: 'cli-2', occurred_at: '2026-11-18T11:00', category: 'inbrott', place_id: f.places.Medborgarplatsen.id, source_organisation_id: org },
      { occurred_at: '2026-11-18T12:00', category: 'korruption', lat: 59.3143, lon: 18.0737, source_organisation_id: org },
      { external_id: 'cli-4', occurred_at: '2026-11-18T12:00', category: 'klotter', lat: 59.3143, lon: 18.0737 },
    ));
    const first = importCli('ndjson', file);
    assert.equal(first.code, 0, first.stderr);
    assert.ok(first.json, `stdout is JSON: ${first.stdout}`);
    assert.equal(first.json.total, 4);
    assert.equal(first.json.accepted, 2);
    assert.equal(first.json.duplicates, 0);
    assert.equal(first.json.rejected_count, 2);
    assert.match(first.json.rejected[0].reason, /Unknown category 'korruption'/);
    assert.equal(first.json.rejected[0].record.category, 'korruption');
    assert.match(first.json.rejected[1].reason, /source_organisation_id is required/);
    assert.equal(first.json.encoding, 'utf-8');
    const [status, actor, fileName, accepted] = sql(server.db,
      `SELECT status, actor_name, file_name, accepted FROM incident_imports WHERE id = '${first.json.import_id}'`).split('|');
    assert.deepEqual([status, fileName, accepted], ['done', 'veckan.ndjson', '2']);
    assert.match(actor, /import/);

    const second = importCli('ndjson', file);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.json.accepted, 0);
    assert.equal(second.json.duplicates, 2);
    assert.equal(second.json.rejected_count, 2);

    // --source-org fills the missing source.
    const third = importCli('ndjson', file, ['--source-org', org]);
    assert.equal(third.json.accepted, 1, third.stdout);
    assert.equal(third.json.duplicates, 2);

    // The running server sees the rows written by the command line (its index catches up).
    let after;
    for (let i = 0; i < 60; i++) {
      after = await sodermalmW47();
      if (after.totals.count >= pictureBefore.totals.count + 3) break;
      await sleep(250);
    }
    assert.equal(after.totals.count, pictureBefore.totals.count + 3);
    assert.equal(after.categories.find((c) => c.code === 'inbrott').count,
      pictureBefore.categories.find((c) => c.code === 'inbrott').count + 1);
  });

  test('import incidents --format polisen: a Solna event is rejected with its reason', async () => {
    const file = write('polisen.json', JSON.stringify([
      { id: 9200001, datetime: '2026-11-19 7:05:00 +01:00', name: '19 november 07.05, Skadegörelse, Stockholm',
        summary: 'Skadegörelse i Kista.', url: '/x', type: 'Skadegörelse', location: { name: 'Stockholm', gps: '59.329324,18.068581' } },
      { id: 9200002, datetime: '2026-11-19 7:10:00 +01:00', name: '19 november 07.10, Skadegörelse, Solna',
        summary: 'Skadegörelse.', url: '/y', type: 'Skadegörelse', location: { name: 'Solna', gps: '59.36004,18.000975' } },
    ]));
    const r = importCli('polisen', file);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.total, 2);
    assert.equal(r.json.accepted, 1);
    assert.equal(r.json.rejected_count, 1);
    assert.equal(r.json.rejected[0].record.id, 9200002);
    assert.match(r.json.rejected[0].reason, /another municipality \(Solna\)/);
    const [basis, area] = sql(server.db, "SELECT area_basis, area_id FROM incidents WHERE external_id = '9200001'").split('|');
    assert.deepEqual([basis, area], ['text', f.nb.Kista.id]);
    // Without --json: a readable line per rejection.
    const text = runCli(['import', 'incidents', '--format', 'polisen', file, '--db', server.db.url]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /2 records: 0 accepted, 1 duplicates, 1 rejected/);
    assert.match(text.stdout, /rejected: The event is in another municipality \(Solna\)/);
  });

  test('import incidents --format csv reads Windows-1252', async () => {
    const file = write('est.csv', Buffer.from(`${CSV_HEADER}\r\n2026-11-19;13:00;Nedskräpning;Tantolunden;;;;låg;Skräp i parken\r\n`, 'latin1'));
    const r = importCli('csv', file, ['--source-org', f.org['Södermalm stadsdelsnämnd'].id]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.encoding, 'windows-1252');
    assert.equal(r.json.accepted, 1, r.stdout);
    assert.equal(sql(server.db, "SELECT text FROM incidents WHERE text LIKE 'Skr%parken'"), 'Skräp i parken');
  });

  test('the command line refuses a file that is not the format, a missing file, a bad format; exit 2, nothing stored', () => {
    const before = counts(server.db);
    const notNd = importCli('ndjson', write('hello.txt', 'hello\n'));
    assert.equal(notNd.code, 2);
    assert.match(notNd.stderr, /not NDJSON/);
    const truncated = importCli('polisen', write('cut.json', '[{"id": 1, "datetime": '));
    assert.equal(truncated.code, 2);
    assert.match(truncated.stderr, /not valid JSON/);
    const missing = importCli('ndjson', path.join(dir, 'no-such-file.ndjson'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot open/);
    const badFormat = importCli('xml', write('a.xml', '<a/>'));
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format/);
    assert.deepEqual(counts(server.db), before);
  });

  test('generate incidents is deterministic for a seed and its output imports cleanly', async () => {
    const gen = (seed) => runCli(['generate', 'incidents', '--count', '200', '--seed', String(seed), '--end', '2026-10-31',
      '--days', '30', '--db', server.db.url]);
    const a = gen(11);
    const b = gen(11);
    const c = gen(12);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    assert.notEqual(a.stdout, c.stdout);
    const lines = a.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 200);
    for (const l of lines) {
      assert.ok(l.occurred_at >= '2026-09-30' && l.occurred_at < '2026-11-01', l.occurred_at);
      assert.ok([1, 2, 3].includes(l.severity));
    }
    const r = await request(server, BULK, { method: 'POST', session: f.coord, body: a.stdout, headers: { 'content-type': 'application/x-ndjson' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.accepted, 200, JSON.stringify(r.body.rejected.slice(0, 3)));
    const again = importCli('ndjson', write('gen.ndjson', a.stdout));
    assert.equal(again.json.duplicates, 200, 'the same generated ids are duplicates for the command line too');
  });
});
