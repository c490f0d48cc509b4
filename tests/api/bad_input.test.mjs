// Hostile and broken requests: each must be refused with the right status and
// must leave the stored organisations exactly as they were.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  assertProblem, listOrganisations, mustSignIn, rawExchange, request, startServer,
} from './server.mjs';

const MAX_BODY = 2048;
const READ_TIMEOUT_S = 2;
const ORGS = '/api/v1/organisations';

describe('bad input', () => {
  let server;
  let admin;
  let baseline;

  before(async () => {
    server = await startServer({ args: ['--max-body', String(MAX_BODY), '--read-timeout', String(READ_TIMEOUT_S)] });
    admin = await mustSignIn(server, 'admin');
    baseline = await listOrganisations(server, admin);
    assert.ok(baseline.length > 0, 'the demo data has organisations');
  });
  after(async () => { await server?.close(); });

  // Runs a case, then checks that the stored organisations are byte-for-byte the same.
  // (The baseline then moves on, so one wrongly accepted request fails only its own case.)
  const refused = (name, fn) => test(name, async () => {
    let failure = null;
    try { await fn(); } catch (e) { failure = e; }
    const before = baseline;
    const now = await listOrganisations(server, admin);
    baseline = now;
    if (failure) throw failure;
    assert.equal(now.length, before.length, 'organisation count changed');
    assert.deepEqual(now, before, 'stored organisations changed');
  });

  const post = (opts) => request(server, ORGS, { method: 'POST', session: admin, ...opts });

  refused('malformed JSON: 400 naming JSON', async () => {
    assertProblem(assert, await post({ body: '{"name": "x", "kind": ', headers: { 'content-type': 'application/json' } }), 400,
      { detail: /JSON/i });
    assertProblem(assert, await post({ body: '{"name":"x","kind":"external_actor"} trailing', headers: { 'content-type': 'application/json' } }), 400,
      { detail: /JSON/i });
    assertProblem(assert, await post({ body: '', headers: { 'content-type': 'application/json' } }), 400);
    assertProblem(assert, await post({ body: '[]', headers: { 'content-type': 'application/json' } }), 400, { detail: /object/i });
    assertProblem(assert, await post({ body: '"just a string"', headers: { 'content-type': 'application/json' } }), 400);
  });

  refused('deeply nested JSON: 400, server keeps running', async () => {
    const deep = '['.repeat(1000) + ']'.repeat(1000);
    assertProblem(assert, await post({ body: deep, headers: { 'content-type': 'application/json' } }), 400);
    assert.equal((await request(server, '/healthz')).status, 200);
  });

  refused('invalid UTF-8 inside a JSON string: 400', async () => {
    const cases = [
      Buffer.concat([Buffer.from('{"name":"bad '), Buffer.from([0xff, 0xfe]), Buffer.from('","kind":"external_actor"}')]),
      // overlong encoding of '/'
      Buffer.concat([Buffer.from('{"name":"over'), Buffer.from([0xc0, 0xaf]), Buffer.from('","kind":"external_actor"}')]),
      // UTF-8-encoded surrogate half
      Buffer.concat([Buffer.from('{"name":"sur'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","kind":"external_actor"}')]),
      // truncated multi-byte sequence
      Buffer.concat([Buffer.from('{"name":"cut'), Buffer.from([0xe2, 0x82]), Buffer.from('","kind":"external_actor"}')]),
    ];
    for (const body of cases) {
      assertProblem(assert, await post({ body, headers: { 'content-type': 'application/json' } }), 400, { detail: /UTF-?8|JSON|encoding/i });
    }
    // An escaped lone surrogate is not a Unicode scalar value either.
    assertProblem(assert, await post({ body: '{"name":"\\ud800","kind":"external_actor"}', headers: { 'content-type': 'application/json' } }), 400);
  });

  refused('wrong types: 400 naming the field', async () => {
    assertProblem(assert, await post({ json: { name: 42, kind: 'external_actor' } }), 400, { field: 'name', detail: /name/ });
    assertProblem(assert, await post({ json: { name: ['a'], kind: 'external_actor' } }), 400, { field: 'name' });
    assertProblem(assert, await post({ json: { name: 'Typ AB', kind: 7 } }), 400, { field: 'kind', detail: /kind/ });
    assertProblem(assert, await post({ json: { name: 'Typ AB', kind: 'external_actor', parent_id: 5 } }), 400, { field: 'parent_id' });
    assertProblem(assert, await post({ json: { name: 'Typ AB', kind: 'external_actor', area_id: { id: 'x' } } }), 400, { field: 'area_id' });
  });

  refused('unknown field: 400 naming it', async () => {
    const b = assertProblem(assert, await post({ json: { name: 'Okänd AB', kind: 'external_actor', colour: 'blue' } }), 400,
      { field: 'colour' });
    assert.match(b.detail, /colour/);
  });

  refused('missing required fields: 400 naming them', async () => {
    assertProblem(assert, await post({ json: { kind: 'external_actor' } }), 400, { field: 'name', detail: /name/ });
    assertProblem(assert, await post({ json: { name: 'Utan typ AB' } }), 400, { field: 'kind', detail: /kind/ });
    assertProblem(assert, await post({ json: {} }), 400);
  });

  refused('unknown kind: 400 naming it', async () => {
    assertProblem(assert, await post({ json: { name: 'Rymd AB', kind: 'spaceship' } }), 400, { field: 'kind', detail: /spaceship|kind/ });
    assertProblem(assert, await post({ json: { name: 'Rymd AB', kind: 'EXTERNAL_ACTOR' } }), 400, { field: 'kind' });
  });

  refused('unknown parent_id or area_id: 400 naming the field', async () => {
    assertProblem(assert, await post({ json: { name: 'Föräldralös AB', kind: 'external_actor', parent_id: '00000000-0000-4000-8000-000000000000' } }),
      400, { field: 'parent_id' });
    assertProblem(assert, await post({ json: { name: 'Föräldralös AB', kind: 'external_actor', parent_id: "x' OR '1'='1" } }),
      400, { field: 'parent_id' });
    assertProblem(assert, await post({ json: { name: 'Områdeslös AB', kind: 'external_actor', area_id: '00000000-0000-4000-8000-000000000000' } }),
      400, { field: 'area_id' });
  });

  refused('empty or too long name: 400 field name', async () => {
    assertProblem(assert, await post({ json: { name: 'x'.repeat(1000), kind: 'external_actor' } }), 400, { field: 'name' });
    assertProblem(assert, await post({ json: { name: '', kind: 'external_actor' } }), 400, { field: 'name' });
  });

  // Beyond the brief: both are accepted today (201). PostgreSQL even stores the
  // NUL name cut short at the NUL while the 201 echoes the full name.
  refused('whitespace-only name: 400 field name', async () => {
    assertProblem(assert, await post({ json: { name: '   ', kind: 'external_actor' } }), 400, { field: 'name' });
  });
  refused('name with an embedded NUL: 400 field name', async () => {
    assertProblem(assert, await post({ json: { name: 'nul\u0000byte', kind: 'external_actor' } }), 400, { field: 'name' });
  });

  refused(`body larger than --max-body ${MAX_BODY}: 413`, async () => {
    const body = JSON.stringify({ name: 'x'.repeat(4096 - 40), kind: 'external_actor' });
    assert.ok(body.length >= 4000);
    const r = await post({ body, headers: { 'content-type': 'application/json' } });
    assertProblem(assert, r, 413);
    // A Content-Length that promises too much is refused without waiting for the body.
    const raw = await rawExchange(server.port,
      'POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n',
      { timeoutMs: 1500 });
    assert.equal(raw.response?.status, 413, raw.data.toString());
    // Chunked bodies are limited too.
    const chunk = 'a'.repeat(4096);
    const chunked = await rawExchange(server.port,
      `POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
      { timeoutMs: 3000 });
    assert.equal(chunked.response?.status, 413, chunked.data.toString());
  });

  refused('too many headers (200 x 80 bytes): 431', async () => {
    let req = 'GET /api/v1/organisations HTTP/1.1\r\nHost: x\r\n';
    for (let i = 0; i < 200; i++) req += `X-Filler-${String(i).padStart(3, '0')}: ${'a'.repeat(64)}\r\n`;
    req += '\r\n';
    assert.ok(req.length > 16000);
    const r = await rawExchange(server.port, req, { timeoutMs: 3000 });
    assert.equal(r.response?.status, 431, r.data.toString().slice(0, 300));
    assert.match(r.response.headers['content-type'] ?? '', /^application\/problem\+json/);
  });

  refused('request smuggling shapes: 400', async () => {
    const dupLen = await rawExchange(server.port,
      'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}',
      { timeoutMs: 2000 });
    assert.equal(dupLen.response?.status, 400, dupLen.data.toString());
    const clAndTe = await rawExchange(server.port,
      'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      { timeoutMs: 2000 });
    assert.equal(clAndTe.response?.status, 400, clAndTe.data.toString());
  });

  refused(`slow client is disconnected after --read-timeout ${READ_TIMEOUT_S}s`, async () => {
    const [partialHead, partialBody] = await Promise.all([
      rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', { timeoutMs: 6000 }),
      rawExchange(server.port,
        'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user',
        { timeoutMs: 6000 }),
    ]);
    for (const r of [partialHead, partialBody]) {
      assert.ok(r.closedByServer, `server kept the connection open for ${r.elapsedMs} ms`);
      assert.ok(r.elapsedMs <= 5000, `closed only after ${r.elapsedMs} ms`);
      assert.ok(r.elapsedMs >= READ_TIMEOUT_S * 1000 - 500, `closed too early (${r.elapsedMs} ms), not by the timeout`);
      assert.equal(r.response?.status ?? 408, 408, 'if anything is answered it should be 408');
    }
    assert.equal((await request(server, '/healthz')).status, 200, 'server still serves');
  });

  refused('unknown route: 404 problem', async () => {
    assertProblem(assert, await request(server, '/api/v1/no-such-thing', { session: admin }), 404);
    assertProblem(assert, await request(server, '/api/v2/organisations', { session: admin }), 404);
  });

  refused('wrong method: 405 with Allow', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH']) {
      const r = await request(server, ORGS, { method, session: admin, json: {} });
      assertProblem(assert, r, 405);
      const allow = (r.headers.get('allow') ?? '').split(',').map((m) => m.trim());
      assert.ok(allow.includes('GET') && allow.includes('POST'), `Allow: ${r.headers.get('allow')}`);
      assert.ok(!allow.includes(method), `Allow: ${r.headers.get('allow')}`);
    }
    const r = await request(server, '/api/v1/session', { method: 'PUT', session: admin, json: {} });
    assertProblem(assert, r, 405);
    assert.ok(r.headers.get('allow'), 'Allow header');
  });

  refused('wrong method on /healthz and /metrics: 405 with Allow', async () => {
    for (const p of ['/healthz', '/metrics']) {
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const r = await request(server, p, { method });
        assert.equal(r.status, 405, `${method} ${p} -> ${r.status}`);
        assert.ok(r.headers.get('allow'), `${method} ${p}: Allow header`);
      }
    }
  });

  refused('missing CSRF token: 403', async () => {
    assertProblem(assert, await post({ json: { name: 'Utan token AB', kind: 'external_actor' }, csrf: null }), 403);
  });

  refused('forged CSRF token: 403 (also the token of another session)', async () => {
    assertProblem(assert, await post({ json: { name: 'Falsk token AB', kind: 'external_actor' }, csrf: 'forged' }), 403);
    assertProblem(assert, await post({ json: { name: 'Falsk token AB', kind: 'external_actor' }, csrf: '' }), 403);
    assertProblem(assert, await post({ json: { name: 'Falsk token AB', kind: 'external_actor' }, csrf: admin.csrf.slice(0, -1) }), 403);
    const other = await mustSignIn(server, 'coordinator');
    assertProblem(assert, await post({ json: { name: 'Falsk token AB', kind: 'external_actor' }, csrf: other.csrf }), 403);
  });

  refused('wrong content type: 415', async () => {
    const body = JSON.stringify({ name: 'Fel typ AB', kind: 'external_actor' });
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const headers = ct ? { 'content-type': ct } : {};
      const r = await post({ body, headers });
      assertProblem(assert, r, 415);
    }
  });

  refused('a politician may not create organisations: 403', async () => {
    const pol = await mustSignIn(server, 'politician');
    assertProblem(assert, await request(server, ORGS, {
      method: 'POST', session: pol, json: { name: 'Politikerns AB', kind: 'external_actor' },
    }), 403);
    for (const who of ['member', 'reporter', 'caseworker']) {
      const s = await mustSignIn(server, who);
      assertProblem(assert, await request(server, ORGS, {
        method: 'POST', session: s, json: { name: `${who}s AB`, kind: 'external_actor' },
      }), 403);
    }
  });

  refused('not signed in: 401 (CSRF or not)', async () => {
    const r = await request(server, ORGS, { method: 'POST', json: { name: 'Anonym AB', kind: 'external_actor' }, csrf: admin.csrf });
    assert.ok(r.status === 401 || r.status === 403, `${r.status} ${r.text}`);
  });
});

describe('connection limit', () => {
  const MAX = 4;
  let server;
  before(async () => { server = await startServer({ demo: false, args: ['--max-connections', String(MAX)] }); });
  after(async () => { await server?.close(); });

  test(`beyond --max-connections ${MAX}: 503, and service resumes when connections close`, async () => {
    const idle = [];
    try {
      for (let i = 0; i < MAX; i++) {
        idle.push(await new Promise((resolve, reject) => {
          const s = net.connect({ host: '127.0.0.1', port: server.port }, () => resolve(s));
          s.on('error', reject);
        }));
      }
      await new Promise((r) => setTimeout(r, 200));
      const over = await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { timeoutMs: 3000 });
      assert.equal(over.response?.status, 503, over.data.toString().slice(0, 200));
      assert.match(over.response.headers['content-type'] ?? '', /^application\/problem\+json/);
    } finally {
      for (const s of idle) s.destroy();
    }
    await new Promise((r) => setTimeout(r, 200));
    const ok = await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { timeoutMs: 3000 });
    assert.equal(ok.response?.status, 200, ok.data.toString().slice(0, 200));
  });
});
