import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ImportedOrganization } from '../../server/schemas/datasets.ts';
import { openStore, type StoreLocation } from '../../server/store/open-store.ts';
import type { Store } from '../../server/store/repository.ts';
import { DATABASE_FILE } from '../../server/store/sqlite.ts';
import { freshPostgresSchema, queryOnce } from '../helpers/postgres-schema.ts';

/** One backend under test: fresh empty storage, and a way to make it look written by a newer program. */
interface Backend {
  name: 'sqlite' | 'postgres';
  fresh(): Promise<{ location: StoreLocation; markNewerSchema(): Promise<void>; dispose(): Promise<void> }>;
}

const sqlite: Backend = {
  name: 'sqlite',
  async fresh() {
    const dataDir = mkdtempSync(join(tmpdir(), 'atlas-store-'));
    return {
      location: { dataDir },
      async markNewerSchema() {
        // user_version lives at byte 60 of the SQLite header.
        const fd = openSync(join(dataDir, DATABASE_FILE), 'r+');
        writeSync(fd, Buffer.from([0, 0, 0, 99]), 0, 4, 60);
        closeSync(fd);
      },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true })
    };
  }
};

const postgres = (databaseUrl: string): Backend => ({
  name: 'postgres',
  async fresh() {
    const schema = await freshPostgresSchema(databaseUrl);
    return {
      location: { dataDir: '', databaseUrl: schema.url },
      markNewerSchema: async () => void (await queryOnce(schema.url, 'INSERT INTO schema_migrations (version) VALUES (99)')),
      dispose: () => schema.drop()
    };
  }
});

const backends = [sqlite, ...(process.env.DATABASE_URL ? [postgres(process.env.DATABASE_URL)] : [])];
const by = { keyId: 'k_test' };
const quiet = { warn: () => undefined, error: () => undefined };

const feature = (recordId: string, name: string, coordinates = [113.3, 23.1]): ImportedOrganization => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates },
  properties: {
    id: `ds00000001-${recordId}`,
    name_zh: name,
    name_en: name,
    type: 'firm',
    city: 'guangzhou',
    sectors: [],
    precision_m: 500,
    source: 'test',
    source_date: '2026-11-25',
    dataset_id: 'ds00000001',
    record_id: recordId,
    original_coordinates: coordinates,
    original_crs: 'WGS84'
  }
});

