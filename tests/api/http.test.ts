import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import type { App, AppOptions } from '../../server/app.ts';
import { buildIsolatedApp, useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string, headers: Record<string, string> = {}) => app().inject({ method: 'GET', url, headers });
const TILE = '/tiles/organizations/6/52/27.mvt';
/** The shipped organisations: the whole list is the largest JSON answer. */
const CURATED_ORGANIZATIONS = (JSON.parse(readFileSync(new URL('../../geodata/curated/organizations.geojson', import.meta.url), 'utf8')) as { features: unknown[] }).features.length;

const others: App[] = [];
async function appWith(http: AppOptions) {
  const built = await buildIsolatedApp(http);
  others.push(built);
  return built;
}
afterAll(async () => {
  for (const a of others) await a.close();
});

describe('caching validators', () => {
  test('a tile carries an ETag and Cache-Control; the same ETag in If-None-Match gets a bodiless 304', async () => {
    const first = await get(TILE);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toMatch(/public, max-age=\d+/);
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^"[^"]+"$/);
    const again = await get(TILE, { 'if-none-match': tag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect((await get(TILE, { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
  });

  test('different filters give a different tile and ETag', async () => {
    const all = await get(TILE);
    const robots = await get(`${TILE}?sector=industrial-robots`);
    expect(robots.statusCode).toBe(200);
    expect(robots.headers.etag).not.toBe(all.headers.etag);
  });

  test('JSON answers carry an ETag too and revalidate to 304', async () => {
    const first = await get('/api/sectors');
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await get('/api/sectors', { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
  });
});

describe('compression', () => {
  test('tiles come brotli- or gzip-compressed by Accept-Encoding, decoding to the same bytes', async () => {
    const plain = await get(TILE, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get(TILE, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload)).toEqual(plain.rawPayload);
    const gz = await get(TILE, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload)).toEqual(plain.rawPayload);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers.etag).toBe(plain.headers.etag);
  });

  test('a tile is compressed once: the second brotli request adds nothing to the cache', async () => {
    const url = '/tiles/basemap/7/104/56.mvt';
    await get(url, { 'accept-encoding': 'br' });
    const bytes = app().tiles.cacheBytes();
    const again = await get(url, { 'accept-encoding': 'br' });
    expect(again.headers['content-encoding']).toBe('br');
    expect(app().tiles.cacheBytes()).toBe(bytes);
  });

  test('large JSON answers are compressed as well', async () => {
    const res = await get('/api/organizations', { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString()).total).toBe(CURATED_ORGANIZATIONS);
  });
});

describe('CORS', () => {
  test('map assets are open to any origin; the API is same-origin by default', async () => {
    const origin = { origin: 'https://elsewhere.example' };
    expect((await get(TILE, origin)).headers['access-control-allow-origin']).toBe('*');
    expect((await get('/tiles/organizations.json', origin)).headers['access-control-allow-origin']).toBe('*');
    expect((await get('/style.json', origin)).headers['access-control-allow-origin']).toBe('*');
    expect((await get('/api/parks', origin)).headers['access-control-allow-origin']).toBeUndefined();
  });

  test('CORS origins open the API to exactly the listed sites', async () => {
    const open = await appWith({ http: { corsOrigins: ['https://planner.example'] } });
    const allowed = await open.inject({ url: '/api/parks', headers: { origin: 'https://planner.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://planner.example');
    const other = await open.inject({ url: '/api/parks', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('security headers', () => {
  test('the page gets a CSP that lets MapLibre run (blob: workers, data:/blob: images) and nothing foreign', async () => {
    const res = await get('/api/health');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(csp).toMatch(/img-src 'self' data: blob:/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('rate limit', () => {
  test('past the limit a client gets a 429 with the error body; the default lets a map load hundreds of tiles', async () => {
    for (let i = 0; i < 500; i++) expect((await get(`/tiles/basemap/9/${416 + (i % 20)}/${226 + Math.floor(i / 20)}.mvt`)).statusCode).toBeLessThan(300);
    const strict = await appWith({ http: { rateLimitPerMinute: 3 } });
    for (let i = 0; i < 3; i++) expect((await strict.inject({ url: '/api/health' })).statusCode).toBe(200);
    const limited = await strict.inject({ url: '/api/health' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/retry/) });
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('cache invalidation', () => {
  test('importing organisations changes their tiles and results, and leaves the basemap tile as it was', async () => {
    const a = await appWith({});
    const basemap = (await a.inject({ url: '/tiles/basemap/6/52/27.mvt' })).headers.etag;
    const before = await a.inject({ url: TILE });
    const total = (await a.inject({ url: '/api/organizations' })).json().total;
    const [one] = (await a.inject({ url: '/api/organizations?limit=1' })).json().features;
    a.catalog.setImportedOrganizations('test-import', [{ ...one, properties: { ...one.properties, id: 'imported-copy' } }]);
    expect((await a.inject({ url: '/api/organizations' })).json().total).toBe(total + 1);
    expect((await a.inject({ url: TILE })).headers.etag).not.toBe(before.headers.etag);
    expect((await a.inject({ url: '/tiles/basemap/6/52/27.mvt' })).headers.etag).toBe(basemap);
  });
});
