import { mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ImportedOrganization } from '../../server/schemas/datasets.ts';
import { DATABASE_FILE, openSqliteStore } from '../../server/store/sqlite.ts';
import type { Store } from '../../server/store/repository.ts';

let dataDir: string;
let store: Store;
const by = { keyId: 'k_test' };

const feature = (recordId: string, name: string): ImportedOrganization => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [113.3, 23.1] },
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
    original_coordinates: [113.3, 23.1],
    original_crs: 'WGS84'
  }
});
const names = () => store.datasets.records('ds00000001').map((r) => r.feature.properties.name_zh).sort();

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-store-'));
  store = openSqliteStore(dataDir);
  store.datasets.create({ id: 'ds00000001', name: 'n', file_name: 'f.csv', format: 'csv', crs: 'WGS84', report: {} }, [{ recordId: 'a', feature: feature('a', 'A') }, { recordId: 'b', feature: feature('b', 'B') }], by);
});
afterEach(() => {
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a new data directory gets a migrated database in WAL mode that passes the integrity check', () => {
  expect(store.integrityCheck()).toBe('ok');
  // WAL mode keeps a -wal file beside the database while it is open.
  expect(() => readFileSync(join(dataDir, `${DATABASE_FILE}-wal`))).not.toThrow();
  expect(readFileSync(join(dataDir, DATABASE_FILE)).subarray(18, 20)).toEqual(Buffer.from([2, 2]));
});

test('reopening keeps the data and does not migrate twice', () => {
  store.close();
  store = openSqliteStore(dataDir);
  expect(names()).toEqual(['A', 'B']);
});

test('a database from a newer version of the program is refused rather than damaged', () => {
  store.close();
  // user_version lives at byte 60 of the SQLite header.
  const fd = openSync(join(dataDir, DATABASE_FILE), 'r+');
  writeSync(fd, Buffer.from([0, 0, 0, 99]), 0, 4, 60);
  closeSync(fd);
  expect(() => openSqliteStore(dataDir)).toThrow(/schema version 99/);
  rmSync(dataDir, { recursive: true, force: true });
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-store-'));
  store = openSqliteStore(dataDir);
});

test('every write is a version with who and what; rollback restores any version without losing later ones', () => {
  store.datasets.putRecord('ds00000001', { recordId: 'a', feature: feature('a', 'A2') }, by);
  store.datasets.deleteRecord('ds00000001', 'b', by);
  store.datasets.putRecord('ds00000001', { recordId: 'c', feature: feature('c', 'C') }, by);
  expect(names()).toEqual(['A2', 'C']);
  expect(store.datasets.history('ds00000001').map((v) => [v.version, v.action, v.key_id])).toEqual([
    [1, 'import', 'k_test'],
    [2, 'update-record', 'k_test'],
    [3, 'delete-record', 'k_test'],
    [4, 'update-record', 'k_test']
  ]);

  store.datasets.rollback('ds00000001', 2, by);
  expect(names()).toEqual(['A2', 'B']);
  store.datasets.rollback('ds00000001', 1, by);
  expect(names()).toEqual(['A', 'B']);
  store.datasets.rollback('ds00000001', 4, by);
  expect(names()).toEqual(['A2', 'C']);
  expect(store.datasets.get('ds00000001')).toMatchObject({ version: 7, records: 2 });
  expect(store.integrityCheck()).toBe('ok');
});

test('a failing write leaves no trace: the version is not bumped', () => {
  expect(() => store.datasets.deleteRecord('ds00000001', 'zz', by)).toThrow(/no current record/);
  expect(store.datasets.get('ds00000001')?.version).toBe(1);
  expect(store.datasets.history('ds00000001')).toHaveLength(1);
});

test('keys are found by hash only while not revoked', () => {
  store.keys.add({ id: 'k1', hash: 'h1', role: 'editor', label: 'x' });
  expect(store.keys.byHash('h1')?.role).toBe('editor');
  expect(store.keys.count()).toBe(1);
  store.keys.revoke('k1');
  expect(store.keys.byHash('h1')).toBeUndefined();
  expect(store.keys.count()).toBe(0);
});
