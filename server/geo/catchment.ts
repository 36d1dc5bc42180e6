import { bbox as turfBbox, distance, pointToPolygonDistance } from '@turf/turf';
import type KDBush from 'kdbush';
import { preparedOutline, type PointInArea } from './prepared-outline.ts';
import { grownBbox } from './radius-bbox.ts';

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;
type LonLat = [lon: number, lat: number];

/** Each area's prepared outline, kept while the area object lives (a worker's parks live as long as the worker). */
const outlines = new WeakMap<Area, PointInArea>();

/** The area's outline prepared for many tests (see preparedOutline), made on first use. */
export function outlineOf(area: Area): PointInArea {
  let outline = outlines.get(area);
  if (!outline) outlines.set(area, (outline = preparedOutline(area)));
  return outline;
}

/** The test a candidate inside the search box must pass to count. */
function catchmentTest(around: LonLat | Area, radiusKm: number, inArea: PointInArea | undefined): (lonLat: GeoJSON.Position) => boolean {
  if (Array.isArray(around)) return (p) => distance(around, p, { units: 'kilometers' }) <= radiusKm;
  const inside = inArea ?? outlineOf(around);
  if (radiusKm === 0) return (p) => inside(p[0], p[1]);
  // pointToPolygonDistance is negative inside, so one comparison covers "inside or near".
  return (p) => inside(p[0], p[1]) || pointToPolygonDistance(p, around, { units: 'kilometers' }) <= radiusKm;
}

/**
 * Rows of `tree` within `radiusKm` of a centre [lon, lat], or inside an area (and within `radiusKm`
 * of its edge when radiusKm > 0), that `accept` passes; ascending, so in the dataset's own order.
 * An area's points are tested with its prepared outline (Turf's answers, faster) unless `inArea`
 * gives the test.
 */
export function rowsWithin(
  tree: KDBush,
  positionOf: (row: number) => GeoJSON.Position,
  around: LonLat | Area,
  radiusKm: number,
  accept: (row: number) => boolean = () => true,
  inArea?: PointInArea
): number[] {
  if (!(radiusKm >= 0) || !Number.isFinite(radiusKm)) throw new RangeError(`radiusKm must be a finite number ≥ 0; got ${radiusKm}`);
  if (Array.isArray(around) && radiusKm === 0) return [];
  const box = grownBbox(Array.isArray(around) ? [around[0], around[1], around[0], around[1]] : turfBbox(around), radiusKm);
  const inside = catchmentTest(around, radiusKm, inArea);
  // Tree ids come back in tree order; a numeric sort (typed, no comparator) restores the dataset's own order.
  const ids = Uint32Array.from(tree.range(...box)).sort();
  const rows: number[] = [];
  for (const row of ids) if (row < tree.numItems && accept(row) && inside(positionOf(row))) rows.push(row);
  return rows;
}
