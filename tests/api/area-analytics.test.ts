import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appWithTempData, upload } from './datasets-upload.ts';

let env: Awaited<ReturnType<typeof appWithTempData>>;
beforeAll(async () => {
  env = await appWithTempData();
});
afterAll(() => env.dispose());

const get = (url: string) => env.app.inject(url);
type AreaFeature = { properties: { code: string; count: number; points: number; area_placed: number; per_km2: number; lq: number | null; class: number | null } };
const byCode = (features: AreaFeature[], code: string) => features.find((f) => f.properties.code === code)!.properties;

/** The ids of the single organisations (not clusters) in the z14 tile holding [lon, lat]. */
async function idsInTileAt([lon, lat]: number[]): Promise<string[]> {
  const z = 14;
  const x = Math.floor(((lon + 180) / 360) * 2 ** z);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
  const res = await get(`/tiles/organizations/${z}/${x}/${y}.mvt`);
  if (res.statusCode === 204) return [];
  const layer = new VectorTile(new PbfReader(res.rawPayload)).layers.organizations;
  return Array.from({ length: layer?.length ?? 0 }, (_, i) => String(layer.feature(i).properties.id));
}

describe('GET /api/analytics/areas', () => {
  test('one feature per district of the five cities plus Dongguan, whose counts add up with the points outside', async () => {
    const body = (await get('/api/analytics/areas')).json();
    expect(body.features).toHaveLength(29); // 28 districts with Guangming (2018), plus Dongguan
    expect(body.features.some((f: AreaFeature) => f.properties.code === '441900')).toBe(true);
    const sum = body.features.reduce((s: number, f: AreaFeature) => s + f.properties.count, 0);
    expect(sum + body.outside).toBe(body.total);
    expect(body.measure).toBe('per_km2');
    expect(body.method).toBe('ckmeans');
    expect(body.breaks.length).toBeGreaterThanOrEqual(2);
    for (const f of body.features as AreaFeature[]) {
      const { per_km2, class: k } = f.properties;
      expect(per_km2).toBeGreaterThanOrEqual(body.breaks[k!]);
      expect(per_km2).toBeLessThanOrEqual(body.breaks[k! + 1]);
    }
  });

  test('the location quotient of a sector is given per district, and quantile classes are available', async () => {
    const body = (await get('/api/analytics/areas?measure=lq&lq_sector=drones&method=quantile&classes=4')).json();
    expect(body.lq_sector).toBe('drones');
    expect(body.breaks.length).toBeLessThanOrEqual(5);
    expect(body.features.some((f: AreaFeature) => (f.properties.lq ?? 0) > 1)).toBe(true);
  });

  test.each([['measure=lq', 'lq_sector'], ['lq_sector=rockets', 'lq_sector'], ['classes=12', 'classes'], ['method=jenks', 'method']])('%s is a 400 naming %s', async (query, parameter) => {
    const res = await get(`/api/analytics/areas?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe(parameter);
  });
});

describe('records placed by address', () => {
  let before: { areas: AreaFeature[]; nniTotal: number };
  beforeAll(async () => {
    before = {
      areas: (await get('/api/analytics/areas')).json().features,
      nniTotal: (await get('/api/analytics/nni')).json().total
    };
    const csv = ['名称,地址', '测区域甲,深圳市南山区粤海街道', '测区域乙,深圳市南山区', '测区域丙,东莞市松山湖', '测区域丁,深圳市'].join('\n');
    expect((await upload(env.app, 'areas.csv', { bytes: csv })).statusCode).toBe(201);
  });

  test('count in the area their address names, as area-placed, not as points', async () => {
    const after = (await get('/api/analytics/areas')).json();
    expect(byCode(after.features, '440305').area_placed - byCode(before.areas, '440305').area_placed).toBe(2);
    expect(byCode(after.features, '440305').points).toBe(byCode(before.areas, '440305').points);
    expect(byCode(after.features, '441900').area_placed - byCode(before.areas, '441900').area_placed).toBe(1);
    expect(after.city_only).toEqual({ shenzhen: 1 });
  });

  test('never enter the point statistics', async () => {
    expect((await get('/api/analytics/nni')).json().total).toBe(before.nniTotal);
  });

  test('are not drawn as pins in the organisation tiles, while a point at the very same spot is', async () => {
    const placed = (await get(`/api/organizations?q=${encodeURIComponent('测区域甲')}`)).json().features[0];
    const [lon, lat] = placed.geometry.coordinates;
    const csv = ['名称,城市,经度,纬度', `测点位,深圳,${lon},${lat}`].join('\n');
    expect((await upload(env.app, 'point.csv', { bytes: csv })).statusCode).toBe(201);
    const point = (await get(`/api/organizations?q=${encodeURIComponent('测点位')}`)).json().features[0];
    const ids = await idsInTileAt([lon, lat]);
    expect(ids).toContain(point.properties.id);
    expect(ids).not.toContain(placed.properties.id);
    // …and the API still lists all four.
    expect((await get(`/api/organizations?q=${encodeURIComponent('测区域')}`)).json().total).toBe(4);
  });
});
