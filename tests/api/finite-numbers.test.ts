import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';
import { EDITOR_TOKEN, upload } from './datasets-upload.ts';

const app = useApp({ editorToken: EDITOR_TOKEN });
const NINES_400 = '9'.repeat(400);

/** GET with a deadline: a request that hangs fails the test instead of holding it. */
async function get(url: string, deadlineMs = 15_000) {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${url} did not answer within ${deadlineMs} ms`)), deadlineMs)));
  try {
    return await Promise.race([app().inject({ method: 'GET', url }), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

describe('numbers in queries are finite and in range, or a 400 naming the parameter', () => {
  // Every request of issue 11, item 2, as the probe sent it.
  test.each([
    ['/api/organizations?limit=Infinity', 'limit'],
    ['/api/organizations?limit=-Infinity', 'limit'],
    ['/api/parks?offset=Infinity', 'offset'],
    [`/api/parks?limit=${NINES_400}`, 'limit'],
    ['/api/analytics/catchment?lon=113.3&lat=23.1&radiusKm=Infinity', 'radiusKm'],
    ['/api/analytics/density?resolution=Infinity', 'resolution'],
    ['/api/analytics/density?bands=Infinity', 'bands'],
    ['/api/analytics/density?bandwidthKm=Infinity', 'bandwidthKm'],
    ['/api/analytics/density?bandwidthKm=-Infinity', 'bandwidthKm'],
    ['/api/analytics/density?kernelCellKm=Infinity', 'kernelCellKm'],
    ['/api/analytics/density?grid=km&edgeKm=-Infinity', 'edgeKm'],
    ['/api/analytics/density?grid=km&edgeKm=Infinity', 'edgeKm'],
    ['/api/analytics/clusters?epsKm=Infinity', 'epsKm'],
    ['/api/analytics/clusters?minPoints=Infinity', 'minPoints'],
    ['/api/analytics/targets?minPoints=Infinity', 'minPoints'],
    ['/api/analytics/catchment?lon=Infinity&lat=23.1', 'lon']
  ])('%s → 400 naming %s', async (url, parameter) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', parameter });
    expect(res.json().message).toMatch(new RegExp(`^${parameter}: must be`));
  });

  // Issue 11, item 1: these froze the server for good (1e-14) or answered wrongly (1e-12, 1e-13).
  test.each([
    '/api/analytics/clusters?epsKm=1e-14',
    '/api/analytics/targets?epsKm=1e-14',
    '/api/analytics/clusters?epsKm=1e-14&stream=sse',
    '/api/analytics/targets?epsKm=1e-14&stream=sse',
    '/api/analytics/clusters?epsKm=1e-12&minPoints=1',
    '/api/analytics/clusters?epsKm=1e-13&minPoints=1'
  ])('%s answers at once with a 400 that says the smallest eps', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.json()).toMatchObject({ parameter: 'epsKm', message: expect.stringContaining('≥ 0.001') });
  });

  test('the smallest eps, 1 m, puts each distinct shipped location in its own cluster', async () => {
    const all = (await get('/api/organizations?limit=5000')).json() as { features: { properties: { located_by?: string }; geometry: { coordinates: number[] } }[] };
    // Records placed only to an area stay out of point statistics (Selection.pointsOnly).
    const points = all.features.filter((f) => f.properties.located_by !== 'admin-area');
    const distinct = new Set(points.map((f) => f.geometry.coordinates.join(','))).size;
    const res = await get('/api/analytics/clusters?epsKm=0.001&minPoints=1&limit=1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: points.length, clusterCount: distinct, noiseCount: 0 });
  });

  test.each([
    ['NaN', 'limit=NaN'],
    ['hexadecimal', 'limit=0x10'],
    ['binary', 'limit=0b11'],
    ['an overflowing exponent', 'offset=1e400'],
    ['a fraction for a whole number', 'limit=2.5'],
    ['a 400-digit fraction', `offset=0.${'0'.repeat(398)}1`],
    ['an empty value', 'limit='],
    ['spaces', 'limit=%2010'],
    ['an underscore separator', 'offset=1_000'],
    ['a repeated parameter', 'limit=1&limit=2']
  ])('refuses %s before it is turned into a number', async (_, query) => {
    const res = await get(`/api/organizations?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toMatch(/^(limit|offset)$/);
  });

  test.each([
    ['an exponent form', 'limit=1e1', 10, 0],
    ['-0 (as 0)', 'offset=-0', 1000, 0],
    ['a leading plus and trailing point', 'limit=%2B5.', 5, 0],
    ['the largest offset', 'offset=1000000', 1000, 1_000_000]
  ])('accepts %s', async (_, query, limit, offset) => {
    const res = await get(`/api/organizations?${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ limit, offset });
    expect(Object.is(res.json().offset, -0)).toBe(false);
  });

  test.each([
    ['bbox', '/api/organizations?bbox=0x71,22,114,23'],
    ['bbox', '/api/organizations?bbox=113,22,Infinity,23'],
    ['near', '/api/organizations?near=113.3,23.1,1e400'],
    ['near', '/api/organizations?near=113.3,23.1,0x5']
  ])('refuses a hex or infinite part in %s', async (parameter, url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe(parameter);
  });

  test.each([
    ['as a query parameter', { query: '?precision_m=Infinity' }],
    ['as a form field', { fields: { precision_m: '0x10' } }],
    ['as a 400-digit form field', { fields: { precision_m: NINES_400 } }]
  ])('the import option precision_m reads the same grammar %s', async (_, options) => {
    const res = await upload(app(), 'english-semicolon-bom.csv', { ...options, fields: { dry_run: 'true', ...('fields' in options ? options.fields : {}) } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ parameter: 'precision_m', message: expect.stringContaining('precision_m: must be a finite decimal number > 0') });
  });

  test('OpenAPI documents each query number as a number with its range', async () => {
    const spec = (await get('/openapi.json')).json();
    const parameters = spec.paths['/api/organizations'].get.parameters as { name: string; schema: Record<string, unknown> }[];
    expect(parameters.find((p) => p.name === 'limit')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 5000, default: 1000 });
    const eps = (spec.paths['/api/analytics/clusters'].get.parameters as typeof parameters).find((p) => p.name === 'epsKm');
    expect(eps?.schema).toMatchObject({ type: 'number', minimum: 0.001, maximum: 100 });
    expect(JSON.stringify(spec)).not.toContain('x-query-number');
  });
});
