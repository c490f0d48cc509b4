// Shared helper for the black-box API tests: starts a real `samverkan serve`
// on an ephemeral port against a clean database, and offers small HTTP helpers.
//
//   SAMVERKAN_BIN          the binary (default <repo>/build/samverkan)
//   SAMVERKAN_TEST_DB_URL  a PostgreSQL URL of a database that may be wiped;
//                          without it every server gets a fresh SQLite file.
//   SAMVERKAN_TEST_VERBOSE=1  echo the servers' logs to stderr.
// Run from the repository root: node --test --test-concurrency=1 tests/api/
//
// Every response the HTTP helpers (request, signIn, httpRequest) receive is checked against the
// OpenAPI document, src/http/openapi.json (DESIGN.md, "One contract"): a response the document does
// not describe, or a JSON body that does not match its schema, fails the test that received it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.SAMVERKAN_BIN || path.join(REPO_ROOT, 'build', 'samverkan');
export const DATA_DIR = path.join(REPO_ROOT, 'data', 'stockholm');
export const STATIC_DIR = path.join(REPO_ROOT, 'web', 'dist');
export const DEMO_PASSWORD = 'Samverkan-demo-2026!';
export const PG_URL = process.env.SAMVERKAN_TEST_DB_URL || '';
export const DB_KIND = PG_URL ? 'postgresql' : 'sqlite';

const VERBOSE = !!process.env.SAMVERKAN_TEST_VERBOSE;

// ------------------------------------------------------------------- the clock
// Every server and CLI run of the suite is pinned to one instant, SAMVERKAN_TEST_NOW (default a
// Friday in week 48 of 2026), so that no result depends on the day the suite runs. The pinned clock
// runs on at the machine's pace from the moment this module loads; a server started later is told
// the instant of its start (SAMVERKAN_NOW), so that its clock and the tests' agree.
export const TEST_NOW = process.env.SAMVERKAN_TEST_NOW || '2026-11-27T10:00:00Z';
const PINNED_MS = Date.parse(TEST_NOW);
if (Number.isNaN(PINNED_MS)) throw new Error(`SAMVERKAN_TEST_NOW is not an instant: ${TEST_NOW}`);
const LOADED_AT = Date.now();
/** The suite's now, in milliseconds since 1970 (use instead of Date.now() wherever a date matters). */
export const nowMs = () => PINNED_MS + (Date.now() - LOADED_AT);
/** The suite's now as a Date (use instead of new Date()). */
export const now = () => new Date(nowMs());

// Servers still running when the test process ends (a crashed test file) are killed.
const live = new Set();
process.on('exit', () => { for (const p of live) { try { p.kill('SIGKILL'); } catch { /* gone */ } } });
const STARTUP_TIMEOUT_MS = 30_000;

// The server reads SAMVERKAN_<OPTION> from the environment; keep the caller's
// settings (SAMVERKAN_TEST_DB_URL, SAMVERKAN_BIN, ...) from leaking into it.
function childEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SAMVERKAN_')) env[k] = v;
  env.SAMVERKAN_NOW = now().toISOString();
  return env;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: childEnv(), cwd: REPO_ROOT, ...opts });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

// ---------------------------------------------------------------- databases

