import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DATABASE_FILE } from '../../server/store/sqlite.ts';
import { appWithTempData, FIXTURES, upload } from './datasets-upload.ts';

interface Expected {
  status: number;
  code: string;
  row?: number | null;
  column?: string | null;
  /** The datum the file is sent as (default WGS84). */
  crs?: string;
}

const expectations: Record<string, Expected> = JSON.parse(readFileSync(join(FIXTURES, 'bad', 'expectations.json'), 'utf8'));
const badFiles = readdirSync(join(FIXTURES, 'bad')).filter((f) => f !== 'expectations.json');

let env: Awaited<ReturnType<typeof appWithTempData>>;

/** SHA-256 of the database file and its write-ahead log: equal hashes mean byte-for-byte the same data. */
function databaseBytes(): string {
  const hash = createHash('sha256');
  for (const suffix of ['', '-wal']) {
    const file = join(env.dataDir, DATABASE_FILE + suffix);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

beforeAll(async () => {
  env = await appWithTempData({ importLimits: { maxRows: 1000, maxFileBytes: 512 * 1024 } });
  const first = await upload(env.app, 'amap-gbk-gcj02.csv', { fields: { crs: 'GCJ02' } });
  expect(first.statusCode).toBe(201);
});
afterAll(() => env.dispose());

test('the corpus holds at least 30 bad files, each with its expected answer', () => {
  expect(badFiles.length).toBeGreaterThanOrEqual(30);
  expect(Object.keys(expectations).sort()).toEqual([...badFiles].sort());
});

describe('every bad file is refused with a 4xx naming the row and column, and the database is unchanged', () => {
  test.each(badFiles)('%s', async (name) => {
    const expected = expectations[name];
    const before = databaseBytes();
    const datasetsBefore = await env.app.store.datasets.list();

    const res = await upload(env.app, `bad/${name}`, { fields: { crs: expected.crs ?? 'WGS84' } });

    expect(res.statusCode).toBe(expected.status);
    const body = res.json();
    expect(body.parameter).toBe('file');
    const problem = body.report.problems.find((p: { code: string; severity: string }) => p.code === expected.code && p.severity === 'error');
    expect(problem, `problems: ${JSON.stringify(body.report.problems.slice(0, 3))}`).toBeDefined();
    if (expected.row !== undefined) expect(problem.row).toBe(expected.row);
    if (expected.column !== undefined) expect(problem.column).toBe(expected.column);
    expect(problem.problem_zh.length).toBeGreaterThan(0);
    expect(problem.expected.length).toBeGreaterThan(0);
    expect(databaseBytes()).toBe(before);
    expect(await env.app.store.datasets.list()).toEqual(datasetsBefore);
  });
});
