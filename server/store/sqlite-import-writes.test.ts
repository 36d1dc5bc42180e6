import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openSqliteConnection } from './sqlite-connection.ts';
import { sqliteImportWrites } from './sqlite-import-writes.ts';
import { DATABASE_FILE, openSqliteStore } from './sqlite.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A store (the main thread's connection) and a second connection to its file, as an import worker opens it. */
function storeAndWorkerConnection() {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-import-writes-'));
  dirs.push(dir);
  const store = openSqliteStore(dir);
  const worker = openSqliteConnection(join(dir, DATABASE_FILE));
  return { store, worker, writes: sqliteImportWrites(worker), close: async () => { worker.close(); await store.close(); } };
}

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `r${from + i}`);
const features = (n: number, from = 0) => ids(n, from).map((id) => JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [113.3, 23.1] }, properties: { id: `ds-${id}`, record_id: id } }));
const DATASET = { id: 'ds', name: 'register', file_name: 'register.csv', crs: 'WGS84' };

describe('an import written on a second connection (the import worker’s)', () => {
  test('is unseen by the store until it is finished, then seen whole with its report and first version', async () => {
    const { store, writes, close } = storeAndWorkerConnection();
    writes.begin(DATASET, 'editor');
    writes.insert('ds', ids(3), features(3));
    writes.insert('ds', ids(2, 3), features(2, 3));
    expect(await store.datasets.list()).toEqual([]);
    expect(await store.datasets.get('ds')).toBeUndefined();
    writes.finish('ds', 'csv', '{"rows":{"total":5}}', 5, 'register.csv');
    expect(await store.datasets.get('ds')).toMatchObject({ id: 'ds', name: 'register', format: 'csv', version: 1, records: 5, created_by: 'editor' });
    expect(await store.datasets.report('ds')).toEqual({ rows: { total: 5 } });
    expect((await store.datasets.records('ds')).map((r) => r.recordId)).toEqual(ids(5));
    expect(await store.datasets.history('ds')).toMatchObject([{ version: 1, action: 'import', key_id: 'editor', detail: { file_name: 'register.csv', records: 5 } }]);
    await close();
  });

  test('stops a slice where `until` says, and the next slice goes on from there', () => {
    const { writes, worker, close } = storeAndWorkerConnection();
    writes.begin(DATASET, 'editor');
    const next = writes.insert('ds', ids(10), features(10), 0, (inserted) => inserted === 4);
    expect(next).toBe(4);
    expect(writes.insert('ds', ids(10), features(10), next)).toBe(10);
    expect(worker.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 10 });
    void close();
  });

  test('dropped, leaves no row behind in any table, however many slices it takes', async () => {
    const { store, writes, worker, close } = storeAndWorkerConnection();
    writes.begin(DATASET, 'editor');
    // More rows than one DELETE removes.
    writes.insert('ds', ids(12_000), features(12_000));
    let pauses = 0;
    await writes.drop('ds', async () => void pauses++);
    expect(pauses).toBeGreaterThanOrEqual(2);
    for (const table of ['records', 'datasets', 'dataset_versions']) expect(worker.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    expect(await store.datasets.list()).toEqual([]);
    await close();
  });

  test('left unfinished by a crash, is removed when the store next opens', async () => {
    const { writes, worker, close } = storeAndWorkerConnection();
    writes.begin(DATASET, 'editor');
    writes.insert('ds', ids(3), features(3));
    const file = worker.name;
    await close();
    const again = openSqliteConnection(file);
    openSqliteStore(join(file, '..')).close();
    expect(again.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 0 });
    again.close();
  });
});
