// Areas, the area map and point location, including the 2024 district reform.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, mustSignIn, request, startServer } from './server.mjs';

// [label, lat, lon, date, expected district name, expected neighbourhood name (optional)]
const PLACES = [
  ['Kista before the reform', 59.4030, 17.9447, '2022-01-01', 'Rinkeby-Kista', 'Kista'],
  ['Kista after the reform', 59.4030, 17.9447, '2024-01-01', 'Järva', 'Kista'],
  ['Sergels torg before the reform', 59.3326, 18.0649, '2022-01-01', 'Norrmalm'],
  ['Sergels torg after the reform', 59.3326, 18.0649, '2024-01-01', 'Norra innerstaden'],
  ['Stortorget, Gamla stan', 59.3251, 18.0707, '2024-01-01', 'Södermalm', 'Gamla stan'],
  ['Globen', 59.2935, 18.0831, '2024-01-01', 'Enskede-Årsta-Vantör'],
];

const NOWHERE = [
  ['Riddarfjärden (water)', 59.3245, 18.0515],
  ['outside the city', 59.0, 18.0],
];

describe('areas', () => {
  let server;
  let session;
  before(async () => {
    server = await startServer();
    session = await mustSignIn(server, 'admin');
  });
  after(async () => { await server?.close(); });

  const get = (p) => request(server, p, { session });
  const locate = (lat, lon, date) => get(`/api/v1/locate?lat=${lat}&lon=${lon}${date ? `&date=${date}` : ''}`);

  for (const [label, lat, lon, date, district, neighbourhood] of PLACES) {
    test(`locate ${label} (${lat}, ${lon}) on ${date} -> ${district}`, async () => {
      const r = await locate(lat, lon, date);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.found, true, r.text);
      assert.equal(r.body.district?.name, district, r.text);
      assert.equal(r.body.district.kind, 'district');
      assert.equal(typeof r.body.district.id, 'string');
      assert.equal(r.body.neighbourhood?.kind, 'neighbourhood', r.text);
      if (neighbourhood) assert.equal(r.body.neighbourhood.name, neighbourhood, r.text);
      assert.equal(r.body.police_area?.kind, 'police_area', r.text);
    });
  }

  for (const [label, lat, lon] of NOWHERE) {
    test(`locate ${label} (${lat}, ${lon}) -> 200 found:false`, async () => {
      const r = await locate(lat, lon, '2024-01-01');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.found, false, r.text);
      assert.equal(r.body.neighbourhood, null);
      assert.equal(r.body.district, null);
      assert.equal(r.body.police_area, null);
    });
  }

  test('the located district is the one /areas lists for that date', async () => {
    const list = await get('/api/v1/areas?date=2024-01-01&kind=district');
    const jarva = list.body.items.find((a) => a.name === 'Järva');
    assert.ok(jarva, 'Järva is a district on 2024-01-01');
    const r = await locate(59.4030, 17.9447, '2024-01-01');
    assert.equal(r.body.district.id, jarva.id);
    const old = await get('/api/v1/areas?date=2022-01-01&kind=district');
    assert.ok(!old.body.items.some((a) => a.name === 'Järva'), 'Järva did not exist on 2022-01-01');
    assert.ok(old.body.items.some((a) => a.name === 'Rinkeby-Kista'));
    assert.ok(!list.body.items.some((a) => a.name === 'Rinkeby-Kista'), 'Rinkeby-Kista is gone on 2024-01-01');
  });

  test('bad coordinates: 400 naming the field', async () => {
    assertProblem(assert, await locate('abc', 18.0, '2024-01-01'), 400, { field: 'lat' });
    assertProblem(assert, await locate(200, 18.0, '2024-01-01'), 400, { field: 'lat' });
    assertProblem(assert, await locate(-91, 18.0, '2024-01-01'), 400, { field: 'lat' });
    assertProblem(assert, await locate('NaN', 18.0, '2024-01-01'), 400, { field: 'lat' });
    assertProblem(assert, await locate('59.33abc', 18.0, '2024-01-01'), 400, { field: 'lat' });
    assertProblem(assert, await locate(59.33, 'xyz', '2024-01-01'), 400, { field: 'lon' });
    assertProblem(assert, await locate(59.33, 181, '2024-01-01'), 400, { field: 'lon' });
    assertProblem(assert, await get('/api/v1/locate?lon=18.06&date=2024-01-01'), 400, { field: 'lat' });
    assertProblem(assert, await get('/api/v1/locate?lat=59.33&date=2024-01-01'), 400, { field: 'lon' });
  });

  test('bad dates: 400 field date', async () => {
    for (const d of ['2024-13-01', '2024-02-30', 'yesterday', '2024-1-1', '20240101', "2024-01-01'--"]) {
      assertProblem(assert, await locate(59.33, 18.06, encodeURIComponent(d)), 400, { field: 'date' });
      assertProblem(assert, await get(`/api/v1/areas?date=${encodeURIComponent(d)}&kind=district`), 400, { field: 'date' });
    }
  });

  test('area counts: 11 districts on 2024-01-01, 13 on 2022-01-01, 117 neighbourhoods', async () => {
    const count = async (date, kind) => {
      const r = await get(`/api/v1/areas?date=${date}&kind=${kind}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(Array.isArray(r.body.items), r.text.slice(0, 200));
      for (const a of r.body.items) assert.equal(a.kind, kind, JSON.stringify(a));
      assert.equal(new Set(r.body.items.map((a) => a.id)).size, r.body.items.length, 'ids are unique');
      return r.body.items.length;
    };
    assert.equal(await count('2024-01-01', 'district'), 11);
    assert.equal(await count('2022-01-01', 'district'), 13);
    assert.equal(await count('2024-01-01', 'neighbourhood'), 117);
    assert.equal(await count('2022-01-01', 'neighbourhood'), 117);
    assert.equal(await count('2024-01-01', 'municipality'), 1);
  });

  test('unknown area kind: 400 field kind', async () => {
    assertProblem(assert, await get('/api/v1/areas?date=2024-01-01&kind=county'), 400, { field: 'kind' });
  });

  test('area map: a GeoJSON FeatureCollection of 117 neighbourhoods', async () => {
    const r = await get('/api/v1/areas/map?date=2024-01-01');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.headers.get('content-type'), /json/);
    assert.equal(r.body.type, 'FeatureCollection');
    assert.equal(r.body.features.length, 117);
    const names = new Set();
    for (const f of r.body.features) {
      assert.equal(f.type, 'Feature');
      assert.ok(['Polygon', 'MultiPolygon'].includes(f.geometry?.type), JSON.stringify(f.geometry?.type));
      assert.ok(Array.isArray(f.geometry.coordinates) && f.geometry.coordinates.length > 0);
      assert.equal(typeof f.properties?.name, 'string');
      names.add(f.properties.name);
    }
    assert.ok(names.has('Kista') && names.has('Gamla stan'), 'known neighbourhoods are on the map');
    // Coordinates are WGS84 lon/lat around Stockholm.
    const ring = r.body.features[0].geometry.type === 'Polygon'
      ? r.body.features[0].geometry.coordinates[0] : r.body.features[0].geometry.coordinates[0][0];
    const [lon, lat] = ring[0];
    assert.ok(lon > 17.5 && lon < 18.5 && lat > 59 && lat < 59.6, `first point ${lon},${lat}`);
  });

  test('area map with a bad date: 400', async () => {
    assertProblem(assert, await get('/api/v1/areas/map?date=2024-02-30'), 400, { field: 'date' });
  });
});
