import { describe, expect, test } from 'vitest';
import KDBush from 'kdbush';
import type { FilterVocabulary } from '../schemas/filters.ts';
import type { OrganizationFeature } from '../schemas/places.ts';
import { idOfRow, organizationColumns, sectorsOfRow, UNKNOWN_CODE } from './organization-columns.ts';

// 40 sectors, so sector bits span two 32-bit words.
const vocabulary: FilterVocabulary = {
  cities: ['guangzhou', 'shenzhen'],
  sectors: Array.from({ length: 40 }, (_, i) => `s${i}`),
  kinds: [],
  types: ['firm', 'university', 'lab', 'institute', 'platform']
};

const org = (id: string, lonLat: [number, number], city: string, sectors: string[], extra: Partial<OrganizationFeature['properties']> = {}): OrganizationFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: lonLat },
  properties: { id, name_zh: id, name_en: id, type: 'firm', city, sectors, precision_m: 1, source: 'test', source_date: '2026-11-29', ...extra }
});

describe('organizationColumns', () => {
  const features = [
    org('a', [113.3, 23.1], 'guangzhou', ['s0', 's31', 's32', 's39'], { high_tech_enterprise: true }),
    org('b', [114.0, 22.5], 'shenzhen', []),
    org('c', [113.5, 22.3], 'atlantis', ['s5', 'unknown-sector'], { type: 'lab' }),
    org('深圳-d', [113.6, 22.4], 'shenzhen', [])
  ];
  const columns = organizationColumns(features, vocabulary);

  test('every column lives on a SharedArrayBuffer, so a worker reads it without a copy', () => {
    for (const column of [columns.lon, columns.lat, columns.cityCode, columns.typeCode, columns.highTech, columns.sectorBits]) {
      expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
    expect(columns.tree).toBeInstanceOf(SharedArrayBuffer);
  });

  test('rows hold coordinates, codes, the high-tech flag and sectors across both bit words', () => {
    expect([columns.lon[1], columns.lat[1]]).toEqual([114.0, 22.5]);
    expect([...columns.cityCode]).toEqual([0, 1, UNKNOWN_CODE, 1]);
    expect([...columns.typeCode]).toEqual([0, 0, 2, 0]);
    expect([...columns.highTech]).toEqual([1, 0, 0, 0]);
    expect(sectorsOfRow(columns, 0)).toEqual(['s0', 's31', 's32', 's39']);
    expect(sectorsOfRow(columns, 1)).toEqual([]);
    expect(sectorsOfRow(columns, 2)).toEqual(['s5']);
  });

  test('the string table gives each row its id back, Chinese ids too', () => {
    expect(columns.idText.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([0, 1, 2, 3].map((i) => idOfRow(columns, i))).toEqual(['a', 'b', 'c', '深圳-d']);
  });

  test('the KD-tree rebuilt from the shared buffer finds rows by box', () => {
    const tree = KDBush.from(columns.tree);
    expect(tree.range(113.9, 22.4, 114.1, 22.6)).toEqual([1]);
  });

  test('no organisations make empty columns and a tree that finds nothing', () => {
    const empty = organizationColumns([], vocabulary);
    expect(empty.size).toBe(0);
    expect(KDBush.from(empty.tree).range(-180, -90, 180, 90)).toEqual([]);
  });
});
