import { describe, expect, test } from 'vitest';
import type { ImportedOrganization } from '../schemas/datasets.ts';
import { columnBatchOf, featureOfColumns, parsedTail, recordColumnsOf } from './record-columns.ts';

const feature = (properties: Record<string, unknown>, coordinates: unknown[] = [113.25, 23.125]) =>
  ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties }) as unknown as ImportedOrganization;

const imported = (i: number, extra: Record<string, unknown> = {}) =>
  feature(
    {
      id: `ds-r${i}`, name_zh: `机构 ${i}`, name_en: `Organisation ${i}`, type: 'firm', city: 'guangzhou', district: i % 2 ? null : '天河区', sectors: i % 3 ? ['s1'] : [], precision_m: 1 + i,
      source: 'an import', source_date: '2026-11-30', dataset_id: 'ds', record_id: `r${i}`, original_coordinates: [113.25 + i, 23.125], original_crs: 'WGS84', ...extra
    },
    [113.25 + i, 23.125]
  );

/** The feature read back from its columns as the store writes and reads them (one batch, its tails through their JSON). */
function roundTrip(recordIds: string[], features: ImportedOrganization[]): (ImportedOrganization | undefined)[] {
  const batch = structuredClone(columnBatchOf(recordIds, features));
  const tails = batch.tails.map(({ tail, placeholders }) => parsedTail(tail, placeholders));
  return recordIds.map((recordId, i) => {
    const at = batch.tailAt[i];
    if (at < 0) return undefined;
    const n = batch.numbers;
    return featureOfColumns(recordId, n[3 * i], n[3 * i + 1], batch.id[i], batch.nameZh[i], batch.nameEn[i], batch.type[i], batch.city[i], batch.district[i], batch.sectors[i], n[3 * i + 2], tails[at]);
  });
}

describe('a record stored as columns', () => {
  test('reads back as the very JSON it was stored as: same keys, same order, same values', () => {
    const features = [imported(0), imported(1), imported(2, { note: 'only this one', nested: { a: [1, 2] } }), imported(3), imported(4, { record_id: 'another id' })];
    const ids = features.map((_, i) => `r${i}`);
    const back = roundTrip(ids, features);
    back.forEach((f, i) => expect(JSON.stringify(f)).toBe(JSON.stringify(features[i])));
  });

  test('the records of an import share one tail, with their own ids and coordinates as placeholders', () => {
    const batch = columnBatchOf(['r0', 'r1', 'r2'], [imported(0), imported(1), imported(2)]);
    expect(batch.tails).toEqual([{ tail: JSON.stringify({ source: 'an import', source_date: '2026-11-30', dataset_id: 'ds', record_id: null, original_coordinates: null, original_crs: 'WGS84' }), placeholders: true }]);
    expect([...batch.tailAt]).toEqual([0, 0, 0]);
  });

  test('a record whose own record_id or original coordinates differ from its id and place keeps them in its tail', () => {
    const moved = imported(1, { original_coordinates: [1, 2] });
    const batch = columnBatchOf(['r0', 'r1', 'other'], [imported(0), moved, imported(2)]);
    expect(batch.tails.map((t) => t.placeholders)).toEqual([true, false, false]);
    expect(JSON.stringify(roundTrip(['r0', 'r1', 'other'], [imported(0), moved, imported(2)]))).toBe(JSON.stringify([imported(0), moved, imported(2)]));
  });

  test('-0 reads back as 0, as its JSON does', () => {
    const f = feature({ id: 'x', name_zh: '零', name_en: 'Zero', type: 'firm', city: 'guangzhou', district: null, sectors: [], precision_m: -0 }, [-0, 0]);
    const [back] = roundTrip(['x'], [f]);
    expect(Object.is(back!.geometry.coordinates[0], 0)).toBe(true);
    expect(Object.is(back!.properties.precision_m, 0)).toBe(true);
  });

  test.each([
    ['a feature id', { ...imported(0), id: 'ds-r0' }],
    ['a geometry other than a point', { ...imported(0), geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] } }],
    ['core properties in another order', feature({ name_zh: '甲', id: 'x', name_en: 'A', type: 'firm', city: 'guangzhou', district: null, sectors: [], precision_m: 1 })],
    ['a core property missing', feature({ id: 'x', name_zh: '甲', name_en: 'A', city: 'guangzhou', district: null, sectors: [], precision_m: 1 })],
    ['a sector that is not text', feature({ id: 'x', name_zh: '甲', name_en: 'A', type: 'firm', city: 'guangzhou', district: null, sectors: [3], precision_m: 1 })],
    ['an empty sector id', feature({ id: 'x', name_zh: '甲', name_en: 'A', type: 'firm', city: 'guangzhou', district: null, sectors: [''], precision_m: 1 })],
    ['a lone surrogate, which SQLite cannot keep', feature({ id: 'x', name_zh: '甲\ud800', name_en: 'A', type: 'firm', city: 'guangzhou', district: null, sectors: [], precision_m: 1 })],
    ['a property named __proto__', feature(JSON.parse('{"id":"x","name_zh":"甲","name_en":"A","type":"firm","city":"guangzhou","district":null,"sectors":[],"precision_m":1,"__proto__":{"a":1}}'))]
  ])('a record with %s has no columns: it is read from its JSON', (_, f) => {
    expect(recordColumnsOf('x', f as ImportedOrganization)).toBeUndefined();
    const batch = columnBatchOf(['x', 'r0'], [f as ImportedOrganization, imported(0)]);
    expect([...batch.tailAt]).toEqual([-1, 0]);
  });
});