/** A database for one or more servers in a row. Call cleanup() when done. */
export function createDatabase() {
  if (PG_URL) {
    return {
      kind: 'postgresql',
      url: PG_URL,
      wipe() {
        const r = run('psql', [PG_URL, '-q', '-v', 'ON_ERROR_STOP=1', '-c', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;']);
        if (r.code !== 0) throw new Error(`could not wipe ${PG_URL}: ${r.stderr}`);
      },
      cleanup() {},
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'samverkan-api-'));
  const file = path.join(dir, 't.db');
  return {
    kind: 'sqlite',
    url: `sqlite:${file}`,
    file,
    dir,
    wipe() {
      for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs SQL against the test database with sqlite3 or psql; returns stdout (rows separated by \n, columns by |). */
export function sql(db, query, { allowFailure = false } = {}) {
  const r = db.kind === 'sqlite'
    ? run('sqlite3', ['-bail', db.file, query])
    : run('psql', [db.url, '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-c', query]);
  if (r.code !== 0 && !allowFailure) throw new Error(`SQL failed (${r.code}): ${query}\n${r.stderr}`);
  return allowFailure ? r : r.stdout.trim();
}

/** Runs a samverkan CLI command (not `serve`) and returns { code, stdout, stderr }. */
export function runCli(args, opts = {}) {
  return run(BIN, args, { timeout: 60_000, ...opts });
}

// ------------------------------------------------------------------ servers

/**
 * Starts `samverkan serve` and resolves once it prints its port.
 * options: db (from createDatabase; default: a new one owned by the server),
 *          wipe (default true: start from an empty database), demo (default true),
 *          args (extra flags, e.g. ['--max-body', '2048']).
 */
export async function startServer({ db, wipe = true, demo = true, args = [] } = {}) {
  const ownsDb = !db;
  db ??= createDatabase();
  if (wipe) db.wipe();
  const argv = ['serve', '--db', db.url, '--port', '0', ...(demo ? ['--demo'] : []),
    '--data', DATA_DIR, '--static', STATIC_DIR, ...args];
  const proc = spawn(BIN, argv, { cwd: REPO_ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const onData = (chunk) => {
    const s = chunk.toString('utf8');
    if (VERBOSE) process.stderr.write(s);
    log += s;
    if (log.length > 2_000_000) log = log.slice(-1_000_000);
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  live.add(proc);
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => { live.delete(proc); resolve({ code, signal }); }));
  let exitInfo = null;
  exited.then((e) => { exitInfo = e; });

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not report its port within ${STARTUP_TIMEOUT_MS} ms:\n${log}`));
    }, STARTUP_TIMEOUT_MS);
    const check = () => {
      const m = /listening on http:\/\/[^:/\s]+:(\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        proc.stdout.off('data', check);
        proc.stderr.off('data', check);
        resolve(Number(m[1]));
      }
    };
    proc.stdout.on('data', check);
    proc.stderr.on('data', check);
    proc.on('error', (e) => { clearTimeout(timer); reject(e); });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited during startup (code ${code}, signal ${signal}): ${BIN} ${argv.join(' ')}\n${log}`));
    });
  });

  const server = {
    port,
    base: `http://127.0.0.1:${port}`,
    db,
    proc,
    exited,
    get exitInfo() { return exitInfo; },
    log: () => log,
    /** Sends a signal and waits for the exit; SIGKILLs and throws after timeoutMs. */
    async stop({ signal = 'SIGTERM', timeoutMs = 10_000 } = {}) {
      if (exitInfo) return exitInfo;
      proc.kill(signal);
      let timer;
      const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), timeoutMs); });
      const r = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (r) return r;
      proc.kill('SIGKILL');
      await exited;
      throw new Error(`server did not exit within ${timeoutMs} ms of ${signal}\n${log.slice(-4000)}`);
    },
    /** Stops the server (SIGTERM, SIGKILL fallback) and removes a database it created itself. */
    async close() {
      try {
        if (!exitInfo) await server.stop().catch(() => {});
      } finally {
        if (ownsDb) db.cleanup();
      }
    },
  };
  return server;
}

// ----------------------------------------------------------------- the contract

export const OPENAPI_FILE = path.join(REPO_ROOT, 'src', 'http', 'openapi.json');
/** The OpenAPI document as the repository holds it (the server embeds the same file). */
export const openApi = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// OpenAPI 3.0's `nullable: true` means "or null" whatever else the schema says, also beside allOf
// with a $ref, which JSON Schema (and ajv's own `nullable`) cannot express; spell it as anyOf.
function nullableAsAnyOf(node) {
  if (Array.isArray(node)) return node.map(nullableAsAnyOf);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) if (k !== 'nullable') out[k] = nullableAsAnyOf(v);
  return node.nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

// One validator for the whole run. The document is added whole under the id "openapi", so that its
// own references (#/components/schemas/...) resolve; the OpenAPI-only keywords outside JSON Schema are
// declared so that strict mode still refuses a misspelt schema keyword.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: true });
addFormats(ajv);
ajv.addFormat('binary', true); // OpenAPI's marker for a file body; never a JSON value
ajv.addVocabulary(['openapi', 'info', 'servers', 'components', 'paths', 'security', 'tags', 'externalDocs', 'example', 'xml']);
ajv.addSchema(nullableAsAnyOf(openApi), 'openapi');
const compiled = new Map(); // JSON pointer into the document -> validate function

