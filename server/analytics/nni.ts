import { errorFunction } from 'simple-statistics';
import { nearestNeighbourDistancesKm } from './nearest-neighbour.ts';

/** Two-sided significance level for the plain reading. */
export const NNI_SIGNIFICANCE = 0.05;

export type NniPattern = 'clustered' | 'random' | 'dispersed' | 'undetermined';

export interface NniResult {
  n: number;
  areaKm2: number;
  /** Mean distance to the nearest other point, km (null with fewer than two points). */
  observedKm: number | null;
  /** Mean nearest-neighbour distance expected of a random pattern of n points in the area: 0.5/√(n/A), km. */
  expectedKm: number | null;
  /** Clark–Evans ratio observed ÷ expected: < 1 clustered, ≈ 1 random, > 1 dispersed (up to 2.149 for a hexagonal lattice). */
  ratio: number | null;
  /** (observed − expected) ÷ standard error 0.26136/√(n²/A). */
  z: number | null;
  /** Two-sided p-value of z under the standard normal. */
  p: number | null;
  pattern: NniPattern;
  reading: { zh: string; en: string };
}

const READINGS: Record<NniPattern, { zh: string; en: string }> = {
  clustered: { zh: '显著集聚', en: 'significantly clustered' },
  random: { zh: '随机分布（无显著集聚或分散）', en: 'random (neither significantly clustered nor dispersed)' },
  dispersed: { zh: '显著分散', en: 'significantly dispersed' },
  undetermined: { zh: '无法判断：至少需要两个点和正的研究区面积', en: 'undetermined: needs at least two points and a study area larger than zero' }
};

/**
 * Clark–Evans nearest-neighbour index of [lon, lat] points in a study area of `areaKm2`, with
 * the z-score and two-sided p-value Turf's `nearestNeighborAnalysis` and ArcGIS use, and a plain reading.
 */
export function nearestNeighbourIndex(positions: readonly GeoJSON.Position[], areaKm2: number): NniResult {
  return nearestNeighbourIndexOf(Float64Array.from(positions, (p) => p[0]), Float64Array.from(positions, (p) => p[1]), areaKm2);
}

/** nearestNeighbourIndex of points given as longitude and latitude columns, degrees. */
export function nearestNeighbourIndexOf(lon: Float64Array, lat: Float64Array, areaKm2: number): NniResult {
  return nearestNeighbourIndexOfDistances(lon.length < 2 || !(areaKm2 > 0) ? new Float64Array(lon.length) : nearestNeighbourDistancesKm(lon, lat), areaKm2);
}

/** nearestNeighbourIndex from each point's distance to its nearest other point, km, already measured. */
export function nearestNeighbourIndexOfDistances(distancesKm: Float64Array, areaKm2: number): NniResult {
  const n = distancesKm.length;
  if (n < 2 || !(areaKm2 > 0)) return { n, areaKm2, observedKm: null, expectedKm: null, ratio: null, z: null, p: null, pattern: 'undetermined', reading: READINGS.undetermined };
  const observedKm = distancesKm.reduce((s, d) => s + d, 0) / n;
  const density = n / areaKm2;
  const expectedKm = 1 / (2 * Math.sqrt(density));
  const standardErrorKm = 0.26136 / Math.sqrt(n * density);
  const z = (observedKm - expectedKm) / standardErrorKm;
  const p = 1 - errorFunction(Math.abs(z) / Math.SQRT2);
  const pattern: NniPattern = p >= NNI_SIGNIFICANCE ? 'random' : z < 0 ? 'clustered' : 'dispersed';
  return { n, areaKm2, observedKm, expectedKm, ratio: observedKm / expectedKm, z, p: Math.max(0, p), pattern, reading: READINGS[pattern] };
}
