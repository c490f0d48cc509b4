// The audit log records sign-ins, failures, writes and refusals, and
// `samverkan audit verify` notices when someone edits it behind the server's back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DEMO_PASSWORD, createDatabase, mustSignIn, request, runCli, signIn, sql, startServer,
} from './server.mjs';

function verify(db) {
  const r = runCli(['audit', 'verify', '--db', db.url, '--json']);
  let json;
  try { json = JSON.parse(r.stdout); } catch { json = undefined; }
  return { ...r, json };
}

describe('audit log', () => {
  let db;
  let server;
  let baseline;
  let orgId;

  before(async () => {
    db = createDatabase();
    server = await startServer({ db });
  });
  after(async () => {
    await server?.close();
    db?.cleanup();
  });

  test('verify on a fresh server: ok', () => {
    const v = verify(db);
    assert.equal(v.code, 0, v.stderr + v.stdout);
    assert.equal(v.json?.ok, true, v.stdout);
    assert.ok(Number.isInteger(v.json.rows_checked), v.stdout);
    baseline = v.json.rows_checked;
  });

  test('sign-in, failed sign-in, organisation creation and a 403 are all recorded; verify stays ok', async () => {
    const admin = await mustSignIn(server, 'admin');
    const failed = await signIn(server, 'coordinator', 'definitely-wrong');
    assert.equal(failed.status, 401);
    const name = `Granskad ${Date.now()}`;
    const created = await request(server, '/api/v1/organisations', {
      method: 'POST', session: admin, json: { name, kind: 'external_actor' },
    });
    assert.equal(created.status, 201, created.text);
    orgId = created.body.id;
    const pol = await mustSignIn(server, 'politician');
    const denied = await request(server, '/api/v1/organisations', {
      method: 'POST', session: pol, json: { name: 'Förbjuden AB', kind: 'external_actor' },
    });
    assert.equal(denied.status, 403, denied.text);

    const v = verify(db);
    assert.equal(v.code, 0, v.stderr + v.stdout);
    assert.equal(v.json?.ok, true, v.stdout);
    assert.ok(v.json.rows_checked >= 4, v.stdout);
    // admin sign-in, failed sign-in, creation, politician sign-in, 403
    assert.ok(v.json.rows_checked >= baseline + 5, `rows_checked ${v.json.rows_checked}, before ${baseline}`);
    assert.equal(Number(sql(db, 'SELECT count(*) FROM audit_log')), v.json.rows_checked, 'every row was checked');

    const rows = sql(db, `SELECT outcome, object_id, detail FROM audit_log WHERE seq > ${baseline} ORDER BY seq`);
    assert.ok(rows.includes(orgId), `the creation of ${orgId} is in the log:\n${rows}`);
    assert.ok(rows.includes('wrong password'), `the failed sign-in is in the log:\n${rows}`);
    assert.match(rows, /denied/, `the 403 is in the log:\n${rows}`);
    assert.ok(!rows.includes('definitely-wrong') && !rows.includes(DEMO_PASSWORD), 'passwords never reach the audit log');
  });

  test('the audit log refuses UPDATE and DELETE at the database level', () => {
    const upd = sql(db, "UPDATE audit_log SET detail='{}' WHERE seq=1", { allowFailure: true });
    assert.notEqual(upd.code, 0, 'UPDATE audit_log succeeded');
    const del = sql(db, 'DELETE FROM audit_log WHERE seq=1', { allowFailure: true });
    assert.notEqual(del.code, 0, 'DELETE FROM audit_log succeeded');
    assert.equal(verify(db).json?.ok, true);
  });

  test('tampering is detected: a deleted row breaks the chain, an edited row is named', async () => {
    const exit = await server.stop();
    assert.deepEqual(exit, { code: 0, signal: null });
    const disable = db.kind === 'sqlite'
      ? 'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;'
      : 'ALTER TABLE audit_log DISABLE TRIGGER USER;';

    // Remove a row in the middle.
    const total = Number(sql(db, 'SELECT max(seq) FROM audit_log'));
    const victim = baseline + 2;
    assert.ok(victim < total, `need rows after ${victim} (max seq ${total})`);
    sql(db, `${disable} DELETE FROM audit_log WHERE seq=${victim};`);
    let v = verify(db);
    assert.equal(v.code, 1, v.stdout + v.stderr);
    assert.equal(v.json?.ok, false, v.stdout);
    assert.ok([victim, victim + 1].includes(v.json.first_broken_seq), `first_broken_seq ${v.json.first_broken_seq}, deleted ${victim}`);

    // Edit an early row: that row is now the first broken one.
    sql(db, `${disable} UPDATE audit_log SET detail='{}' WHERE seq=2;`);
    v = verify(db);
    assert.equal(v.code, 1, v.stdout + v.stderr);
    assert.equal(v.json?.ok, false, v.stdout);
    assert.equal(v.json.first_broken_seq, 2, v.stdout);

    // The human-readable form fails the same way.
    const plain = runCli(['audit', 'verify', '--db', db.url]);
    assert.equal(plain.code, 1, plain.stdout + plain.stderr);
  });
});
