import { booleanPointInPolygon, distance, polygon } from '@turf/turf';
import { KM_PER_DEG } from '../geo/geodesy.ts';
import type { SectorCount } from './sector-tally.ts';

type Bbox = [number, number, number, number];

export const HEX_GRID_DEFAULTS = { cellSideKm: 1.5 } as const;

/** Grids with more hexagons than this are refused: the per-hexagon counters would not fit in memory. */
export const MAX_GRID_HEXAGONS = 4_000_000;

/** One hexagon of Turf's `hexGrid` that holds at least one point. */
export interface GridHexCell {
  /** Turf's column (x) and row (y) loop indices; the hexagon is the Turf feature made at that step. */
  column: number;
  row: number;
  /** The closed [lon, lat] ring, coordinate for coordinate the one Turf builds. */
  ring: number[][];
  count: number;
  /** count ÷ points counted in any hexagon. */
  share: number;
  topSectors: SectorCount[];
}

export interface HexGridDensity {
  cellSideKm: number;
  bbox: Bbox;
  total: number;
  /** Points in no hexagon: Turf's grid leaves strips along the bbox edges uncovered. */
  outside: number;
  /** Hexagons holding at least one point, most crowded first. */
  cells: GridHexCell[];
}

/**
 * The layout of `hexGrid(bbox, cellSideKm, { units: 'kilometers' })` from @turf/hex-grid 7,
 * every expression in Turf's order so centres and vertices come out bit for bit the same.
 */
export function turfHexLayout([west, south, east, north]: Bbox, cellSideKm: number) {
  const centerY = (south + north) / 2;
  const centerX = (west + east) / 2;
  const cellWidth = ((cellSideKm * 2) / distance([west, centerY], [east, centerY], { units: 'kilometers' })) * (east - west);
  const cellHeight = ((cellSideKm * 2) / distance([centerX, south], [centerX, north], { units: 'kilometers' })) * (north - south);
  const radius = cellWidth / 2;
  const hexWidth = radius * 2;
  const hexHeight = (Math.sqrt(3) / 2) * cellHeight;
  const boxWidth = east - west;
  const boxHeight = north - south;
  const xInterval = (3 / 4) * hexWidth;
  const columns = Math.floor((boxWidth - hexWidth) / (hexWidth - radius / 2));
  const xAdjust = (columns * xInterval - radius / 2 - boxWidth) / 2 - radius / 2 + xInterval / 2;
  const rows = Math.floor((boxHeight - hexHeight) / hexHeight);
  const hasOffsetY = rows * hexHeight - boxHeight > hexHeight / 2;
  const yAdjust = (boxHeight - rows * hexHeight) / 2 - (hasOffsetY ? hexHeight / 4 : 0);
  // A degenerate bbox gives NaN sizes, a bbox narrower than one hexagon a negative count: no hexagons, as in Turf.
  const empty = !(columns >= 0 && rows >= 0);
  const centre = (x: number, y: number): [number, number] => [x * xInterval + west - xAdjust, y * hexHeight + south + yAdjust - (Math.abs(x % 2) === 1 ? hexHeight / 2 : 0)];
  return {
    west, south, rx: cellWidth / 2, ry: cellHeight / 2, xInterval, hexHeight, xAdjust, yAdjust, hasOffsetY,
    lastColumn: empty ? -1 : columns,
    lastRow: empty ? -1 : rows,
    centre,
    /** Whether Turf makes the hexagon at (x, y): it skips row 0 of odd columns, and all of row 0 when offset. */
    exists: (x: number, y: number) => x >= 0 && y >= 0 && x <= (empty ? -1 : columns) && y <= rows && !(y === 0 && (x % 2 === 1 || hasOffsetY))
  };
}
type Layout = ReturnType<typeof turfHexLayout>;

const COSINES = Array.from({ length: 6 }, (_, i) => Math.cos(((2 * Math.PI) / 6) * i));
const SINES = Array.from({ length: 6 }, (_, i) => Math.sin(((2 * Math.PI) / 6) * i));

