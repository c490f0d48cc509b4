// The OpenAPI document is the one contract (DESIGN.md): every route the server registers is in it,
// everything in it is served, every JSON success answer has a schema, and the server serves the
// document the repository holds. server.mjs checks every response of the other suites against it;
// the last tests here show that check refusing what the document does not describe.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  HTTP_METHODS, OPENAPI_FILE, REPO_ROOT, contractViolations, openApi, request, startServer,
} from './server.mjs';

const SRC = path.join(REPO_ROOT, 'src');
// Served by the application itself rather than through the router (src/app/application.cpp).
const APPLICATION_ROUTES = ['GET /healthz', 'GET /metrics', 'GET /api/v1/openapi.json'];

/** The C++ sources under src/, tests left out (router_test.cpp registers made-up routes). */
function productionSources(dir = SRC) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...productionSources(full));
    else if (entry.name.endsWith('.cpp') && !/_(test|dbtest|benchmark|fuzz)\.cpp$/.test(entry.name)) files.push(full);
  }
  return files;
}

/** "METHOD /path" of every router.Add("METHOD", "/path", ...) in the sources, the call possibly spread over lines. */
function registeredRoutes() {
  const routes = [];
  for (const file of productionSources()) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\brouter\.Add\(\s*"([A-Z]+)"\s*,\s*"([^"]+)"/g)) {
      routes.push({ route: `${m[1]} ${m[2]}`, file: path.relative(REPO_ROOT, file) });
    }
  }
  return routes;
}

/** "METHOD /path" of every operation in the document. */
function documentedOperations() {
  const ops = [];
  for (const [template, item] of Object.entries(openApi.paths)) {
    for (const method of Object.keys(item)) if (HTTP_METHODS.includes(method)) ops.push(`${method.toUpperCase()} ${template}`);
  }
  return ops;
}

const sorted = (list) => [...list].sort();
const isJsonType = (t) => t === 'application/json' || /^application\/[\w.+-]+\+json$/.test(t);

