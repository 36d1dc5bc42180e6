import { cellToBoundary, getHexagonAreaAvg, getHexagonEdgeLengthAvg, gridDisk, UNITS } from 'h3-js';
import { KM_PER_DEG } from '../geo/geodesy.ts';
import { badParameter } from '../schemas/errors.ts';
import { parseFilters } from '../schemas/filters.ts';
import type { HotspotsQuery } from '../schemas/statistics.ts';
import { GI_STAR_DEFAULTS, giStarSteps, HOTSPOT_CLASSES, HOTSPOT_RULE, type HotspotClass } from './getis-ord.ts';
import { hexIndexOf, hexRing, turfHexLayout } from './hex-grid-density.ts';
import { keptPointCells, type PerDataset } from './per-dataset.ts';
import type { PrecisionReport } from './point-precision.ts';
import { runToEnd, type Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';
import { KEPT_CELLS_FINEST_RESOLUTION, pointCellsSteps, type PointCells } from './row-cells.ts';
import type { Selection } from './selection.ts';
import { studyAreaOfSelection } from './selection-study-area.ts';
import { STUDY_AREA_RULE, type StudyArea } from './study-area.ts';

/** Most cells one hot-spot analysis may have: beyond this the answer is too large to send or read. */
export const HOTSPOT_LIMITS = { maxCells: 60_000, minCellKm: 0.2, maxCellKm: 50 } as const;
export const HOTSPOT_DEFAULTS = { resolution: 7, cellKm: 1.5 } as const;

export type HotspotGrid = { kind: 'h3'; resolution: number } | { kind: 'km'; cellKm: number };

export interface HotspotsInput {
  /** The selected records; those placed only to an area are counted in the precision report, not in cells. */
  selection: Selection;
  studyArea: StudyArea;
  grid: HotspotGrid;
  permutations: number;
  seed: number;
  /** Keeps each row's H3 cell per data version (a worker's); absent, each record's cell is found anew. */
  perDataset?: PerDataset;
}

export interface GridCells {
  ids: string[];
  rings: number[][][];
  neighbours: number[][];
  /** Records in no cell of the grid (km grid only: outside the grid's bbox). */
  outside: number;
  /** Cells added because a record lies there although their centre is outside the study area. */
  addedForRecords: number;
  counts: Float64Array;
  /** Each record's cell (index into ids), or -1 if in none. */
  cellOfRecord: Int32Array;
  edgeKm: number;
}

/** A cell-count estimate refused before any cell is built. */
export class TooManyCells extends RangeError {
  constructor(readonly parameter: 'res' | 'cellKm', cells: number) {
    super(`${parameter} makes about ${Math.round(cells).toLocaleString('en')} cells over this study area (at most ${HOTSPOT_LIMITS.maxCells.toLocaleString('en')}); choose ${parameter === 'res' ? 'a coarser resolution' : 'a larger cell'} or fewer cities`);
  }
}

/** An H3 grid too fine for the study area is refused before any cell is found. */
function checkH3CellCount(studyArea: StudyArea, resolution: number): void {
  const estimate = studyArea.areaKm2 / getHexagonAreaAvg(resolution, UNITS.km2);
  if (estimate > HOTSPOT_LIMITS.maxCells) throw new TooManyCells('res', estimate);
}

/** The H3 cells of the study area (plus any holding a record), each record's cell, counts and edge neighbours. */
export function h3Grid({ lon, lat }: { lon: Float64Array; lat: Float64Array }, studyArea: StudyArea, resolution: number): GridCells {
  checkH3CellCount(studyArea, resolution);
  return h3GridOfCells(runToEnd(pointCellsSteps(lon, lat, lon.length, resolution)), null, lon.length, studyArea);
}

/**
 * h3Grid of records whose cells are already found (`found`, at the grid's resolution; the caller has
 * checked the cell count): record k is row `rows[k]` of `found` (row k when rows is null), as with
 * the cells a worker keeps per data version.
 */
function h3GridOfCells(found: PointCells, rows: Uint32Array | null, n: number, studyArea: StudyArea): GridCells {
  const { resolution } = found;
  const ids = studyArea.h3Cells(resolution);
  const index = new Map(ids.map((id, i) => [id, i]));
  const inArea = ids.length;
  // The finder numbered cells in the order it met them; slotOfFound maps that number to ours once per cell.
  const slotOfFound: number[] = [];
  const cellOfRecord = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const cell = found.cellOfPoint[rows ? rows[r] : r];
    let i: number | undefined = slotOfFound[cell];
    if (i === undefined) {
      const id = found.cells[cell];
      let slot = index.get(id);
      if (slot === undefined) {
        slot = ids.length;
        ids.push(id);
        index.set(id, slot);
      }
      slotOfFound[cell] = i = slot;
    }
    cellOfRecord[r] = i;
  }
  const counts = new Float64Array(ids.length);
  for (const i of cellOfRecord) counts[i]++;
  const neighbours = ids.map((id) => gridDisk(id, 1).filter((n) => n !== id && index.has(n)).map((n) => index.get(n)!));
  return { ids, rings: ids.map((id) => cellToBoundary(id, true)), neighbours, outside: 0, addedForRecords: ids.length - inArea, counts, cellOfRecord, edgeKm: getHexagonEdgeLengthAvg(resolution, UNITS.km) };
}