/** The closed ring Turf builds for the hexagon at column x, row y. */
export function hexRing(layout: Layout, x: number, y: number): number[][] {
  const [cx, cy] = layout.centre(x, y);
  const ring = COSINES.map((cos, i) => [cx + layout.rx * cos, cy + layout.ry * SINES[i]]);
  ring.push(ring[0].slice());
  return ring;
}

// In units scaled by (rx, ry) the hexagons are regular with circumradius 1, so a point's hexagon is
// the nearest centre; only within this margin of an edge can rounding decide, and there the exact test runs.
const EDGE_MARGIN = 1e-7;

/**
 * The (column, row) of the hexagon holding `[lon, lat]`, or -1 if none: arithmetic for almost every
 * point; within EDGE_MARGIN of an edge, Turf's own point-in-polygon on the exact rings, first hexagon
 * in Turf's order winning, so a point on a shared edge counts once (Turf's `collect` counts it in each).
 */
export function hexIndexOf(layout: Layout, lon: number, lat: number): number {
  const u = (lon - (layout.west - layout.xAdjust)) / layout.xInterval;
  const left = Math.floor(u);
  let bestX = 0;
  let bestY = 0;
  let bestD2 = Infinity;
  let secondD2 = Infinity;
  let nearRowEdge = false;
  for (let x = left; x <= left + 1; x++) {
    const odd = x % 2 !== 0;
    const v = (lat - layout.south - layout.yAdjust + (odd ? layout.hexHeight / 2 : 0)) / layout.hexHeight;
    const y = Math.round(v);
    // layout.centre(x, y), inlined: this loop runs twice per point and must not allocate.
    const cx = x * layout.xInterval + layout.west - layout.xAdjust;
    const cy = y * layout.hexHeight + layout.south + layout.yAdjust - (odd ? layout.hexHeight / 2 : 0);
    const dx = (lon - cx) / layout.rx;
    const dy = (lat - cy) / layout.ry;
    const d2 = dx * dx + dy * dy;
    if (Math.abs(Math.abs(v - y) - 0.5) < EDGE_MARGIN) nearRowEdge = true;
    if (d2 < bestD2) {
      secondD2 = bestD2;
      bestD2 = d2;
      bestX = x;
      bestY = y;
    } else secondD2 = d2;
  }
  if (!nearRowEdge && secondD2 - bestD2 > EDGE_MARGIN) {
    return layout.exists(bestX, bestY) ? bestX * (layout.lastRow + 1) + bestY : -1;
  }
  return exactHexIndexOf(layout, lon, lat, left);
}

function exactHexIndexOf(layout: Layout, lon: number, lat: number, left: number): number {
  const v = Math.round((lat - layout.south - layout.yAdjust) / layout.hexHeight);
  for (let x = left - 1; x <= left + 2; x++) {
    for (let y = v - 2; y <= v + 2; y++) {
      if (layout.exists(x, y) && booleanPointInPolygon([lon, lat], polygon([hexRing(layout, x, y)]))) return x * (layout.lastRow + 1) + y;
    }
  }
  return -1;
}

/**
 * Points counted per hexagon of Turf's `hexGrid(bbox, cellSideKm, { units: 'kilometers' })`, each
 * point found arithmetically rather than by testing polygons; with each hexagon's share and top sectors.
 */
