import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { FilterVocabulary } from '../schemas/filters.ts';
import type { OrganizationFeature } from '../schemas/places.ts';
import { Catalog } from './catalog.ts';
import { IdLookup } from './id-lookup.ts';
import { concatTables, featureOfRow, joinTables, rangeOf, tableOf, type OrganizationTable } from './organization-table.ts';
import { readGeodata } from './read-geodata.ts';

const vocabulary: FilterVocabulary = { cities: ['guangzhou', 'shenzhen'], sectors: ['s0', 's1', 's2'], kinds: [], types: ['firm', 'university', 'lab', 'institute', 'platform'] };

const imported = (i: number, extra: Partial<OrganizationFeature['properties']> = {}): OrganizationFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [113 + i / 1000, 22.5 + i / 3000] },
  properties: {
    id: `ds00000001-r${i}`,
    name_zh: `合成机构 ${i}`,
    name_en: `Synthetic organisation ${i}`,
    type: 'firm',
    city: i % 2 ? 'shenzhen' : 'guangzhou',
    district: i % 3 ? '南山区' : null,
    sectors: i % 2 ? ['s0', 's2'] : [],
    precision_m: 100 + i,
    source: 'register.csv',
    source_date: '2026-11-29',
    datum: 'WGS-84',
    dataset_id: 'ds00000001',
    record_id: `r${i}`,
    original_coordinates: [113 + i / 1000, 22.5],
    original_crs: 'WGS84',
    ...extra
  }
});

/** A feature as JSON would carry it (keys holding undefined dropped). */
const plain = (f: OrganizationFeature) => JSON.parse(JSON.stringify(f));

