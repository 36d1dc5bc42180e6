import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp, type App, type AppOptions } from '../../server/app.ts';
import { appWithTempData, editor, EDITOR_TOKEN, upload } from './datasets-upload.ts';

// 2,000 rows: enough that the snapshot is a real file of columns, small enough for a loaded machine.
const csv = ['id,name,name_en,city,sector,type,longitude,latitude,precision', ...Array.from({ length: 2000 }, (_, i) => `r${i},测试机构 ${i},Test org ${i},${i % 2 ? 'shenzhen' : 'guangzhou'},computer-vision,firm,${113.2 + (i % 97) / 200},${22.5 + (i % 89) / 300},${100 + (i % 7)}`)].join('\n');

let env: Awaited<ReturnType<typeof appWithTempData>>;
let datasetId: string;
const snapshotDir = () => join(env.dataDir, 'columns');
const snapshotFile = () => join(snapshotDir(), `${datasetId}.columns`);

/** Everything /api/organizations serves, page by page. */
async function served(app: App): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = (await app.inject(`/api/organizations?limit=1000&offset=${offset}`)).json();
    out.push(...page.features);
    if (offset + 1000 >= page.total) return out;
  }
}

/** Closes the running app and starts a new one on the same data, as a restart does. */
async function restart(options: AppOptions = {}): Promise<App> {
  await env.app.close();
  env.app = await buildApp({ ...env.storage, editorToken: EDITOR_TOKEN, ...options });
  await env.app.ready();
  return env.app;
}

beforeAll(async () => {
  env = await appWithTempData();
  const res = await upload(env.app, 'register.csv', { bytes: csv });
  expect(res.statusCode).toBe(201);
  datasetId = res.json().dataset.id;
}, 120_000);
afterAll(() => env.dispose());

describe(`a restart after an import (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  test('serves the same organisations, loaded from the column snapshot written after the import', async () => {
    expect(existsSync(snapshotFile())).toBe(true);
    const before = await served(env.app);
    expect(before.length).toBeGreaterThan(2000);
    const written = statSync(snapshotFile()).mtimeMs;
    const app = await restart();
    // Used, not rebuilt: a snapshot that is not used is written again.
    expect(statSync(snapshotFile()).mtimeMs).toBe(written);
    expect(await served(app)).toEqual(before);
    const one = (await app.inject(`/api/organizations/${datasetId}-r1234`)).json();
    expect(one.properties).toMatchObject({ name_zh: '测试机构 1234', city: 'guangzhou', dataset_id: datasetId, record_id: 'r1234', precision_m: 100 + (1234 % 7) });
    expect((await app.inject('/api/organizations?q=测试机构 1999')).json().total).toBe(1);
  }, 120_000);

  test('a corrupt snapshot is detected, the records are read instead, and the snapshot is rebuilt', async () => {
    const before = await served(env.app);
    const good = readFileSync(snapshotFile());
    const corrupt = Buffer.from(good);
    corrupt[corrupt.length - 100] ^= 0x55;
    writeFileSync(snapshotFile(), corrupt);
    const app = await restart();
    expect(await served(app)).toEqual(before);
    expect(readFileSync(snapshotFile()).equals(good)).toBe(true);
  }, 120_000);

  test('without a snapshot, a large dataset is read by two worker threads and joined on one: the same organisations, and the same snapshot written again', async () => {
    const before = await served(env.app);
    const good = readFileSync(snapshotFile());
    rmSync(snapshotFile());
    // Every dataset counts as large here (SQLite: its records are read in two parts, each on a worker's own connection; PostgreSQL: only the join runs there).
    const app = await restart({ readInWorkerMinRows: 0, readInPartsMinRows: 0 });
    expect(await served(app)).toEqual(before);
    expect(readFileSync(snapshotFile()).equals(good)).toBe(true);
    expect((await app.inject('/api/organizations?q=测试机构 1999')).json().total).toBe(1);
    // And the snapshot it wrote is what the worker loads next time (used, not rebuilt).
    const written = statSync(snapshotFile()).mtimeMs;
    expect(await served(await restart({ readInWorkerMinRows: 0 }))).toEqual(before);
    expect(statSync(snapshotFile()).mtimeMs).toBe(written);
  }, 120_000);

  test('a stale snapshot (from before an edit) is not used: the restart serves the edit', async () => {
    copyFileSync(snapshotFile(), `${snapshotFile()}.old`);
    const edit = await env.app.inject({ method: 'PATCH', url: `/api/datasets/${datasetId}/records/r7`, headers: editor, payload: { name_zh: '改名机构' } });
    expect(edit.statusCode).toBe(200);
    const before = await served(env.app);
    copyFileSync(`${snapshotFile()}.old`, snapshotFile());
    const app = await restart();
    expect(await served(app)).toEqual(before);
    expect((await app.inject(`/api/organizations/${datasetId}-r7`)).json().properties.name_zh).toBe('改名机构');
  }, 120_000);

  test('deleting the dataset removes its snapshot, and a restart serves only the shipped organisations', async () => {
    const shipped = (await env.app.inject('/api/health')).json().data.organizations - 2000;
    const res = await env.app.inject({ method: 'DELETE', url: `/api/datasets/${datasetId}`, headers: editor });
    expect(res.statusCode).toBe(200);
    expect(existsSync(snapshotFile())).toBe(false);
    const app = await restart();
    expect((await app.inject('/api/health')).json().data.organizations).toBe(shipped);
    expect(readdirSync(snapshotDir()).filter((f) => f.endsWith('.columns'))).toEqual([]);
  }, 120_000);
});
