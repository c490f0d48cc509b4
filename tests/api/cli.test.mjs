// The administration commands of the one binary: migrate, import areas, locate, user, audit verify.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDatabase, runCli, signIn, sql, startServer, DATA_DIR } from './server.mjs';

describe('command line', () => {
  let db;
  before(() => {
    db = createDatabase();
    db.wipe();
  });
  after(() => db?.cleanup());

  test('migrate applies the migrations once', () => {
    const first = runCli(['migrate', '--db', db.url]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /applied [1-9]\d* migration/);
    const again = runCli(['migrate', '--db', db.url]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /applied 0 migration/);
  });

  test('import areas loads 117 neighbourhoods and is idempotent', () => {
    const count = () => sql(db, 'SELECT COUNT(*) FROM areas') + '/' + sql(db, 'SELECT COUNT(*) FROM area_links');
    const r = runCli(['import', 'areas', '--db', db.url, '--data', DATA_DIR]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /117 neighbourhoods/);
    const before = count();
    assert.equal(runCli(['import', 'areas', '--db', db.url, '--data', DATA_DIR]).code, 0);
    assert.equal(count(), before);
  });

  test('import areas from a folder without the data fails clearly and changes nothing', () => {
    const before = sql(db, 'SELECT COUNT(*) FROM areas');
    const r = runCli(['import', 'areas', '--db', db.url, '--data', '/nonexistent']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /cannot read/);
    assert.equal(sql(db, 'SELECT COUNT(*) FROM areas'), before);
  });

  test('locate prints the areas of a point, in text and JSON', () => {
    const text = runCli(['locate', '59.4030', '17.9447', '--date', '2022-01-01', '--db', db.url]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /neighbourhood: Kista/);
    assert.match(text.stdout, /district:\s+Rinkeby-Kista/);
    assert.match(text.stdout, /police area:\s+Järva/);
    const json = JSON.parse(runCli(['locate', '59.4030', '17.9447', '--date', '2024-01-01', '--json', '--db', db.url]).stdout);
    assert.equal(json.found, true);
    assert.equal(json.district.name, 'Järva');
    const water = JSON.parse(runCli(['locate', '59.3245', '18.0515', '--json', '--db', db.url]).stdout);
    assert.equal(water.found, false);
    assert.equal(water.neighbourhood, null);
  });

  test('locate refuses bad coordinates and dates with exit code 2', () => {
    for (const args of [['abc', '18'], ['59.3', '200'], ['59.3']]) {
      const r = runCli(['locate', ...args, '--db', db.url]);
      assert.equal(r.code, 2, `${args}: ${r.stdout}`);
      assert.match(r.stderr, /error:/);
    }
    assert.equal(runCli(['locate', '59.3', '18.0', '--date', '2024-02-30', '--db', db.url]).code, 2);
  });

  test('user add reads the password from stdin, enforces the policy, and the user can sign in', async () => {
    const weak = runCli(['user', 'add', 'eva', '--name', 'Eva Ek', '--role', 'coordinator', '--db', db.url], { input: 'kort\n' });
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /at least 12 characters/);
    const ok = runCli(['user', 'add', 'eva', '--name', 'Eva Ek', '--role', 'coordinator', '--db', db.url],
      { input: 'Ett-långt-lösenord-42\n' });
    assert.equal(ok.code, 0, ok.stderr);
    const dup = runCli(['user', 'add', 'eva', '--name', 'Eva Ek', '--db', db.url], { input: 'Ett-långt-lösenord-42\n' });
    assert.equal(dup.code, 2);
    assert.match(dup.stderr, /already exists/);
    const badRole = runCli(['user', 'add', 'olle', '--name', 'Olle', '--role', 'king', '--db', db.url], { input: 'Ett-långt-lösenord-42\n' });
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /unknown role/);
    const list = runCli(['user', 'list', '--db', db.url]);
    assert.match(list.stdout, /^eva\tEva Ek$/m);
    assert.doesNotMatch(list.stdout, /olle/);

    const server = await startServer({ db, wipe: false, demo: false });
    try {
      const s = await signIn(server, 'eva', 'Ett-långt-lösenord-42');
      assert.equal(s.status, 200);
      assert.equal(s.user.roles[0].role, 'coordinator');
      // Disabled from the command line: signing in is refused (the running session ends within the cache's 5 s).
      assert.equal(runCli(['user', 'disable', 'eva', '--db', db.url]).code, 0);
      assert.equal((await signIn(server, 'eva', 'Ett-långt-lösenord-42')).status, 401);
      assert.equal(runCli(['user', 'enable', 'eva', '--db', db.url]).code, 0);
      const reset = runCli(['user', 'set-password', 'eva', '--db', db.url], { input: 'Ett-nytt-långt-lösen-43\n' });
      assert.equal(reset.code, 0, reset.stderr);
      assert.equal((await signIn(server, 'eva', 'Ett-långt-lösenord-42')).status, 401);
      assert.equal((await signIn(server, 'eva', 'Ett-nytt-långt-lösen-43')).status, 200);
    } finally {
      await server.close();
    }
    const audit = sql(db, "SELECT action FROM audit_log WHERE object_type = 'user' ORDER BY seq");
    assert.deepEqual(audit.split('\n'), ['user.create', 'user.disable', 'user.enable', 'user.set_password']);
    assert.doesNotMatch(sql(db, 'SELECT detail FROM audit_log'), /lösen/, 'no password in the audit log');
  });

  test('--help explains the commands and every setting; an unknown command exits 2', () => {
    const help = runCli(['--help']);
    assert.equal(help.code, 0);
    for (const word of ['serve', 'migrate', 'import areas', 'locate', 'user add', 'audit verify', '--max-body', '--read-timeout', 'SAMVERKAN_'])
      assert.ok(help.stdout.includes(word), word);
    assert.equal(runCli(['frobnicate']).code, 2);
  });
});
