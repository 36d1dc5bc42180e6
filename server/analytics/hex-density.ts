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
  if (!Number.isInteger(resolution) || resolution < H3_RESOLUTIONS.min || resolution > H3_RESOLUTIONS.max) {
    throw new RangeError(`resolution must be an integer ${H3_RESOLUTIONS.min}–${H3_RESOLUTIONS.max}; got ${resolution}`);
  }
  const n = organizations.length;
  const finder = new H3CellFinder(resolution);
  const cellOfPoint = new Int32Array(n);
  const every = progressEvery(n);
  for (let i = 0; i < n; i++) {
    const [lon, lat] = organizations[i].geometry.coordinates;
    cellOfPoint[i] = finder.cellOf(lon, lat);
    if (i % every === 0) yield 0.8 * (i / n);
  }
  const counts = new Int32Array(finder.cells.length);
  // Sectors tallied as numbers in one table (cell × sector): each distinct sector list (organisations
  // of one Selection share theirs) is turned into sector numbers once.
  const sectorNames: string[] = [];
  const numberOf = new Map<string, number>();
  const numbersOfList = new Map<readonly string[], number[]>();
  const numbersOf = (list: readonly string[]) => {
    let numbers = numbersOfList.get(list);
    if (!numbers) {
      numbers = list.map((s) => {
        let k = numberOf.get(s);
        if (k === undefined) numberOf.set(s, (k = sectorNames.push(s) - 1));
        return k;
      });
      numbersOfList.set(list, numbers);
    }
    return numbers;
  };
  const lists = organizations.map((o) => numbersOf(o.properties.sectors));
  const sectorCount = sectorNames.length;
  const tally = new Int32Array(finder.cells.length * sectorCount);
  for (let i = 0; i < n; i++) {
    const cell = cellOfPoint[i];
    counts[cell]++;
    for (const k of lists[i]) tally[cell * sectorCount + k]++;
  }
  yield 0.9;
  const cells: HexCell[] = [];
  finder.cells.forEach((h3, cell) => {
    if (counts[cell] === 0) return;
    const top: SectorCount[] = [];
    for (let k = 0; k < sectorCount; k++) if (tally[cell * sectorCount + k] > 0) top.push({ sector: sectorNames[k], count: tally[cell * sectorCount + k] });
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
