import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { DATABASE_FILE, openSqliteStore } from '../../server/store/sqlite.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';

const TOKEN = 'writer-dies-test-token';
/** The import's time budget: the failure must come long before it (it used to come only at its end). */
const BUDGET_MS = 300_000;
/** 4 batches of the writer's 5,000 records. */
const ROWS = 20_000;
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-writer-dies-'));
// DATABASE_URL emptied: only the SQLite store writes records on a writer thread. RECORD_WRITER_TEST_STOP: each
// writer thread is stopped with worker.terminate() on the third batch it receives, in the middle of the large import.
const env = { DATA_DIR: dataDir, DATABASE_URL: '', EDITOR_TOKEN: TOKEN, IMPORT_MAX_ROWS: String(ROWS), IMPORT_BUDGET_MS: String(BUDGET_MS), RECORD_WRITER_TEST_STOP: 'terminate:2', LOG_LEVEL: 'fatal' };
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function register(prefix: string, rows: number): string {
  const lines = ['编号,名称,城市,行业,经度,纬度'];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}${i},${prefix}写入测试机构${i},广州,智能制造,${(113.2 + (i % 1000) / 10_000).toFixed(5)},${(23.05 + Math.floor(i / 1000) / 10_000).toFixed(5)}`);
  return lines.join('\n');
}

async function importCsv(url: string, csv: string, name: string) {
  const form = new FormData();
  form.append('file', new Blob([csv]), `${name}.csv`);
  const response = await fetch(`${url}api/datasets`, { method: 'POST', body: form, headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
}

test('a record writer thread that dies in the middle of an import fails it at once with a 503 saying it may be retried, stores none of it, and the next import works', { timeout: BUDGET_MS + 120_000 }, async () => {
  server = await startServer(env);
  const { url } = server;
  expect((await importCsv(url, register('A', 3), 'before')).status).toBe(201);
  const listBefore = await (await fetch(`${url}api/datasets`)).json();

  const started = performance.now();
  const failed = await importCsv(url, register('B', ROWS), 'large');
  const elapsedMs = performance.now() - started;
  expect(failed.status).toBe(503);
  expect(failed.body).toMatchObject({ error: 'Service Unavailable', message: expect.stringMatching(/not stored.*may be sent again.*·.*可重新发送/) });
  expect(failed.retryAfter).toBe('1');
  // Generous (the import itself takes a few seconds here): a writer that is not noticed answers only when the budget ends.
  expect(elapsedMs, 'the import waited for its time budget instead of failing when the writer died').toBeLessThan(BUDGET_MS / 3);
  expect(await (await fetch(`${url}api/datasets`)).json()).toEqual(listBefore);
  const found = (await (await fetch(`${url}api/organizations?q=${encodeURIComponent('B写入测试机构')}&limit=1`)).json()) as { total: number };
  expect(found.total).toBe(0);

  const after = await importCsv(url, register('C', 3), 'after');
  expect(after.status).toBe(201);
  expect(after.body).toMatchObject({ dataset: { records: 3 } });
  await server.stop();
  server = undefined;

  // Nothing of the failed import is left in the file, not even at version 0 (which no query sees).
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    expect(db.prepare('SELECT count(*) AS n FROM datasets WHERE version = 0').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM records WHERE record_id LIKE 'B%'").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM records WHERE record_id LIKE 'C%'").get()).toEqual({ n: 3 });
  } finally {
    db.close();
  }
  const store = openSqliteStore(dataDir);
  try {
    expect(await store.integrityCheck()).toBe('ok');
    expect((await store.datasets.list()).map((d) => d.records)).toEqual([3, 3]);
  } finally {
    await store.close();
  }
});