const pointerPart = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const isJsonType = (mediaType) => mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);

// The document's path templates as regular expressions, the most literal first, so that
// /api/v1/agreements/compare is not taken for /api/v1/agreements/{id}.
const templates = Object.keys(openApi.paths).map((template) => ({
  template,
  params: (template.match(/\{[^}]+\}/g) ?? []).length,
  re: new RegExp(`^${template.split(/\{[^}]+\}/).map((lit) => lit.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`),
})).sort((a, b) => a.params - b.params || b.template.length - a.template.length);

/** The document's path template that a request path (query allowed) falls under, or undefined. */
export function pathTemplate(urlPath) {
  const pathname = urlPath.split('?')[0];
  return templates.find((t) => t.re.test(pathname))?.template;
}

function validatorAt(pointer) {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi#${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

/** Follows a response object's $ref (#/components/responses/X); returns { response, pointer }. */
function resolveResponse(response, pointer) {
  while (response?.$ref) {
    pointer = response.$ref.slice(1);
    response = pointer.split('/').slice(1).reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], openApi);
  }
  return { response, pointer };
}

const PROBLEM_POINTER = '/components/schemas/Problem';

/**
 * Checks one response against the document. Returns a list of what is wrong (empty when it conforms).
 * `text` is the body as received (after any content decoding). Outside /api/ only the server's own
 * documented routes (/healthz, /metrics) are held to the document; a problem+json from anywhere must
 * be a Problem. A problem+json for a route the document lacks (the router's 404, a 405 for an
 * unlisted method) is the router's answer, not an operation's, and only has to be a Problem.
 */
