import { booleanPointInPolygon, bbox as turfBbox } from '@turf/turf';
import Flatbush from 'flatbush';

type Area = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;

/** Side of the lookup grid's square cells, degrees (about 1 km). */
const CELL_DEG = 0.01;
// A cell's verdict: the area that holds all of it, or one of these.
const OUTSIDE_ALL = -1;
const ON_AN_EDGE = -2;

/**
 * Areas indexed for point lookups: an R-tree over their bounding boxes and one over their edges,
 * plus a lazily filled grid of ~1 km cells remembering which area holds a whole cell, so most
 * points need no polygon test at all.
 */
export interface AreaIndex {
  areas: readonly Area[];
  boxes: Flatbush;
  edges: Flatbush;
  cells: Map<number, number>;
}

function ringsOf(area: Area): GeoJSON.Position[][] {
  return area.geometry.type === 'Polygon' ? area.geometry.coordinates : area.geometry.coordinates.flat();
}

export function areaIndex(areas: readonly Area[]): AreaIndex {
  const boxes = new Flatbush(Math.max(areas.length, 1));
  let edgeCount = 0;
  for (const a of areas) {
    const [minLon, minLat, maxLon, maxLat] = turfBbox(a);
    boxes.add(minLon, minLat, maxLon, maxLat);
    for (const ring of ringsOf(a)) edgeCount += ring.length - 1;
  }
  // Flatbush cannot finish empty: a far-away box keeps the empty case uniform.
  if (areas.length === 0) boxes.add(1e9, 1e9, 1e9, 1e9);
  const edges = new Flatbush(Math.max(edgeCount, 1));
  for (const a of areas) {
    for (const ring of ringsOf(a)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = ring[i], [x1, y1] = ring[i + 1];
        edges.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
      }
    }
  }
  if (edgeCount === 0) edges.add(1e9, 1e9, 1e9, 1e9);
  boxes.finish();
  edges.finish();
  return { areas, boxes, edges, cells: new Map() };
}

/** The first area (in list order) that holds [lon, lat], tested exactly; −1 for none. */
function firstAreaHolding(index: AreaIndex, lon: number, lat: number): number {
  const candidates = index.boxes.search(lon, lat, lon, lat).sort((a, b) => a - b);
  for (const i of candidates) if (i < index.areas.length && booleanPointInPolygon([lon, lat], index.areas[i])) return i;
  return OUTSIDE_ALL;
}

/** A cell no edge touches lies wholly inside one area or outside all, so its centre decides for it. */
function cellVerdict(index: AreaIndex, cx: number, cy: number): number {
  const west = cx * CELL_DEG, south = cy * CELL_DEG;
  if (index.edges.search(west, south, west + CELL_DEG, south + CELL_DEG).length > 0) return ON_AN_EDGE;
  return firstAreaHolding(index, west + CELL_DEG / 2, south + CELL_DEG / 2);
}

/** The index of the first area (in the list's order) that holds each [lon, lat], or −1. */
export function areaOfEachPoint(index: AreaIndex, positions: readonly GeoJSON.Position[]): Int32Array {
  return Int32Array.from(positions, ([lon, lat]) => {
    const cx = Math.floor(lon / CELL_DEG), cy = Math.floor(lat / CELL_DEG);
    // Whole-degree cells fit in a key: 36 000 columns of 0.01°.
    const key = cy * 400_000 + cx;
    let verdict = index.cells.get(key);
    if (verdict === undefined) {
      verdict = cellVerdict(index, cx, cy);
      index.cells.set(key, verdict);
    }
    return verdict === ON_AN_EDGE ? firstAreaHolding(index, lon, lat) : verdict;
  });
}

/** How many points fall in each area (same order as the areas), and how many in none. */
export function countPerArea(index: AreaIndex, positions: readonly GeoJSON.Position[]): { counts: number[]; outside: number } {
  const counts = new Array<number>(index.areas.length).fill(0);
  let outside = 0;
  for (const a of areaOfEachPoint(index, positions)) {
    if (a < 0) outside++;
    else counts[a]++;
  }
  return { counts, outside };
}
