import { area, booleanIntersects, convex, featureCollection, point } from '@turf/turf';
import type { ParkFeature } from '../schemas/places.ts';
import type { OrganizationPoint } from './organization-point.ts';
import { dbscanOfColumnsSteps, type DbscanOptions } from './dbscan.ts';
import { distinctLocationCountOf } from './point-precision.ts';
import type { Progressive } from './progress.ts';
import type { SectorCount } from './sector-tally.ts';

/** How a cluster's outline is drawn: the convex hull, or a concave hull with concaveman's `concavity` (1 hugs the points, larger is looser). */
export type HullOptions = { hull: 'convex' } | { hull: 'concave'; concavity: number };

export const HULL_DEFAULTS = { hull: 'convex', concavity: 2 } as const;

export type HullGeometry = GeoJSON.Polygon | GeoJSON.LineString | GeoJSON.Point;

export interface ClusterSummary {
  id: number;
  /** The polygon around the members; a Point or LineString when the members are one place or on one line. */
  geometry: HullGeometry;
  memberCount: number;
  /** Distinct coordinates among the members: under 3, the group is records placed together, not a cluster. */
  distinctLocations: number;
  /** Mean of the members' [lon, lat]. */
  centre: [number, number];
  areaKm2: number;
  /** The city most members are in (ties: alphabetical). */
  city: string;
  parkIds: string[];
  sectors: SectorCount[];
}

export interface ClusterReport {
  clusters: ClusterSummary[];
  noiseCount: number;
  total: number;
}

/** The hull as it always was: Turf's convex (concaveman) over the distinct positions; the reference hullOf must equal. */
export function turfHullOf(positions: readonly GeoJSON.Position[], options: HullOptions): HullGeometry {
  const distinct = [...new Map(positions.map((p) => [`${p[0]},${p[1]}`, p])).values()];
  return hullOfDistinct(distinct, distinct.length, options, () => distinct);
}

/**
 * The cluster outline: a Point for one place, the convex (or concave) hull, or for collinear members
 * the segment between the two extreme ones. For the convex hull only the members that can be hull
 * vertices are handed to Turf (see hullCandidates): concaveman's convex hull depends on nothing else,
 * so the outline is the same as over every member, without indexing a hundred thousand points.
 */
function hullOf(lon: Float64Array, lat: Float64Array, distinctCount: number, options: HullOptions): HullGeometry {
  const positions = () => Array.from(lon, (x, i) => [x, lat[i]]);
  if (options.hull === 'concave') return turfHullOf(positions(), options);
  const candidates = [...new Map(hullCandidatesOf(lon, lat).map((p) => [`${p[0]},${p[1]}`, p])).values()];
  return hullOfDistinct(candidates, distinctCount, options, positions);
}

function hullOfDistinct(points: GeoJSON.Position[], distinctCount: number, options: HullOptions, all: () => readonly GeoJSON.Position[]): HullGeometry {
  if (distinctCount === 1) return { type: 'Point', coordinates: points[0] };
  const concavity = options.hull === 'concave' ? options.concavity : Infinity;
  const hull = distinctCount >= 3 ? convex(featureCollection(points.map((p) => point(p))), { concavity }) : null;
  if (hull && area(hull) > 0) return hull.geometry;
  // Collinear members: the segment between the two extreme ones (by longitude, then latitude).
  const before = (a: GeoJSON.Position, b: GeoJSON.Position) => a[0] - b[0] || a[1] - b[1];
  let first = points[0], last = points[0];
  for (const p of all()) {
    if (before(p, first) < 0) first = p;
    if (before(p, last) > 0) last = p;
  }
  return { type: 'LineString', coordinates: [first, last] };
}

/**
 * The positions that may be convex-hull vertices (Akl–Toussaint): those not clearly inside the
 * octagon of the extreme points (least and greatest x, y, x + y and x − y). A point inside it by more
 * than rounding could ever matter lies inside the hull, so it is no vertex and dropping it changes nothing.
 */
export function hullCandidates(positions: readonly GeoJSON.Position[]): GeoJSON.Position[] {
  return hullCandidatesOf(Float64Array.from(positions, (p) => p[0]), Float64Array.from(positions, (p) => p[1]));
}

