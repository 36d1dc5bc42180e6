import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url });
type Layer = { layer: string; count: number; status: string };
type Profile = { total: number; layers: Layer[]; gaps: string[] };

describe('GET /api/analytics/chain', () => {
  test('maps every sector to one of the three layers and cites the source of the scheme', async () => {
    const body = (await get('/api/analytics/chain')).json();
    expect(body.layers.map((l: { id: string; name_zh: string }) => [l.id, l.name_zh])).toEqual([['foundation', '基础层'], ['technology', '技术层'], ['application', '应用层']]);
    const all = body.layers.flatMap((l: { sectors: string[] }) => l.sectors);
    expect(all).toHaveLength(16);
    expect(body.layers[0].sectors).toEqual(expect.arrayContaining(['ai-chips', 'smart-sensors']));
    expect(body.source_url).toMatch(/^https?:\/\//);
    expect(body.mapping_basis).toMatch(/own reading/);
  });

  test('reports the five focus cities and the twelve parks, with counts per layer that explain the gaps', async () => {
    const body = (await get('/api/analytics/chain')).json();
    expect(body.cities.map((c: { city: string }) => c.city).sort()).toEqual(['dongguan', 'foshan', 'guangzhou', 'shenzhen', 'zhuhai']);
    expect(body.parks).toHaveLength(12);
    for (const p of [...body.cities, ...body.parks] as Profile[]) {
      expect(p.layers.map((l) => l.layer)).toEqual(['foundation', 'technology', 'application']);
      expect(p.gaps).toEqual(p.layers.filter((l) => l.status !== 'present').map((l) => l.layer));
      for (const l of p.layers) if (l.count === 0) expect(l.status).toBe('missing');
    }
  });

  test('a park at sea with nothing nearby has every layer missing', async () => {
    const body = (await get('/api/analytics/chain?park=zhuhai-offshore-test-field&radiusKm=2')).json();
    expect(body.parks[0]).toMatchObject({ park: 'zhuhai-offshore-test-field', total: 0, gaps: ['foundation', 'technology', 'application'] });
  });

  test('sectors carry their chain layer', async () => {
    const sectors = (await get('/api/sectors')).json();
    expect(sectors.find((s: { id: string }) => s.id === 'computer-vision').chain_layer).toBe('technology');
  });

  test.each([
    ['park=atlantis', 'park'],
    ['city=paris', 'city'],
    ['radiusKm=-1', 'radiusKm'],
    ['radiusKm=1000', 'radiusKm'],
    ['radiusKm=Infinity', 'radiusKm']
  ])('rejects %s with a 400 naming %s', async (query, parameter) => {
    const res = await get(`/api/analytics/chain?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe(parameter);
  });
});
