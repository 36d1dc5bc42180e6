import { cellToBoundary, getHexagonEdgeLengthAvg, UNITS } from 'h3-js';
import type { OrganizationPoint } from './organization-point.ts';
import { runToEnd, type Progressive } from './progress.ts';
import { pointCellsSteps, type PointCells } from './row-cells.ts';
import type { SectorCount } from './sector-tally.ts';

export const HEX_DEFAULTS = { grid: 'h3', resolution: 7, topSectors: 3 } as const;
export const H3_RESOLUTIONS = { min: 0, max: 15 } as const;

export interface HexCell {
  h3: string;
  /** The cell's outline, a closed [lon, lat] ring. */
  ring: number[][];
  count: number;
  /** count ÷ all counted organisations. */
  share: number;
  topSectors: SectorCount[];
}

export interface HexDensity {
  resolution: number;
  /** Mean edge length of cells at this resolution, km. */
  edgeKm: number;
  total: number;
  /** Cells holding at least one organisation, most crowded first. */
  cells: HexCell[];
}

/** The H3 resolution whose mean cell edge is nearest (by ratio) to `edgeKm`. */
export function resolutionForEdgeKm(edgeKm: number): number {
  if (!(edgeKm > 0)) throw new RangeError(`edgeKm must be > 0; got ${edgeKm}`);
  let best = H3_RESOLUTIONS.min;
  for (let r = H3_RESOLUTIONS.min; r <= H3_RESOLUTIONS.max; r++) {
    const miss = (res: number) => Math.abs(Math.log(getHexagonEdgeLengthAvg(res, UNITS.km) / edgeKm));
    if (miss(r) < miss(best)) best = r;
  }
  return best;
}

/** Organisations counted per H3 cell, with each cell's share and top sectors; progress then the result. */
export function* hexDensitySteps(organizations: readonly OrganizationPoint[], resolution: number, topSectors: number = HEX_DEFAULTS.topSectors): Progressive<HexDensity> {
  // Sector names numbered in order of first appearance, as bits in a column like the organisation columns'.
  const sectorNames: string[] = [];
  const numberOf = new Map<string, number>();
  for (const o of organizations) for (const s of o.properties.sectors) if (!numberOf.has(s)) numberOf.set(s, sectorNames.push(s) - 1);
  const sectorWords = Math.max(1, Math.ceil(sectorNames.length / 32));
  const sectorBits = new Uint32Array(organizations.length * sectorWords);
  organizations.forEach((o, i) => {
    for (const s of o.properties.sectors) {
      const k = numberOf.get(s)!;
      sectorBits[i * sectorWords + (k >> 5)] |= 1 << (k & 31);
    }
  });
  const lon = Float64Array.from(organizations, (o) => o.geometry.coordinates[0]), lat = Float64Array.from(organizations, (o) => o.geometry.coordinates[1]);
  return yield* hexDensityOfColumnsSteps({ lon, lat, sectorBits, sectorWords, sectorNames }, resolution, topSectors);
}

/** Points as columns: position, and sector bits (`sectorWords` words per point, bit k naming `sectorNames[k]`). */
export interface SectorPoints {
  lon: Float64Array;
  lat: Float64Array;
  sectorBits: Uint32Array;
  sectorWords: number;
  sectorNames: readonly string[];
}

/** hexDensitySteps of points given as columns: one cell search per point and integer tallies, no object per point. */
export function* hexDensityOfColumnsSteps(points: SectorPoints, resolution: number, topSectors: number = HEX_DEFAULTS.topSectors): Progressive<HexDensity> {
  checkResolution(resolution);
  const found = yield* scaled(pointCellsSteps(points.lon, points.lat, points.lon.length, resolution), 0.8);
  return hexDensityOfCells(found, null, points.lon.length, points, topSectors);
}

function checkResolution(resolution: number): void {
  if (!Number.isInteger(resolution) || resolution < H3_RESOLUTIONS.min || resolution > H3_RESOLUTIONS.max) {
    throw new RangeError(`resolution must be an integer ${H3_RESOLUTIONS.min}–${H3_RESOLUTIONS.max}; got ${resolution}`);
  }
}

/** A progressive computation's fractions scaled into [0, share]. */
function* scaled<T>(steps: Progressive<T>, share: number): Progressive<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    yield share * step.value;
  }
}

/**
 * Hexagon density of points whose cells are already known: `found` and `points.sectorBits` are
 * indexed by row, and `rows` (ascending) picks the `n` counted rows, or null for rows 0…n−1. Only
 * integer tallies here, so with cells kept per data version a request costs one pass over its rows.
 */
export function hexDensityOfCells(found: PointCells, rows: Uint32Array | null, n: number, points: Omit<SectorPoints, 'lon' | 'lat'>, topSectors: number = HEX_DEFAULTS.topSectors): HexDensity {
  checkResolution(found.resolution);
  const { sectorBits, sectorWords, sectorNames } = points;
  const { cells: cellNames, cellOfPoint, resolution } = found;
  const counts = new Int32Array(cellNames.length);
  // Sectors tallied as numbers in one table (cell × sector), filled only for the cells a row lands in.
  const sectorCount = sectorWords * 32;
  const tallyOfCell = new Int32Array(cellNames.length).fill(-1);
  const tallies: Int32Array[] = [];
  for (let k = 0; k < n; k++) {
    const row = rows ? rows[k] : k;
    const cell = cellOfPoint[row];
    if (counts[cell]++ === 0) tallyOfCell[cell] = tallies.push(new Int32Array(sectorCount)) - 1;
    const tally = tallies[tallyOfCell[cell]];
    for (let w = 0; w < sectorWords; w++) {
      let bits = sectorBits[row * sectorWords + w];
      while (bits !== 0) {
        tally[w * 32 + (31 - Math.clz32(bits & -bits))]++;
        bits &= bits - 1;
      }
    }
  }
  const cells: HexCell[] = [];
  cellNames.forEach((h3, cell) => {
    if (counts[cell] === 0) return;
    const tally = tallies[tallyOfCell[cell]];
    const top: SectorCount[] = [];
    for (let k = 0; k < sectorCount && k < sectorNames.length; k++) if (tally[k] > 0) top.push({ sector: sectorNames[k], count: tally[k] });
    top.sort((a, b) => b.count - a.count || a.sector.localeCompare(b.sector));
    cells.push({ h3, ring: cellToBoundary(h3, true), count: counts[cell], share: counts[cell] / n, topSectors: top.slice(0, topSectors) });
  });
  cells.sort((a, b) => b.count - a.count || a.h3.localeCompare(b.h3));
  return { resolution, edgeKm: getHexagonEdgeLengthAvg(resolution, UNITS.km), total: n, cells };
}

/** Hexagon density without progress; see hexDensitySteps. */
export function hexDensity(organizations: readonly OrganizationPoint[], resolution: number, topSectors?: number): HexDensity {
  return runToEnd(hexDensitySteps(organizations, resolution, topSectors));
}