describe.each(backends)('the $name store', (backend) => {
  let storage: Awaited<ReturnType<Backend['fresh']>>;
  let store: Store;
  const names = async () => (await store.datasets.records('ds00000001')).map((r) => r.feature.properties.name_zh).sort();

  beforeEach(async () => {
    storage = await backend.fresh();
    store = await openStore(storage.location, quiet);
    await store.datasets.create({ id: 'ds00000001', name: 'n', file_name: 'f.csv', format: 'csv', crs: 'WGS84', report: { rows: { total: 2 } } }, [{ recordId: 'a', feature: feature('a', 'A') }, { recordId: 'b', feature: feature('b', 'B') }], by);
  });
  afterEach(async () => {
    await store.close();
    await storage.dispose();
  });

  test('a new store is migrated, passes the integrity check and gives back records exactly as written, in order', async () => {
    expect(store.backend).toBe(backend.name);
    expect(await store.integrityCheck()).toBe('ok');
    expect(await store.datasets.records('ds00000001')).toEqual([{ recordId: 'a', feature: feature('a', 'A') }, { recordId: 'b', feature: feature('b', 'B') }]);
    expect(await store.datasets.report('ds00000001')).toEqual({ rows: { total: 2 } });
    expect(await store.datasets.get('ds00000001')).toMatchObject({ version: 1, records: 2, created_by: 'k_test', created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
  });

  test('reopening keeps the data and does not migrate twice', async () => {
    await store.close();
    store = await openStore(storage.location, quiet);
    expect(await names()).toEqual(['A', 'B']);
  });

  test('a database from a newer version of the program is refused rather than damaged', async () => {
    await store.close();
    await storage.markNewerSchema();
    await expect(openStore(storage.location, quiet)).rejects.toThrow(/schema version 99/);
    await storage.dispose();
    storage = await backend.fresh();
    store = await openStore(storage.location, quiet);
  });

  test('every write is a version with who and what; rollback restores any version without losing later ones', async () => {
    await store.datasets.putRecord('ds00000001', { recordId: 'a', feature: feature('a', 'A2') }, by);
    await store.datasets.deleteRecord('ds00000001', 'b', by);
    await store.datasets.putRecord('ds00000001', { recordId: 'c', feature: feature('c', 'C') }, by);
    expect(await names()).toEqual(['A2', 'C']);
    expect((await store.datasets.history('ds00000001')).map((v) => [v.version, v.action, v.key_id, v.detail])).toEqual([
      [1, 'import', 'k_test', { file_name: 'f.csv', records: 2 }],
      [2, 'update-record', 'k_test', { record_id: 'a', changed: ['name_zh', 'name_en'] }],
      [3, 'delete-record', 'k_test', { record_id: 'b' }],
      [4, 'update-record', 'k_test', { record_id: 'c', created: true }]
    ]);

    await store.datasets.rollback('ds00000001', 2, by);
    expect(await names()).toEqual(['A2', 'B']);
    await store.datasets.rollback('ds00000001', 1, by);
    expect(await names()).toEqual(['A', 'B']);
    const last = await store.datasets.rollback('ds00000001', 4, by);
    expect(last).toMatchObject({ version: 7, action: 'rollback', detail: { to_version: 4, restored: 2, removed: 2 } });
    expect(await names()).toEqual(['A2', 'C']);
    expect(await store.datasets.get('ds00000001')).toMatchObject({ version: 7, records: 2 });
    expect(await store.integrityCheck()).toBe('ok');
  });

  test('deleting a dataset empties it as a new version that a rollback undoes', async () => {
    expect(await store.datasets.deleteDataset('ds00000001', by)).toMatchObject({ version: 2, detail: { records: 2 } });
    expect(await store.datasets.get('ds00000001')).toMatchObject({ version: 2, records: 0 });
    await store.datasets.rollback('ds00000001', 1, by);
    expect(await names()).toEqual(['A', 'B']);
  });

  test('a failing write leaves no trace: the version is not bumped', async () => {
    await expect(store.datasets.deleteRecord('ds00000001', 'zz', by)).rejects.toThrow(/no current record/);
    expect((await store.datasets.get('ds00000001'))?.version).toBe(1);
    expect(await store.datasets.history('ds00000001')).toHaveLength(1);
    await expect(store.datasets.putRecord('ds99999999', { recordId: 'a', feature: feature('a', 'X') }, by)).rejects.toThrow(/no dataset/);
  });

  test('an import whose records cannot all be stored stores none of them, not even the dataset', async () => {
    const duplicate = [{ recordId: 'x', feature: feature('x', 'X') }, { recordId: 'x', feature: feature('x', 'X again') }];
    await expect(store.datasets.create({ id: 'ds00000002', name: 'dup', file_name: 'd.csv', format: 'csv', crs: 'WGS84', report: {} }, duplicate, by)).rejects.toThrow();
    expect(await store.datasets.get('ds00000002')).toBeUndefined();
    expect((await store.datasets.list()).map((d) => d.id)).toEqual(['ds00000001']);
  });

  test('writes racing on one dataset each get their own version, none lost', async () => {
    const edits = ['p', 'q', 'r', 's', 't'].map((id) => store.datasets.putRecord('ds00000001', { recordId: id, feature: feature(id, id.toUpperCase()) }, by));
    const versions = (await Promise.all(edits)).map((v) => v.version).sort();
    expect(versions).toEqual([2, 3, 4, 5, 6]);
    expect(await names()).toEqual(['A', 'B', 'P', 'Q', 'R', 'S', 'T']);
  });

  test('keys are found by hash only while not revoked', async () => {
    await store.keys.add({ id: 'k1', hash: 'h1', role: 'editor', label: 'x' });
    expect((await store.keys.byHash('h1'))?.role).toBe('editor');
    expect(await store.keys.count()).toBe(1);
    expect(await store.keys.revoke('k1')).toBe(true);
    expect(await store.keys.byHash('h1')).toBeUndefined();
    expect(await store.keys.count()).toBe(0);
    expect(await store.keys.revoke('k1')).toBe(false);
  });

  test('tours are saved, listed in creation order, replaced and deleted', async () => {
    const doc = (title: string) => ({ format: 'cluster-atlas-tour', version: 1, id: 'x', title: { zh: title, en: title }, steps: [] }) as never;
    await store.tours.create('t1', doc('一'), by);
    await store.tours.create('t2', doc('二'), { keyId: 'k_other' });
    expect((await store.tours.list()).map((t) => t.id)).toEqual(['t1', 't2']);
    expect(await store.tours.replace('t1', doc('一改'), { keyId: 'k_other' })).toMatchObject({ id: 't1', created_by: 'k_test', updated_by: 'k_other', document: { title: { zh: '一改' } } });
    expect(await store.tours.replace('t9', doc('无'), by)).toBeUndefined();
    expect(await store.tours.delete('t2')).toBe(true);
    expect(await store.tours.delete('t2')).toBe(false);
    expect((await store.tours.get('t1'))?.document).toMatchObject({ title: { zh: '一改' } });
  });
});

describe('the SQLite file', () => {
  test('a new data directory gets a database in WAL mode', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atlas-store-'));
    const store = await openStore({ dataDir }, quiet);
    try {
      // WAL mode keeps a -wal file beside the database while it is open.
      expect(() => readFileSync(join(dataDir, `${DATABASE_FILE}-wal`))).not.toThrow();
      expect(readFileSync(join(dataDir, DATABASE_FILE)).subarray(18, 20)).toEqual(Buffer.from([2, 2]));
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
