import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { featureOfRow, tableOf, type OrganizationTable } from '../catalog/organization-table.ts';
import type { ImportedOrganization } from '../schemas/datasets.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import { ColumnSnapshots } from './column-snapshots.ts';
import { DatasetSync } from './dataset-sync.ts';
import type { DatasetSummary } from './repository.ts';

const vocabulary: FilterVocabulary = { cities: ['shenzhen'], sectors: [], kinds: [], types: ['firm'] };
const features = (...names: string[]) =>
  names.map((name): ImportedOrganization => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [114, 22.5] }, properties: { id: name, name_zh: name, name_en: name, type: 'firm', city: 'shenzhen', sectors: [], precision_m: 100 } }) as never);

/** A dataset store whose answers are taken when asked and delivered `delayMs` later, so reads can overtake each other. */
function fakeStore() {
  const state = { version: 1, names: ['A'], delayMs: 0, recordReads: 0 };
  const read = <T>(value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), state.delayMs));
  return {
    state,
    repository: {
      list: async () => [{ id: 'ds1' } as DatasetSummary],
      get: (id: string) => read(id === 'ds1' ? ({ id, version: state.version } as DatasetSummary) : undefined),
      featureChunks: async (_id: string, chunkSize: number, onChunk: (features: ImportedOrganization[]) => void) => {
        state.recordReads += 1;
        const all = await read(features(...state.names));
        for (let start = 0; start < all.length; start += chunkSize) onChunk(all.slice(start, start + chunkSize));
      }
    }
  };
}

const catalogSpy = () => {
  const shown = new Map<string, string[]>();
  const setImportedTable = vi.fn((id: string, table: OrganizationTable) => void shown.set(id, Array.from({ length: table.columns.size }, (_, i) => featureOfRow(table, i).properties.name_zh)));
  return { shown, catalog: { setImportedTable, vocabulary, organizationTable: undefined as never, importedParts: vi.fn(), installJoined: vi.fn() }, setImportedTable };
};

test('a reload that finds the version the catalog already holds leaves the catalog (and its caches) alone', async () => {
  const store = fakeStore();
  const { catalog, setImportedTable } = catalogSpy();
  const sync = new DatasetSync(catalog, store.repository);
  await sync.refresh('ds1');
  await sync.refresh('ds1');
  expect(setImportedTable).toHaveBeenCalledTimes(1);
  store.state.version = 2;
  store.state.names = ['A', 'B'];
  await sync.refresh('ds1');
  expect(setImportedTable).toHaveBeenCalledTimes(2);
});

test('an old read that answers late never overwrites a newer one: reloads of one dataset take turns', async () => {
  const store = fakeStore();
  const { catalog, shown } = catalogSpy();
  const sync = new DatasetSync(catalog, store.repository);
  store.state.delayMs = 200;
  const first = sync.refresh('ds1');
  await vi.waitFor(() => expect(store.state.recordReads).toBe(1), { interval: 2 });
  // A write lands while the first reload's records (version 1) are still on their way.
  Object.assign(store.state, { version: 2, names: ['A', 'B'], delayMs: 0 });
  const second = sync.refresh('ds1');
  expect(sync.refresh('ds1')).toBe(second);
  await Promise.all([first, second]);
  expect(shown.get('ds1')).toEqual(['A', 'B']);
});

test('an id the store does not hold (another schema on the same server) is ignored', async () => {
  const { catalog, setImportedTable } = catalogSpy();
  await new DatasetSync(catalog, fakeStore().repository).refresh('ds-elsewhere');
  expect(setImportedTable).not.toHaveBeenCalled();
});

const imported = (...names: string[]) => ({ table: tableOf(features(...names), vocabulary, 'ds1'), payloadSha256: '' });

test('an import hands its table to the catalog without reading the records back; the version is then held, so its own reload changes nothing', async () => {
  const store = fakeStore();
  const { catalog, shown, setImportedTable } = catalogSpy();
  const sync = new DatasetSync(catalog, store.repository);
  await sync.adopt('ds1', 1, imported('A'));
  expect(shown.get('ds1')).toEqual(['A']);
  expect(store.state.recordReads).toBe(0);
  await sync.refresh('ds1');
  expect(setImportedTable).toHaveBeenCalledTimes(1);
  expect(store.state.recordReads).toBe(0);
});

test('a table handed over for an older version than the catalog holds are dropped', async () => {
  const store = fakeStore();
  const { catalog, shown } = catalogSpy();
  const sync = new DatasetSync(catalog, store.repository);
  Object.assign(store.state, { version: 2, names: ['A', 'B'] });
  await sync.refresh('ds1');
  await sync.adopt('ds1', 1, imported('A'));
  expect(shown.get('ds1')).toEqual(['A', 'B']);
});

test('a large dataset the worker cannot load is loaded on the main thread instead, saying why', async () => {
  const store = fakeStore();
  const repository = { ...store.repository, get: async (id: string) => ({ ...(await store.repository.get(id))!, records: store.state.names.length }) };
  const { catalog, shown } = catalogSpy();
  const dir = mkdtempSync(join(tmpdir(), 'atlas-sync-'));
  const notes: string[] = [];
  const failing = () => Promise.reject(new Error('worker ran out of memory'));
  const sync = new DatasetSync(catalog, repository, new ColumnSnapshots(dir, vocabulary, { info: () => undefined, warn: () => undefined }), undefined, { load: failing, joinWithTree: failing }, 1, (note) => notes.push(note));
  try {
    await sync.refresh('ds1');
    expect(shown.get('ds1')).toEqual(['A']);
    expect(store.state.recordReads).toBe(1);
    expect(notes).toEqual([expect.stringContaining('worker ran out of memory')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
