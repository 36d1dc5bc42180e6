import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url });
const json = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('GET /api/analytics/hotspots', () => {
  test('answers a FeatureCollection of every study-area cell with Gi* z, p-values, FDR and class', async () => {
    const body = await json('/api/analytics/hotspots?permutations=199&seed=3');
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.length).toBe(body.studyArea.cells);
    const counted = body.features.reduce((s: number, f: { properties: { count: number } }) => s + f.properties.count, 0);
    expect(counted).toBe(body.precision.used);
    // Empty cells are part of the analysis: most of the five cities hold no curated record.
    expect(body.features.filter((f: { properties: { count: number } }) => f.properties.count === 0).length).toBeGreaterThan(counted);
    for (const f of body.features.slice(0, 50)) {
      expect(Object.keys(f.properties).sort()).toEqual(['cell', 'class', 'count', 'gi_z', 'p_fdr', 'p_sim', 'p_value']);
      expect(f.properties.p_fdr).toBeGreaterThanOrEqual(f.properties.p_sim);
    }
    expect(body.parameters).toMatchObject({ grid: 'h3', resolution: 7, permutations: 199, seed: 3 });
    expect(body.studyArea.cities).toEqual(['dongguan', 'foshan', 'guangzhou', 'shenzhen', 'zhuhai']);
    expect(body.rule.en).toContain('Benjamini');
  });

  test('?stream=sse sends progress from the pool, then the same result as the JSON answer', async () => {
    const url = '/api/analytics/hotspots?city=zhuhai&permutations=99&seed=11';
    const res = await get(`${url}&stream=sse`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const events = res.body.trim().split('\n\n').map((block) => ({ event: block.split('\n')[0].slice('event: '.length), data: JSON.parse(block.split('\n')[1].slice('data: '.length)) }));
    expect(events.filter((e) => e.event === 'progress').length).toBeGreaterThan(0);
    expect(events.at(-1)).toEqual({ event: 'result', data: await json(url) });
  });

  test('the same seed gives the same answer', async () => {
    expect(await json('/api/analytics/hotspots?city=shenzhen&permutations=99&seed=5')).toEqual(await json('/api/analytics/hotspots?city=shenzhen&permutations=99&seed=5'));
  });

  test('grid=km uses Turf hexagons of side cellKm', async () => {
    const body = await json('/api/analytics/hotspots?grid=km&cellKm=3&city=dongguan&permutations=99');
    expect(body.parameters).toMatchObject({ grid: 'km', cellKm: 3, edgeKm: 3 });
    expect(body.features.length).toBeGreaterThan(50);
    expect(body.features[0].properties.cell).toMatch(/^\d+,\d+$/);
  });

  test.each([
    ['permutations=100000', 'permutations'],
    ['permutations=5', 'permutations'],
    ['res=16', 'res'],
    ['res=11', 'res'],
    ['grid=km&cellKm=0.01', 'cellKm'],
    ['grid=km&res=7', 'res'],
    ['cellKm=2', 'cellKm'],
    ['seed=-1', 'seed'],
    ['city=atlantis', 'city']
  ])('rejects %s with a 400 naming %s', async (query, parameter) => {
    const res = await get(`/api/analytics/hotspots?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe(parameter);
  });
});

describe('GET /api/analytics/ripley', () => {
  test("answers L(r) − r with its envelope, the simulations, edge correction and a reading in both languages", async () => {
    const body = await json('/api/analytics/ripley?simulations=39&seed=2');
    const n = body.distancesKm.length;
    expect(n).toBeGreaterThan(10);
    for (const key of ['l', 'lower', 'upper', 'pointwiseLower', 'pointwiseUpper']) expect(body[key]).toHaveLength(n);
    expect(body.simulations).toBe(39);
    expect(body.edgeCorrection.name).toBe('border');
    expect(body.envelope).toMatchObject({ kind: 'global', nrank: 2 });
    expect(body.reading.en).toMatch(/envelope of 39 CSR simulations/);
    expect(body.reading.zh).toMatch(/全局包络/);
    expect(body.points.subsample).toBeNull();
    expect(body.precision.used).toBe(body.points.used + body.points.outsideStudyArea);
    expect(body.points.examined).toBe(body.precision.used);
  });

  test('rejects absurd simulation counts and distances', async () => {
    for (const [query, parameter] of [['simulations=100000', 'simulations'], ['simulations=1', 'simulations'], ['maxDistanceKm=1000', 'maxDistanceKm'], ['maxDistanceKm=NaN', 'maxDistanceKm']]) {
      const res = await get(`/api/analytics/ripley?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().parameter).toBe(parameter);
    }
  });
});