/** hullCandidates of points given as x and y columns, as [x, y] positions in column order. */
export function hullCandidatesOf(xs: Float64Array, ys: Float64Array): GeoJSON.Position[] {
  const n = xs.length;
  const all = () => Array.from(xs, (x, i) => [x, ys[i]]);
  if (n < 16) return all();
  // Indices of the extremes in the directions 180°, 225°, 270° … 135°.
  const e = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const x = xs[i], y = ys[i];
    if (x < xs[e[0]]) e[0] = i;
    if (x + y < xs[e[1]] + ys[e[1]]) e[1] = i;
    if (y < ys[e[2]]) e[2] = i;
    if (x - y > xs[e[3]] - ys[e[3]]) e[3] = i;
    if (x > xs[e[4]]) e[4] = i;
    if (x + y > xs[e[5]] + ys[e[5]]) e[5] = i;
    if (y > ys[e[6]]) e[6] = i;
    if (x - y < xs[e[7]] - ys[e[7]]) e[7] = i;
  }
  // In that order the extremes go round a convex octagon (a vertex may repeat). Keep every point
  // not inside all of its edges by a margin.
  const ex = e.map((i) => xs[i]), ey = e.map((i) => ys[i]);
  let twiceArea = 0;
  for (let k = 0; k < 8; k++) twiceArea += ex[k] * ey[(k + 1) % 8] - ex[(k + 1) % 8] * ey[k];
  const spanX = ex[4] - ex[0], spanY = ey[6] - ey[2];
  // Far above the rounding of these cross products (coordinates of ~100 and spans of ~1 give errors near 1e-14).
  const margin = 1e-9 * Math.max(spanX, spanY) * Math.max(spanX, spanY);
  if (!(Math.abs(twiceArea) > 2 * margin)) return all();
  const sign = twiceArea > 0 ? 1 : -1;
  const out: GeoJSON.Position[] = [];
  for (let i = 0; i < n; i++) {
    const x = xs[i], y = ys[i];
    for (let k = 0; k < 8; k++) {
      const ax = ex[k], ay = ey[k], bx = ex[(k + 1) % 8], by = ey[(k + 1) % 8];
      if (sign * ((bx - ax) * (y - ay) - (by - ay) * (x - ax)) <= margin) {
        out.push([x, y]);
        break;
      }
    }
  }
  return out;
}

/** Points as columns: position, a city number into `cityNames`, and sector bits (`sectorWords` words per point, bit k naming `sectorNames[k]`). */
export interface ClusterPoints {
  lon: Float64Array;
  lat: Float64Array;
  city: Uint8Array;
  cityNames: readonly string[];
  sectorBits: Uint32Array;
  sectorWords: number;
  sectorNames: readonly string[];
}

/** Organisations as ClusterPoints (cities and sectors numbered in order of first appearance). */
function clusterPointsOf(organizations: readonly OrganizationPoint[]): ClusterPoints {
  const cityNames: string[] = [], sectorNames: string[] = [];
  const cityNumber = new Map<string, number>(), sectorNumber = new Map<string, number>();
  for (const o of organizations) {
    if (!cityNumber.has(o.properties.city)) cityNumber.set(o.properties.city, cityNames.push(o.properties.city) - 1);
    for (const s of o.properties.sectors) if (!sectorNumber.has(s)) sectorNumber.set(s, sectorNames.push(s) - 1);
  }
  const sectorWords = Math.max(1, Math.ceil(sectorNames.length / 32));
  const sectorBits = new Uint32Array(organizations.length * sectorWords);
  organizations.forEach((o, i) => {
    for (const s of o.properties.sectors) {
      const k = sectorNumber.get(s)!;
      sectorBits[i * sectorWords + (k >> 5)] |= 1 << (k & 31);
    }
  });
  return {
    lon: Float64Array.from(organizations, (o) => o.geometry.coordinates[0]),
    lat: Float64Array.from(organizations, (o) => o.geometry.coordinates[1]),
    city: Uint8Array.from(organizations, (o) => cityNumber.get(o.properties.city)!),
    cityNames,
    sectorBits,
    sectorWords,
    sectorNames
  };
}

/** One cluster's outline, size, centre, area, overlapped parks and sector mix. */
export function summariseCluster(id: number, members: OrganizationPoint[], parks: readonly ParkFeature[], hull: HullOptions): ClusterSummary {
  return summariseClusterOf(id, clusterPointsOf(members), Int32Array.from(members, (_, i) => i), parks, hull);
}

