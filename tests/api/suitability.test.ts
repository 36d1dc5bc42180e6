import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url });
type Part = { criterion: string; raw: number | null; points: number; status: string; weight: number };
type Place = { id: string; rank: number | null; score: number | null; parts: Part[]; weight_redistributed: boolean };

describe('GET /api/analytics/suitability', () => {
  test('ranks the twelve places for service robots, weight 5 on universities and 2 on the airport, with parts that add up', async () => {
    const res = await get('/api/analytics/suitability?sector=service-robots&weightResearch=5&weightAirport=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.places).toHaveLength(12);
    expect(body.weights).toMatchObject({ research: 5, airport: 2, organizations: 1 });
    expect(body.kernel.en).toMatch(/quartic/);
    const scores = (body.places as Place[]).map((p) => p.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const p of body.places as Place[]) {
      if (p.score === null) continue;
      expect(Math.round(p.parts.reduce((s, x) => s + x.points, 0) * 10) / 10).toBe(p.score);
      expect(p.parts.map((x) => x.criterion)).toEqual(['organizations', 'research', 'platforms', 'airport', 'port', 'specialisation', 'area']);
    }
    expect((body.places as Place[])[0].rank).toBe(1);
  });

  test('a park without a sourced area shows the area as missing and is flagged, not scored zero', async () => {
    const body = (await get('/api/analytics/suitability?sector=unmanned-ships&weightArea=3')).json();
    const unknown = (body.places as Place[]).find((p) => p.id === 'zhuhai-smart-industry-park')!;
    expect(unknown.parts.find((x) => x.criterion === 'area')).toMatchObject({ raw: null, status: 'missing', points: 0 });
    expect(unknown.weight_redistributed).toBe(true);
    const songshan = (body.places as Place[]).find((p) => p.id === 'songshan-lake-high-tech-zone')!;
    expect(songshan.parts.find((x) => x.criterion === 'area')).toMatchObject({ raw: 103, status: 'scored' });
  });

  test('compares only the parks asked for', async () => {
    const body = (await get('/api/analytics/suitability?sector=ai-chips&park=songshan-lake-high-tech-zone,shenzhen-bay-sci-tech-ecological-park')).json();
    expect((body.places as Place[]).map((p) => p.id).sort()).toEqual(['shenzhen-bay-sci-tech-ecological-park', 'songshan-lake-high-tech-zone']);
  });

  test('the open innovation platforms of medical AI are counted near the medical-imaging host', async () => {
    const body = (await get('/api/analytics/suitability?sector=medical-ai&radiusKm=15')).json();
    const bay = (body.places as Place[]).find((p) => p.id === 'shenzhen-bay-sci-tech-ecological-park')!;
    expect(bay.parts.find((x) => x.criterion === 'platforms')!.raw).toBeGreaterThan(0);
  });

  test.each([
    ['sector=service-robots&weightAirport=6', 'weightAirport'],
    ['sector=service-robots&weightResearch=-1', 'weightResearch'],
    ['sector=service-robots&weightArea=NaN', 'weightArea'],
    ['sector=robots', 'sector'],
    ['weightAirport=2', 'sector'],
    ['sector=drones&radiusKm=0', 'radiusKm'],
    ['sector=drones&radiusKm=-3', 'radiusKm'],
    ['sector=drones&radiusKm=5000', 'radiusKm'],
    ['sector=drones&radiusKm=Infinity', 'radiusKm'],
    ['sector=drones&park=atlantis', 'park']
  ])('rejects %s with a 400 naming %s', async (query, parameter) => {
    const res = await get(`/api/analytics/suitability?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe(parameter);
  });

  test('rejects all-zero weights with a 400 naming the weight parameters', async () => {
    const zero = ['Organizations', 'Research', 'Platforms', 'Airport', 'Port', 'Specialisation', 'Area'].map((c) => `weight${c}=0`).join('&');
    const res = await get(`/api/analytics/suitability?sector=drones&${zero}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toContain('weightAirport');
    expect(res.json().message).toMatch(/all weights are zero/);
  });
});
