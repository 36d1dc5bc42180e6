import { bbox as turfBbox, booleanPointInPolygon, distance, pointToPolygonDistance } from '@turf/turf';
import type KDBush from 'kdbush';
import { grownBbox } from './radius-bbox.ts';

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;
type LonLat = [lon: number, lat: number];

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
