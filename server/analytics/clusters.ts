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

function hullOf(positions: GeoJSON.Position[], options: HullOptions): HullGeometry {
  const distinct = [...new Map(positions.map((p) => [`${p[0]},${p[1]}`, p])).values()];
  if (distinct.length === 1) return { type: 'Point', coordinates: distinct[0] };
  const concavity = options.hull === 'concave' ? options.concavity : Infinity;
  const hull = distinct.length >= 3 ? convex(featureCollection(distinct.map((p) => point(p))), { concavity }) : null;
  if (hull && area(hull) > 0) return hull.geometry;
  // Collinear members: the segment between the two extreme ones.
  const sorted = distinct.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { type: 'LineString', coordinates: [sorted[0], sorted[sorted.length - 1]] };
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

/** One cluster's outline, size, centre, area, overlapped parks and sector mix. */
export function summariseCluster(id: number, members: OrganizationPoint[], parks: readonly ParkFeature[], hull: HullOptions): ClusterSummary {
  const positions = members.map((m) => m.geometry.coordinates);
  const geometry = hullOf(positions, hull);
  const centre: [number, number] = [positions.reduce((s, p) => s + p[0], 0) / positions.length, positions.reduce((s, p) => s + p[1], 0) / positions.length];
  return {
    id,
    geometry,
    memberCount: members.length,
    distinctLocations: distinctLocationCount(positions),
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
