import { expect, test, vi } from 'vitest';
import type { ImportedOrganization } from '../schemas/datasets.ts';
import { DatasetSync } from './dataset-sync.ts';
import type { DatasetSummary, StoredRecord } from './repository.ts';

/** A dataset store whose answers are taken when asked and delivered `delayMs` later, so reads can overtake each other. */
function fakeStore() {
  const state = { version: 1, names: ['A'], delayMs: 0, recordReads: 0 };
  const read = <T>(value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), state.delayMs));
  return {
    state,
    repository: {
      list: async () => [{ id: 'ds1' } as DatasetSummary],
      get: (id: string) => read(id === 'ds1' ? ({ id, version: state.version } as DatasetSummary) : undefined),
      records: () => {
        state.recordReads += 1;
        return read(state.names.map((name): StoredRecord => ({ recordId: name, feature: { properties: { name_zh: name } } as ImportedOrganization })));
      }
    }
  };
}

const catalogSpy = () => {
  const shown = new Map<string, string[]>();
  const setImportedOrganizations = vi.fn((id: string, features: { properties: { name_zh: string } }[]) => void shown.set(id, features.map((f) => f.properties.name_zh)));
  // An import hands over a table; here a stand-in that only carries the names.
  const setImportedTable = vi.fn((id: string, table: { names: string[] }) => void shown.set(id, table.names));
  return { shown, catalog: { setImportedOrganizations: setImportedOrganizations as never, setImportedTable: setImportedTable as never, importedRange: vi.fn() }, setImportedOrganizations, setImportedTable };
};

test('a reload that finds the version the catalog already holds leaves the catalog (and its caches) alone', async () => {
  const store = fakeStore();
  const { catalog, setImportedOrganizations } = catalogSpy();
  const sync = new DatasetSync(catalog, store.repository);
  await sync.refresh('ds1');
  await sync.refresh('ds1');
  expect(setImportedOrganizations).toHaveBeenCalledTimes(1);
  store.state.version = 2;
  store.state.names = ['A', 'B'];
  await sync.refresh('ds1');
  expect(setImportedOrganizations).toHaveBeenCalledTimes(2);
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
  const { catalog, setImportedOrganizations } = catalogSpy();
  await new DatasetSync(catalog, fakeStore().repository).refresh('ds-elsewhere');
  expect(setImportedOrganizations).not.toHaveBeenCalled();
});

const imported = (...names: string[]) => ({ table: { names } as never, payloadSha256: '' });

test('an import hands its table to the catalog without reading the records back; the version is then held, so its own reload changes nothing', async () => {
  const store = fakeStore();
  const { catalog, shown, setImportedOrganizations, setImportedTable } = catalogSpy();
  const sync = new DatasetSync(catalog, store.repository);
  await sync.adopt('ds1', 1, imported('A'));
  expect(shown.get('ds1')).toEqual(['A']);
  expect(store.state.recordReads).toBe(0);
  await sync.refresh('ds1');
  expect(setImportedTable).toHaveBeenCalledTimes(1);
  expect(setImportedOrganizations).not.toHaveBeenCalled();
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
