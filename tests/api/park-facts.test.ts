import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';
import { GEODATA_DIR } from '../helpers/synthetic-geodata.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url });
type Park = { properties: { id: string; area_km2: number | null; established: number | null; as_of: string | null; facts: Record<string, { as_of?: string; source?: string } | null> } };

describe('park facts', () => {
  test('every park carries area, established and as_of, null where no source gives them', async () => {
    const body = (await get('/api/parks')).json();
    for (const f of body.features as Park[]) {
      expect(f.properties).toHaveProperty('area_km2');
      expect(f.properties).toHaveProperty('established');
      expect(f.properties).toHaveProperty('as_of');
      expect(f.properties.facts.designated).toMatchObject({ value: 2018 });
    }
    const songshan = (body.features as Park[]).find((f) => f.properties.id === 'songshan-lake-high-tech-zone')!;
    expect(songshan.properties).toMatchObject({ area_km2: 103, established: 2001 });
    const unknown = (body.features as Park[]).find((f) => f.properties.id === 'zhuhai-smart-industry-park')!;
    expect(unknown.properties).toMatchObject({ area_km2: null, established: null, as_of: null });
  });

  test('the date the file states kind, sectors and placement true is served as attributes_as_of, beside the facts’ as_of', async () => {
    const file = JSON.parse(readFileSync(join(GEODATA_DIR, 'curated', 'parks.geojson'), 'utf8')) as { features: { properties: { id: string; as_of: string } }[] };
    const served = new Map(((await get('/api/parks')).json().features as { properties: { id: string; attributes_as_of: string } }[]).map((f) => [f.properties.id, f.properties.attributes_as_of]));
    expect(served.size).toBe(file.features.length);
    for (const { properties: p } of file.features) expect(served.get(p.id), p.id).toBe(p.as_of);
  });

  test('every fact that is given names its source and its date', async () => {
    const body = (await get('/api/parks')).json();
    for (const f of body.features as Park[]) {
      for (const key of ['area_km2', 'established', 'administrator']) {
        const fact = f.properties.facts[key];
        if (fact === null) continue;
        expect(fact.source, `${f.properties.id}.${key}`).toEqual(expect.stringMatching(/\S/));
        expect(fact.as_of, `${f.properties.id}.${key}`).toMatch(/^\d{4}/);
      }
    }
  });

  test('the park profile carries the facts too', async () => {
    const res = await get('/api/parks/sino-singapore-guangzhou-knowledge-city');
    expect(res.json().properties).toMatchObject({ area_km2: 123, established: 2010, facts: { outline: { status: 'not-published' } } });
  });
});

describe('GET /api/parks by area', () => {
  test('minAreaKm2 keeps only parks with a sourced area at least that large', async () => {
    const body = (await get('/api/parks?minAreaKm2=100')).json();
    const areas = (body.features as Park[]).map((f) => f.properties.area_km2);
    expect(areas.length).toBeGreaterThan(0);
    expect(areas.every((a) => a !== null && a >= 100)).toBe(true);
    expect(body.total).toBe(areas.length);
  });

  test('sort=-area lists the largest first and unknown areas last', async () => {
    const areas = ((await get('/api/parks?sort=-area')).json().features as Park[]).map((f) => f.properties.area_km2);
    const known = areas.filter((a): a is number => a !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(areas.slice(known.length).every((a) => a === null)).toBe(true);
    expect(areas).toHaveLength(12);
  });

  test('combines with the shared filters', async () => {
    const body = (await get('/api/parks?city=guangzhou&sort=area&maxAreaKm2=50')).json();
    expect((body.features as Park[]).map((f) => f.properties.id)).toEqual(['panyu-icv-nev-value-innovation-park', 'guangzhou-science-city']);
  });

  test.each([
    ['minAreaKm2=-1', 'minAreaKm2'],
    ['maxAreaKm2=abc', 'maxAreaKm2'],
    ['maxAreaKm2=Infinity', 'maxAreaKm2'],
    ['minAreaKm2=10&maxAreaKm2=5', 'minAreaKm2'],
    ['sort=size', 'sort']
  ])('rejects %s with a 400 naming %s', async (query, parameter) => {
    const res = await get(`/api/parks?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe(parameter);
  });
});
