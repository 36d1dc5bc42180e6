import { H3CellFinder } from './h3-cell-finder.ts';
import { progressEvery, type Progressive } from './progress.ts';

/** The H3 cell of each point at one resolution: the distinct cells, and each point's index into them. */
export interface PointCells {
  resolution: number;
  cells: readonly string[];
  cellOfPoint: Int32Array;
}

/**
 * Finest resolution whose per-row cells a worker keeps for the whole data version: a kept list of
 * cells grows with the resolution (at 15, one per organisation), so finer requests find their cells anew.
 */
export const KEPT_CELLS_FINEST_RESOLUTION = 10;

/** The H3 cell of each of the first `n` points of the columns (h3-js `latLngToCell`'s answers); progress then the cells. */
export function* pointCellsSteps(lon: Float64Array, lat: Float64Array, n: number, resolution: number): Progressive<PointCells> {
  const finder = new H3CellFinder(resolution);
  const cellOfPoint = new Int32Array(n);
  const every = progressEvery(n);
  for (let i = 0; i < n; i++) {
    cellOfPoint[i] = finder.cellOf(lon[i], lat[i]);
    if (i % every === 0) yield i / n;
  }
  return { resolution, cells: finder.cells, cellOfPoint };
}
