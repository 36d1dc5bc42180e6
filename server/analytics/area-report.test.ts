import { describe, expect, test } from 'vitest';
import { areaReport, classBreaks, classOf, unitOfAreaCode, type AreaRecordInput } from './area-report.ts';

const units = [
  { code: '440305', city: 'shenzhen', areaKm2: 100 },
  { code: '440306', city: 'shenzhen', areaKm2: 400 },
  { code: '441900', city: 'dongguan', areaKm2: 2000 }
];
const point = (sectors: string[] = ['drones']): AreaRecordInput => ({ city: 'shenzhen', sectors });
const placed = (area_code: string, city = 'shenzhen', sectors: string[] = ['drones']): AreaRecordInput => ({ city, sectors, located_by: 'admin-area', area_code });

describe('unitOfAreaCode', () => {
  const index = new Map(units.map((u, i) => [u.code, i]));
  test('a district code is its own unit, a town counts in its district', () => {
    expect(unitOfAreaCode('440305', index)).toBe(0);
    expect(unitOfAreaCode('440305007', index)).toBe(0);
  });
  test('a Dongguan town counts in Dongguan, which has no districts', () => {
    expect(unitOfAreaCode('441900401', index)).toBe(2);
  });
  test('a code with no unit of its own or of its district counts nowhere', () => {
    expect(unitOfAreaCode('440399001', index)).toBe(-1);
  });
  test('a city that has districts is no unit', () => {
    expect(unitOfAreaCode('440300', index)).toBe(-1);
  });
});

describe('areaReport', () => {
  test('point records count where their point lies, area-placed ones where their area code says, never both', () => {
    const records = [point(), point(), placed('440305007'), placed('441900401', 'dongguan'), point()];
    const r = areaReport(units, records, Int32Array.from([0, 1, 1, 1, -1]), { measure: 'count', classes: 3, method: 'ckmeans' });
    // Record 2's stand-in point lies in unit 1, but its address names Nanshan (unit 0).
    expect(r.stats.map((s) => [s.count, s.points, s.area_placed])).toEqual([[2, 1, 1], [1, 1, 0], [1, 0, 1]]);
    expect(r.outside).toBe(1);
  });

  test('an address naming only a city with districts is reported per city, not spread over its districts', () => {
    const r = areaReport(units, [placed('440300')], Int32Array.from([0]), { measure: 'count', classes: 3, method: 'ckmeans' });
    expect(r.cityOnly).toEqual({ shenzhen: 1 });
    expect(r.stats.every((s) => s.count === 0)).toBe(true);
  });

  test('density is per km² of the area', () => {
    const r = areaReport(units, [point(), point()], Int32Array.from([0, 1]), { measure: 'per_km2', classes: 2, method: 'ckmeans' });
    expect(r.stats.map((s) => s.per_km2)).toEqual([0.01, 0.0025, 0]);
  });

  test('the location quotient compares a sector’s share in an area with its share everywhere', () => {
    // Unit 0: 2 of 2 are drones; unit 1: 0 of 2; overall 2 of 4 → LQ 2 and 0; unit 2 empty → null.
    const records = [point(['drones']), point(['drones']), point(['ai-chips']), point(['ai-chips'])];
    const r = areaReport(units, records, Int32Array.from([0, 0, 1, 1]), { measure: 'lq', lqSector: 'drones', classes: 2, method: 'ckmeans' });
    expect(r.stats.map((s) => s.lq)).toEqual([2, 0, null]);
    expect(r.stats.map((s) => s.class)).toEqual([1, 0, null]);
  });

  test('no records: every count is 0 and nothing breaks', () => {
    const r = areaReport(units, [], new Int32Array(0), { measure: 'lq', lqSector: 'drones', classes: 5, method: 'quantile' });
    expect(r.stats.every((s) => s.count === 0 && s.lq === null && s.class === null)).toBe(true);
    expect(r.breaks).toEqual([]);
  });
});

describe('classBreaks', () => {
  const values = [1, 2, 3, 10, 11, 12, 50, 51, 52];
  test('natural breaks (ckmeans) put each gap between classes', () => {
    expect(classBreaks(values, 3, 'ckmeans')).toEqual([1, 10, 50, 52]);
  });
  test('quantiles split the values into equal-count classes', () => {
    const breaks = classBreaks(values, 3, 'quantile');
    expect(breaks[0]).toBe(1);
    expect(breaks[breaks.length - 1]).toBe(52);
    const counts = [0, 0, 0];
    for (const v of values) counts[classOf(v, breaks)]++;
    expect(counts).toEqual([3, 3, 3]);
  });
  test('fewer distinct values than classes gives fewer classes', () => {
    expect(classBreaks([4, 4, 4], 5, 'ckmeans')).toEqual([4, 4]);
  });
  test('the top value belongs to the last class', () => {
    expect(classOf(52, [1, 10, 50, 52])).toBe(2);
    expect(classOf(1, [1, 10, 50, 52])).toBe(0);
  });
});
