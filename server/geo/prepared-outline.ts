import { bbox as turfBbox, booleanPointInPolygon } from '@turf/turf';

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** Whether [lon, lat] is inside an area or on its outline: Turf's booleanPointInPolygon, answer for answer. */
export type PointInArea = (lon: number, lat: number) => boolean;

/** Cells along each side of the grid over an outline's box: 65,536 bytes, and a 959-vertex outline touches ~3 % of them. */
const CELLS_PER_SIDE = 256;
/**
 * How far, degrees (~0.1 mm), an edge must stay from a cell for the cell to count as untouched. It
 * covers the rounding of the cell arithmetic and of the edge pieces (~1e-14°), so a point in an
 * untouched cell is strictly on one side of every edge in Turf's own arithmetic too.
 */
const MARGIN_DEG = 1e-9;
const UNKNOWN = 0, TOUCHED = 1, INSIDE = 2, OUTSIDE = 3;

/** Turf's own test, point by point: the reference the prepared test answers the same as. */
export const turfPointInArea = (area: Area): PointInArea => (lon, lat) => booleanPointInPolygon([lon, lat], area);

/**
 * An area prepared for many point-in-polygon tests. A grid over its box marks every cell an edge
 * comes within MARGIN_DEG of; an unmarked cell holds no outline, so all its points get one answer,
 * and a connected run of unmarked cells shares it, found once with Turf at one cell's centre. Only a
 * point in a marked cell (or outside the box) is tested with Turf itself, so every answer is Turf's
 * (inside or on the outline = true) while most points cost one array read.
 */
export function preparedOutline(area: Area): PointInArea {
  const exact = turfPointInArea(area);
  const [minX, minY, maxX, maxY] = turfBbox(area);
  const cellW = (maxX - minX) / CELLS_PER_SIDE, cellH = (maxY - minY) / CELLS_PER_SIDE;
  if (!(cellW > 0 && cellH > 0)) return exact;
  // Turf checks a bbox the geometry carries before anything else.
  const given = area.bbox;
  const column = (x: number) => Math.min(CELLS_PER_SIDE - 1, Math.max(0, Math.floor((x - minX) / cellW)));
  const row = (y: number) => Math.min(CELLS_PER_SIDE - 1, Math.max(0, Math.floor((y - minY) / cellH)));
  const state = new Uint8Array(CELLS_PER_SIDE * CELLS_PER_SIDE);

  // Each edge in pieces no longer than a cell, so a long diagonal edge marks the cells along it, not its whole box.
  const rings = area.type === 'Polygon' ? area.coordinates : area.coordinates.flat();
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i], [x1, y1] = ring[i + 1];
      const pieces = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0) / cellW, Math.abs(y1 - y0) / cellH)));
      for (let k = 0; k < pieces; k++) {
        const ax = k === 0 ? x0 : x0 + ((x1 - x0) * k) / pieces, ay = k === 0 ? y0 : y0 + ((y1 - y0) * k) / pieces;
        const bx = k === pieces - 1 ? x1 : x0 + ((x1 - x0) * (k + 1)) / pieces, by = k === pieces - 1 ? y1 : y0 + ((y1 - y0) * (k + 1)) / pieces;
        const c0 = column(Math.min(ax, bx) - MARGIN_DEG), c1 = column(Math.max(ax, bx) + MARGIN_DEG);
        const r0 = row(Math.min(ay, by) - MARGIN_DEG), r1 = row(Math.max(ay, by) + MARGIN_DEG);
        for (let r = r0; r <= r1; r++) state.fill(TOUCHED, r * CELLS_PER_SIDE + c0, r * CELLS_PER_SIDE + c1 + 1);
      }
    }
  }

  // Flood each run of untouched cells (4-neighbours) with the answer at its first cell's centre.
  const stack: number[] = [];
  for (let start = 0; start < state.length; start++) {
    if (state[start] !== UNKNOWN) continue;
    const cx = minX + ((start % CELLS_PER_SIDE) + 0.5) * cellW, cy = minY + (Math.floor(start / CELLS_PER_SIDE) + 0.5) * cellH;
    const verdict = exact(cx, cy) ? INSIDE : OUTSIDE;
    state[start] = verdict;
    stack.push(start);
    while (stack.length > 0) {
      const cell = stack.pop()!;
      const c = cell % CELLS_PER_SIDE;
      for (const next of [c > 0 ? cell - 1 : -1, c < CELLS_PER_SIDE - 1 ? cell + 1 : -1, cell - CELLS_PER_SIDE, cell + CELLS_PER_SIDE]) {
        if (next >= 0 && next < state.length && state[next] === UNKNOWN) {
          state[next] = verdict;
          stack.push(next);
        }
      }
    }
  }

  return (lon, lat) => {
    if (given && !(given[0] <= lon && given[1] <= lat && given[2] >= lon && given[3] >= lat)) return false;
    if (!(lon >= minX && lon <= maxX && lat >= minY && lat <= maxY)) return exact(lon, lat);
    const verdict = state[row(lat) * CELLS_PER_SIDE + column(lon)];
    return verdict === TOUCHED ? exact(lon, lat) : verdict === INSIDE;
  };
}
