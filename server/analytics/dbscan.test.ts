import { clustersDbscan, featureCollection, point } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { dbscanByIndexSteps } from './dbscan-by-index.ts';
import { dbscan, DBSCAN_DEFAULTS } from './dbscan.ts';
import { haversineTerm, haversineTermOfKm } from '../geo/geodesy.ts';
import { runToEnd } from './progress.ts';
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

const RAD = Math.PI / 180;
/** `near` as dbscanSteps defines it: the haversine term of the pair against that of eps. */
function nearTest(positions: readonly [number, number][], epsKm: number) {
  const within = haversineTermOfKm(epsKm);
  return (i: number, j: number) => {
    const [a, b] = [positions[i], positions[j]];
    return haversineTerm(a[0] * RAD, a[1] * RAD, Math.cos(a[1] * RAD), b[0] * RAD, b[1] * RAD, Math.cos(b[1] * RAD)) <= within;
  };
}

/** Textbook DBSCAN by comparing every pair: clusters numbered by lowest-indexed core, borders join the lowest cluster. */
function bruteForceLabels(positions: [number, number][], epsKm: number, minPoints: number): number[] {
  const n = positions.length;
  const near = nearTest(positions, epsKm);
  const neighbours = positions.map((_, i) => positions.map((_, j) => j).filter((j) => near(i, j)));
  const core = neighbours.map((list) => list.length >= minPoints);
  const labels = new Array<number>(n).fill(-1);
  let next = 0;
  for (let p = 0; p < n; p++) {
    if (!core[p] || labels[p] >= 0) continue;
    const queue = [p];
    labels[p] = next;
    while (queue.length) for (const q of neighbours[queue.pop()!]) if (core[q] && labels[q] < 0) queue.push(q), (labels[q] = next);
    next++;
  }
  for (let p = 0; p < n; p++) if (!core[p]) labels[p] = Math.min(...neighbours[p].filter((q) => core[q]).map((q) => labels[q]), Infinity);
  return labels.map((l) => (l === Infinity ? -1 : l));
}

/** Duplicates and near-duplicates: groups of identical points, each with neighbours a few units in the last place away. */
function nearDuplicates(seed: number): [number, number][] {
  const bases = seededPositions(40, seed, [113.1, 22.5, 114.3, 23.2]);
  return bases.flatMap(([lon, lat], i) => [
    ...Array.from({ length: 1 + (i % 4) }, (): [number, number] => [lon, lat]),
    [lon + 1e-13, lat],
    [lon, lat + 3e-14 * (i % 3)],
    [lon + Number.EPSILON * 128 * (i % 2), lat]
  ]);
}

const shippedPositions = (): [number, number][] =>
  JSON.parse(readFileSync(new URL('../../geodata/curated/organizations.geojson', import.meta.url), 'utf8')).features.map((f: { geometry: { coordinates: [number, number] } }) => f.geometry.coordinates);

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

  test.each([1e-12, 1e-13, 1e-14, 1e-300])('at eps %f km each distinct shipped location is its own cluster', (epsKm) => {
    const positions = shippedPositions();
    const distinct = new Set(positions.map((p) => p.join(','))).size;
    expect(distinct).toBeGreaterThan(50);
    expect(dbscan(positions, { epsKm, minPoints: 1 })).toMatchObject({ clusterCount: distinct, noiseCount: 0 });
    expect(dbscan(positions, { epsKm, minPoints: 2 }).clusterCount).toBe(new Set(positions.filter((p, i) => positions.findIndex((q) => q.join() === p.join()) !== i).map((p) => p.join())).size);
  });

  test.each([
    [1e-12, 1], [1e-12, 2], [1e-13, 3], [1e-14, 2], [2e-11, 3], [1e-9, 4]
  ])('at eps %f km, too fine for the grid, labels match a brute-force DBSCAN exactly (minPoints %i)', (epsKm, minPoints) => {
    for (const seed of [1, 2, 3]) {
      const positions = nearDuplicates(seed);
      expect(Array.from(dbscan(positions, { epsKm, minPoints }).labels)).toEqual(bruteForceLabels(positions, epsKm, minPoints));
    }
  });

  test.each([
    [1, 0.5, 3],
    [4, 0.2, 2],
    [6, 1.5, 1]
  ])('the k-d tree DBSCAN labels seeded random points exactly as the grid does (seed %i, eps %f km, minPoints %i)', (seed, epsKm, minPoints) => {
    const positions = seededPositions(1500, seed, [113.0, 22.4, 114.4, 23.4], { centres: 6, spreadDeg: 0.08 });
    const lon = Float64Array.from(positions, (p) => p[0]);
    const lat = Float64Array.from(positions, (p) => p[1]);
    const byIndex = runToEnd(dbscanByIndexSteps({ lon, lat, near: nearTest(positions, epsKm) }, epsKm, minPoints));
    const byGrid = dbscan(positions, { epsKm, minPoints });
    expect(Array.from(byIndex.labels)).toEqual(Array.from(byGrid.labels));
    expect(byIndex).toMatchObject({ clusterCount: byGrid.clusterCount, noiseCount: byGrid.noiseCount });
  });

  test('eps 1e-14 km over 100 000 scattered points ends, with every point noise', () => {
    const positions = seededPositions(100_000, 11, [113.0, 22.4, 114.4, 23.4]);
    expect(dbscan(positions, { epsKm: 1e-14, minPoints: 2 })).toMatchObject({ clusterCount: 0, noiseCount: 100_000 });
  });

  test('rejects eps ≤ 0 and minPoints < 1 by name', () => {
    expect(() => dbscan([[113, 23]], { epsKm: 0, minPoints: 3 })).toThrow(/epsKm/);
    expect(() => dbscan([[113, 23]], { epsKm: 1, minPoints: 0 })).toThrow(/minPoints/);
  });
});
