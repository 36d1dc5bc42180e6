import { cellToBoundary, getHexagonEdgeLengthAvg, UNITS } from 'h3-js';
import { H3CellFinder } from './h3-cell-finder.ts';
import type { OrganizationPoint } from './organization-point.ts';
import { progressEvery, runToEnd, type Progressive } from './progress.ts';
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
  if (!Number.isInteger(resolution) || resolution < H3_RESOLUTIONS.min || resolution > H3_RESOLUTIONS.max) {
    throw new RangeError(`resolution must be an integer ${H3_RESOLUTIONS.min}–${H3_RESOLUTIONS.max}; got ${resolution}`);
  }
  const { lon, lat, sectorBits, sectorWords, sectorNames } = points;
  const n = lon.length;
  const finder = new H3CellFinder(resolution);
  const cellOfPoint = new Int32Array(n);
  const every = progressEvery(n);
  for (let i = 0; i < n; i++) {
    cellOfPoint[i] = finder.cellOf(lon[i], lat[i]);
    if (i % every === 0) yield 0.8 * (i / n);
  }
  const counts = new Int32Array(finder.cells.length);
  // Sectors tallied as numbers in one table (cell × sector).
  const sectorCount = sectorWords * 32;
  const tally = new Int32Array(finder.cells.length * sectorCount);
  for (let i = 0; i < n; i++) {
    const cell = cellOfPoint[i];
    counts[cell]++;
    for (let w = 0; w < sectorWords; w++) {
      let bits = sectorBits[i * sectorWords + w];
      while (bits !== 0) {
        tally[cell * sectorCount + w * 32 + (31 - Math.clz32(bits & -bits))]++;
        bits &= bits - 1;
      }
    }
  }
  yield 0.9;
  const cells: HexCell[] = [];
  finder.cells.forEach((h3, cell) => {
    if (counts[cell] === 0) return;
    const top: SectorCount[] = [];
    for (let k = 0; k < sectorCount && k < sectorNames.length; k++) if (tally[cell * sectorCount + k] > 0) top.push({ sector: sectorNames[k], count: tally[cell * sectorCount + k] });
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
