import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { EDITOR_TOKEN, multipart } from './datasets-upload.ts';

// Generous: on a loaded 2-core machine a worker's start alone can take seconds.
const PREPARED_WITHIN_MS = 90_000;
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-lookups-unwritable-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('a server whose lookups directory cannot be written starts, prepares and answers, and warns of it once, not on every data version', async () => {
  // The lookups file's directory (DATA_DIR/columns) cannot be made: a file holds its name. Unlike a read-only
  // mode, this refuses root too (tests may run as root), and the writes fail as they would on a read-only disk.
  writeFileSync(join(dataDir, 'columns'), 'not a directory');
  const log: { level: number; msg: string }[] = [];
  const app = await buildApp({ dataDir, databaseUrl: '', editorToken: EDITOR_TOKEN, analyticsPool: { threads: 1, warm: true }, logger: { level: 'info', stream: { write: (line: string) => void log.push(JSON.parse(line)) } } });
  try {
    await app.ready();
    const health = async () => (await app.inject('/api/health')).json<{ status: string; analytics: { prepared: boolean } }>();
    await expect.poll(async () => (await health()).analytics.prepared, { timeout: PREPARED_WITHIN_MS, interval: 50 }).toBe(true);
    const nni = await app.inject('/api/analytics/nni');
    expect(nni.statusCode).toBe(200);
    expect((await app.inject('/api/analytics/density?city=shenzhen')).statusCode).toBe(200);
    // The worker's log line travels apart from its answers: wait for it.
    const notWritten = () => log.filter((l) => l.msg.includes('analytics lookups not written'));
    await expect.poll(() => notWritten().length, { timeout: PREPARED_WITHIN_MS }).toBe(1);
    expect(notWritten()[0].level).toBe(40);

    // A new data version is prepared and its write fails the same way: noted, not warned of again.
    const upload = await multipart('more.csv', '编号,名称,城市,行业,经度,纬度\nU1,只读测试机构,广州,智能制造,113.30000,23.10000\n');
    const imported = await app.inject({ method: 'POST', url: '/api/datasets', headers: { ...upload.headers, authorization: `Bearer ${EDITOR_TOKEN}` }, payload: upload.payload });
    expect(imported.statusCode).toBe(201);
    await expect.poll(() => notWritten().length, { timeout: PREPARED_WITHIN_MS }).toBe(2);
    expect(notWritten().map((l) => l.level)).toEqual([40, 30]);
    expect((await app.inject('/api/health')).json()).toMatchObject({ analytics: { prepared: true } });
    expect((await app.inject('/api/analytics/nni')).statusCode).toBe(200);
  } finally {
    await app.close();
  }
}, 2 * PREPARED_WITHIN_MS);