export function contractViolations({ method, urlPath, status, contentType, text }) {
  method = method.toUpperCase();
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const hasBody = method !== 'HEAD' && text !== undefined && text !== '';
  const json = hasBody && isJsonType(mediaType);
  let body;
  if (json) {
    try { body = JSON.parse(text); } catch (e) { return [`the body is not JSON (${e.message}) although Content-Type is ${contentType}`]; }
  }
  const checkSchema = (pointer) => {
    const validate = validatorAt(pointer);
    if (validate(body)) return [];
    const errors = validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`
      + (e.params?.additionalProperty !== undefined ? ` (${e.params.additionalProperty})` : ''));
    return [`the body does not match ${pointer}: ${errors.join('; ')}`];
  };

  const pathname = urlPath.split('?')[0];
  const template = pathTemplate(pathname);
  const operation = template && openApi.paths[template][method === 'HEAD' ? 'get' : method.toLowerCase()];
  if (!operation) {
    if (json && mediaType === 'application/problem+json') return checkSchema(PROBLEM_POINTER);
    if (json && pathname.startsWith('/api/')) return [`the document has no operation ${method} ${template ?? pathname}`];
    return [];
  }
  const responses = operation.responses ?? {};
  const opPointer = `/paths/${pointerPart(template)}/${method === 'HEAD' ? 'get' : method.toLowerCase()}/responses`;
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
  if (!key) return [`${method} ${template} does not document status ${status} (documented: ${Object.keys(responses).join(', ')})`];
  const { response, pointer } = resolveResponse(responses[key], `${opPointer}/${pointerPart(key)}`);
  if (!hasBody) return [];
  const content = response?.content ?? {};
  if (!(mediaType in content)) {
    return [`${method} ${template} ${key} does not document a ${mediaType || 'typeless'} body (documented: ${Object.keys(content).join(', ') || 'none'})`];
  }
  if (!json) return [];
  if (!content[mediaType].schema) return [`${method} ${template} ${key} ${mediaType} has no schema`];
  return checkSchema(`${pointer}/content/${pointerPart(mediaType)}/schema`);
}

/** Throws unless the response conforms to the document; the message names the request, the status and what is wrong. */
export function assertContract(response) {
  const wrong = contractViolations(response);
  if (wrong.length === 0) return;
  const shown = response.text && response.text.length > 2000 ? `${response.text.slice(0, 2000)}…` : response.text;
  const err = new Error(`OpenAPI contract: ${response.method.toUpperCase()} ${response.urlPath} answered ${response.status} `
    + `(${response.contentType ?? 'no Content-Type'}), which src/http/openapi.json does not describe:\n  - ${wrong.join('\n  - ')}\n`
    + `body: ${shown}`);
  err.code = 'ERR_OPENAPI_CONTRACT';
  throw err;
}

function decodedText(buffer, encoding) {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip': return gunzipSync(buffer).toString('utf8');
    case 'deflate': return inflateSync(buffer).toString('utf8');
    case 'br': return brotliDecompressSync(buffer).toString('utf8');
    default: return buffer.toString('utf8');
  }
}

// --------------------------------------------------------------------- HTTP

/**
 * fetch() wrapper. Options: method, json (serialised, Content-Type application/json
 * unless given), body (string/Buffer), headers, session (from signIn: sends its cookie;
 * on unsafe methods also its CSRF token unless csrf is given), csrf (string, or null to omit).
 * Resolves to { status, headers, text, body (parsed JSON or undefined) }; rejects when the response
 * breaks the OpenAPI document (assertContract).
 */
export async function request(server, urlPath, { method = 'GET', json, body, headers = {}, session, csrf } = {}) {
  const h = {};
  for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = v;
  if (session) h.cookie ??= session.cookie;
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  if (csrf !== undefined) {
    if (csrf !== null) h['x-csrf-token'] = csrf;
  } else if (session && unsafe && session.csrf) {
    h['x-csrf-token'] ??= session.csrf;
  }
  if (json !== undefined) {
    body = JSON.stringify(json);
    h['content-type'] ??= 'application/json';
  }
  const res = await fetch(server.base + urlPath, { method, headers: h, body, redirect: 'manual' });
  const text = await res.text();
  assertContract({ method, urlPath, status: res.status, contentType: res.headers.get('content-type'), text });
  let parsed;
  try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

/** Signs in; resolves to { status, body, headers, cookie ('samverkan_session=...'), csrf, user, setCookie }. */
export async function signIn(server, username, password = DEMO_PASSWORD) {
  const res = await fetch(`${server.base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const text = await res.text();
  assertContract({ method: 'POST', urlPath: '/api/v1/session', status: res.status, contentType: res.headers.get('content-type'), text });
  let body;
  try { body = JSON.parse(text); } catch { body = undefined; }
  const setCookie = res.headers.getSetCookie();
  const sessionCookie = setCookie.find((c) => c.startsWith('samverkan_session='));
  return {
    status: res.status,
    headers: res.headers,
    body,
    text,
    setCookie,
    cookie: sessionCookie ? sessionCookie.split(';')[0] : undefined,
    csrf: body?.csrf_token,
    user: body?.user,
  };
}

/** Signs in and fails loudly unless it worked. */
export async function mustSignIn(server, username) {
  const s = await signIn(server, username);
  if (s.status !== 200 || !s.cookie || !s.csrf) throw new Error(`sign-in as ${username} failed: ${s.status} ${s.text}`);
  return s;
}

/** The organisations list, sorted by id, for "stored data unchanged" comparisons. */
export async function listOrganisations(server, session) {
  const r = await request(server, '/api/v1/organisations', { session });
  if (r.status !== 200 || !Array.isArray(r.body?.items)) throw new Error(`listing organisations failed: ${r.status} ${r.text}`);
  return [...r.body.items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * node:http request without automatic decompression or connection reuse.
 * Resolves to { status, headers (lower-case), body (Buffer) }. onSent() fires when
 * the whole request has been handed to the socket. Rejects when the response breaks the OpenAPI
 * document (assertContract).
 */
export function httpRequest(server, urlPath, { method = 'GET', headers = {}, body, onSent } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: urlPath, method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        try {
          const contentType = res.headers['content-type'];
          // Only a JSON body is decoded for the check; for a download only its type is checked.
          const text = isJsonType((contentType ?? '').split(';')[0].trim().toLowerCase())
            ? decodedText(buffer, res.headers['content-encoding']) : buffer.toString('latin1');
          assertContract({ method, urlPath, status: res.statusCode, contentType, text });
        } catch (e) {
          reject(e);
          return;
        }
        resolve({ status: res.statusCode, headers: res.headers, body: buffer });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (onSent) req.on('finish', onSent);
    req.end(body);
  });
}

/**
 * Raw TCP exchange: connects, writes `data` (nothing if null), collects what the
 * server sends until it closes the connection or timeoutMs passes.
 * Resolves to { data (Buffer), closedByServer, elapsedMs, error, response (parsed or null) }.
 */
export function rawExchange(port, data, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunks = [];
    let error = null;
    let done = false;
    const sock = net.connect({ host: '127.0.0.1', port });
    const finish = (closedByServer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const buf = Buffer.concat(chunks);
      resolve({ data: buf, closedByServer, elapsedMs: Date.now() - started, error, response: parseRawResponse(buf) });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    sock.on('connect', () => { if (data != null) sock.write(data, (e) => { if (e) error = e; }); });
    sock.on('data', (c) => chunks.push(c));
    sock.on('end', () => finish(true));
    sock.on('close', () => finish(true));
    sock.on('error', (e) => { error = e; finish(true); });
  });
}

/** Parses the first HTTP/1.x response in a buffer: { status, headers (lower-case keys), body (string) } or null. */
export function parseRawResponse(buf) {
  const s = buf.toString('latin1');
  const end = s.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = s.slice(0, end).split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  if (!m) return null;
  const headers = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(m[1]), headers, body: Buffer.from(s.slice(end + 4), 'latin1').toString('utf8') };
}