function kmGrid({ lon: lons, lat: lats }: { lon: Float64Array; lat: Float64Array }, studyArea: StudyArea, cellKm: number): GridCells {
  const estimate = studyArea.areaKm2 / ((3 * Math.sqrt(3)) / 2 * cellKm * cellKm);
  if (estimate > HOTSPOT_LIMITS.maxCells) throw new TooManyCells('cellKm', estimate);
  // Turf's hexGrid over the study area's bbox grown by three cells, so every record in it falls in a hexagon.
  const [x0, y0, x1, y1] = studyArea.window.bbox;
  const margin = 3 * cellKm;
  const west = studyArea.lon0 + (x0 - margin) / studyArea.kmPerDegLon, east = studyArea.lon0 + (x1 + margin) / studyArea.kmPerDegLon;
  const south = studyArea.lat0 + (y0 - margin) / KM_PER_DEG, north = studyArea.lat0 + (y1 + margin) / KM_PER_DEG;
  const layout = turfHexLayout([west, south, east, north], cellKm);
  const rows = layout.lastRow + 1;
  const slotOf = new Map<number, number>();
  const keys: number[] = [];
  const add = (hex: number) => {
    let slot = slotOf.get(hex);
    if (slot === undefined) {
      slot = keys.length;
      keys.push(hex);
      slotOf.set(hex, slot);
    }
    return slot;
  };
  for (let x = 0; x <= layout.lastColumn; x++) for (let y = 0; y <= layout.lastRow; y++) {
    if (!layout.exists(x, y)) continue;
    const [lon, lat] = layout.centre(x, y);
    if (studyArea.containsLonLat(lon, lat)) add(x * rows + y);
  }
  const inArea = keys.length;
  let outside = 0;
  const cellOfRecord = Int32Array.from(lons, (lon, r) => {
    const hex = hexIndexOf(layout, lon, lats[r]);
    if (hex < 0) outside++;
    return hex < 0 ? -1 : add(hex);
  });
  const counts = new Float64Array(keys.length);
  for (const i of cellOfRecord) if (i >= 0) counts[i]++;
  // Flat-topped columns, odd ones half a row lower: a hexagon touches y±1 in its column and, in the
  // columns either side, rows y and y+1 (even column) or y−1 and y (odd column).
  const neighbours = keys.map((hex) => {
    const x = Math.floor(hex / rows), y = hex % rows;
    const side = x % 2 === 0 ? [y, y + 1] : [y - 1, y];
    const around = [[x, y - 1], [x, y + 1], ...side.flatMap((yy) => [[x - 1, yy], [x + 1, yy]])];
    return around.filter(([xx, yy]) => layout.exists(xx, yy)).map(([xx, yy]) => slotOf.get(xx * rows + yy)).filter((s): s is number => s !== undefined);
  });
  return {
    ids: keys.map((hex) => `${Math.floor(hex / rows)},${hex % rows}`),
    rings: keys.map((hex) => hexRing(layout, Math.floor(hex / rows), hex % rows)),
    neighbours, outside, addedForRecords: keys.length - inArea, counts, cellOfRecord, edgeKm: cellKm
  };
}

