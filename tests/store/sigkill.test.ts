import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { DATABASE_FILE, openSqliteStore } from '../../server/store/sqlite.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';

const ROWS = 100_000;
const TOKEN = 'sigkill-test-token';
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-sigkill-'));
// DATABASE_URL emptied: this is about the SQLite file, even when the suite also runs against PostgreSQL.
const env = { DATA_DIR: dataDir, DATABASE_URL: '', EDITOR_TOKEN: TOKEN, IMPORT_MAX_ROWS: String(ROWS), LOG_LEVEL: 'error' };
const running: RunningServer[] = [];

afterAll(async () => {
  for (const server of running) if (server.process.exitCode === null && server.process.signalCode === null) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Bytes of the database file and its WAL: rows reach the WAL as they are written, and the database at each checkpoint. */
const storedBytes = () => {
  const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  return size(join(dataDir, DATABASE_FILE)) + size(join(dataDir, `${DATABASE_FILE}-wal`));
};

/** A large register: every row valid, so the import is one big write (committed in slices, made visible at the end). */
function largeCsv(): string {
  const lines = ['编号,名称,城市,行业,经度,纬度'];
  for (let i = 0; i < ROWS; i++) lines.push(`K${i},断电测试机构${i},广州,智能制造,${(113.2 + (i % 1000) / 10_000).toFixed(5)},${(23.05 + Math.floor(i / 1000) / 10_000).toFixed(5)}`);
  return lines.join('\n');
}

test('a server killed with SIGKILL in the middle of a large import restarts with an intact database holding all of it or none', { timeout: 180_000 }, async () => {
  const first = await startServer(env);
  running.push(first);
  const form = new FormData();
  form.append('file', new Blob([largeCsv()]), 'large.csv');
  const bytesBefore = storedBytes();
  let answered = false;
  const answer = fetch(`${first.url}api/datasets`, { method: 'POST', body: form, headers: { authorization: `Bearer ${TOKEN}` } })
    .then(() => (answered = true))
    .catch(() => undefined);

  // The records are written as the import goes; kill once the write is well under way.
  const deadline = Date.now() + 120_000;
  while (!answered && storedBytes() < bytesBefore + 8 * 1024 * 1024 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const killedMidImport = !answered;
  const exited = new Promise((resolve) => first.process.once('exit', resolve));
  first.process.kill('SIGKILL');
  await exited;
  await answer;
  expect(killedMidImport, 'the import finished before the kill; make it larger').toBe(true);

  const second = await startServer(env);
  running.push(second);
  const datasets = (await (await fetch(`${second.url}api/datasets`)).json()) as { records: number }[];
  const found = (await (await fetch(`${second.url}api/organizations?q=${encodeURIComponent('断电测试机构')}&limit=1`)).json()) as { total: number };
  await second.stop();

  expect(datasets.length === 0 || (datasets.length === 1 && datasets[0].records === ROWS)).toBe(true);
  expect([0, ROWS]).toContain(found.total);
  const store = openSqliteStore(dataDir);
  try {
    expect(await store.integrityCheck()).toBe('ok');
  } finally {
    await store.close();
  }
});
