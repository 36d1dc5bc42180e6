import { area, booleanIntersects, convex, featureCollection, point } from '@turf/turf';
import type { ParkFeature } from '../schemas/places.ts';
import type { OrganizationPoint } from './organization-point.ts';
import { dbscanSteps, type DbscanOptions } from './dbscan.ts';
import { distinctLocationCount } from './point-precision.ts';
import type { Progressive } from './progress.ts';
import { sectorTally, type SectorCount } from './sector-tally.ts';

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
function hullOf(positions: readonly GeoJSON.Position[], distinctCount: number, options: HullOptions): HullGeometry {
  if (options.hull === 'concave') return turfHullOf(positions, options);
  const candidates = [...new Map(hullCandidates(positions).map((p) => [`${p[0]},${p[1]}`, p])).values()];
  return hullOfDistinct(candidates, distinctCount, options, () => positions);
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
  if (positions.length < 16) return [...positions];
  const extremes = [positions[0], positions[0], positions[0], positions[0], positions[0], positions[0], positions[0], positions[0]];
  for (const p of positions) {
    const [x, y] = p;
    if (x < extremes[0][0]) extremes[0] = p;
    if (x + y < extremes[1][0] + extremes[1][1]) extremes[1] = p;
    if (y < extremes[2][1]) extremes[2] = p;
    if (x - y > extremes[3][0] - extremes[3][1]) extremes[3] = p;
    if (x > extremes[4][0]) extremes[4] = p;
    if (x + y > extremes[5][0] + extremes[5][1]) extremes[5] = p;
    if (y > extremes[6][1]) extremes[6] = p;
    if (x - y < extremes[7][0] - extremes[7][1]) extremes[7] = p;
  }
  // Extremes in the directions 180°, 225°, 270° … 135°: in that order they go round a convex octagon
  // (a vertex may repeat). Keep every point not inside all of its edges by a margin.
  let twiceArea = 0;
  for (let k = 0; k < 8; k++) {
    const a = extremes[k], b = extremes[(k + 1) % 8];
    twiceArea += a[0] * b[1] - b[0] * a[1];
  }
  const spanX = extremes[4][0] - extremes[0][0], spanY = extremes[6][1] - extremes[2][1];
  // Far above the rounding of these cross products (coordinates of ~100 and spans of ~1 give errors near 1e-14).
  const margin = 1e-9 * Math.max(spanX, spanY) * Math.max(spanX, spanY);
  if (!(Math.abs(twiceArea) > 2 * margin)) return [...positions];
  const sign = twiceArea > 0 ? 1 : -1;
  return positions.filter(([x, y]) => {
    for (let k = 0; k < 8; k++) {
      const a = extremes[k], b = extremes[(k + 1) % 8];
      if (sign * ((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0])) <= margin) return true;
    }
    return false;
  });
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

/** One cluster's outline, size, centre, area, overlapped parks and sector mix. */
export function summariseCluster(id: number, members: OrganizationPoint[], parks: readonly ParkFeature[], hull: HullOptions): ClusterSummary {
  const positions = members.map((m) => m.geometry.coordinates);
  const distinctLocations = distinctLocationCount(positions);
  const geometry = hullOf(positions, distinctLocations, hull);
  const centre: [number, number] = [positions.reduce((s, p) => s + p[0], 0) / positions.length, positions.reduce((s, p) => s + p[1], 0) / positions.length];
  return {
    id,
    geometry,
    memberCount: members.length,
    distinctLocations,
    centre,
    areaKm2: geometry.type === 'Polygon' ? area(geometry) / 1e6 : 0,
    city: mostCommon(members.map((m) => m.properties.city)),
    parkIds: parks.filter((p) => booleanIntersects(geometry, p.geometry)).map((p) => p.properties.id),
    sectors: sectorTally(members.map((m) => m.properties.sectors))
  };
}

/** DBSCAN clusters of organisations, each summarised with its hull; progress then the report. */
export function* clusterReportSteps(
  organizations: readonly OrganizationPoint[],
  parks: readonly ParkFeature[],
  options: DbscanOptions & { hull: HullOptions }
): Progressive<ClusterReport> {
  const dbscan = dbscanSteps(organizations.map((o) => o.geometry.coordinates), options);
  let step = dbscan.next();
  for (; !step.done; step = dbscan.next()) yield 0.8 * step.value;
  const { labels, clusterCount, noiseCount } = step.value;
  const members: OrganizationPoint[][] = Array.from({ length: clusterCount }, () => []);
  labels.forEach((label, i) => label >= 0 && members[label].push(organizations[i]));
  const clusters: ClusterSummary[] = [];
  for (let id = 0; id < clusterCount; id++) {
    clusters.push(summariseCluster(id, members[id], parks, options.hull));
    yield 0.8 + 0.2 * ((id + 1) / clusterCount);
  }
  return { clusters, noiseCount, total: organizations.length };
}
