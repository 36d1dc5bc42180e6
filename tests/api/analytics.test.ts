import { describe, expect, test } from 'vitest';
import type { OrganizationFeature } from '../../server/schemas/places.ts';
import { isPointPlaced } from '../../server/analytics/point-precision.ts';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url });
const json = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  return res.json();
};
const ENDPOINTS = ['density', 'clusters', 'nni', 'ellipse', 'specialization', 'catchment?park=songshan-lake-high-tech-zone', 'targets'];
/** Point statistics leave out records placed only to an area (located_by = admin-area); the others count every record. */
const POINT_STATISTICS = new Set(['density', 'clusters', 'nni', 'ellipse']);

/** How many organisations an analytics answer says it counted (for targets: the records the high-tech count read; no shipped record is high-tech, so its count alone would be 0 with or without filters). */
function countOf(endpoint: string, body: any): number {
  switch (endpoint) {
    case 'density':
    case 'clusters':
      return body.total;
    case 'nni':
      return body.overall.n;
    case 'ellipse':
      return body.features.find((f: any) => f.properties.group === 'computer-vision').properties.n;
    case 'specialization':
      return body.cells.find((c: any) => c.city === 'shenzhen' && c.sector === 'computer-vision').count;
    case 'catchment':
      return body.total;
    case 'targets':
      return body.find((t: any) => t.target.measurable_by === 'organizations:high-tech').coverage.of;
  }
  throw new Error(`no count for ${endpoint}`);
}

/** Parses a text/event-stream body into its events. */
function events(body: string): { event: string; data: unknown }[] {
  return body.trim().split('\n\n').map((block) => {
    const lines = Object.fromEntries(block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
    return { event: lines.event, data: JSON.parse(lines.data) };
  });
}

describe('every analytics endpoint', () => {
  test.each(ENDPOINTS)('%s answers with the same filters as /api/organizations and rejects an unknown city by name', async (endpoint) => {
    const sep = endpoint.includes('?') ? '&' : '?';
    const filters = 'city=shenzhen&sector=computer-vision&type=firm';
    const body = await json(`/api/analytics/${endpoint}${sep}${filters}`);
    const selected = (await json(`/api/organizations?${filters}`)).features as OrganizationFeature[];
    expect(selected.length).toBeGreaterThan(1);
    expect(selected.length).toBeLessThan((await json('/api/organizations')).total);
    const name = endpoint.split('?')[0];
    let expected = POINT_STATISTICS.has(name) ? selected.filter(isPointPlaced).length : selected.length;
    if (name === 'catchment') {
      const around = new Set((await json(`/api/analytics/${endpoint}`)).organizations.features.map((o: OrganizationFeature) => o.properties.id));
      expected = selected.filter((o) => around.has(o.properties.id)).length;
    }
    expect(countOf(name, body), 'organisations counted').toBe(expected);
    const bad = await get(`/api/analytics/${endpoint}${sep}city=atlantis`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ parameter: 'city' });
  });

  test('catchment applies the filters to the organisations around the park', async () => {
    const park = 'catchment?park=shenzhen-bay-sci-tech-ecological-park&radiusKm=10';
    const all = (await json(`/api/analytics/${park}`)).organizations.features as OrganizationFeature[];
    const filtered = (await json(`/api/analytics/${park}&sector=computer-vision&type=firm`)).organizations.features as OrganizationFeature[];
    const expected = all.filter((o) => o.properties.sectors.includes('computer-vision') && o.properties.type === 'firm');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(filtered.map((o) => o.properties.id)).toEqual(expected.map((o) => o.properties.id));
  });

  test('all seven are documented in /openapi.json with their own parameters', async () => {
    const { paths } = await json('/openapi.json');
    for (const endpoint of ENDPOINTS) expect(paths[`/api/analytics/${endpoint.split('?')[0]}`]?.get, endpoint).toBeDefined();
    const names = paths['/api/analytics/clusters'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['city', 'sector', 'type', 'q', 'bbox', 'epsKm', 'minPoints', 'hull', 'stream']));
  });
});