describe('the OpenAPI document and the code', () => {
  const registered = registeredRoutes();
  const application = readFileSync(path.join(SRC, 'app', 'application.cpp'), 'utf8');
  const codeRoutes = [...registered.map((r) => r.route), ...APPLICATION_ROUTES];
  const documented = documentedOperations();

  test('the route scan finds the registered routes (a broken pattern would make the next checks vacuous)', () => {
    assert.ok(registered.length >= 100, `only ${registered.length} router.Add calls found under src/`);
    for (const r of APPLICATION_ROUTES) {
      const p = r.split(' ')[1];
      assert.ok(application.includes(`req.path == "${p}"`), `src/app/application.cpp no longer serves ${p}; update APPLICATION_ROUTES`);
    }
  });

  test('no route is registered twice', () => {
    const seen = new Map();
    const twice = [];
    for (const { route, file } of registered) {
      if (seen.has(route)) twice.push(`${route} (${seen.get(route)} and ${file})`);
      else seen.set(route, file);
    }
    assert.deepEqual(twice, []);
  });

  test('every route the server registers is in the document', () => {
    const inDocument = new Set(documented);
    const missing = registered.filter((r) => !inDocument.has(r.route)).map((r) => `${r.route} (${r.file})`);
    missing.push(...APPLICATION_ROUTES.filter((r) => !inDocument.has(r)).map((r) => `${r} (src/app/application.cpp)`));
    assert.deepEqual(sorted(missing), [], `routes missing from ${path.relative(REPO_ROOT, OPENAPI_FILE)}`);
  });

  test('every operation in the document exists in the code', () => {
    const inCode = new Set(codeRoutes);
    assert.deepEqual(sorted(documented.filter((op) => !inCode.has(op))), [], 'operations the server does not serve');
  });

  test('every operation documents a schema for each JSON success answer', () => {
    const wrong = [];
    for (const [template, item] of Object.entries(openApi.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!HTTP_METHODS.includes(method)) continue;
        const name = `${method.toUpperCase()} ${template}`;
        const successes = Object.entries(op.responses ?? {}).filter(([status]) => /^2/.test(status));
        if (successes.length === 0) wrong.push(`${name}: no success response`);
        for (const [status, ref] of successes) {
          let response = ref;
          while (response?.$ref) response = response.$ref.split('/').slice(1).reduce((o, k) => o?.[k], openApi);
          const content = Object.entries(response?.content ?? {});
          if (status !== '204' && content.length === 0) wrong.push(`${name} ${status}: no content described`);
          if (status === '204' && content.length > 0) wrong.push(`${name} 204: a No Content answer with content`);
          for (const [mediaType, media] of content) {
            if (isJsonType(mediaType) && !media.schema) wrong.push(`${name} ${status} ${mediaType}: no schema`);
          }
        }
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('every response schema in the document compiles', () => {
    // contractViolations compiles (and caches) the schema of each response it is asked about.
    const failures = [];
    for (const [template, item] of Object.entries(openApi.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!HTTP_METHODS.includes(method)) continue;
        for (const status of Object.keys(op.responses ?? {})) {
          if (!/^\d{3}$/.test(status)) continue;
          try {
            contractViolations({ method, urlPath: template, status: Number(status), contentType: 'application/json', text: 'null' });
          } catch (e) {
            failures.push(`${method.toUpperCase()} ${template} ${status}: ${e.message}`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});

describe('the served document', () => {
  let server;
  before(async () => { server = await startServer({ demo: false }); });
  after(async () => { await server?.close(); });

  test('GET /api/v1/openapi.json serves src/http/openapi.json byte for byte', async () => {
    const r = await request(server, '/api/v1/openapi.json');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    const file = readFileSync(OPENAPI_FILE, 'utf8');
    // A readable diff first (the parsed documents), then the bytes.
    assert.deepEqual(r.body, JSON.parse(file), 'the served document differs from the file: rebuild the server');
    assert.equal(r.text, file);
  });
});

describe('the response check refuses what the document does not describe', () => {
  const problem = { type: 'about:blank', title: 'Not found', status: 404, detail: 'No such plan.' };
  const check = (response) => contractViolations({ contentType: 'application/json', ...response });

  test('a body that breaks its schema', () => {
    assert.deepEqual(check({ method: 'GET', urlPath: '/healthz', status: 200, text: '{"status":"ok"}' }), []);
    const wrong = check({ method: 'GET', urlPath: '/healthz', status: 200, text: '{"status":42}' });
    assert.equal(wrong.length, 1, wrong.join('\n'));
    assert.match(wrong[0], /\/status must be string/);
  });

  test('a status the operation does not document', () => {
    const wrong = check({ method: 'GET', urlPath: '/api/v1/plans/p1', status: 418, text: '{}' });
    assert.match(wrong.join('\n'), /GET \/api\/v1\/plans\/\{id\} does not document status 418/);
  });

  test('a media type the response does not document', () => {
    const wrong = check({ method: 'GET', urlPath: '/healthz', status: 200, contentType: 'text/plain', text: 'ok' });
    assert.match(wrong.join('\n'), /does not document a text\/plain body/);
  });

  test('a JSON answer from an API route the document lacks', () => {
    const wrong = check({ method: 'GET', urlPath: '/api/v1/no-such-thing?x=1', status: 200, text: '{}' });
    assert.match(wrong.join('\n'), /no operation GET \/api\/v1\/no-such-thing/);
  });

  test('a body that is not JSON although it says so', () => {
    assert.match(check({ method: 'GET', urlPath: '/healthz', status: 200, text: '{' }).join('\n'), /not JSON/);
  });

  test('a problem without its required members, also from a route the document lacks', () => {
    const problemJson = (body, urlPath = '/api/v1/plans/p1') => contractViolations({
      method: 'GET', urlPath, status: 404, contentType: 'application/problem+json', text: JSON.stringify(body),
    });
    assert.deepEqual(problemJson(problem), []);
    assert.deepEqual(problemJson({ ...problem, code: 'plan.not_found', params: { id: 'p1' } }), []);
    assert.match(problemJson({ ...problem, detail: undefined }).join('\n'), /must have required property 'detail'/);
    assert.match(problemJson({ ...problem, code: 7 }).join('\n'), /\/code must be string/);
    assert.match(problemJson({ title: 'x' }, '/api/v1/nowhere').join('\n'), /must have required property/);
  });
});