/** summariseCluster of the members `rows` of points given as columns. */
function summariseClusterOf(id: number, points: ClusterPoints, rows: Int32Array, parks: readonly ParkFeature[], hull: HullOptions): ClusterSummary {
  const n = rows.length;
  const lon = new Float64Array(n), lat = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    lon[k] = points.lon[rows[k]];
    lat[k] = points.lat[rows[k]];
  }
  const distinctLocations = distinctLocationCountOf(lon, lat);
  const geometry = hullOf(lon, lat, distinctLocations, hull);
  let lonSum = 0, latSum = 0;
  for (let k = 0; k < n; k++) lonSum += lon[k];
  for (let k = 0; k < n; k++) latSum += lat[k];
  const centre: [number, number] = [lonSum / n, latSum / n];
  // Cities and sectors counted by number: the main city is the most common (ties: alphabetical), sectors ordered as sectorTally orders them.
  const cityCount = new Uint32Array(256);
  const { sectorBits, sectorWords, sectorNames } = points;
  const sectorCount = new Uint32Array(sectorWords * 32);
  for (let k = 0; k < n; k++) {
    const row = rows[k];
    cityCount[points.city[row]]++;
    for (let w = 0; w < sectorWords; w++) {
      let bits = sectorBits[row * sectorWords + w];
      while (bits !== 0) {
        sectorCount[w * 32 + (31 - Math.clz32(bits & -bits))]++;
        bits &= bits - 1;
      }
    }
  }
  const cities = new Map<string, number>();
  cityCount.forEach((count, code) => count > 0 && cities.set(points.cityNames[code] ?? '', (cities.get(points.cityNames[code] ?? '') ?? 0) + count));
  const sectors: SectorCount[] = [];
  sectorCount.forEach((count, k) => count > 0 && k < sectorNames.length && sectors.push({ sector: sectorNames[k], count }));
  return {
    id,
    geometry,
    memberCount: n,
    distinctLocations,
    centre,
    areaKm2: geometry.type === 'Polygon' ? area(geometry) / 1e6 : 0,
    city: [...cities].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0],
    parkIds: parks.filter((p) => booleanIntersects(geometry, p.geometry)).map((p) => p.properties.id),
    sectors: sectors.sort((a, b) => b.count - a.count || a.sector.localeCompare(b.sector))
  };
}

/** DBSCAN clusters of organisations, each summarised with its hull; progress then the report. */
export function* clusterReportSteps(
  organizations: readonly OrganizationPoint[],
  parks: readonly ParkFeature[],
  options: DbscanOptions & { hull: HullOptions }
): Progressive<ClusterReport> {
  return yield* clusterReportOfColumnsSteps(clusterPointsOf(organizations), parks, options);
}

/** clusterReportSteps of points given as columns: no object per point, members gathered per cluster by counting. */
export function* clusterReportOfColumnsSteps(points: ClusterPoints, parks: readonly ParkFeature[], options: DbscanOptions & { hull: HullOptions }): Progressive<ClusterReport> {
  const dbscan = dbscanOfColumnsSteps(points.lon, points.lat, options);
  let step = dbscan.next();
  for (; !step.done; step = dbscan.next()) yield 0.8 * step.value;
  const { labels, clusterCount, noiseCount } = step.value;
  // Members of each cluster, in point order: counting sort by label.
  const start = new Int32Array(clusterCount + 1);
  for (const label of labels) if (label >= 0) start[label + 1]++;
  for (let c = 0; c < clusterCount; c++) start[c + 1] += start[c];
  const fill = start.slice(0, clusterCount);
  const rows = new Int32Array(start[clusterCount]);
  labels.forEach((label, i) => {
    if (label >= 0) rows[fill[label]++] = i;
  });
  const clusters: ClusterSummary[] = [];
  for (let id = 0; id < clusterCount; id++) {
    clusters.push(summariseClusterOf(id, points, rows.subarray(start[id], start[id + 1]), parks, options.hull));
    yield 0.8 + 0.2 * ((id + 1) / clusterCount);
  }
  return { clusters, noiseCount, total: points.lon.length };
}