export function hexGridDensity(
  positions: readonly GeoJSON.Position[],
  bbox: Bbox,
  cellSideKm: number,
  { sectorLists, topSectors = 3 }: { sectorLists?: readonly (readonly string[])[]; topSectors?: number } = {}
): HexGridDensity {
  if (!(cellSideKm > 0)) throw new RangeError(`cellSideKm must be > 0; got ${cellSideKm}`);
  const layout = turfHexLayout(bbox, cellSideKm);
  const hexagons = (layout.lastColumn + 1) * (layout.lastRow + 1);
  if (hexagons > MAX_GRID_HEXAGONS) throw new RangeError(`cellSideKm ${cellSideKm} makes ${hexagons} hexagons over this bbox (at most ${MAX_GRID_HEXAGONS}); choose a larger cell`);
  const n = positions.length;
  const hexOfPoint = new Int32Array(n);
  const counts = new Int32Array(hexagons);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const hex = hexagons === 0 ? -1 : hexIndexOf(layout, positions[i][0], positions[i][1]);
    hexOfPoint[i] = hex;
    if (hex < 0) outside++;
    else counts[hex]++;
  }
  const counted = n - outside;
  // Occupied hexagons get compact slots, so the sector tallies fit one flat typed array.
  const slotOf = new Int32Array(hexagons).fill(-1);
  let occupied = 0;
  for (let hex = 0; hex < hexagons; hex++) if (counts[hex] > 0) slotOf[hex] = occupied++;
  const tops = sectorLists ? topSectorsPerSlot(hexOfPoint, slotOf, occupied, sectorLists, topSectors) : [];
  const cells: GridHexCell[] = [];
  for (let hex = 0; hex < hexagons; hex++) {
    if (counts[hex] === 0) continue;
    const column = Math.floor(hex / (layout.lastRow + 1));
    const row = hex - column * (layout.lastRow + 1);
    cells.push({ column, row, ring: hexRing(layout, column, row), count: counts[hex], share: counts[hex] / counted, topSectors: tops[slotOf[hex]] ?? [] });
  }
  cells.sort((a, b) => b.count - a.count || a.column - b.column || a.row - b.row);
  return { cellSideKm, bbox, total: n, outside, cells };
}

/**
 * The `topSectors` most common sectors of each occupied slot, ordered as `sectorTally` orders them
 * (count, then id), from one pass over the points into a flat slot × sector count array.
 */
function topSectorsPerSlot(
  hexOfPoint: Int32Array,
  slotOf: Int32Array,
  slots: number,
  sectorLists: readonly (readonly string[])[],
  topSectors: number
): SectorCount[][] {
  const codes = new Map<string, number>();
  for (const list of sectorLists) for (const s of list) if (!codes.has(s)) codes.set(s, codes.size);
  const names = [...codes.keys()];
  const width = names.length;
  const tally = new Int32Array(slots * width);
  for (let i = 0; i < hexOfPoint.length; i++) {
    if (hexOfPoint[i] < 0) continue;
    const base = slotOf[hexOfPoint[i]] * width;
    for (const s of sectorLists[i]) tally[base + codes.get(s)!]++;
  }
  const order = names.map((_, code) => code).sort((a, b) => names[a].localeCompare(names[b]));
  const out: SectorCount[][] = new Array(slots);
  for (let slot = 0; slot < slots; slot++) {
    const base = slot * width;
    const present = order.filter((code) => tally[base + code] > 0);
    // A stable sort on count keeps the id order among equal counts.
    present.sort((a, b) => tally[base + b] - tally[base + a]);
    out[slot] = present.slice(0, topSectors).map((code) => ({ sector: names[code], count: tally[base + code] }));
  }
  return out;
}

/**
 * The points' bbox (or `bbox`) grown by 3 cell sides each way: Turf's grid leaves up to ~1.5 hexagon
 * heights uncovered along the edges, so the margin puts every point inside a hexagon.
 */
export function coveringBbox(positions: readonly GeoJSON.Position[], cellSideKm: number, bbox?: Bbox): Bbox | undefined {
  let [west, south, east, north] = bbox ?? [Infinity, Infinity, -Infinity, -Infinity];
  if (!bbox) {
    for (const [lon, lat] of positions) {
      west = Math.min(west, lon);
      south = Math.min(south, lat);
      east = Math.max(east, lon);
      north = Math.max(north, lat);
    }
    if (positions.length === 0) return undefined;
  }
  const marginLatDeg = (3 * cellSideKm) / KM_PER_DEG;
  const widestCos = Math.cos((Math.min(Math.max(Math.abs(south), Math.abs(north)) + marginLatDeg, 89) * Math.PI) / 180);
  const marginLonDeg = marginLatDeg / widestCos;
  return [Math.max(west - marginLonDeg, -180), Math.max(south - marginLatDeg, -90), Math.min(east + marginLonDeg, 180), Math.min(north + marginLatDeg, 90)];
}
