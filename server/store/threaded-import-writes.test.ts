import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { DATABASE_FILE, openSqliteStore } from './sqlite.ts';
import { RecordWriterStoppedError, threadedImportWrites } from './threaded-import-writes.ts';

const dirs: string[] = [];
afterEach(() => {
  delete process.env.RECORD_WRITER_TEST_STOP;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storeAndThreadedWrites() {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-threaded-writes-'));
  dirs.push(dir);
  const store = openSqliteStore(dir);
  return { store, writes: threadedImportWrites(join(dir, DATABASE_FILE)) };
}

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `r${from + i}`);
const features = (n: number, from = 0) => ids(n, from).map((id) => JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [113.3, 23.1] }, properties: { id: `ds-${id}`, record_id: id, name_zh: `机构 ${id}` } }));
const DATASET = { id: 'ds', name: 'register', file_name: 'register.csv', crs: 'WGS84' };

describe('an import whose records are inserted on a writer thread', () => {
  test('stores every batch handed over, in order, unseen until it is finished and then seen whole', async () => {
    const { store, writes } = storeAndThreadedWrites();
    writes.begin(DATASET, 'editor');
    // More batches than may wait for the writer, so the caller waits for it at times.
    for (let batch = 0; batch < 8; batch++) writes.insert('ds', ids(500, batch * 500), features(500, batch * 500));
    expect(await store.datasets.get('ds')).toBeUndefined();
    writes.finish('ds', 'csv', '{"rows":{"total":4000}}', 4000, 'register.csv');
    expect(await store.datasets.get('ds')).toMatchObject({ version: 1, records: 4000 });
    const records = await store.datasets.records('ds');
    expect(records.map((r) => r.recordId)).toEqual(ids(4000));
    expect(records[3999].feature.properties).toMatchObject({ record_id: 'r3999', name_zh: '机构 r3999' });
    await store.close();
  });

  test('a batch the writer cannot store fails the finish, naming why; dropped, nothing of the import is left', async () => {
    const { store, writes } = storeAndThreadedWrites();
    writes.begin(DATASET, 'editor');
    writes.insert('ds', ids(3), features(3));
    // The same record ids again: the store's unique index refuses the batch.
    writes.insert('ds', ids(3), features(3));
    expect(() => writes.finish('ds', 'csv', '{}', 6, 'register.csv')).toThrow(/could not be stored: UNIQUE constraint failed/);
    await writes.drop('ds');
    expect(await store.datasets.get('ds')).toBeUndefined();
    expect(await store.integrityCheck()).toBe('ok');
    // The writer goes on with the next import.
    writes.begin(DATASET, 'editor');
    writes.insert('ds', ids(2), features(2));
    writes.finish('ds', 'csv', '{}', 2, 'register.csv');
    expect(await store.datasets.get('ds')).toMatchObject({ version: 1, records: 2 });
    await store.close();
  });

  for (const [stop, how] of [['crash', 'throws, uncaught,'], ['exit', 'exits normally'], ['terminate', 'is terminated while it holds a batch']] as const) {
    test(`a writer thread that ${how} in the middle of an import fails it at once; dropped, nothing of it is left, and the next import gets a new writer`, async () => {
      // Read by the writer thread when it starts: it dies on its third batch, which it never answers.
      process.env.RECORD_WRITER_TEST_STOP = `${stop}:2`;
      const { store, writes } = storeAndThreadedWrites();
      delete process.env.RECORD_WRITER_TEST_STOP;
      writes.begin(DATASET, 'editor');
      // Without the writer's end waking it, the caller would block here for good: more batches than may wait.
      const insertAll = () => {
        for (let batch = 0; batch < 8; batch++) writes.insert('ds', ids(500, batch * 500), features(500, batch * 500));
        writes.finish('ds', 'csv', '{}', 4000, 'register.csv');
      };
      expect(insertAll).toThrow(RecordWriterStoppedError);
      await writes.drop('ds');
      expect(await store.datasets.get('ds')).toBeUndefined();
      expect(await store.datasets.list()).toEqual([]);
      expect(await store.integrityCheck()).toBe('ok');

      writes.begin(DATASET, 'editor');
      for (let batch = 0; batch < 4; batch++) writes.insert('ds', ids(500, batch * 500), features(500, batch * 500));
      writes.finish('ds', 'csv', '{}', 2000, 'register.csv');
      expect(await store.datasets.get('ds')).toMatchObject({ version: 1, records: 2000 });
      expect((await store.datasets.records('ds')).map((r) => r.recordId)).toEqual(ids(2000));
      await store.close();
    });
  }
});
