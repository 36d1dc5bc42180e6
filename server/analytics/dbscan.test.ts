import { clustersDbscan, featureCollection, point } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { dbscan, DBSCAN_DEFAULTS } from './dbscan.ts';
import { seededPositions } from './test-points.ts';

/** Turf's labels (cluster id or −1 for noise) for the same positions. */
function turfLabels(positions: [number, number][], epsKm: number, minPoints: number): number[] {
  const result = clustersDbscan(featureCollection(positions.map((p) => point(p))), epsKm, { units: 'kilometers', minPoints });
  return result.features.map((f) => (f.properties.dbscan === 'noise' ? -1 : (f.properties.cluster as number)));
}

/** Renames cluster ids by order of first appearance, so two labellings compare up to renumbering. */
function canonical(labels: ArrayLike<number>): number[] {
  const names = new Map<number, number>();
  return Array.from(labels, (l) => (l < 0 ? -1 : (names.get(l) ?? names.set(l, names.size).get(l)!)));
}

// 0.01° of latitude is 1.112 km on Turf's sphere.
const KM_PER_CENTIDEGREE = 1.1119508;

describe('dbscan', () => {
  test('finds two groups and one lone point, worked by hand', () => {
    const positions: [number, number][] = [
      [113, 23], [113, 23.01], [113, 23.02], // a chain 1.11 km apart
      [113.5, 23], [113.5, 23.005], [113.5005, 23], // a tight triangle
      [114, 22.5] // alone
    ];
    const { labels, clusterCount, noiseCount, core } = dbscan(positions, { epsKm: 1.2, minPoints: 2 });
    expect(Array.from(labels)).toEqual([0, 0, 0, 1, 1, 1, -1]);
    expect(clusterCount).toBe(2);
    expect(noiseCount).toBe(1);
    expect(Array.from(core)).toEqual([1, 1, 1, 1, 1, 1, 0]);
  });

  test('a point exactly eps away is a neighbour; a hair further is not', () => {
    const pair: [number, number][] = [[113, 23], [113, 23.01]];
    expect(dbscan(pair, { epsKm: KM_PER_CENTIDEGREE * 1.000001, minPoints: 2 }).clusterCount).toBe(1);
    expect(dbscan(pair, { epsKm: KM_PER_CENTIDEGREE * 0.999999, minPoints: 2 }).clusterCount).toBe(0);
  });

  test('border points join the cluster found first, as in Turf', () => {
    // Two cores 2 km apart with a border point midway; minPoints 3 makes only the dense ends core.
    const positions: [number, number][] = [[113, 23], [113.001, 23], [113.0005, 23.0008], [113.01, 23], [113.02, 23], [113.021, 23], [113.0205, 23.0008]];
    expect(canonical(dbscan(positions, { epsKm: 1.1, minPoints: 3 }).labels)).toEqual(canonical(turfLabels(positions, 1.1, 3)));
  });

  test.each([
    [1, 0.5, 3],
    [2, 1.5, 5],
    [3, 3, 4],
    [4, 0.2, 2],
    [5, 8, 10],
    [6, 1.5, 1]
  ])('labels seeded random points as @turf/clusters-dbscan does, up to renumbering (seed %i, eps %f km, minPoints %i)', (seed, epsKm, minPoints) => {
    const positions = seededPositions(1500, seed, [113.0, 22.4, 114.4, 23.4], { centres: 6, spreadDeg: 0.08 });
    const ours = dbscan(positions, { epsKm, minPoints });
    expect(canonical(ours.labels)).toEqual(canonical(turfLabels(positions, epsKm, minPoints)));
    expect(ours.clusterCount).toBeGreaterThan(0);
  });

  test('empty input gives no clusters and no noise', () => {
    expect(dbscan([], DBSCAN_DEFAULTS)).toMatchObject({ clusterCount: 0, noiseCount: 0 });
  });

  test('one point is noise unless minPoints is 1', () => {
    expect(dbscan([[113, 23]], { epsKm: 1, minPoints: 2 })).toMatchObject({ clusterCount: 0, noiseCount: 1 });
    expect(dbscan([[113, 23]], { epsKm: 1, minPoints: 1 })).toMatchObject({ clusterCount: 1, noiseCount: 0 });
  });

  test('identical points form one cluster', () => {
    const same = Array.from({ length: 50 }, (): [number, number] => [113.3, 23.1]);
    expect(dbscan(same, { epsKm: 0.001, minPoints: 5 })).toMatchObject({ clusterCount: 1, noiseCount: 0 });
  });

  test('an eps wider than the region puts everything in one cluster', () => {
    const positions = seededPositions(300, 9, [112, 21, 115, 24]);
    expect(dbscan(positions, { epsKm: 1000, minPoints: 5 })).toMatchObject({ clusterCount: 1, noiseCount: 0 });
  });

  test('rejects eps ≤ 0 and minPoints < 1 by name', () => {
    expect(() => dbscan([[113, 23]], { epsKm: 0, minPoints: 3 })).toThrow(/epsKm/);
    expect(() => dbscan([[113, 23]], { epsKm: 1, minPoints: 0 })).toThrow(/minPoints/);
  });
});
