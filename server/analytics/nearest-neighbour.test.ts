import { describe, expect, test } from 'vitest';
import { haversineKm } from '../geo/geodesy.ts';
import { nearestNeighbourDistancesKm, nearestNeighbours, nearestNeighbourSearch } from './nearest-neighbour.ts';
import { seededPositions } from './test-points.ts';

/** The reference: every other point tried, with geodesy's haversineKm. */
const bruteForce = (positions: [number, number][]) =>
  positions.map((p, i) => positions.reduce((best, q, j) => (j === i ? best : Math.min(best, haversineKm(p, q))), Infinity));

const columns = (positions: [number, number][]) => [Float64Array.from(positions, (p) => p[0]), Float64Array.from(positions, (p) => p[1])] as const;

describe('nearestNeighbourDistancesKm', () => {
  test.each([1, 2, 3, 4, 5])('equals the all-pairs minimum exactly on seeded clustered points (seed %i)', (seed) => {
    const positions = seededPositions(1500, seed, [113, 22.4, 114.6, 23.6], { centres: 2 * seed, spreadDeg: 0.005 * seed });
    expect(Array.from(nearestNeighbourDistancesKm(...columns(positions)))).toEqual(bruteForce(positions));
  });

  test('is exact across the globe: near the poles and across the antimeridian, where a degree of longitude is short', () => {
    const positions = [...seededPositions(400, 9, [-180, -89, 180, 89]), ...seededPositions(200, 10, [170, 75, 180, 89.9]), ...seededPositions(200, 11, [-180, 75, -170, 89.9])];
    expect(Array.from(nearestNeighbourDistancesKm(...columns(positions)))).toEqual(bruteForce(positions));
  });

  test('points at one coordinate are 0 km apart, and a lone point has no neighbour', () => {
    const stacked: [number, number][] = [[113.3, 23.1], [113.3, 23.1], [113.31, 23.1]];
    expect(Array.from(nearestNeighbourDistancesKm(...columns(stacked)))).toEqual([0, 0, haversineKm(stacked[1], stacked[2])]);
    expect(Array.from(nearestNeighbourDistancesKm(...columns([[113, 23]])))).toEqual([Infinity]);
  });
});

describe('nearestNeighbours', () => {
  const positions = seededPositions(1200, 7, [113, 22.4, 114.6, 23.6], { centres: 6, spreadDeg: 0.01 });
  const [lon, lat] = columns(positions);

  test('names for each point a neighbour at exactly its nearest distance', () => {
    const { distanceKm, neighbour } = nearestNeighbours(lon, lat);
    expect(Array.from(distanceKm)).toEqual(bruteForce(positions));
    for (let i = 0; i < positions.length; i++) {
      expect(neighbour[i]).not.toBe(i);
      expect(haversineKm(positions[i], positions[neighbour[i]])).toBe(distanceKm[i]);
    }
  });

  test('with queries it searches for those points only, among every point, and answers as the full search does', () => {
    const queries = Uint32Array.from({ length: 300 }, (_, k) => (k * 7919) % positions.length).sort();
    const full = nearestNeighbours(lon, lat);
    const some = nearestNeighbours(lon, lat, queries);
    const queried = new Set(queries);
    for (let i = 0; i < positions.length; i++) {
      if (queried.has(i)) {
        expect(some.distanceKm[i]).toBe(full.distanceKm[i]);
        expect(haversineKm(positions[i], positions[some.neighbour[i]])).toBe(full.distanceKm[i]);
      } else {
        expect(some.distanceKm[i]).toBe(Infinity);
        expect(some.neighbour[i]).toBe(-1);
      }
    }
  });

  test('run in uneven slices, with and without queries, the search ends bit for bit where the whole search does', () => {
    const queries = Uint32Array.from({ length: 300 }, (_, k) => (k * 7919) % positions.length).sort();
    for (const asked of [undefined, queries]) {
      const whole = nearestNeighbours(lon, lat, asked);
      const search = nearestNeighbourSearch(lon, lat, asked);
      expect(search.searches).toBe(asked ? asked.length : positions.length);
      for (const end of [1, 37, 37, 200, search.searches - 1]) search.searchUpTo(end);
      expect(search.result.distanceKm.filter((d) => d !== Infinity).length).toBe(search.searches - 1);
      search.searchUpTo(search.searches + 10);
      expect(Array.from(search.result.distanceKm)).toEqual(Array.from(whole.distanceKm));
      expect(Array.from(search.result.neighbour)).toEqual(Array.from(whole.neighbour));
    }
  });
});
