import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, test } from 'vitest';
import type { OrganizationFeature } from '../../server/schemas/places.ts';
import { useApp } from '../helpers/app.ts';

const app = useApp({ publicUrl: 'http://atlas.test:8080' });
const get = (url: string, headers: Record<string, string> = {}) => app().inject({ method: 'GET', url, headers: { host: 'atlas.test:8080', ...headers } });
const ids = (body: { features: { properties: { id: string } }[] }) => body.features.map((f) => f.properties.id);

/** The XYZ tile that holds a lon/lat at zoom z. */
function tileAt(lon: number, lat: number, z: number): string {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

function tileFeatures(body: Buffer) {
  const layer = new VectorTile(new PbfReader(body)).layers.organizations;
  return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer.feature(i).properties);
}

// Tencent's Shenzhen HQ sits in Nanshan, by Shenzhen Bay.
const SHENZHEN_BAY: [number, number] = [113.94, 22.54];

describe('GET /api/organizations', () => {
  test('lists the curated organisations with the contract properties and a total', async () => {
    const res = await get('/api/organizations');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.total).toBeGreaterThanOrEqual(80);
    expect(body.features).toHaveLength(body.total);
    for (const f of body.features) {
      expect(Object.keys(f.properties)).toEqual(expect.arrayContaining(['id', 'name_zh', 'name_en', 'city', 'type', 'sectors', 'precision_m', 'source']));
    }
  });

  test.each([['腾讯'], ['tencent'], ['TENCENT'], ['ｔｅｎｃｅｎｔ']])('a search for %s finds Tencent', async (q) => {
    const body = (await get(`/api/organizations?q=${encodeURIComponent(q)}`)).json();
    expect(ids(body)).toContain('tencent');
    expect(body.features.every((f: OrganizationFeature) => /腾讯|tencent/i.test(f.properties.name_zh + f.properties.name_en))).toBe(true);
  });

  test('city and sector take comma lists, and filters combine', async () => {
    const all = (await get('/api/organizations')).json().features as OrganizationFeature[];
    const body = (await get('/api/organizations?city=shenzhen,dongguan&sector=drones,industrial-robots&type=firm')).json();
    const expected = all.filter(
      (f) =>
        ['shenzhen', 'dongguan'].includes(f.properties.city) &&
        f.properties.sectors.some((s) => ['drones', 'industrial-robots'].includes(s)) &&
        f.properties.type === 'firm'
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(ids(body)).toEqual(expected.map((f) => f.properties.id));
    expect(ids(body)).toContain('dji');
  });

  test('type=university keeps only universities', async () => {
    const body = (await get('/api/organizations?type=university')).json();
    expect(body.total).toBeGreaterThan(3);
    expect(body.features.every((f: OrganizationFeature) => f.properties.type === 'university')).toBe(true);
  });

  test('a bbox around Shenzhen Bay keeps only what lies inside it', async () => {
    const body = (await get('/api/organizations?bbox=113.85,22.45,114.05,22.6')).json();
    expect(ids(body)).toContain('tencent');
    for (const f of body.features as OrganizationFeature[]) {
      const [lon, lat] = f.geometry.coordinates;
      expect(lon >= 113.85 && lon <= 114.05 && lat >= 22.45 && lat <= 22.6).toBe(true);
    }
  });

  test('a bbox outside Guangdong finds nothing', async () => {
    expect((await get('/api/organizations?bbox=10,10,11,11')).json()).toMatchObject({ total: 0, features: [] });
  });

  test('limit and offset page through the matches in a stable order; total counts all', async () => {
    const all = ids((await get('/api/organizations')).json());
    const page = (await get('/api/organizations?limit=10&offset=20')).json();
    expect(page.total).toBe(all.length);
    expect(ids(page)).toEqual(all.slice(20, 30));
    expect((await get(`/api/organizations?offset=${all.length}`)).json()).toMatchObject({ total: all.length, features: [] });
  });

  test.each([
    ['city=atlantis', 'city'],
    ['sector=teleportation', 'sector'],
    ['type=guild', 'type'],
    ['bbox=114,22,113,23', 'bbox'],
    ['limit=0', 'limit'],
    ['offset=-5', 'offset'],
    [`q=${'x'.repeat(201)}`, 'q']
  ])('rejects %s with a 400 naming %s', async (query, parameter) => {
    const res = await get(`/api/organizations?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', parameter });
  });
});

describe('organisation vector tiles', () => {
  test('TileJSON carries the filters into the tile URL', async () => {
    const tj = (await get('/tiles/organizations.json?sector=drones,industrial-robots&city=shenzhen')).json();
    expect(tj.tiles).toEqual(['http://atlas.test:8080/tiles/organizations/{z}/{x}/{y}.mvt?city=shenzhen&sector=drones,industrial-robots']);
    expect(tj.vector_layers.map((l: { id: string }) => l.id)).toEqual(['organizations']);
  });

  test('TileJSON rejects an unknown sector naming it', async () => {
    const res = await get('/tiles/organizations.json?sector=teleportation');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('sector');
  });

  // Records placed only to an area (located_by admin-area) stand for the area and are never drawn as pins.
  const drawnCount = async (query = '') =>
    ((await get(`/api/organizations?limit=5000${query}`)).json().features as OrganizationFeature[]).filter((f) => f.properties.located_by !== 'admin-area').length;

  test('the world tile is clusters whose counts add up to every organisation placed as a point', async () => {
    const total = await drawnCount();
    const res = await get('/tiles/organizations/0/0/0.mvt');
    expect(res.statusCode).toBe(200);
    const features = tileFeatures(res.rawPayload);
    expect(features.some((p) => p.cluster === true && (p.point_count as number) > 1)).toBe(true);
    expect(features.reduce((sum, p) => sum + (p.point_count as number), 0)).toBe(total);
  });

  test('at z16 Tencent is its own feature with its names', async () => {
    const tencent = (await get('/api/organizations?q=tencent&city=shenzhen')).json().features[0] as OrganizationFeature;
    const [lon, lat] = tencent.geometry.coordinates;
    const features = tileFeatures((await get(`/tiles/organizations/${tileAt(lon, lat, 16)}.mvt`)).rawPayload);
    expect(features).toContainEqual(expect.objectContaining({ id: 'tencent', name_zh: '腾讯', name_en: 'Tencent', city: 'shenzhen' }));
  });

  test('a sector filter keeps only that sector in the tile', async () => {
    const drones = await drawnCount('&sector=drones');
    const features = tileFeatures((await get('/tiles/organizations/0/0/0.mvt?sector=drones')).rawPayload);
    expect(features.reduce((sum, p) => sum + (p.point_count as number), 0)).toBe(drones);
    const z16 = tileFeatures((await get(`/tiles/organizations/${tileAt(SHENZHEN_BAY[0], SHENZHEN_BAY[1], 12)}.mvt?sector=drones`)).rawPayload);
    expect(z16.filter((p) => !p.cluster).every((p) => String(p.sectors).split(',').includes('drones'))).toBe(true);
  });

  test('answers 204 where no organisation matches', async () => {
    expect((await get('/tiles/organizations/6/0/30.mvt')).statusCode).toBe(204);
    expect((await get(`/tiles/organizations/${tileAt(113.5, 22.8, 6)}.mvt?city=hongkong&type=platform`)).statusCode).toBe(204);
  });

  test('bad filters and coordinates are 400s naming the parameter', async () => {
    expect((await get('/tiles/organizations/6/52/27.mvt?city=atlantis')).json().parameter).toBe('city');
    expect((await get('/tiles/organizations/6/64/27.mvt')).json().parameter).toBe('x');
  });
});

describe('GET /api/organizations/{id}', () => {
  test('answers one organisation with its provenance, for the map card', async () => {
    const res = await get('/api/organizations/tencent');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.properties).toMatchObject({ id: 'tencent', name_zh: '腾讯', name_en: 'Tencent', city: 'shenzhen' });
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['source', 'source_date', 'precision_m']));
  });

  test('answers 404 naming the unknown id', async () => {
    const res = await get('/api/organizations/no-such-org');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('no-such-org');
  });
});