describe('organisation table', () => {
  test('gives back every shipped organisation exactly as geodata holds it', () => {
    const data = readGeodata(join(import.meta.dirname, '..', '..', 'geodata'));
    const catalog = new Catalog(data);
    expect(catalog.organizationCount).toBe(data.organizations.length);
    data.organizations.forEach((f, row) => expect(catalog.organization(row)).toEqual(plain(f)));
    catalog.close();
  });

  test('gives back imported records, including values the columns cannot hold (unknown city, sector order, a precision a float32 rounds)', () => {
    const features = [
      ...Array.from({ length: 20 }, (_, i) => imported(i)),
      imported(20, { city: 'atlantis' }),
      imported(21, { sectors: ['s2', 's0'] }),
      imported(22, { precision_m: 0.1 }),
      imported(23, { district: undefined, located_by: 'admin-area', area_code: '440305' })
    ];
    const table = tableOf(features, vocabulary, 'ds00000001');
    features.forEach((f, row) => expect(featureOfRow(table, row)).toEqual(plain(f)));
  });

  test('keeps what every record of a dataset shares once, not per row', () => {
    const table = tableOf(Array.from({ length: 10 }, (_, i) => imported(i)), vocabulary, 'ds00000001');
    expect(table.segments[0].constants).toEqual({ source: 'register.csv', source_date: '2026-11-29', datum: 'WGS-84', dataset_id: 'ds00000001', original_crs: 'WGS84' });
    const restBytes = table.rest.end[9];
    expect(restBytes / 10).toBeLessThan(70);
  });

  test('joins ranges of tables into one, renumbering districts and keeping each dataset’s rows and constants', () => {
    const a = tableOf(Array.from({ length: 5 }, (_, i) => imported(i)), vocabulary, 'a');
    const bFeatures = Array.from({ length: 4 }, (_, i) => imported(100 + i, { district: `区 ${i}`, source: 'other.csv' }));
    const b = tableOf(bFeatures, vocabulary, 'b');
    const joined = joinTables([{ table: b, start: 1, end: 4 }, { table: a, start: 0, end: 5 }], vocabulary, { tree: true });
    expect(joined.columns.size).toBe(8);
    expect(joined.segments.map((s) => [s.datasetId, s.start, s.end])).toEqual([['b', 0, 3], ['a', 3, 8]]);
    expect(featureOfRow(joined, 0)).toEqual(plain(bFeatures[1]));
    expect(featureOfRow(joined, 7)).toEqual(plain(imported(4)));
    expect(rangeOf(joined, 'a')).toMatchObject({ start: 3, end: 8 });
    expect(joined.columns.tree.byteLength).toBeGreaterThan(0);
  });

  test('finds a row by id, and no row for an id it does not hold', () => {
    const table = tableOf(Array.from({ length: 1000 }, (_, i) => imported(i)), vocabulary, 'a');
    const ids = new IdLookup(table.columns);
    for (const i of [0, 1, 517, 999]) expect(ids.rowOf(`ds00000001-r${i}`)).toBe(i);
    expect(ids.rowOf('ds00000001-r1000')).toBeUndefined();
    expect(ids.rowOf('')).toBeUndefined();
  });

  test('replacing a dataset in the catalog keeps its place, and an empty one removes it', () => {
    const catalog = new Catalog({ ...readGeodata(join(import.meta.dirname, '..', '..', 'geodata')) });
    const shipped = catalog.organizationCount;
    catalog.setImportedOrganizations('one', [imported(1, { city: 'shenzhen' })]);
    catalog.setImportedOrganizations('two', [imported(2, { id: 'two-2', city: 'shenzhen' })]);
    catalog.setImportedOrganizations('one', [imported(3, { id: 'one-3', city: 'shenzhen' }), imported(4, { id: 'one-4', city: 'shenzhen' })]);
    expect([shipped, shipped + 1, shipped + 2].map((row) => catalog.organization(row).properties.id)).toEqual(['one-3', 'one-4', 'two-2']);
    expect(catalog.organizationById('two-2')?.properties.id).toBe('two-2');
    catalog.setImportedOrganizations('one', []);
    expect(catalog.organizationCount).toBe(shipped + 1);
    expect(catalog.importedRange('one')).toBeUndefined();
    catalog.close();
  });
  test('chunks of one dataset concatenated give back every record as one segment, a constant of some chunks only moving into their rows', () => {
    const features = Array.from({ length: 30 }, (_, i) => imported(i, i >= 20 ? { located_by: 'admin-area' } : {}));
    const chunks = [features.slice(0, 10), features.slice(10, 20), features.slice(20)].map((chunk) => tableOf(chunk, vocabulary, 'ds00000001'));
    const table = concatTables(chunks, vocabulary, 'ds00000001');
    expect(table.segments).toHaveLength(1);
    expect(table.segments[0].constants).toEqual({ source: 'register.csv', source_date: '2026-11-29', datum: 'WGS-84', dataset_id: 'ds00000001', original_crs: 'WGS84' });
    features.forEach((f, row) => expect(featureOfRow(table, row)).toEqual(plain(f)));
    expect(concatTables([], vocabulary, 'ds00000001').columns.size).toBe(0);
  });

  describe('records that say where they were and under which id (an import in WGS-84)', () => {
    /** As an import stores them: record_id the tail of the id, original_coordinates exactly the point. */
    const located = (i: number, extra: Partial<OrganizationFeature['properties']> = {}) => {
      const f = imported(i, extra);
      return { ...f, properties: { ...f.properties, original_coordinates: [...f.geometry.coordinates] } };
    };
    const json = (table: OrganizationTable) => Array.from({ length: table.columns.size }, (_, i) => JSON.stringify(featureOfRow(table, i)));
    // One row whose original coordinates differ keeps the whole table on each row's own JSON: the old way, to compare with.
    const oldWay = (features: OrganizationFeature[]) => json(tableOf([...features, imported(999)], vocabulary, 'ds00000001')).slice(0, features.length);

    test('keeps the record id and original coordinates with the columns, and gives every row back byte for byte as before', () => {
      const features = Array.from({ length: 40 }, (_, i) => located(i, i % 5 ? {} : { year_established: 1990 + i } as never));
      const table = tableOf(features, vocabulary, 'ds00000001');
      expect(table.segments[0].recordIdFrom).toBe('ds00000001-'.length);
      expect(json(table)).toEqual(oldWay(features));
      expect(json(table)).toEqual(features.map((f) => JSON.stringify(featureOfRow(tableOf([f, imported(998)], vocabulary, 'ds00000001'), 0))));
      // Only the rows with a property of their own keep any JSON.
      expect(Array.from({ length: 40 }, (_, i) => (table.rest.end[i] > (i ? table.rest.end[i - 1] : 0) ? 1 : 0)).filter(Boolean)).toHaveLength(8);
    });

    test('chunks concatenated, and joined into the catalog with others, give the same bytes; a chunk that cannot give them back keeps them in its rows', () => {
      const features = Array.from({ length: 30 }, (_, i) => located(i));
      const all = concatTables([0, 10, 20].map((at) => tableOf(features.slice(at, at + 10), vocabulary, 'ds00000001')), vocabulary, 'ds00000001');
      expect(all.segments[0].recordIdFrom).toBe('ds00000001-'.length);
      expect(json(all)).toEqual(oldWay(features));
      const mixed = [...features.slice(0, 20), ...Array.from({ length: 10 }, (_, i) => imported(20 + i))];
      const concatenated = concatTables([0, 10, 20].map((at) => tableOf(mixed.slice(at, at + 10), vocabulary, 'ds00000001')), vocabulary, 'ds00000001');
      expect(concatenated.segments[0].recordIdFrom).toBeUndefined();
      expect(json(concatenated)).toEqual(oldWay(mixed));
      const shipped = tableOf([imported(500, { id: 'shipped-1', dataset_id: undefined, record_id: undefined } as never)], vocabulary, null);
      const joined = joinTables([{ table: shipped, start: 0, end: 1 }, { table: all, start: 5, end: 25 }], vocabulary, { tree: false });
      expect(json(joined)).toEqual([json(shipped)[0], ...oldWay(features).slice(5, 25)]);
    });
  });
});
