import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerCsv } from '../../bench/synthetic-register.ts';
import { INLINE_NAME_INDEX_MAX } from '../../server/catalog/name-search.ts';
import { SERVER_BUILD_DIR } from '../../server/compile-server.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';
import { syntheticOrganizationsAroundParks } from '../helpers/synthetic-geodata.ts';

// The compiled server (server-build/main.js, what `npm start` runs) holds no TypeScript, so each answer below
// comes from compiled JavaScript on the thread that makes it: a worker entry that failed to load its compiled
// module would have no `.ts` beside it to fall back on, and the request would fail.
const TOKEN = 'compiled-server-token';
// Seeded synthetic rows (labelled synthetic, never shipped), more than the name search indexes on the main thread
// (INLINE_NAME_INDEX_MAX), so that once imported the names are searched in the name-search worker.
const ROWS = INLINE_NAME_INDEX_MAX + 1_000;
const csv = registerCsv(syntheticOrganizationsAroundParks(ROWS, 11));

describe('the compiled server, as `npm start` runs it', () => {
  let server: RunningServer;
  const get = async (path: string) => {
    const res = await fetch(new URL(path, server.url));
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    server = await startServer({ EDITOR_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: 'off' }, { compiled: true });
    // Generous: compiling the server and starting it on a loaded 2-core machine.
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
  });

  test('holds no TypeScript, and each worker entry finds its compiled module beside it', () => {
    const files = readdirSync(SERVER_BUILD_DIR, { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    const entries = files.filter((f) => f.endsWith('-entry.mjs'));
    expect(entries.length).toBeGreaterThanOrEqual(6);
    for (const entry of entries) {
      const name = readFileSync(join(SERVER_BUILD_DIR, entry), 'utf8').match(/importWorkerModule\(import\.meta\.url, '\.\/([\w-]+)'\)/)?.[1];
      expect(name, `${entry} loads its module through importWorkerModule`).toBeDefined();
      expect(existsSync(join(SERVER_BUILD_DIR, dirname(entry), `${name}.js`)), `${entry} → ${name}.js`).toBe(true);
    }
  });

  test('serves a map tile of the organisations', async () => {
    const tile = await get('/tiles/organizations/10/836/446.mvt');
    expect(tile.status).toBe(200);
    expect(tile.body.length).toBeGreaterThan(0);
  });

  test('answers an analytics request, which runs in a worker thread', async () => {
    const nni = await get('/api/analytics/nni');
    expect(nni.status, nni.body.toString().slice(0, 300)).toBe(200);
    const body = JSON.parse(nni.body.toString()) as { overall: { n: number; ratio: number; pattern: string } };
    expect(body.overall.n).toBeGreaterThan(1);
    expect(body.overall.ratio).toBeGreaterThan(0);
    expect(['clustered', 'random', 'dispersed']).toContain(body.overall.pattern);
  });

  test('imports a register through the import thread and serves its rows', async () => {
    const before = JSON.parse((await get('/api/health')).body.toString()) as { data: { organizations: number } };
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'synthetic-register.csv');
    const res = await fetch(new URL('/api/datasets', server.url), { method: 'POST', body: form, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status, (await res.clone().text()).slice(0, 300)).toBe(201);
    const served = async () => (JSON.parse((await get('/api/health')).body.toString()) as { data: { organizations: number } }).data.organizations;
    await expect.poll(served, { timeout: 60_000, interval: 200 }).toBe(before.data.organizations + ROWS);
  });

  // After the import above (tests in a file run in order): its rows put the names in the name-search worker.
  test('finds organisations by Chinese and English name, through the name-search worker', async () => {
    for (const q of ['腾讯', 'tencent', '合成机构 4242', 'synthetic organisation 4242']) {
      const found = await get(`/api/organizations?q=${encodeURIComponent(q)}&limit=5`);
      expect(found.status).toBe(200);
      const body = JSON.parse(found.body.toString()) as { features: { properties: { name_zh: string; name_en: string } }[] };
      expect(body.features.length, q).toBeGreaterThan(0);
      for (const f of body.features) for (const term of q.split(' ')) expect(`${f.properties.name_zh} ${f.properties.name_en}`.toLowerCase()).toContain(term);
    }
  });
});