/** Asserts an RFC 9457 problem response with the given status. Returns the parsed body. */
export function assertProblem(assert, r, status, { field, detail } = {}) {
  const ctx = `${r.status} ${r.text ?? ''}`;
  assert.equal(r.status, status, ctx);
  const ct = typeof r.headers.get === 'function' ? r.headers.get('content-type') : r.headers['content-type'];
  assert.match(ct ?? '', /^application\/problem\+json/, `content-type of ${ctx}`);
  const body = r.body ?? JSON.parse(r.text);
  assert.equal(body.status, status, ctx);
  assert.equal(typeof body.type, 'string', ctx);
  assert.equal(typeof body.title, 'string', ctx);
  assert.equal(typeof body.detail, 'string', ctx);
  assert.ok(body.detail.length > 0, ctx);
  // Every problem names its kind with a stable machine code that the UI translates, and its parameters.
  assert.match(body.code ?? '', /^[a-z_]+(\.[a-z_]+)*$/, `code of ${ctx}`);
  assert.equal(typeof body.params, 'object', `params of ${ctx}`);
  if (body.field) assert.equal(body.params.field, body.field, `params.field of ${ctx}`);
  if (field !== undefined) assert.equal(body.field, field, `field of ${ctx}`);
  if (detail !== undefined) assert.match(body.detail, detail, `detail of ${ctx}`);
  return body;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves like `promise`, or to `fallback` after ms (the timer never outlives the race). */
export async function within(promise, ms, fallback = null) {
  let timer;
  const t = new Promise((r) => { timer = setTimeout(() => r(fallback), ms); });
  try {
    return await Promise.race([promise, t]);
  } finally {
    clearTimeout(timer);
  }
}
export { existsSync };

// ---------------------------------------------------------------- dates

const DAY_MS = 86_400_000;
/** A Date as Stockholm local time "YYYY-MM-DDTHH:MM", as an <input type=datetime-local> gives. */
export function stockholmLocal(date) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
/** The server's "today" (Europe/Stockholm) as YYYY-MM-DD. */
export const todayStockholm = () => stockholmLocal(now()).slice(0, 10);
/** YYYY-MM-DD plus `days` (negative: earlier). */
export function addDays(day, days) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** Whole days from `from` to `to` (YYYY-MM-DD). */
export const daysBetween = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
/** The quarter code ("2026-Q3") of a YYYY-MM-DD. */
export const quarterOf = (day) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
/** { code, start, end } of a quarter code. */
export function quarterBounds(code) {
  const [, y, q] = /^(\d{4})-Q([1-4])$/.exec(code).map(Number);
  const start = new Date(Date.UTC(y, (q - 1) * 3, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
  return { code, start, end };
}
/** The quarter code `n` quarters after `code` (negative: before). */
export function addQuarters(code, n) {
  const [, y, q] = /^(\d{4})-Q([1-4])$/.exec(code).map(Number);
  const i = y * 4 + (q - 1) + n;
  return `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;
}

// ---------------------------------------------------------------- SQL over the incidents (the EST engine's check)

/** "rows|of|columns" output of the sql helper as arrays. */
export const rowsOf = (out) => out.split('\n').filter(Boolean).map((line) => line.split('|'));

/**
 * The territory of an area for a picture: its neighbourhoods by the area_links valid on the reference day
 * (the period's last day, or the area's own last day if it ends within the period).
 */
export function referenceDay(db, area, lastDay) {
  const validTo = sql(db, `SELECT valid_to FROM areas WHERE id = '${area.id}'`);
  if (validTo && validTo.slice(0, 10) <= lastDay) return addDays(validTo.slice(0, 10), -1);
  return lastDay;
}

/** FROM/WHERE over the incidents of `area` that occurred from `from` to `to` (inclusive), territory as of `ref`. */
export function territorySql(area, ref, from, to) {
  const when = `i.occurred_on >= '${from}' AND i.occurred_on <= '${to}'`;
  if (area.kind === 'municipality') return `FROM incidents i WHERE ${when}`;
  const relation = area.kind === 'district' ? 'district' : 'police_area';
  const nbs = area.kind === 'neighbourhood' ? `i.area_id = '${area.id}'`
    : `i.area_id IN (SELECT l.child_id FROM area_links l WHERE l.relation = '${relation}' AND l.parent_id = '${area.id}'
         AND l.valid_from <= '${ref}' AND (l.valid_to IS NULL OR l.valid_to > '${ref}'))`;
  return `FROM incidents i WHERE ${when} AND i.area_basis <> 'municipality' AND ${nbs}`;
}

/**
 * Per category id, the SQL count for an area ({id, kind}) and a period ({start, end}, inclusive),
 * as the situation picture counts it (with optional filters).
 */
export function sqlCategoryCounts(db, area, period, { minSeverity, source } = {}) {
  const ref = referenceDay(db, area, period.end);
  let q = `SELECT i.category_id, count(*) ${territorySql(area, ref, period.start, period.end)}`;
  if (minSeverity) q += ` AND i.severity >= ${minSeverity}`;
  if (source) q += ` AND i.source_org_id = '${source}'`;
  q += ' GROUP BY i.category_id';
  return new Map(rowsOf(sql(db, q)).map(([c, n]) => [Number(c), Number(n)]));
}

/** How many authz.deny rows the audit log holds for a user (optionally for one object type). */
export const denials = (db, who, objectType) => Number(sql(db, `SELECT count(*) FROM audit_log WHERE action = 'authz.deny'
  AND actor_name = '${who}'${objectType ? ` AND object_type = '${objectType}'` : ''}`));

// ---------------------------------------------------------------- files

/**
 * The entries of a ZIP archive (an .xlsx), read with node:zlib only: Map name -> Buffer.
 * Reads the central directory, so data descriptors and streamed entries are fine; stored and deflated only.
 */
export function readZip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a ZIP archive: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    if (method === 0) out.set(name, Buffer.from(data));
    else if (method === 8) out.set(name, inflateRawSync(data));
    else throw new Error(`${name}: compression method ${method}`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * Parses CSV text (RFC 4180 quoting, any separator, CRLF or LF; a leading BOM is dropped).
 * Returns the records as { fields, line } with the file line (1-based) each record starts on.
 */
export function parseCsv(text, sep = ';') {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = [];
  let fields = [];
  let field = '';
  let line = 1;
  let startLine = 1;
  let quoted = false;
  let i = 0;
  let any = false;
  const endRecord = () => {
    fields.push(field);
    records.push({ fields, line: startLine });
    fields = [];
    field = '';
    any = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') { quoted = true; any = true; i++; continue; }
    if (c === sep) { fields.push(field); field = ''; any = true; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      startLine = line;
      i++;
      continue;
    }
    field += c;
    any = true;
    i++;
  }
  if (any || field.length > 0 || fields.length > 0) endRecord();
  return records;
}

/** One CSV field, quoted when it holds the separator, a quote or a line break. */
export const csvField = (v, sep = ';') => {
  const s = v == null ? '' : String(v);
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
