import { latLngToCell } from 'h3-js';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, test } from 'vitest';
import { H3CellFinder } from './h3-cell-finder.ts';

function randomPositions(count: number, seed: number, [minLon, minLat, maxLon, maxLat]: number[]): [number, number][] {
  const rng = xoroshiro128plus(seed);
  return Array.from({ length: count }, () => [minLon + uniformFloat64(rng) * (maxLon - minLon), minLat + uniformFloat64(rng) * (maxLat - minLat)]);
}

describe('H3CellFinder', () => {
  test.each([3, 5, 6, 7, 8, 9, 11])('gives every point the cell h3-js gives it, at resolution %i', (resolution) => {
    const finder = new H3CellFinder(resolution);
    const positions = randomPositions(5000, resolution, [112.9, 21.8, 114.6, 23.9]);
    const ours = positions.map(([lon, lat]) => finder.cells[finder.cellOf(lon, lat)]);
    expect(ours).toEqual(positions.map(([lon, lat]) => latLngToCell(lat, lon, resolution)));
  });

  test('agrees with h3-js on cell vertices, far south, near the poles and at the antimeridian', () => {
    const finder = new H3CellFinder(4);
    const positions: [number, number][] = [
      ...randomPositions(2000, 1, [-180, -85, 180, 85]),
      ...randomPositions(500, 2, [179.5, -10, 180, 10]),
      [113.264385, 23.129112],
      [0, 0],
      [-180, 89.9]
    ];
    for (const [lon, lat] of positions) expect(finder.cells[finder.cellOf(lon, lat)]).toBe(latLngToCell(lat, lon, 4));
  });

  test('numbers cells in the order it first meets them', () => {
    const finder = new H3CellFinder(7);
    expect(finder.cellOf(113.26, 23.13)).toBe(finder.cellOf(113.26, 23.13));
    expect(finder.cells[finder.cellOf(113.26, 23.13)]).toBe(latLngToCell(23.13, 113.26, 7));
  });
});