describe('GET /api/analytics/density', () => {
  test('hexagon counts, shares and district counts all add up to the organisations selected', async () => {
    const all = (await json('/api/organizations?city=guangzhou&limit=5000')).features as OrganizationFeature[];
    const points = all.filter(isPointPlaced).length;
    const body = await json('/api/analytics/density?city=guangzhou&resolution=8');
    expect(body.total).toBe(points);
    const cells = body.hexagons.cells.features;
    expect(cells.reduce((s: number, f: { properties: { count: number } }) => s + f.properties.count, 0)).toBe(points);
    expect(cells.reduce((s: number, f: { properties: { share: number } }) => s + f.properties.share, 0)).toBeCloseTo(1, 9);
    // Districts count every record, the area-placed ones too.
    expect(body.districts.counts.reduce((s: number, d: { count: number }) => s + d.count, 0) + body.districts.outside).toBe(all.length);
    expect(body.districts.counts.every((d: { city: string }) => d.city === 'guangzhou')).toBe(true);
  });

  test('a cell size in km picks the nearest H3 resolution; giving both is a 400 naming edgeKm', async () => {
    expect((await json('/api/analytics/density?edgeKm=1.4')).hexagons.resolution).toBe(7);
    const both = await get('/api/analytics/density?edgeKm=1.4&resolution=7');
    expect(both.statusCode).toBe(400);
    expect(both.json().parameter).toBe('edgeKm');
  });

  test('grid=km counts every point-placed organisation in planar hexagons of the given side, without H3 indexes; the default stays H3', async () => {
    const total = ((await json('/api/organizations?city=shenzhen&limit=5000')).features as OrganizationFeature[]).filter(isPointPlaced).length;
    const body = await json('/api/analytics/density?city=shenzhen&grid=km&edgeKm=3');
    expect(body.hexagons).toMatchObject({ grid: 'km', edgeKm: 3 });
    expect(body.hexagons.resolution).toBeUndefined();
    const cells = body.hexagons.cells.features;
    expect(cells.reduce((s: number, f: { properties: { count: number } }) => s + f.properties.count, 0)).toBe(total);
    expect(cells.every((f: { properties: object; geometry: { coordinates: number[][][] } }) => !('h3' in f.properties) && f.geometry.coordinates[0].length === 7)).toBe(true);
    expect((await json('/api/analytics/density?city=shenzhen')).hexagons).toMatchObject({ grid: 'h3', resolution: 7 });
  });

  test('grid=km rejects an H3 resolution and a cell side that would make millions of hexagons, naming the parameter', async () => {
    expect((await get('/api/analytics/density?grid=km&resolution=7')).json()).toMatchObject({ statusCode: 400, parameter: 'resolution' });
    expect((await get('/api/analytics/density?grid=km&edgeKm=0.001')).json()).toMatchObject({ statusCode: 400, parameter: 'edgeKm' });
    expect((await get('/api/analytics/density?grid=hex')).json()).toMatchObject({ statusCode: 400 });
  });

  test('the kernel surface has rising contour bands with a positive peak', async () => {
    const { kernel } = await json('/api/analytics/density?bands=4');
    expect(kernel.maxPerKm2).toBeGreaterThan(0);
    expect(kernel.bands.features.length).toBe(4);
    const lowers = kernel.bands.features.map((f: { properties: { lower_per_km2: number } }) => f.properties.lower_per_km2);
    expect(lowers).toEqual([...lowers].sort((a, b) => a - b));
  });

  test('an empty selection is an empty answer, not an error', async () => {
    const body = await json('/api/analytics/density?q=nothing-is-called-this');
    expect(body).toMatchObject({ total: 0, hexagons: { cells: { features: [] } }, kernel: { maxPerKm2: 0 }, districts: { counts: [], outside: 0 } });
  });
});

