// Acknowledged writes survive SIGKILL; SIGTERM lets requests in flight finish.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  createDatabase, httpRequest, listOrganisations, mustSignIn, rawExchange, request, sleep, startServer, within,
} from './server.mjs';

describe('durability', () => {
  const cleanups = [];
  after(async () => { for (const c of cleanups.reverse()) await c(); });

  test('every acknowledged organisation survives a SIGKILL mid-stream', async (t) => {
    const db = createDatabase();
    cleanups.push(() => db.cleanup());
    const first = await startServer({ db });
    cleanups.push(() => first.close());
    const admin = await mustSignIn(first, 'admin');

    const prefix = `Varaktig ${process.pid}-${Date.now()}`;
    const acked = [];
    let unanswered = 0;
    let killed = false;
    const killer = sleep(1500).then(() => { killed = true; first.proc.kill('SIGKILL'); });
    for (let i = 0; !killed && i < 100_000; i++) {
      const name = `${prefix} #${i}`;
      try {
        const r = await request(first, '/api/v1/organisations', {
          method: 'POST', session: admin, json: { name, kind: 'external_actor' },
        });
        if (r.status === 201) {
          assert.equal(r.body.name, name);
          acked.push(name);
        } else {
          assert.fail(`unexpected ${r.status} before the kill: ${r.text}`);
        }
      } catch (e) {
        if (e.code === 'ERR_ASSERTION') throw e;
        unanswered++; // the connection died with the server
        break;
      }
    }
    await killer;
    const exit = await first.exited;
    assert.equal(exit.signal, 'SIGKILL');
    t.diagnostic(`${acked.length} organisations acknowledged before SIGKILL`);
    assert.ok(acked.length >= 10, `only ${acked.length} organisations were acknowledged in 1.5 s`);

    const second = await startServer({ db, wipe: false });
    cleanups.push(() => second.close());
    const admin2 = await mustSignIn(second, 'admin');
    const stored = (await listOrganisations(second, admin2)).map((o) => o.name).filter((n) => n.startsWith(prefix));
    const storedSet = new Set(stored);
    const lost = acked.filter((n) => !storedSet.has(n));
    assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged organisations were lost`);
    assert.equal(storedSet.size, stored.length, 'no duplicates');
    // At most the one request in flight at the kill may have been stored without an answer.
    assert.ok(stored.length <= acked.length + Math.max(unanswered, 1),
      `stored ${stored.length}, acknowledged ${acked.length}`);
    await second.close();
  });

  test('SIGTERM lets requests in flight finish with 200 and exits 0', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    await mustSignIn(server, 'admin'); // warm up

    const users = ['admin', 'coordinator', 'member', 'reporter', 'politician', 'caseworker'];
    let sent = 0;
    let allSent;
    const allSentP = new Promise((r) => { allSent = r; });
    let termAt = 0;
    const results = users.map((username) => httpRequest(server, '/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'Samverkan-demo-2026!' }),
      onSent: () => { if (++sent === users.length) allSent(); },
    }).then((r) => ({ ...r, at: Date.now() }), (e) => ({ error: e, at: Date.now() })));
    await allSentP;
    await sleep(30); // the requests have reached the server and argon2 is running
    termAt = Date.now();
    server.proc.kill('SIGTERM');

    const done = await Promise.all(results);
    for (const [i, r] of done.entries()) {
      assert.ok(!r.error, `${users[i]}: ${r.error?.message}`);
      assert.equal(r.status, 200, `${users[i]}: ${r.status} ${r.body}`);
      assert.equal(JSON.parse(r.body.toString()).user.username, users[i]);
    }
    assert.ok(done.some((r) => r.at > termAt), 'no request was still in flight at SIGTERM; the test proved nothing');

    const exitInfo = await within(server.exited, 10_000);
    assert.ok(exitInfo, 'server did not exit within 10 s of SIGTERM');
    assert.deepEqual(exitInfo, { code: 0, signal: null });

    const late = await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', { timeoutMs: 1000 });
    assert.equal(late.response, null, 'nobody answers after the exit');
  });

  test('SIGTERM while a write is in flight: the write is answered and stored', async () => {
    const db = createDatabase();
    cleanups.push(() => db.cleanup());
    const server = await startServer({ db });
    cleanups.push(() => server.close());
    const admin = await mustSignIn(server, 'admin');
    // Keep the server busy with sign-ins so the writes queue behind them.
    const busy = ['coordinator', 'member', 'reporter', 'politician'].map((u) => httpRequest(server, '/api/v1/session', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: 'Samverkan-demo-2026!' }),
    }));
    const names = [0, 1, 2].map((i) => `Avslut ${Date.now()} ${i}`);
    let sent = 0;
    let allSent;
    const allSentP = new Promise((r) => { allSent = r; });
    const writes = names.map((name) => httpRequest(server, '/api/v1/organisations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ name, kind: 'external_actor' }),
      onSent: () => { if (++sent === names.length) allSent(); },
    }));
    await allSentP;
    await sleep(20);
    server.proc.kill('SIGTERM');
    for (const r of await Promise.all(busy)) assert.equal(r.status, 200);
    for (const r of await Promise.all(writes)) assert.equal(r.status, 201, r.body.toString());
    assert.deepEqual(await within(server.exited, 10_000), { code: 0, signal: null }, 'exit after SIGTERM');

    const again = await startServer({ db, wipe: false });
    cleanups.push(() => again.close());
    const s = await mustSignIn(again, 'admin');
    const stored = new Set((await listOrganisations(again, s)).map((o) => o.name));
    for (const n of names) assert.ok(stored.has(n), `${n} was acknowledged but not stored`);
    await again.close();
  });
});
