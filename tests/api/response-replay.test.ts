import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildIsolatedApp } from '../helpers/app.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';
import { FIXTURES } from './datasets-upload.ts';

// Over real HTTP: the replay sits in front of Fastify, where inject() does not reach.
const KEY = 'replay-test-key';
const TILE = 'tiles/organizations/7/104/55.mvt';
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ EDITOR_TOKEN: KEY });
});
afterAll(async () => {
  await server?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, server.url), { headers });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('replayed tiles', () => {
  test('a repeated tile request gets the same bytes and headers, without passing through Fastify again', async () => {
    const first = await get(TILE, { 'accept-encoding': 'gzip' });
    const second = await get(TILE, { 'accept-encoding': 'gzip' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await bytes(second)).toEqual(await bytes(first));
    for (const h of ['etag', 'content-type', 'content-encoding', 'cache-control', 'vary', 'x-content-type-options']) {
      expect(second.headers.get(h), h).toBe(first.headers.get(h));
    }
    // Fastify's rate limiter stamps what it handles; the replay answers before it.
    expect(first.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect(second.headers.get('x-ratelimit-limit')).toBeNull();
  });

  test('each encoding is kept apart', async () => {
    await get(TILE, { 'accept-encoding': 'br' });
    const br = await get(TILE, { 'accept-encoding': 'br' });
    const plain = await get(TILE, { 'accept-encoding': 'identity' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  test('If-None-Match with the ETag gets a bodiless 304', async () => {
    const tag = (await get(TILE)).headers.get('etag')!;
    const res = await get(TILE, { 'if-none-match': tag });
    expect(res.status).toBe(304);
    expect((await bytes(res)).length).toBe(0);
  });

  test('an import invalidates the replayed organisation tile at once', async () => {
    const before = (await get(TILE)).headers.get('etag');
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(FIXTURES, 'good', 'amap-gbk-gcj02.csv'))]), 'amap.csv');
    const imported = await fetch(new URL('api/datasets?crs=GCJ02', server.url), { method: 'POST', body: form, headers: { authorization: `Bearer ${KEY}` } });
    expect(imported.status).toBe(201);
    const after = await get(TILE);
    expect(after.headers.get('etag')).not.toBe(before);
  });
});

describe('replayed empty tiles', () => {
  test('an empty (204) tile is replayed, so a map full of sea does not use up the rate limit', async () => {
    const app = await buildIsolatedApp({ http: { rateLimitPerMinute: 5 } });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const EMPTY = '/tiles/organizations/10/0/0.mvt';
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await fetch(origin + EMPTY)).status);
      expect(new Set(statuses)).toEqual(new Set([204]));
      const replayed = await fetch(origin + EMPTY);
      expect(replayed.headers.get('x-ratelimit-limit')).toBeNull();
      expect(replayed.headers.get('cache-control')).toBe('public, max-age=60');
      // Tiles with data are still limited as before: the sixth distinct request is refused.
      const distinct = await Promise.all(Array.from({ length: 6 }, (_, i) => fetch(`${origin}/tiles/basemap/10/${i}/1.mvt`)));
      expect(distinct.map((r) => r.status)).toContain(429);
    } finally {
      await app.close();
    }
  });
});
