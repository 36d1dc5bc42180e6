import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useApp } from '../helpers/app.ts';
import { GEODATA_DIR } from '../helpers/synthetic-geodata.ts';

const app = useApp();
const towns: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, { code: string }>[] = JSON.parse(readFileSync(join(GEODATA_DIR, 'boundaries', 'towns.geojson'), 'utf8')).features;
const search = (q: string) => app().inject(`/api/areas/search?q=${encodeURIComponent(q)}`);

describe('GET /api/areas/search', () => {
  test('南山区粤海街道 names the subdistrict, shown by Nanshan’s outline, with a centre inside it and a bbox to fit', async () => {
    const res = await search('南山区粤海街道');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ area_code: '440305007', area_name: '粤海街道', area_level: 'town', city: 'shenzhen', placed_code: '440305', placed_name: '南山区', matched_text: '南山区粤海街道' });
    const nanshan = (await app().inject('/ogc/collections/districts/items/440305')).json();
    expect(booleanPointInPolygon(body.center, nanshan.geometry)).toBe(true);
    const [minLon, minLat, maxLon, maxLat] = body.bbox;
    expect(body.center[0]).toBeGreaterThan(minLon);
    expect(body.center[0]).toBeLessThan(maxLon);
    expect(body.center[1]).toBeGreaterThan(minLat);
    expect(body.center[1]).toBeLessThan(maxLat);
    expect(body.radius_km).toBeGreaterThan(1);
  });

  test('a functional zone by its own name, shown by its own outline', async () => {
    expect((await search('松山湖')).json()).toMatchObject({ area_code: '441900401', city: 'dongguan', placed_code: '441900401', placed_name: '松山湖' });
  });

  test.each([
    ['东莞市莞城街道', '441900006', () => towns.find((t) => t.properties.code === '441900006')!],
    ['深圳市光明区', '440311', async () => (await app().inject('/ogc/collections/districts/items/440311')).json()]
  ])('%s is placed inside its own outline (a Dongguan town; Guangming, 2018), not at the city or the old Bao’an', async (q, code, outline) => {
    const body = (await search(q)).json();
    expect(body).toMatchObject({ area_code: code, placed_code: code });
    expect(booleanPointInPolygon(body.center, (await outline()).geometry)).toBe(true);
  });

  test.each([['横沥镇'], ['长沙市'], ['高新区']])('%s is a 404 that says why, in both languages', async (q) => {
    const res = await search(q);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/[a-z].*·.*[\u4e00-\u9fff]/);
  });

  test('an empty query is a 400 naming q', async () => {
    const res = await app().inject('/api/areas/search?q=');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('q');
  });
});
