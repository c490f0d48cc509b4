// The administration commands of the one binary: migrate, import areas, locate, user, audit verify,
// and how the command line refuses what it cannot take (exit code 2, the flag named) and explains itself.
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

  const COMMANDS = ['serve', 'migrate', 'import areas', 'import incidents', 'generate incidents', 'locate',
    'user add', 'user list', 'user disable', 'user enable', 'user set-password', 'audit verify'];
  // The commands that print JSON with --json; the others ignore it, so their usage must not offer it.
  const JSON_COMMANDS = ['import areas', 'import incidents', 'locate', 'audit verify'];
  const commandLines = (help) => {
    const section = help.split('\nCommands:\n')[1].split('\n\n')[0];
    // A long usage puts its description on the next line, indented; those lines start with many spaces.
    return section.split('\n').filter((l) => /^  \S/.test(l)).map((l) => l.trim());
  };

  test('--help lists every command, and offers --json only where it works', () => {
    const lines = commandLines(runCli(['--help']).stdout);
    for (const name of COMMANDS) {
      const line = lines.find((l) => l.startsWith(name + ' ') || l === name);
      assert.ok(line, `${name} in:\n${lines.join('\n')}`);
      assert.equal(line.includes('[--json]'), JSON_COMMANDS.includes(name), line);
    }
    assert.equal(lines.length, COMMANDS.length, lines.join('\n'));
  });

  test('COMMAND --help prints that command\'s usage and flags', () => {
    const user = runCli(['user', '--help']);
    assert.equal(user.code, 0, user.stderr);
    for (const sub of ['add', 'list', 'disable', 'enable', 'set-password'])
      assert.match(user.stdout, new RegExp(`^Usage: samverkan user ${sub}\\b`, 'm'), sub);
    assert.match(user.stdout, /--role ROLE/);
    assert.match(user.stdout, /coordinator/, 'the role names');
    const generate = runCli(['generate', 'incidents', '--help']);
    assert.equal(generate.code, 0, generate.stderr);
    assert.match(generate.stdout, /^Usage: samverkan generate incidents /m);
    for (const flag of ['--count N', '--seed S', '--days N', '--end YYYY-MM-DD', '--peer-csv'])
      assert.ok(generate.stdout.includes(flag), flag);
    assert.doesNotMatch(generate.stdout, /--json/);
    assert.doesNotMatch(generate.stdout, /^Usage: samverkan (?!generate)/m, 'only this command');
    assert.equal(runCli(['frobnicate', '--help']).code, 2);
  });

  test('import areas --json prints the counts as one JSON object', () => {
    const r = runCli(['import', 'areas', '--json', '--db', db.url, '--data', DATA_DIR]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.neighbourhoods, 117);
    for (const key of ['municipalities', 'districts', 'police_areas', 'links']) assert.equal(typeof json[key], 'number', key);
  });

  test('a number flag that is not a whole number in range is refused with exit 2, naming the flag and the value', () => {
    for (const [args, message] of [
      [['--count', 'many'], /--count needs a whole number from 1 to \d+, got 'many'/],
      [['--count', '12abc'], /--count needs a whole number .*, got '12abc'/],
      [['--days', '-3'], /--days needs a whole number from 1 to 36500, got '-3'/],
      [['--days', '0'], /--days needs a whole number from 1 to 36500, got '0'/],
      [['--seed', '99999999999999999999999'], /--seed needs a whole number from 0 to \d+, got '9+'/],
      [['--end', '2026-13-01'], /--end needs a date YYYY-MM-DD, got '2026-13-01'/],
      [['--count'], /--count needs a value/],
    ]) {
      const r = runCli(['generate', 'incidents', ...args, '--db', db.url]);
      assert.equal(r.code, 2, `${args}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.doesNotMatch(r.stderr, /sto[iu]/, 'no C++ library function names');
      assert.equal(r.stdout, '', 'nothing generated');
    }
    const batch = runCli(['import', 'incidents', '--format', 'ndjson', '/nonexistent', '--batch', 'x', '--db', db.url]);
    assert.equal(batch.code, 2);
    assert.match(batch.stderr, /--batch needs a whole number from 1 to \d+, got 'x'/);
  });

  test('a flag the command does not take is refused with exit 2, naming it and the allowed ones', () => {
    const gen = runCli(['generate', 'incidents', '--cuont', '5', '--db', db.url]);
    assert.equal(gen.code, 2);
    assert.match(gen.stderr, /unknown flag --cuont/);
    assert.match(gen.stderr, /--count, --seed, --days, --end, --peer-csv/);
    const add = runCli(['user', 'add', 'kim', '--nmae', 'Kim', '--db', db.url], { input: 'Ett-långt-lösenord-42\n' });
    assert.equal(add.code, 2);
    assert.match(add.stderr, /unknown flag --nmae .*--name, --role, --org/);
    const migrate = runCli(['migrate', '--force', '--db', db.url]);
    assert.equal(migrate.code, 2);
    assert.match(migrate.stderr, /unknown flag --force/);
    assert.doesNotMatch(runCli(['user', 'list', '--db', db.url]).stdout, /^kim/m);
  });

  test('a missing or extra argument, or an unknown subcommand, exits 2 with the usage', () => {
    for (const [args, message] of [
      [['user'], /samverkan user needs one of: add, list, disable, enable, set-password/],
      [['user', 'remove', 'eva'], /unknown user command 'remove'/],
      [['user', 'disable'], /usage: samverkan user disable USERNAME/],
      [['migrate', 'now'], /unexpected argument 'now'/],
      [['import', 'incidents', '--format', 'ndjson'], /usage: samverkan import incidents FILE --format/],
      [['import', 'incidents', 'f.ndjson'], /--format is required/],
      [['import', 'incidents', '--format', 'xml', 'f.ndjson'], /--format needs one of polisen, csv, ndjson, got 'xml'/],
    ]) {
      const r = runCli([...args, '--db', db.url]);
      assert.equal(r.code, 2, `${args}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
    }
  });
});