describe('GET /api/analytics/clusters', () => {
  test('members and noise account for every organisation; each cluster has a hull, area and sector mix', async () => {
    const body = await json('/api/analytics/clusters?epsKm=3&minPoints=3');
    const members = body.clusters.features.reduce((s: number, f: { properties: { member_count: number } }) => s + f.properties.member_count, 0);
    expect(members + body.noiseCount).toBe(body.total);
    expect(body.clusterCount).toBeGreaterThan(1);
    for (const f of body.clusters.features) {
      expect(['Polygon', 'LineString', 'Point']).toContain(f.geometry.type);
      expect(f.properties.sectors.length).toBeGreaterThan(0);
      if (f.geometry.type === 'Polygon') expect(f.properties.area_km2).toBeGreaterThan(0);
    }
  });

  test('concave hulls are never larger than convex ones', async () => {
    const area = (body: { clusters: { features: { properties: { area_km2: number } }[] } }) => body.clusters.features.reduce((s, f) => s + f.properties.area_km2, 0);
    const convex = await json('/api/analytics/clusters?epsKm=3&minPoints=3');
    const concave = await json('/api/analytics/clusters?epsKm=3&minPoints=3&hull=concave&concavity=1');
    expect(area(concave)).toBeLessThanOrEqual(area(convex) + 1e-9);
  });

  test.each([
    ['epsKm=0', 'epsKm'],
    ['epsKm=-1', 'epsKm'],
    ['epsKm=100000', 'epsKm'],
    ['minPoints=0', 'minPoints'],
    ['hull=star', 'hull']
  ])('rejects %s with a 400 naming %s', async (param, name) => {
    const res = await get(`/api/analytics/clusters?${param}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe(name);
  });

  test('the largest allowed eps puts the whole region in one cluster', async () => {
    const body = await json('/api/analytics/clusters?epsKm=100&minPoints=2');
    expect(body).toMatchObject({ clusterCount: 1, noiseCount: 0 });
  });

  test('an empty selection has no clusters; one organisation is noise', async () => {
    expect(await json('/api/analytics/clusters?q=nothing-is-called-this')).toMatchObject({ total: 0, clusterCount: 0, noiseCount: 0 });
    expect(await json('/api/analytics/clusters?q=jinan&type=university')).toMatchObject({ total: 1, clusterCount: 0, noiseCount: 1 });
  });
});

describe('GET /api/analytics/nni', () => {
  test('reads the organisations of the five cities as significantly clustered, in both languages, per sector too', async () => {
    const body = await json('/api/analytics/nni');
    expect(body.overall).toMatchObject({ pattern: 'clustered', reading: { zh: '显著集聚', en: 'significantly clustered' } });
    expect(body.overall.p).toBeLessThan(0.05);
    expect(body.studyArea.cities).toEqual(['dongguan', 'foshan', 'guangzhou', 'shenzhen', 'zhuhai']);
    expect(body.bySector.length).toBe((await json('/api/sectors')).length);
  });

  test('the bbox study area is the bbox filter, even when organisations sit on its edge', async () => {
    const scut = (await json('/api/organizations?q=scut&type=university')).features[0].geometry.coordinates;
    const bbox = [scut[0], scut[1], scut[0] + 0.5, scut[1] + 0.5].join(',');
    const body = await json(`/api/analytics/nni?studyArea=bbox&bbox=${bbox}`);
    expect(body.studyArea.bbox).toEqual(bbox.split(',').map(Number));
    expect(body.studyArea.areaKm2).toBeGreaterThan(2500);
    expect(body.overall.n).toBeGreaterThanOrEqual(1);
  });

  test('one organisation is undetermined, with the reason in both languages', async () => {
    const body = await json('/api/analytics/nni?q=jinan&type=university');
    expect(body.overall).toMatchObject({ n: 1, ratio: null, pattern: 'undetermined' });
    expect(body.overall.reading.zh).toContain('至少需要两个点');
  });
});

describe('GET /api/analytics/ellipse', () => {
  test('one ellipse per city, with its axes in km and a bearing', async () => {
    const body = await json('/api/analytics/ellipse?groupBy=city');
    const groups = body.features.map((f: { properties: { group: string } }) => f.properties.group);
    expect(groups).toEqual(['dongguan', 'foshan', 'guangzhou', 'shenzhen', 'zhuhai']);
    for (const f of body.features) {
      expect(f.geometry.type).toBe('Polygon');
      expect(f.properties.major_axis_km).toBeGreaterThanOrEqual(f.properties.minor_axis_km);
      expect(f.properties.bearing_deg).toBeGreaterThanOrEqual(0);
      expect(f.properties.bearing_deg).toBeLessThan(180);
    }
  });

  test('a group too small for an ellipse says so instead of failing', async () => {
    const body = await json('/api/analytics/ellipse?groupBy=city&q=jinan&type=university');
    expect(body.features[0]).toMatchObject({ geometry: null, properties: { n: 1, note: { en: 'an ellipse needs at least three points not on one line' } } });
  });
});

describe('GET /api/analytics/specialization', () => {
  test('gives every focus city × sector an LQ, flags strong clusters by the documented rule', async () => {
    const body = await json('/api/analytics/specialization');
    const sectors = await json('/api/sectors');
    expect(body.cells.length).toBe(5 * sectors.length);
    expect(body.rule.en).toContain('top quartile');
    expect(body.rule.zh).toContain('强集群');
    const strong = body.cells.filter((c: { strongCluster: boolean }) => c.strongCluster);
    expect(strong.length).toBeGreaterThan(0);
    for (const c of strong) expect(c.lq).toBeGreaterThanOrEqual(1);
    // Listing-weighted LQs of a sector average to 1 over the region.
    const share = (city: string) => body.cells.filter((c: { city: string }) => c.city === city).reduce((s: number, c: { count: number }) => s + c.count, 0);
    const drones = body.cells.filter((c: { sector: string }) => c.sector === 'drones');
    const all = body.region.reduce((s: number, city: string) => s + share(city), 0);
    expect(drones.reduce((s: number, c: { city: string; lq: number }) => s + (c.lq * share(c.city)) / all, 0)).toBeCloseTo(1, 9);
  });

  test('the city filter picks rows but keeps the region as the base', async () => {
    const all = await json('/api/analytics/specialization');
    const shenzhen = await json('/api/analytics/specialization?city=shenzhen');
    expect(shenzhen.cells.every((c: { city: string }) => c.city === 'shenzhen')).toBe(true);
    expect(shenzhen.cells).toEqual(all.cells.filter((c: { city: string }) => c.city === 'shenzhen'));
  });
});

describe('GET /api/analytics/catchment', () => {
  test('counts organisations by sector around a park, nearer ones being a subset of farther', async () => {
    const near = await json('/api/analytics/catchment?park=songshan-lake-high-tech-zone&radiusKm=3');
    const far = await json('/api/analytics/catchment?park=songshan-lake-high-tech-zone&radiusKm=30');
    expect(near.total).toBeGreaterThan(0);
    expect(far.total).toBeGreaterThanOrEqual(near.total);
    const farIds = new Set(far.organizations.features.map((f: OrganizationFeature) => f.properties.id));
    for (const f of near.organizations.features) expect(farIds.has(f.properties.id)).toBe(true);
    expect(near.bySector[0].count).toBeGreaterThanOrEqual(near.bySector.at(-1).count);
  });

  test('around a point; radius 0 around a point holds nothing', async () => {
    expect((await json('/api/analytics/catchment?lon=113.94&lat=22.54&radiusKm=5')).total).toBeGreaterThan(0);
    expect((await json('/api/analytics/catchment?lon=113.94&lat=22.54&radiusKm=0')).total).toBe(0);
  });

  test('an unknown park is a 404; a missing lat is a 400 naming lat', async () => {
    expect((await get('/api/analytics/catchment?park=atlantis')).statusCode).toBe(404);
    const res = await get('/api/analytics/catchment?lon=113.9');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('lat');
  });
});

describe('GET /api/analytics/targets', () => {
  test('counts what the data supports for the measurable targets, by city, and marks the rest unmeasurable', async () => {
    const body = await json('/api/analytics/targets?epsKm=3&minPoints=3');
    const byId = Object.fromEntries(body.map((t: { target: { id: string } }) => [t.target.id, t]));
    expect(byId['supported-ai-industrial-parks']).toMatchObject({ supported: 12, byCity: { guangzhou: 5, zhuhai: 3, dongguan: 2, shenzhen: 1, foshan: 1 } });
    expect(byId['ai-core-industry-scale']).toMatchObject({ supported: null, met: null });
  });

  test('the high-tech target shows its coverage, never a bare count against 50', async () => {
    const orgs = (await json('/api/organizations?limit=5000')).features as { properties: { type: string; high_tech_enterprise?: boolean | null } }[];
    const firms = orgs.filter((o) => o.properties.type === 'firm');
    const confirmed = firms.filter((o) => o.properties.high_tech_enterprise === true).length;
    const not = firms.filter((o) => o.properties.high_tech_enterprise === false).length;
    const unknown = firms.length - confirmed - not;
    expect(unknown, 'the shipped data marks most firms unknown').toBeGreaterThan(firms.length / 2);
    const body = await json('/api/analytics/targets');
    const highTech = body.find((t: { target: { id: string } }) => t.target.id === 'ai-national-high-tech-enterprises');
    expect(highTech.coverage).toMatchObject({ confirmed, unknown, not, of: firms.length });
    expect(highTech.coverage.reading.en).toBe(`high-tech enterprises: ${confirmed} confirmed, ${unknown} unknown, ${not} not, of ${firms.length} firms`);
    expect(highTech.coverage.reading.zh).toContain(`确认 ${confirmed} 家`);
    // A shortfall with most firms unknown and a partial list cannot say the target was missed.
    expect(highTech).toMatchObject({ supported: confirmed, met: null });
  });

  test('the policy count of AI industry clusters says the data cannot measure it, whatever DBSCAN finds', async () => {
    const body = await json('/api/analytics/targets?epsKm=3&minPoints=3');
    for (const id of ['ai-industry-clusters', 'ai-innovative-industry-clusters']) {
      const target = body.find((t: { target: { id: string } }) => t.target.id === id);
      expect(target).toMatchObject({ supported: null, met: null, byCity: {} });
      expect(target.basis.en).toContain('policy designations');
    }
  });
});

describe('progress as server-sent events', () => {
  test('?stream=sse sends rising progress fractions, then the same result as the JSON answer', async () => {
    // A query no other test asks, so the answer is computed (not cached) and progress flows.
    const url = '/api/analytics/clusters?epsKm=2.5&minPoints=3';
    const res = await get(`${url}&stream=sse`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const stream = events(res.body);
    const progress = stream.filter((e) => e.event === 'progress').map((e) => (e.data as { fraction: number }).fraction);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(stream.at(-1)).toEqual({ event: 'result', data: (await json(url)) });
  });

  test('an answer already computed streams at once as its result alone', async () => {
    const url = '/api/analytics/ellipse?groupBy=city&city=zhuhai';
    const computed = await json(url);
    expect(events((await get(`${url}&stream=sse`)).body)).toEqual([{ event: 'result', data: computed }]);
  });

  test('a bad parameter is still a plain 400, before any stream starts', async () => {
    const res = await get('/api/analytics/density?stream=sse&resolution=99');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('resolution');
  });
});

describe('imported data', () => {
  test('identical imported organisations make one DBSCAN group, reported as co-located rather than as a cluster', async () => {
    const same = Array.from({ length: 12 }, (_, i): OrganizationFeature => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [113.55, 22.25] },
      properties: { id: `same-${i}`, name_zh: `同址机构 ${i}`, name_en: `Same place ${i}`, type: 'firm', city: 'zhuhai', sectors: ['drones'], precision_m: 1, source: 'test', source_date: '2026-11-25' }
    }));
    app().catalog.setImportedOrganizations('identical-test', same);
    try {
      const clusters = await json('/api/analytics/clusters?q=same%20place');
      expect(clusters).toMatchObject({ total: 12, clusterCount: 1, colocatedCount: 1, noiseCount: 0 });
      expect(clusters.clusters.features[0].properties).toMatchObject({ kind: 'co-located', distinct_locations: 1 });
      expect(clusters.precision).toMatchObject({ used: 12, sharingCoordinate: 12, distinctLocations: 1 });
      expect((await json('/api/analytics/nni?q=same%20place')).overall).toMatchObject({ ratio: 0, pattern: 'clustered' });
      expect((await json('/api/analytics/ellipse?q=same%20place')).features[0]).toMatchObject({ geometry: null, properties: { n: 12 } });
    } finally {
      app().catalog.setImportedOrganizations('identical-test', []);
    }
  });
});
