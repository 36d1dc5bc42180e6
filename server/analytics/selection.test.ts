import { describe, expect, test } from 'vitest';
import { organizationColumns } from '../catalog/organization-columns.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import type { OrganizationFeature } from '../schemas/places.ts';
import { precisionReport } from './point-precision.ts';
import { Selection } from './selection.ts';

const vocabulary: FilterVocabulary = { cities: ['guangzhou', 'shenzhen'], sectors: ['drones', 'chips'], kinds: [], types: ['firm'] };
const org = (i: number, city: string, sectors: string[]): OrganizationFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [113 + i / 10, 22 + i / 10] },
  properties: { id: `o${i}`, name_zh: `o${i}`, name_en: `o${i}`, type: 'firm', city, sectors, precision_m: 1, source: 'test', source_date: '2026-11-29', high_tech_enterprise: i === 2 }
});
const columns = organizationColumns([org(0, 'guangzhou', ['drones']), org(1, 'shenzhen', ['chips', 'drones']), org(2, 'shenzhen', [])], vocabulary);

describe('Selection', () => {
  test('without ids it is every row, in order', () => {
    const all = new Selection(columns, null);
    expect(all.size).toBe(3);
    expect(all.positions()).toEqual([[113, 22], [113.1, 22.1], [113.2, 22.2]]);
    expect(all.contains()(2)).toBe(true);
  });

  test('with ids it is those rows, as the points the kernels read', () => {
    const some = new Selection(columns, Uint32Array.of(1, 2));
    expect(some.size).toBe(2);
    expect(some.points()).toEqual([
      { geometry: { coordinates: [113.1, 22.1] }, properties: { city: 'shenzhen', type: 'firm', sectors: ['drones', 'chips'], high_tech_enterprise: false } },
      { geometry: { coordinates: [113.2, 22.2] }, properties: { city: 'shenzhen', type: 'firm', sectors: [], high_tech_enterprise: true } }
    ]);
    const member = some.contains();
    expect([0, 1, 2].map(member)).toEqual([false, true, true]);
  });

  test('reads coordinates, cities and sector members from the columns', () => {
    const all = new Selection(columns, null);
    expect(all.lonLat()).toEqual({ lon: Float64Array.of(113, 113.1, 113.2), lat: Float64Array.of(22, 22.1, 22.2) });
    expect(all.withSector('drones').ids).toEqual(Uint32Array.of(0, 1));
    expect(all.withSector('chips').withSector('drones').lonLat().lon).toEqual(Float64Array.of(113.1));
    expect(all.withSector('no-such-sector').size).toBe(0);
    expect(new Selection(columns, Uint32Array.of(1, 2)).cityIds()).toEqual(['shenzhen']);
  });

  test('its precision report, read from the columns, equals the one of the records as objects', () => {
    const placed = [org(0, 'guangzhou', []), org(1, 'shenzhen', []), org(1, 'shenzhen', []), { ...org(3, 'shenzhen', []), properties: { ...org(3, 'shenzhen', []).properties, located_by: 'admin-area' as const, precision_m: 5000 } }];
    placed[1].properties.precision_m = 3000;
    const withArea = organizationColumns(placed, vocabulary);
    const scale = { name: 'epsKm', km: 0.5 };
    expect(new Selection(withArea, null).precisionReport(scale)).toEqual(precisionReport(placed, scale));
    expect(new Selection(withArea, Uint32Array.of(1, 3)).precisionReport(scale)).toEqual(precisionReport([placed[1], placed[3]], scale));
  });
});
