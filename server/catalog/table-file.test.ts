import { describe, expect, test } from 'vitest';
import type { FilterVocabulary } from '../schemas/filters.ts';
import type { OrganizationFeature } from '../schemas/places.ts';
import { featureOfRow, joinTables, tableOf } from './organization-table.ts';
import { decodeTableFile, encodeTableFile, tablePayloadHash } from './table-file.ts';

const vocabulary: FilterVocabulary = { cities: ['guangzhou', 'shenzhen'], sectors: ['s0', 's1'], kinds: [], types: ['firm', 'university', 'lab', 'institute', 'platform'] };
const org = (i: number): OrganizationFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [113 + i / 100, 22.5] },
  properties: { id: `ds-${i}`, name_zh: `机构 ${i}`, name_en: `Org ${i}`, type: 'lab', city: 'shenzhen', district: i % 2 ? '南山区' : null, sectors: ['s1'], precision_m: 50, source: 'f.csv', source_date: '2026-11-29', record_id: `r${i}` }
});
const features = Array.from({ length: 7 }, (_, i) => org(i));
// Rows 2–6 of a table that also holds other rows, as the catalog's joined table does.
const range = { table: joinTables([{ table: tableOf([org(90), org(91)], vocabulary, 'other'), start: 0, end: 2 }, { table: tableOf(features, vocabulary, 'ds'), start: 0, end: 7 }], vocabulary, { tree: false }), start: 2, end: 9 };
const file = Buffer.concat(encodeTableFile(range, 'ds@3', vocabulary));

describe('table file', () => {
  test('reads back the rows it was written from, as the same features', () => {
    const table = decodeTableFile(file, 'ds@3', vocabulary, 'ds');
    if (typeof table === 'string') throw new Error(table);
    expect(table.columns.size).toBe(7);
    features.forEach((f, row) => expect(featureOfRow(table, row)).toEqual(JSON.parse(JSON.stringify(f))));
    expect(table.columns.lon.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  test('a standalone table is written from its own arrays with the hash its maker computed, and a file in shared memory is read in place', () => {
    const own = tableOf(features, vocabulary, 'ds');
    const written = Buffer.concat(encodeTableFile({ table: own, start: 0, end: 7 }, 'ds@3', vocabulary, tablePayloadHash(own)));
    expect(written.equals(file)).toBe(true);
    const inShared = Buffer.from(new SharedArrayBuffer(written.length));
    written.copy(inShared);
    const table = decodeTableFile(inShared, 'ds@3', vocabulary, 'ds');
    if (typeof table === 'string') throw new Error(table);
    expect(table.columns.lat.buffer).toBe(inShared.buffer);
    features.forEach((f, row) => expect(featureOfRow(table, row)).toEqual(JSON.parse(JSON.stringify(f))));
    // A wrong hash from the maker is caught when the file is read.
    const wrong = Buffer.concat(encodeTableFile({ table: own, start: 0, end: 7 }, 'ds@3', vocabulary, '0'.repeat(64)));
    expect(decodeTableFile(wrong, 'ds@3', vocabulary, 'ds')).toBe('content hash mismatch');
  });

  test('refuses a file made for another version of the dataset', () => {
    expect(decodeTableFile(file, 'ds@4', vocabulary, 'ds')).toMatch(/made for ds@3/);
  });

  test('refuses a file made over another filter vocabulary (its codes would mean other sectors)', () => {
    expect(decodeTableFile(file, 'ds@3', { ...vocabulary, sectors: ['s1', 's0'] }, 'ds')).toMatch(/vocabulary/);
  });

  test('refuses a file with one byte changed, a truncated file and one that is not a snapshot', () => {
    const flipped = Buffer.from(file);
    flipped[flipped.length - 3] ^= 0xff;
    expect(decodeTableFile(flipped, 'ds@3', vocabulary, 'ds')).toBe('content hash mismatch');
    expect(decodeTableFile(file.subarray(0, file.length - 8), 'ds@3', vocabulary, 'ds')).toMatch(/^length/);
    expect(decodeTableFile(file.subarray(0, 20), 'ds@3', vocabulary, 'ds')).toMatch(/truncated|length/);
    expect(decodeTableFile(Buffer.from('{"type":"FeatureCollection"}'), 'ds@3', vocabulary, 'ds')).toBe('not a column snapshot');
  });
});
