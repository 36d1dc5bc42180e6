import { booleanPointInPolygon, polygon } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { areaIndex, areaOfEachPointOf, countPerArea, countPerAreaOf, countPerAreaOfRows } from './district-join.ts';
import { seededPositions } from './test-points.ts';

const square = (lon: number, lat: number, side: number) => polygon([[[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side], [lon, lat]]]);
// An L-shaped area whose bbox holds a point that is not in it.
const ell = polygon([[[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]]]);

describe('countPerArea', () => {
  test('counts points per area, worked by hand, including the corner of an L that is outside it', () => {
    const index = areaIndex([ell, square(3, 0, 1)]);
    const { counts, outside } = countPerArea(index, [[0.5, 0.5], [1.5, 0.5], [0.5, 1.5], [1.5, 1.5], [3.5, 0.5], [9, 9]]);
    expect(counts).toEqual([3, 1]);
    expect(outside).toBe(2);
  });

  test('matches a plain Turf loop over every area on seeded random points', () => {
    // Squares, some overlapping, with sides off the 0.01° lookup grid.
    const areas = Array.from({ length: 30 }, (_, i) => square(113.0037 + (i % 6) * 0.2, 22.5013 + Math.floor(i / 6) * 0.2, 0.153 + (i % 3) * 0.05));
    // Random points, plus points on the 0.01° lines where lookup cells meet.
    const positions = [...seededPositions(3000, 5, [112.9, 22.4, 114.4, 23.6]), ...seededPositions(500, 6, [112.9, 22.4, 114.4, 23.6]).map(([lon, lat]) => [Math.round(lon * 100) / 100, Math.round(lat * 1000) / 1000])];
    const naive = new Array(areas.length).fill(0);
    let naiveOutside = 0;
    for (const p of positions) {
      const i = areas.findIndex((a) => booleanPointInPolygon(p, a));
      if (i < 0) naiveOutside++;
      else naive[i]++;
    }
    expect(countPerArea(areaIndex(areas), positions)).toEqual({ counts: naive, outside: naiveOutside });
  });

  test('no areas: every point is outside', () => {
    expect(countPerArea(areaIndex([]), [[113, 23]])).toEqual({ counts: [], outside: 1 });
  });
});

describe('countPerAreaOfRows', () => {
  test('counting chosen rows of areas found once for every row equals counting those rows afresh', () => {
    const areas = Array.from({ length: 12 }, (_, i) => square(113.01 + (i % 4) * 0.3, 22.52 + Math.floor(i / 4) * 0.3, 0.25));
    const index = areaIndex(areas);
    const positions = seededPositions(4000, 3, [112.9, 22.4, 114.4, 23.5], { centres: 5, spreadDeg: 0.2 });
    const lon = Float64Array.from(positions, (p) => p[0]), lat = Float64Array.from(positions, (p) => p[1]);
    const areaOfRow = areaOfEachPointOf(index, lon, lat);
    const rows = Uint32Array.from({ length: positions.length }, (_, i) => i).filter((i) => i % 3 !== 0);
    const subset = countPerAreaOf(index, Float64Array.from(rows, (i) => lon[i]), Float64Array.from(rows, (i) => lat[i]));
    expect(countPerAreaOfRows(areaOfRow, rows, rows.length, areas.length)).toEqual(subset);
    expect(countPerAreaOfRows(areaOfRow, null, positions.length, areas.length)).toEqual(countPerAreaOf(index, lon, lat));
    expect(subset.outside).toBeGreaterThan(0);
  });
});