/** `res` with grid=km or `cellKm` with grid=h3 is a 400 before any work. */
export function checkHotspotsQuery(q: HotspotsQuery): void {
  if ((q.grid ?? 'h3') === 'h3' && q.cellKm !== undefined) throw badParameter('cellKm', 'grid=h3 takes res (an H3 resolution); cellKm is for grid=km');
  if (q.grid === 'km' && q.res !== undefined) throw badParameter('res', 'grid=km takes cellKm (the hexagon side, km); res is for grid=h3');
}

/** /api/analytics/hotspots: Gi* over the hexagons of the study area the request's filters give. */
export function* hotspotsReport({ selection, query: q, ctx, perDataset }: ReportInput<HotspotsQuery>): Progressive<unknown> {
  checkHotspotsQuery(q);
  const grid: HotspotGrid = q.grid === 'km' ? { kind: 'km', cellKm: q.cellKm ?? HOTSPOT_DEFAULTS.cellKm } : { kind: 'h3', resolution: q.res ?? HOTSPOT_DEFAULTS.resolution };
  const studyArea = studyAreaOfSelection(selection, parseFilters(q, ctx.vocabulary).cities, ctx);
  try {
    return yield* hotspotsSteps({ selection, studyArea, grid, permutations: q.permutations ?? GI_STAR_DEFAULTS.permutations, seed: q.seed ?? GI_STAR_DEFAULTS.seed, perDataset });
  } catch (err) {
    if (err instanceof TooManyCells) throw badParameter(err.parameter, err.message);
    throw err;
  }
}

/** The hot-spot answer: Gi* cells as GeoJSON with the study area, parameters, rule and precision report. */
export function* hotspotsSteps(input: HotspotsInput) {
  const { studyArea, grid, permutations, seed } = input;
  const points = input.selection.pointsOnly();
  const cells = grid.kind === 'km' ? kmGrid(points.lonLat(), studyArea, grid.cellKm) : h3GridOfSelection(points, studyArea, grid.resolution, input.perDataset);
  yield 0.05;
  const gi = yield* scaled(giStarSteps(cells.counts, cells.neighbours, { permutations, seed }), 0.05, 0.9);
  const classCounts = Object.fromEntries(HOTSPOT_CLASSES.map((c) => [c, 0])) as Record<HotspotClass, number>;
  for (const c of gi.classes) classCounts[c]++;
  const precision: PrecisionReport = input.selection.precisionReport({ name: grid.kind === 'h3' ? 'H3 edge' : 'cellKm', km: cells.edgeKm });
  return {
    type: 'FeatureCollection' as const,
    features: cells.ids.map((id, i) => ({
      type: 'Feature' as const,
      geometry: { type: 'Polygon' as const, coordinates: [cells.rings[i]] },
      properties: { cell: id, count: cells.counts[i], gi_z: gi.z[i], p_value: gi.pValue[i], p_sim: gi.pSim[i], p_fdr: gi.pFdr[i], class: gi.classes[i] }
    })),
    studyArea: {
      cities: [...studyArea.cities],
      areaKm2: studyArea.areaKm2,
      cells: cells.ids.length,
      cellsAddedForRecords: cells.addedForRecords,
      recordsOutsideGrid: cells.outside,
      rule: STUDY_AREA_RULE
    },
    parameters: { grid: grid.kind, ...(grid.kind === 'h3' ? { resolution: grid.resolution } : { cellKm: grid.cellKm }), edgeKm: cells.edgeKm, permutations, seed },
    rule: HOTSPOT_RULE,
    classCounts,
    precision
  };
}

/** h3Grid of the selected rows: from every row's cell kept per data version when a keeper is given and the resolution is kept, else found anew. */
function h3GridOfSelection(points: Selection, studyArea: StudyArea, resolution: number, perDataset: PerDataset | undefined): GridCells {
  if (!perDataset || resolution > KEPT_CELLS_FINEST_RESOLUTION) return h3Grid(points.lonLat(), studyArea, resolution);
  checkH3CellCount(studyArea, resolution);
  return h3GridOfCells(keptPointCells(perDataset, points.columns, resolution), points.ids, points.size, studyArea);
}

/** Re-maps a computation's progress from [0, 1] into [from, to]. */
function* scaled<T>(steps: Progressive<T>, from: number, to: number): Progressive<T> {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    yield from + (to - from) * step.value;
  }
}
