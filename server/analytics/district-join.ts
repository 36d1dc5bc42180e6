import { bboxClip, booleanPointInPolygon, bbox as turfBbox } from '@turf/turf';
import Flatbush from 'flatbush';

type Area = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;

/** Side of the lookup grid's square cells, degrees (about 1 km). */
const CELL_DEG = 0.01;
const OUTSIDE_ALL = -1;
const CLIP_MARGIN_DEG = 1e-7;

/** An area's part inside one grid cell; a point of the cell is in the area exactly when it is in this part. */
interface ClippedArea {
  area: number;
  part: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
  /** The part's rings as flat [x0, y0, x1, y1, …] arrays (closed), for insideRings. */
  rings: Float64Array[];
}

/**
 * Whether [x, y] is inside the rings by the even–odd rule (a polygon's holes and a multipolygon's
 * parts alike), without allocation; undefined when the point lies exactly on a ring's edge or
 * vertex, where the caller asks Turf (whose answer on a boundary is "inside").
 */
function insideRings(rings: readonly Float64Array[], x: number, y: number): boolean | undefined {
  let inside = false;
  for (const ring of rings) {
    for (let k = 0; k + 3 < ring.length; k += 2) {
      const x0 = ring[k], y0 = ring[k + 1], x1 = ring[k + 2], y1 = ring[k + 3];
      if ((y0 > y) !== (y1 > y)) {
        const cross = (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0);
        if (cross === 0) return undefined;
        if ((cross > 0) === (y1 > y0)) inside = !inside;
      } else if (y0 === y && y1 === y && Math.min(x0, x1) <= x && x <= Math.max(x0, x1)) return undefined;
      else if (x0 === x && y0 === y) return undefined;
    }
  }
  return inside;
}

/** A cell's verdict: the area holding all of it (or −1 for none), or, for a cell an edge crosses, the areas clipped to it. */
type CellVerdict = number | ClippedArea[];

/**
 * Areas indexed for point lookups: an R-tree over their bounding boxes and one over their edges,
 * plus a lazily filled grid of ~1 km cells remembering which area holds a whole cell, so most
 * points need no polygon test at all.
 */
export interface AreaIndex {
  areas: readonly Area[];
  boxes: Flatbush;
  edges: Flatbush;
  cells: Map<number, CellVerdict>;
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

/** A ring as a flat closed [x0, y0, …, x0, y0] array. */
function closedRing(ring: GeoJSON.Position[]): Float64Array {
  const flat = ring.flatMap((p) => [p[0], p[1]]);
  if (ring.length > 0 && (ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1])) flat.push(ring[0][0], ring[0][1]);
  return Float64Array.from(flat);
}

/** The first area (in list order) that holds [lon, lat], tested exactly; −1 for none. */
function firstAreaHolding(index: AreaIndex, lon: number, lat: number): number {
  const candidates = index.boxes.search(lon, lat, lon, lat).sort((a, b) => a - b);
  for (const i of candidates) if (i < index.areas.length && booleanPointInPolygon([lon, lat], index.areas[i])) return i;
  return OUTSIDE_ALL;
}

/**
 * A cell no edge touches lies wholly inside one area or outside all, so its centre decides for it.
 * A cell an edge crosses keeps each nearby area clipped to the cell: a few vertices to test instead of hundreds.
 */
function cellVerdict(index: AreaIndex, cx: number, cy: number): CellVerdict {
  const box: [number, number, number, number] = [cx * CELL_DEG, cy * CELL_DEG, (cx + 1) * CELL_DEG, (cy + 1) * CELL_DEG];
  // Work a hair beyond the cell, so rounding at its border cannot matter and the clip's own straight
  // cuts never pass through a point of the cell.
  const clipBox: [number, number, number, number] = [box[0] - CLIP_MARGIN_DEG, box[1] - CLIP_MARGIN_DEG, box[2] + CLIP_MARGIN_DEG, box[3] + CLIP_MARGIN_DEG];
  if (index.edges.search(...clipBox).length === 0) return firstAreaHolding(index, box[0] + CELL_DEG / 2, box[1] + CELL_DEG / 2);
  return index.boxes
    .search(...clipBox)
    .filter((i) => i < index.areas.length)
    .sort((a, b) => a - b)
    // Clipping an area to a box gives an area (or nothing) back.
    .map((area) => {
      const part = bboxClip(index.areas[area], clipBox) as ClippedArea['part'];
      const polygons = part.geometry.type === 'Polygon' ? [part.geometry.coordinates] : part.geometry.coordinates;
      return { area, part, rings: polygons.flat().map(closedRing) };
    })
    .filter(({ part }) => part.geometry.coordinates.length > 0);
}

/** The index of the first area (in the list's order) that holds each [lon, lat], or −1. */
export function areaOfEachPoint(index: AreaIndex, positions: readonly GeoJSON.Position[]): Int32Array {
  return areaOfEachPointOf(index, Float64Array.from(positions, (p) => p[0]), Float64Array.from(positions, (p) => p[1]));
}

/** areaOfEachPoint of points given as longitude and latitude columns, degrees. */
export function areaOfEachPointOf(index: AreaIndex, lons: Float64Array, lats: Float64Array): Int32Array {
  return Int32Array.from(lons, (lon, i) => {
    const lat = lats[i];
    const cx = Math.floor(lon / CELL_DEG), cy = Math.floor(lat / CELL_DEG);
    // Whole-degree cells fit in a key: 36 000 columns of 0.01°.
    const key = cy * 400_000 + cx;
    let verdict = index.cells.get(key);
    if (verdict === undefined) {
      verdict = cellVerdict(index, cx, cy);
      index.cells.set(key, verdict);
    }
    if (typeof verdict === 'number') return verdict;
    for (const { area, rings, part } of verdict) {
      const inside = insideRings(rings, lon, lat);
      if (inside === true || (inside === undefined && booleanPointInPolygon([lon, lat], part))) return area;
    }
    return OUTSIDE_ALL;
  });
}

/** How many points fall in each area (same order as the areas), and how many in none. */
export function countPerArea(index: AreaIndex, positions: readonly GeoJSON.Position[]): { counts: number[]; outside: number } {
  return countPerAreaOf(index, Float64Array.from(positions, (p) => p[0]), Float64Array.from(positions, (p) => p[1]));
}

/** countPerArea of points given as longitude and latitude columns, degrees. */
export function countPerAreaOf(index: AreaIndex, lon: Float64Array, lat: Float64Array): { counts: number[]; outside: number } {
  return countPerAreaOfRows(areaOfEachPointOf(index, lon, lat), null, lon.length, index.areas.length);
}

/** countPerArea from each row's area (areaOfEachPointOf) already found: `rows` (or rows 0…n−1 when null) are counted. */
export function countPerAreaOfRows(areaOfRow: Int32Array, rows: Uint32Array | null, n: number, areaCount: number): { counts: number[]; outside: number } {
  const counts = new Array<number>(areaCount).fill(0);
  let outside = 0;
  for (let k = 0; k < n; k++) {
    const a = areaOfRow[rows ? rows[k] : k];
    if (a < 0) outside++;
    else counts[a]++;
  }
  return { counts, outside };
}
