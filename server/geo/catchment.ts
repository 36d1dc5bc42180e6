import { bbox as turfBbox, booleanPointInPolygon, distance, pointToPolygonDistance } from '@turf/turf';
import KDBush from 'kdbush';
import { grownBbox } from './radius-bbox.ts';
import type { OrganizationFeature } from '../schemas/places.ts';

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;
type LonLat = [lon: number, lat: number];

/** Organisations with a KD-tree over their [lon, lat]; tree item i is features[i]. */
export interface PointIndex {
  readonly tree: KDBush;
  readonly features: readonly OrganizationFeature[];
}

/** How many organisations a catchment holds, per sector, and which ones. */
export interface CatchmentResult {
  total: number;
  /** An organisation in several sectors counts once in each. */
  bySector: Record<string, number>;
  features: OrganizationFeature[];
}

/** Builds the KD-tree a catchment query needs (once per dataset, not per query). */
export function pointIndex(features: readonly OrganizationFeature[]): PointIndex {
  const tree = new KDBush(Math.max(features.length, 1));
  for (const f of features) tree.add(f.geometry.coordinates[0], f.geometry.coordinates[1]);
  // KDBush cannot finish an empty tree; a far-away dummy point keeps the empty case uniform.
  if (features.length === 0) tree.add(1e9, 1e9);
  return { tree: tree.finish(), features };
}

/** The test a candidate inside the search box must pass to count. */
function catchmentTest(around: LonLat | Area, radiusKm: number): (lonLat: GeoJSON.Position) => boolean {
  if (Array.isArray(around)) return (p) => distance(around, p, { units: 'kilometers' }) <= radiusKm;
  if (radiusKm === 0) return (p) => booleanPointInPolygon(p, around);
  // pointToPolygonDistance is negative inside, so one comparison covers "inside or near".
  return (p) => booleanPointInPolygon(p, around) || pointToPolygonDistance(p, around, { units: 'kilometers' }) <= radiusKm;
}

/**
 * Rows of `tree` within `radiusKm` of a centre [lon, lat], or inside an area (and within `radiusKm`
 * of its edge when radiusKm > 0), that `accept` passes; ascending, so in the dataset's own order.
 */
export function rowsWithin(
  tree: KDBush,
  positionOf: (row: number) => GeoJSON.Position,
  around: LonLat | Area,
  radiusKm: number,
  accept: (row: number) => boolean = () => true
): number[] {
  if (!(radiusKm >= 0) || !Number.isFinite(radiusKm)) throw new RangeError(`radiusKm must be a finite number ≥ 0; got ${radiusKm}`);
  if (Array.isArray(around) && radiusKm === 0) return [];
  const box = grownBbox(Array.isArray(around) ? [around[0], around[1], around[0], around[1]] : turfBbox(around), radiusKm);
  const inside = catchmentTest(around, radiusKm);
  // Tree ids come back in tree order; sorting restores the dataset's own order.
  const ids = tree.range(...box).sort((a, b) => a - b);
  return ids.filter((row) => row < tree.numItems && accept(row) && inside(positionOf(row)));
}

/**
 * Organisations within `radiusKm` of a centre [lon, lat], or inside an area (and within
 * `radiusKm` of its edge when radiusKm > 0), with counts by sector. Searches one or more indexes
 * (e.g. shipped and imported datasets) and returns their features in index order.
 */
export function organizationsWithin(indexes: PointIndex | readonly PointIndex[], around: LonLat | Area, radiusKm: number): CatchmentResult {
  const features: OrganizationFeature[] = [];
  const bySector: Record<string, number> = {};
  const list: readonly PointIndex[] = 'tree' in indexes ? [indexes] : indexes;
  for (const index of list) {
    for (const row of rowsWithin(index.tree, (i) => index.features[i].geometry.coordinates, around, radiusKm, (i) => i < index.features.length)) {
      const feature = index.features[row];
      features.push(feature);
      for (const sector of feature.properties.sectors) bySector[sector] = (bySector[sector] ?? 0) + 1;
    }
  }
  return { total: features.length, bySector, features };
}
