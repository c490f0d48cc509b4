// Security and caching headers, static files, metrics and the OpenAPI document.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import {
  DB_KIND, STATIC_DIR, existsSync, httpRequest, mustSignIn, rawExchange, request, startServer,
} from './server.mjs';

const hasIndex = existsSync(path.join(STATIC_DIR, 'index.html'));
const assetsDir = path.join(STATIC_DIR, 'assets');
const jsAssets = existsSync(assetsDir) ? readdirSync(assetsDir).filter((f) => f.endsWith('.js')) : [];
const gzippedJs = jsAssets.find((f) => existsSync(path.join(assetsDir, `${f}.gz`)));

// Accepts a fetch Headers object or a plain lower-case object.
function header(h, name) {
  return typeof h.get === 'function' ? h.get(name) : h[name.toLowerCase()];
}

// The missing or weak security headers of a response, as a list of messages.
function securityHeaderProblems(h) {
  const problems = [];
  const csp = header(h, 'content-security-policy');
  if (!csp) problems.push('Content-Security-Policy missing');
  else {
    if (!/frame-ancestors 'none'/.test(csp)) problems.push(`CSP without frame-ancestors 'none': ${csp}`);
    if (/'unsafe-inline'|'unsafe-eval'/.test(csp)) problems.push(`CSP allows unsafe-*: ${csp}`);
  }
  if (header(h, 'x-content-type-options') !== 'nosniff') problems.push('X-Content-Type-Options: nosniff missing');
  const rp = header(h, 'referrer-policy');
  if (!rp) problems.push('Referrer-Policy missing');
  else if (/unsafe-url|no-referrer-when-downgrade/.test(rp)) problems.push(`weak Referrer-Policy: ${rp}`);
  if (!header(h, 'x-request-id')) problems.push('X-Request-Id missing');
  return problems;
}

function assertSecurityHeaders(h, what) {
  assert.deepEqual(securityHeaderProblems(h), [], `security headers of ${what}`);
}

