import KDBush from 'kdbush';
import { KM_PER_DEG } from '../geo/geodesy.ts';
import { progressEvery, type Progressive } from './progress.ts';

/** Positions prepared once by dbscanSteps: degrees for the index, radians and cosines for the distance test. */
export interface PreparedPoints {
  lon: Float64Array;
  lat: Float64Array;
  /** True when the great-circle distance between points i and j is at most eps. */
  near: (i: number, j: number) => boolean;
}

export interface Labelling {
  labels: Int32Array;
  core: Uint8Array;
  clusterCount: number;
  noiseCount: number;
}

const RAD = Math.PI / 180;
// A great-circle distance d implies |Δlat| ≤ d and |Δlon|·cos(lat) ≤ d (up to rounding); the box is a
// little wider than that so rounding never drops a neighbour, and `near` makes the exact call.
const BOX_SLACK = 1.01;
// A few units in the last place of a coordinate (~1.4e-14° at 114°E): two coordinates that differ by
// less than this can round to the same radians, and then they are at distance 0.
const BOX_ULPS_DEG = 1e-12;

/**
 * DBSCAN point by point over a k-d tree, with the same definition and numbering as the grid DBSCAN
 * (clusters numbered by their lowest-indexed core point; a border point joins the lowest-numbered
 * cluster with a core point within eps). Every point runs one range query, so it is slower than the
 * grid where cells are dense, but it is exact for any eps and needs no cell numbers: dbscanSteps uses
 * it where eps is so small that the grid would need more than 2^31 cells along an axis.
 */
export function* dbscanByIndexSteps({ lon, lat, near }: PreparedPoints, epsKm: number, minPoints: number): Progressive<Labelling> {
  const n = lon.length;
  const index = new KDBush(n, 64, Float64Array);
  let maxAbsLat = 0;
  for (let i = 0; i < n; i++) {
    index.add(lon[i], lat[i]);
    maxAbsLat = Math.max(maxAbsLat, Math.abs(lat[i]));
  }
  index.finish();
  const dLat = (epsKm / KM_PER_DEG) * BOX_SLACK + BOX_ULPS_DEG;
  const farLat = maxAbsLat + dLat;
  const dLon = farLat >= 89 ? 360 : dLat / Math.cos(farLat * RAD);
  const neighboursOf = (p: number) => index.range(lon[p] - dLon, lat[p] - dLat, lon[p] + dLon, lat[p] + dLat).filter((q) => near(p, q));
  const every = progressEvery(n);

  // 1. Core points: at least minPoints points (itself included) within eps.
  const core = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    if (neighboursOf(p).length >= minPoints) core[p] = 1;
    if (p % every === 0) yield 0.45 * (p / n);
  }

  // 2. Core points within eps of each other share a cluster (union–find over points).
  const parent = Int32Array.from({ length: n }, (_, p) => p);
  const root = (p: number): number => {
    while (parent[p] !== p) p = parent[p] = parent[parent[p]];
    return p;
  };
  for (let p = 0; p < n; p++) {
    if (!core[p]) continue;
    for (const q of neighboursOf(p)) if (q > p && core[q]) parent[root(q)] = root(p);
    if (p % every === 0) yield 0.45 + 0.4 * (p / n);
  }

  // 3. Number clusters by their lowest-indexed core point.
  const labels = new Int32Array(n).fill(-1);
  const clusterOfRoot = new Int32Array(n).fill(-1);
  let clusterCount = 0;
  for (let p = 0; p < n; p++) {
    if (!core[p]) continue;
    const r = root(p);
    if (clusterOfRoot[r] < 0) clusterOfRoot[r] = clusterCount++;
    labels[p] = clusterOfRoot[r];
  }
  yield 0.9;

  // 4. Border points join the lowest-numbered cluster that has a core point within eps.
  let noiseCount = 0;
  for (let p = 0; p < n; p++) {
    if (core[p]) continue;
    let best = -1;
    for (const q of neighboursOf(p)) if (core[q] && (best < 0 || labels[q] < best)) best = labels[q];
    labels[p] = best;
    if (best < 0) noiseCount++;
  }
  return { labels, core, clusterCount, noiseCount };
}
