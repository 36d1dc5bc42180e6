import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url });

describe('GET /api/health', () => {
  test('reports ok and how much data is loaded', async () => {
    const res = await get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', data: { parks: 12 } });
    expect(res.json().data.organizations).toBeGreaterThanOrEqual(80);
  });
});

describe('GET /api/cities', () => {
  test('returns the five focus cities with their GB/T 2260 codes, and context cities', async () => {
    const res = await get('/api/cities');
    expect(res.statusCode).toBe(200);
    const props = res.json().features.map((f: { properties: Record<string, unknown> }) => f.properties);
    const focus = Object.fromEntries(props.filter((p: { focus: boolean }) => p.focus).map((p: { id: string; code: string }) => [p.id, p.code]));
    expect(focus).toEqual({ guangzhou: '440100', shenzhen: '440300', zhuhai: '440400', foshan: '440600', dongguan: '441900' });
    const ids = props.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['hongkong', 'macau', 'zhongshan']));
  });
});

describe('GET /api/parks', () => {
  test('lists all twelve places with the contract properties', async () => {
    const res = await get('/api/parks');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.total).toBe(12);
    for (const f of body.features) {
      expect(Object.keys(f.properties)).toEqual(expect.arrayContaining(['id', 'name_zh', 'name_en', 'city', 'kind', 'sectors', 'precision_m', 'source']));
      expect(f.geometry).not.toBeNull();
    }
  });

  test('filters by city: Guangzhou has its five places', async () => {
    const body = (await get('/api/parks?city=guangzhou')).json();
    expect(body.total).toBe(5);
    expect(body.features.every((f: { properties: { city: string } }) => f.properties.city === 'guangzhou')).toBe(true);
  });

  test('combines a city list', async () => {
    const body = (await get('/api/parks?city=zhuhai,dongguan')).json();
    expect(body.total).toBe(5);
  });

  test('finds Songshan Lake by its Chinese and its English name', async () => {
    const zh = (await get(`/api/parks?q=${encodeURIComponent('松山湖')}`)).json();
    const en = (await get('/api/parks?q=songshan')).json();
    expect(zh.features.map((f: { properties: { city: string } }) => f.properties.city)).toEqual(['dongguan']);
    expect(en.features[0].properties.id).toBe(zh.features[0].properties.id);
  });

  test('the Foshan cluster is the area of three whole districts', async () => {
    const body = (await get('/api/parks?city=foshan')).json();
    expect(body.features).toHaveLength(1);
    const [park] = body.features;
    expect(park.properties.geometry_kind).toBe('districts');
    expect(['Polygon', 'MultiPolygon']).toContain(park.geometry.type);
  });

  test('a bbox around Shenzhen Bay keeps only what lies in it', async () => {
    const body = (await get('/api/parks?bbox=113.85,22.45,114.05,22.6')).json();
    expect(body.features.map((f: { properties: { city: string } }) => f.properties.city)).toContain('shenzhen');
    expect(body.features.every((f: { properties: { city: string } }) => f.properties.city !== 'guangzhou')).toBe(true);
  });

  test('limit and offset page through the matches, total stays the count of all', async () => {
    const first = (await get('/api/parks?limit=5')).json();
    const rest = (await get('/api/parks?limit=5&offset=5')).json();
    expect(first.features).toHaveLength(5);
    expect(first.total).toBe(12);
    const ids = new Set([...first.features, ...rest.features].map((f: { properties: { id: string } }) => f.properties.id));
    expect(ids.size).toBe(10);
  });

  test.each([
    ['bbox=1,2,3', 'bbox'],
    ['bbox=114,22,113,23', 'bbox'],
    ['limit=abc', 'limit'],
    ['limit=0', 'limit'],
    ['limit=100000', 'limit'],
    ['offset=-1', 'offset'],
    ['city=atlantis', 'city'],
    ['sector=teleportation', 'sector'],
    ['kind=castle', 'kind']
  ])('rejects %s with a 400 naming %s', async (query, parameter) => {
    const res = await get(`/api/parks?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'Bad Request', parameter });
    expect(res.json().message).toContain(parameter);
  });
});

describe('GET /api/parks/{id}', () => {
  test('returns one park', async () => {
    const list = (await get('/api/parks?city=shenzhen')).json();
    const id = list.features[0].properties.id;
    const res = await get(`/api/parks/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().properties.name_zh).toBe('深圳湾科技生态园');
  });

  test('answers 404 with a JSON error for an unknown id', async () => {
    const res = await get('/api/parks/no-such-park');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'Not Found', message: expect.stringContaining('no-such-park') });
  });
});

describe('reference tables', () => {
  test('/api/sectors lists the taxonomy in both languages', async () => {
    const sectors = (await get('/api/sectors')).json();
    expect(sectors.length).toBe(16);
    expect(sectors.find((s: { id: string }) => s.id === 'drones')).toMatchObject({ name_zh: '无人机' });
  });
  test("/api/targets carries the plan's 2020 targets", async () => {
    const targets = (await get('/api/targets')).json();
    expect(targets.length).toBeGreaterThanOrEqual(10);
    expect(targets.every((t: { year: number; quote_zh: string }) => t.year === 2020 && t.quote_zh.length > 0)).toBe(true);
  });
});

describe('unknown routes', () => {
  test('an unknown API path is a JSON 404', async () => {
    const res = await get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('Not Found');
  });
});
