import { describe, expect, test } from 'vitest';
import { locationQuotients } from './location-quotient.ts';

const listings = (city: string, sector: string, times: number) => Array.from({ length: times }, () => ({ city, sectors: [sector] }));

describe('locationQuotients', () => {
  // Region: A has 8 drones + 2 chips, B has 2 drones + 8 chips, C has 5 + 5, D has 0 + 10.
  // Drones are 15/40 of the region; A's share 8/10 → LQ 0.8/0.375 = 2.1333.
  const data = [
    ...listings('a', 'drones', 8), ...listings('a', 'chips', 2),
    ...listings('b', 'drones', 2), ...listings('b', 'chips', 8),
    ...listings('c', 'drones', 5), ...listings('c', 'chips', 5),
    ...listings('d', 'chips', 10)
  ];
  const cells = locationQuotients(data, ['a', 'b', 'c', 'd'], ['drones', 'chips']);
  const cell = (city: string, sector: string) => cells.find((c) => c.city === city && c.sector === sector)!;

  test('computes LQ as the city share over the region share, worked by hand', () => {
    expect(cell('a', 'drones').lq).toBeCloseTo(0.8 / 0.375, 12);
    expect(cell('c', 'drones').lq).toBeCloseTo(0.5 / 0.375, 12);
    expect(cell('d', 'drones')).toMatchObject({ count: 0, lq: 0 });
    expect(cell('d', 'chips').lq).toBeCloseTo(1 / 0.625, 12);
  });

  test('flags only top-quartile LQ ≥ 1 cells with counts above the bottom quartile as strong clusters', () => {
    // Drone LQs sorted: 0, 0.533, 1.333, 2.133 → 75th percentile (type 7) = 1.333 + 0.25·0.8 = 1.533: only A.
    expect(cells.filter((c) => c.sector === 'drones' && c.strongCluster).map((c) => c.city)).toEqual(['a']);
    // Chip LQs: A 0.32, C 0.8, B 1.28, D 1.6 → 75th percentile = 1.28 + 0.25·0.32 = 1.36: only D.
    expect(cells.filter((c) => c.sector === 'chips' && c.strongCluster).map((c) => c.city)).toEqual(['d']);
  });

  test('a city with no listings has no LQ and is never strong', () => {
    const withEmpty = locationQuotients(data, ['a', 'b', 'e'], ['drones']);
    expect(withEmpty.find((c) => c.city === 'e')).toMatchObject({ lq: null, count: 0, strongCluster: false });
  });

  test('listings outside the region are ignored and an empty region gives no LQs', () => {
    expect(locationQuotients(data, ['z'], ['drones'])).toEqual([{ city: 'z', sector: 'drones', count: 0, lq: null, expected: null, lqLower: null, lqUpper: null, enough: false, strongCluster: false }]);
  });
});
