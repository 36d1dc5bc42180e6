import { mkdtempSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
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

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-wal-'));
  dirs.push(dir);
  return dir;
};
const NEW_DATASET = { id: 'ds', name: 'test', file_name: 'test.csv', format: 'csv', crs: 'WGS84', report: {} };

async function importRows(n: number): Promise<number> {
  const dir = tempDir();
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

  test('a big import yields the event loop while it is written, and readers meanwhile see none of it', async () => {
    const store = openSqliteStore(tempDir());
    const seen: { listed: number; found: boolean }[] = [];
    let writing = true;
    const written = store.datasets.create(NEW_DATASET, records(60_000), { keyId: 'editor' }).finally(() => (writing = false));
    while (writing) {
      await new Promise((resolve) => setImmediate(resolve));
      if (writing) seen.push({ listed: (await store.datasets.list()).length, found: (await store.datasets.get('ds')) !== undefined });
    }
    expect((await written).records).toBe(60_000);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.listed === 0 && !s.found)).toBe(true);
    expect(await store.datasets.records('ds')).toHaveLength(60_000);
    await store.close();
  });

  test('an import cut off while it is written (the process killed) is gone when the store opens again', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    await store.datasets.create({ ...NEW_DATASET, id: 'kept' }, records(3), { keyId: 'editor' });
    await store.close();
    // What a kill between two slices leaves: the dataset row at version 0 and some of its records.
    const db = new Database(join(dir, DATABASE_FILE));
    db.prepare("INSERT INTO datasets (id, name, file_name, format, crs, created_at, created_by, version, report) VALUES ('cut', 'cut', 'c.csv', 'csv', 'WGS84', '2026-11-29', 'editor', 0, '{}')").run();
    db.prepare("INSERT INTO records (dataset_id, record_id, valid_from, feature) VALUES ('cut', 'r0', 1, '{}')").run();
    db.close();
    const reopened = openSqliteStore(dir);
    expect((await reopened.datasets.list()).map((d) => d.id)).toEqual(['kept']);
    expect(await reopened.datasets.records('cut')).toEqual([]);
    // The id is free again: nothing of the cut import is left behind.
    await reopened.datasets.create({ ...NEW_DATASET, id: 'cut' }, records(2), { keyId: 'editor' });
    expect(await reopened.datasets.records('cut')).toHaveLength(2);
    await reopened.close();
  });
});
