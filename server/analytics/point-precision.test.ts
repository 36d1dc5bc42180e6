import { expect, test } from 'vitest';
import { distinctLocationCount, precisionReport, type PlacedRecord } from './point-precision.ts';

const at = (lon: number, lat: number, precision_m: number, located_by?: string): PlacedRecord => ({
  geometry: { coordinates: [lon, lat] },
  properties: { precision_m, ...(located_by ? { located_by } : {}) }
});

test('counts records used, left out as area-placed and sharing a coordinate, with their median precision', () => {
  const records = [at(113, 23, 1000), at(113, 23, 3000), at(113, 23, 2000), at(113.1, 23, 500), at(113.2, 23.1, 9000, 'admin-area')];
  const report = precisionReport(records, { name: 'epsKm', km: 5 });
  expect(report).toMatchObject({ used: 4, areaPlaced: 1, sharingCoordinate: 3, distinctLocations: 2, medianPrecisionM: 1500 });
});

test('warns in both languages when the scale asked for is finer than the median precision', () => {
  const report = precisionReport([at(113, 23, 3000), at(113.1, 23, 2000), at(113.2, 23, 4000)], { name: 'epsKm', km: 1.5 });
  expect(report.warnings).toHaveLength(1);
  expect(report.warnings[0].en).toContain('(epsKm 1.5 km) is finer');
  expect(report.warnings[0].en).toContain('3.0 km');
  expect(report.warnings[0].zh).toContain('中位精度');
});

test('no warning when the data support the scale, and none for no records', () => {
  expect(precisionReport([at(113, 23, 100), at(113.1, 23, 200)], { name: 'r', km: 1 }).warnings).toEqual([]);
  expect(precisionReport([], { name: 'r', km: 1 })).toMatchObject({ used: 0, medianPrecisionM: null, warnings: [] });
});

test('three records at two places occupy two distinct locations', () => {
  expect(distinctLocationCount([[1, 2], [1, 2], [3, 4]])).toBe(2);
});
