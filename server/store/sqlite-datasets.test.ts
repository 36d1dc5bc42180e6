import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { StoredRecord } from './repository.ts';
import { DATABASE_FILE, openSqliteStore } from './sqlite.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const records = (n: number): StoredRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    recordId: `r${i}`,
    feature: {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [113.3, 23.1] },
      properties: {
        id: `ds-r${i}`, name_zh: `机构 ${i}`, name_en: `Organisation ${i}`, type: 'firm', city: 'guangzhou', sectors: [], precision_m: 1,
        source: 'test', source_date: '2026-11-29', dataset_id: 'ds', record_id: `r${i}`, original_coordinates: [113.3, 23.1], original_crs: 'WGS84'
      }
    }
  }));

async function importRows(n: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-wal-'));
  dirs.push(dir);
  const store = openSqliteStore(dir);
  await store.datasets.create({ id: 'ds', name: 'test', file_name: 'test.csv', format: 'csv', crs: 'WGS84', report: {} }, records(n), { keyId: 'editor' });
  const walBytes = statSync(join(dir, `${DATABASE_FILE}-wal`)).size;
  await store.close();
  return walBytes;
}

describe('SQLite imports', () => {
  test('a big import is checkpointed: the WAL is empty afterwards', async () => {
    expect(await importRows(10_000)).toBe(0);
  });

  test('a small import leaves its pages in the WAL for the next automatic checkpoint', async () => {
    expect(await importRows(10)).toBeGreaterThan(0);
  });
});
