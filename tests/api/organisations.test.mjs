// The happy paths of the organisation register (the refusals are in bad_input.test.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, listOrganisations, mustSignIn, request, startServer } from './server.mjs';

const KINDS = ['police_region', 'local_police_area', 'city_executive_office', 'district_committee',
  'specialist_committee', 'municipal_company', 'external_actor'];

describe('organisations', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer();
    admin = await mustSignIn(server, 'admin');
  });
  after(async () => { await server?.close(); });

  test('the demo register lists organisations of known kinds with the documented fields', async () => {
    const items = await listOrganisations(server, admin);
    assert.ok(items.length >= 10, `${items.length} organisations`);
    for (const o of items) {
      assert.deepEqual(Object.keys(o).sort(), ['area_id', 'id', 'kind', 'name', 'parent_id', 'party'], JSON.stringify(o));
      assert.ok(KINDS.includes(o.kind), o.kind);
    }
    const ids = new Set(items.map((o) => o.id));
    for (const o of items) if (o.parent_id) assert.ok(ids.has(o.parent_id), `dangling parent of ${o.name}`);
  });

  test('an administrator creates an organisation; it can be read back and is listed', async () => {
    const parent = (await listOrganisations(server, admin)).find((o) => o.kind === 'city_executive_office');
    assert.ok(parent, 'the demo data has a city executive office');
    const name = 'Stiftelsen Trygg Ö — “citat” & 🚓';
    const r = await request(server, '/api/v1/organisations', {
      method: 'POST', session: admin, json: { name, kind: 'specialist_committee', parent_id: parent.id },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.name, name);
    assert.equal(r.body.kind, 'specialist_committee');
    assert.equal(r.body.parent_id, parent.id);
    assert.equal(typeof r.body.id, 'string');

    const one = await request(server, `/api/v1/organisations/${r.body.id}`, { session: admin });
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(one.body, r.body);
    const listed = (await listOrganisations(server, admin)).find((o) => o.id === r.body.id);
    assert.deepEqual(listed, r.body);
  });

  test('with an area: area_id is kept', async () => {
    const areas = await request(server, '/api/v1/areas?date=2024-01-01&kind=district', { session: admin });
    const jarva = areas.body.items.find((a) => a.name === 'Järva');
    const r = await request(server, '/api/v1/organisations', {
      method: 'POST', session: admin, json: { name: 'Järva fältgrupp', kind: 'external_actor', area_id: jarva.id },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.area_id, jarva.id);
  });

  test('a coordinator may create organisations too', async () => {
    const coord = await mustSignIn(server, 'coordinator');
    const r = await request(server, '/api/v1/organisations', {
      method: 'POST', session: coord, json: { name: 'Samordnarens förening', kind: 'external_actor' },
    });
    assert.equal(r.status, 201, r.text);
  });

  test('a duplicate name is a 409 problem and stores nothing', async () => {
    const before = await listOrganisations(server, admin);
    const dup = await request(server, '/api/v1/organisations', {
      method: 'POST', session: admin, json: { name: 'Samordnarens förening', kind: 'external_actor' },
    });
    assertProblem(assert, dup, 409);
    assert.deepEqual(await listOrganisations(server, admin), before);
  });

  test('GET an unknown organisation: 404 problem', async () => {
    assertProblem(assert, await request(server, '/api/v1/organisations/00000000-0000-4000-8000-000000000000', { session: admin }), 404);
    assertProblem(assert, await request(server, '/api/v1/organisations/not-an-id', { session: admin }), 404);
  });

  test('the JSON media type is matched case-insensitively and may carry a charset', async () => {
    for (const [i, ct] of ['application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8'].entries()) {
      const r = await request(server, '/api/v1/organisations', {
        method: 'POST', session: admin, body: JSON.stringify({ name: `Medietyp ${i}`, kind: 'external_actor' }), headers: { 'content-type': ct },
      });
      assert.equal(r.status, 201, `Content-Type: ${ct} -> ${r.status} ${r.text}`);
    }
  });

  test('anonymous: 401', async () => {
    assertProblem(assert, await request(server, '/api/v1/organisations'), 401);
    assertProblem(assert, await request(server, '/api/v1/organisations', { method: 'POST', json: { name: 'Anonym', kind: 'external_actor' } }), 401);
  });
});