describe('headers', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer({ args: ['--max-body', '2048'] });
    admin = await mustSignIn(server, 'admin');
  });
  after(async () => { await server?.close(); });

  test('security headers on /healthz', async () => {
    const r = await request(server, '/healthz');
    assert.equal(r.status, 200);
    assertSecurityHeaders(r.headers, '/healthz');
  });

  test('security headers and Cache-Control: no-store on an API route', async () => {
    const r = await request(server, '/api/v1/organisations', { session: admin });
    assert.equal(r.status, 200);
    assertSecurityHeaders(r.headers, 'GET /api/v1/organisations');
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });

  test('API problem responses (400, 401, 403, 404, 405, 409, 415, 429) have security headers and no-store', async () => {
    for (let i = 0; i < 6; i++) {
      await request(server, '/api/v1/session', { method: 'POST', json: { username: 'reporter', password: `nope-${i}` } });
    }
    const org = { name: `Dubblett ${Date.now()}`, kind: 'external_actor' };
    assert.equal((await request(server, '/api/v1/organisations', { method: 'POST', session: admin, json: org })).status, 201);
    const cases = {
      '400 locate': await request(server, '/api/v1/locate?lat=abc&lon=18', { session: admin }),
      '400 organisation': await request(server, '/api/v1/organisations', { method: 'POST', session: admin, json: { kind: 'external_actor' } }),
      '401 organisations': await request(server, '/api/v1/organisations'),
      '401 sign-in': await request(server, '/api/v1/session', { method: 'POST', json: { username: 'caseworker', password: 'nope' } }),
      '403 csrf': await request(server, '/api/v1/organisations', { method: 'POST', session: admin, csrf: null, json: {} }),
      '404 route': await request(server, '/api/v1/no-such-route', { session: admin }),
      '404 organisation': await request(server, '/api/v1/organisations/00000000-0000-4000-8000-000000000000', { session: admin }),
      '405': await request(server, '/api/v1/organisations', { method: 'DELETE', session: admin }),
      '409 duplicate': await request(server, '/api/v1/organisations', { method: 'POST', session: admin, json: org }),
      '415': await request(server, '/api/v1/organisations', { method: 'POST', session: admin, body: '{}', headers: { 'content-type': 'text/plain' } }),
      '429 sign-in': await request(server, '/api/v1/session', { method: 'POST', json: { username: 'reporter', password: 'nope' } }),
    };
    const notStore = [];
    for (const [what, r] of Object.entries(cases)) {
      assert.equal(String(r.status), what.slice(0, 3), `${what}: ${r.status} ${r.text}`);
      assert.match(r.headers.get('content-type'), /^application\/problem\+json/, `${what}: ${r.text}`);
      assertSecurityHeaders(r.headers, what);
      if (r.headers.get('cache-control') !== 'no-store') notStore.push(`${what}: ${r.headers.get('cache-control')}`);
    }
    assert.deepEqual(notStore, [], 'API problem responses without Cache-Control: no-store');
  });

  test('413, 431 and 405 responses carry the security headers and a request id', async () => {
    const big = await request(server, '/api/v1/session', {
      method: 'POST', body: JSON.stringify({ username: 'x'.repeat(4000), password: 'y' }), headers: { 'content-type': 'application/json' },
    });
    assert.equal(big.status, 413);

    let head = 'GET /api/v1/session HTTP/1.1\r\nHost: x\r\n';
    for (let i = 0; i < 200; i++) head += `X-Filler-${i}: ${'b'.repeat(70)}\r\n`;
    const r431 = await rawExchange(server.port, `${head}\r\n`, { timeoutMs: 3000 });
    assert.equal(r431.response?.status, 431);

    const r405 = await request(server, '/api/v1/organisations', { method: 'DELETE', session: admin });
    assert.equal(r405.status, 405);

    const problems = [
      ...securityHeaderProblems(big.headers).map((p) => `413: ${p}`),
      ...securityHeaderProblems(r431.response.headers).map((p) => `431: ${p}`),
      ...securityHeaderProblems(r405.headers).map((p) => `405: ${p}`),
    ];
    assert.deepEqual(problems, []);
  });

  test('X-Request-Id differs between requests', async () => {
    const ids = new Set();
    for (let i = 0; i < 5; i++) ids.add((await request(server, '/healthz')).headers.get('x-request-id'));
    assert.equal(ids.size, 5, [...ids].join(' '));
  });

  test('index.html: security headers and Cache-Control: no-cache (also for client-side routes)', { skip: !hasIndex && 'no web/dist/index.html' }, async () => {
    const file = readFileSync(path.join(STATIC_DIR, 'index.html'));
    for (const p of ['/', '/index.html', '/organisations', '/areas/some/deep/route']) {
      const r = await httpRequest(server, p);
      assert.equal(r.status, 200, p);
      assert.match(r.headers['content-type'], /^text\/html/, p);
      assertSecurityHeaders(r.headers, p);
      assert.match(r.headers['cache-control'] ?? '', /no-cache|no-store/, `${p}: ${r.headers['cache-control']}`);
      assert.doesNotMatch(r.headers['cache-control'] ?? '', /immutable/, p);
      assert.deepEqual(r.body, file, `${p} serves index.html`);
    }
  });

  test('/assets/* are immutable; a missing asset is a 404, not index.html', { skip: !jsAssets.length && 'no built assets' }, async () => {
    const name = jsAssets[0];
    const r = await httpRequest(server, `/assets/${name}`);
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /javascript/);
    assert.match(r.headers['cache-control'] ?? '', /immutable/);
    assert.match(r.headers['cache-control'] ?? '', /max-age=\d{6,}/);
    assertSecurityHeaders(r.headers, `/assets/${name}`);
    assert.deepEqual(r.body, readFileSync(path.join(assetsDir, name)));

    const missing = await httpRequest(server, '/assets/does-not-exist-0000.js');
    assert.equal(missing.status, 404);
    assert.doesNotMatch(missing.headers['cache-control'] ?? '', /immutable/, 'a 404 must not be cached for a year');
  });

  test('gzip: a .js asset with a .gz sibling is sent gzip-encoded when accepted', { skip: !gzippedJs && 'no .js.gz asset' }, async () => {
    const plainFile = readFileSync(path.join(assetsDir, gzippedJs));
    const gz = await httpRequest(server, `/assets/${gzippedJs}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(gz.status, 200);
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(gz.headers.vary ?? '', /accept-encoding/i);
    assert.match(gz.headers['content-type'], /javascript/, 'Content-Type stays the original type');
    assert.match(gz.headers['cache-control'] ?? '', /immutable/);
    assert.deepEqual(gunzipSync(gz.body), plainFile);

    const plain = await httpRequest(server, `/assets/${gzippedJs}`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, plainFile);
  });

  test('static files cannot be read from outside web/dist', async () => {
    const dbFile = DB_KIND === 'sqlite' ? server.db.file : null;
    const targets = [
      '//etc/passwd', '/%2fetc/passwd', '/../../../../etc/passwd', '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/../../../../etc/passwd', '/..%5c..%5c..%5cetc%5cpasswd',
      '//proc/self/environ', '/%2fproc/self/cmdline',
      ...(dbFile ? [`/${dbFile}`, `/${encodeURIComponent(dbFile)}`] : []),
    ];
    const leaks = [];
    for (const target of targets) {
      const r = await rawExchange(server.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, { timeoutMs: 3000 });
      const body = r.response?.body ?? '';
      // Falling back to index.html (200 text/html) or 404 are both fine; file contents are not.
      const leaked = r.response?.status === 200 && (/root:[^:\n]*:0:0:/.test(body) || body.startsWith('SQLite format 3')
        || r.response.headers['content-type'] === 'application/octet-stream');
      if (leaked) leaks.push(`${target} -> ${r.response.status} ${JSON.stringify(body.slice(0, 40).replace(/[^\x20-\x7e]/g, '.'))}`);
    }
    assert.deepEqual(leaks, [], 'files outside the static root were served');
  });

  test('/metrics is Prometheus text with samverkan_http_requests_total that counts', async () => {
    const read = async () => {
      const r = await request(server, '/metrics');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type'), /^text\/plain/);
      return r.text;
    };
    const first = await read();
    assert.match(first, /^# TYPE samverkan_http_requests_total counter$/m);
    const count2xx = (t) => Number(/^samverkan_http_requests_total\{code="2xx"\} (\d+)/m.exec(t)?.[1]);
    const before = count2xx(first);
    assert.ok(Number.isFinite(before), first.slice(0, 500));
    for (let i = 0; i < 3; i++) await request(server, '/healthz');
    const afterCount = count2xx(await read());
    assert.ok(afterCount >= before + 3, `2xx counter went from ${before} to ${afterCount}`);
  });

  test('openapi.json parses and documents /api/v1/session', async () => {
    const r = await request(server, '/api/v1/openapi.json');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /json/);
    const doc = JSON.parse(r.text);
    assert.match(String(doc.openapi), /^3\./);
    assert.equal(typeof doc.paths, 'object');
    assert.ok(doc.paths['/api/v1/session'], `paths: ${JSON.stringify(Object.keys(doc.paths))}`);
    for (const p of ['/api/v1/organisations', '/api/v1/locate', '/api/v1/areas', '/api/v1/incidents',
      '/api/v1/incidents:bulk', '/api/v1/incident-imports', '/api/v1/situation-picture', '/api/v1/situation-picture.xlsx',
      '/api/v1/situation-notes/{area}/{period}', '/api/v1/reporting-duties', '/api/v1/safety-indicators:import',
      '/api/v1/plans', '/api/v1/plans/{id}', '/api/v1/measures/{id}', '/api/v1/plan-rollup', '/api/v1/citizen-promises',
      '/api/v1/plans/{id}/measures.csv']) {
      assert.ok(doc.paths[p], `${p} missing from openapi.json`);
    }
  });
});
