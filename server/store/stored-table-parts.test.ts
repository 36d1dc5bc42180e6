import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { concatTables, tableOf, type OrganizationTable } from '../catalog/organization-table.ts';
import { tablePayloadHash } from '../catalog/table-file.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import type { Store, StoredRecord } from './repository.ts';
import { partStart, readPartChunks } from './stored-table-parts.ts';
import { DATABASE_FILE, openSqliteStore } from './sqlite.ts';

const vocabulary: FilterVocabulary = { cities: ['guangzhou', 'shenzhen'], sectors: ['s0', 's1', 's2'], kinds: [], types: ['firm', 'university', 'lab'] };
const CHUNK = 64;
const editor = { keyId: 'editor' };

/** Records whose rows differ in city, sectors, district and in properties of their own, so each chunk's table has its own shape. */
const record = (datasetId: string, i: number, name = `机构 ${i}`): StoredRecord => ({
  recordId: `r${i}`,
  feature: {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [113.3 + i / 1e4, 23.1 - i / 1e4] },
    properties: {
      id: `${datasetId}-r${i}`, name_zh: name, name_en: `Organisation ${i}`, type: i % 7 === 0 ? 'lab' : 'firm', city: i % 3 ? 'guangzhou' : 'shenzhen',
      district: i % 11 === 0 ? null : `district ${i % 5}`, sectors: i % 4 ? ['s1'] : ['s0', 's2'], precision_m: 1 + (i % 3),
      ...(i % 200 === 0 ? { note: `only row ${i} has a note` } : {}),
      source: 'test', source_date: '2026-11-30', dataset_id: datasetId, record_id: `r${i}`, original_coordinates: [113.3 + i / 1e4, 23.1 - i / 1e4], original_crs: 'WGS84',
      // The same over runs of 100 rows: a segment constant of the chunks within one run, a row's own property elsewhere.
      batch: Math.floor(i / 100)
    }
  } as StoredRecord['feature']
});

let dir: string;
let store: Store;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-parts-'));
  store = openSqliteStore(dir);
  file = join(dir, DATABASE_FILE);
  const dataset = (id: string) => ({ id, name: id, file_name: `${id}.csv`, format: 'csv', crs: 'WGS84', report: {} });
  await store.datasets.create(dataset('ds'), Array.from({ length: 1000 }, (_, i) => record('ds', i)), editor);
  await store.datasets.create(dataset('other'), Array.from({ length: 50 }, (_, i) => record('other', i)), editor);
  // Edits and deletions: closed rows stay in the table, the new rows come after the other dataset's.
  for (const i of [5, 500, 640]) await store.datasets.putRecord('ds', record('ds', i, `改名 ${i}`), editor);
  await store.datasets.deleteRecord('ds', 'r999', editor);
  await store.datasets.putRecord('ds', record('ds', 1000), editor);
  await store.datasets.putRecord('other', record('other', 7, '改名'), editor);
  await store.datasets.putRecord('ds', record('ds', 1001), editor);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Dataset ds's table as the store's own one-pass read gives it. */
async function oneRead(): Promise<OrganizationTable> {
  const chunks: OrganizationTable[] = [];
  await store.datasets.featureChunks('ds', CHUNK, (features) => void chunks.push(tableOf(features, vocabulary, 'ds')));
  return concatTables(chunks, vocabulary, 'ds');
}

describe('reading a dataset in parts', () => {
  test('each part starts at a whole chunk, and the parts cover every record once', () => {
    expect([0, 1, 2, 3].map((k) => partStart(1001, k, 3, 64))).toEqual([0, 384, 704, 1001]);
    expect([0, 1, 2].map((k) => partStart(100, k, 2, 64))).toEqual([0, 64, 100]);
    // Fewer records than a chunk: the later parts are empty.
    expect([0, 1, 2].map((k) => partStart(10, k, 2, 64))).toEqual([0, 10, 10]);
  });

  test('the chunks of all parts, one after another, make the same table as one read, byte for byte', async () => {
    const { version, records } = (await store.datasets.get('ds'))!;
    expect(records).toBe(1001);
    const expected = await oneRead();
    for (const parts of [1, 2, 3, 20]) {
      const chunks = Array.from({ length: parts }, (_, part) => readPartChunks({ file, datasetId: 'ds', version, records, part, parts, chunkRows: CHUNK }, vocabulary)!);
      const table = concatTables(chunks.flat(), vocabulary, 'ds');
      expect(table.columns.size).toBe(1001);
      expect(tablePayloadHash(table)).toBe(tablePayloadHash(expected));
      expect(table.segments).toEqual(expected.segments);
    }
  });

  test('a part of a version that is no longer current reads nothing', async () => {
    const { version, records } = (await store.datasets.get('ds'))!;
    expect(readPartChunks({ file, datasetId: 'ds', version: version - 1, records, part: 0, parts: 2, chunkRows: CHUNK }, vocabulary)).toBeUndefined();
  });

  test('a count that does not match the stored records is an error, not a silently short table', async () => {
    const { version } = (await store.datasets.get('ds'))!;
    expect(() => readPartChunks({ file, datasetId: 'ds', version, records: 1100, part: 1, parts: 2, chunkRows: CHUNK }, vocabulary)).toThrow(/fewer than the 1100/);
  });
});