describe('precision, small numbers and bandwidth on the existing analytics', () => {
  test('clusters, nni and density report records used, shared coordinates and median precision, and warn below it', async () => {
    for (const url of ['/api/analytics/clusters?epsKm=1.5', '/api/analytics/nni', '/api/analytics/density']) {
      const { precision } = await json(url);
      expect(precision.used, url).toBeGreaterThan(50);
      expect(precision.sharingCoordinate, url).toBeGreaterThan(0);
      expect(precision.medianPrecisionM, url).toBeGreaterThan(1000);
    }
    // The curated records are placed to ~2 km: a 1.5 km eps is finer than that, a 5 km one is not.
    expect((await json('/api/analytics/clusters?epsKm=1.5')).precision.warnings.some((w: { en: string }) => w.en.includes('finer than the records'))).toBe(true);
    expect((await json('/api/analytics/clusters?epsKm=5')).precision.warnings.some((w: { en: string }) => w.en.includes('finer than the records'))).toBe(false);
  });

  test('the kernel bandwidth comes from the data unless given, and says which', async () => {
    const chosen = (await json('/api/analytics/density')).kernel;
    expect(chosen.bandwidthSource).toBe('data');
    expect(chosen.bandwidthKm).toBeCloseTo(chosen.suggestedBandwidthKm, 9);
    expect(chosen.bandwidthRule.en).toContain('Silverman');
    const given = (await json('/api/analytics/density?bandwidthKm=2')).kernel;
    expect(given).toMatchObject({ bandwidthKm: 2, bandwidthSource: 'given', suggestedBandwidthKm: chosen.suggestedBandwidthKm });
  });

  test('no strong cluster or star from fewer records than the stated minimum, and every LQ has its interval', async () => {
    const body = await json('/api/analytics/specialization');
    expect(body.minCount).toBe(5);
    expect(body.intervalRule.en).toContain('Poisson');
    expect(body.starRule.en).toContain('European Cluster Observatory');
    for (const c of body.cells) {
      if (c.count < body.minCount) expect(c).toMatchObject({ enough: false, strongCluster: false });
      if (c.lq !== null) expect(c.lqLower).toBeLessThanOrEqual(c.lq);
    }
    // Smart logistics in Foshan and unmanned ships in Zhuhai: a high LQ from 1–3 records is no star.
    const few = body.cards.filter((c: { enough: boolean }) => !c.enough);
    expect(few.length).toBeGreaterThan(0);
    for (const c of few) expect(c).toMatchObject({ stars: null, strongCluster: false });
    expect(body.cards).toHaveLength(body.cells.length);
  });
});

describe('cluster-strength cards', () => {
  test('say whether a Gi* hot spot of the sector lies in the city, by a stated rule', async () => {
    const body = await json('/api/analytics/specialization');
    expect(body.hotSpotRule.en).toContain('Benjamini');
    expect(body.cards.every((c: { hotSpot: boolean | null }) => typeof c.hotSpot === 'boolean')).toBe(true);
    // A hot spot needs records of the sector in the city.
    for (const c of body.cards) if (c.count === 0) expect(c.hotSpot).toBe(false);
  });
});

describe("records placed only to an administrative area (located_by: 'admin-area')", () => {
  test('are left out of point statistics and still counted per district', async () => {
    const placed = Array.from({ length: 3 }, (_, i) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [113.26, 23.13] },
      properties: { id: `area-placed-${i}`, name_zh: `区级定位 ${i}`, name_en: `Area placed ${i}`, type: 'firm' as const, city: 'guangzhou', sectors: ['drones'], precision_m: 8000, located_by: 'admin-area', source: 'test', source_date: '2026-11-29' }
    }));
    const before = await json('/api/analytics/density?q=area%20placed');
    expect(before.districts.counts).toEqual([]);
    app().catalog.setImportedOrganizations('area-placed-test', placed as never);
    try {
      const clusters = await json('/api/analytics/clusters?q=area%20placed');
      expect(clusters.precision).toMatchObject({ used: 0, areaPlaced: 3 });
      expect(clusters.total).toBe(0);
      const density = await json('/api/analytics/density?q=area%20placed');
      expect(density.total).toBe(0);
      expect(density.districts.counts.reduce((s: number, d: { count: number }) => s + d.count, 0)).toBe(3);
      const hotspots = await json('/api/analytics/hotspots?q=area%20placed&city=guangzhou&permutations=99');
      expect(hotspots.features.reduce((s: number, f: { properties: { count: number } }) => s + f.properties.count, 0)).toBe(0);
      expect(hotspots.precision.areaPlaced).toBe(3);
    } finally {
      app().catalog.setImportedOrganizations('area-placed-test', []);
    }
  });
});
