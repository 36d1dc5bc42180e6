import { dbscanByIndexSteps } from './dbscan-by-index.ts';
import { haversineTerm, haversineTermOfKm, KM_PER_DEG } from '../geo/geodesy.ts';
import { progressEvery, runToEnd, type Progressive } from './progress.ts';
import { DBSCAN_DEFAULTS } from './defaults.ts';

export { DBSCAN_DEFAULTS };

/**
 * The eps the API accepts, km. The smallest is 1 m: no location is known better than that (shipped
 * records have precision_m ≥ 500, and 5 decimals of a degree resolve 1.1 m), so a smaller eps can only
 * group points at the very same coordinates, which 1 m already does. The function itself is exact for
 * any eps > 0 (see GRID_AXIS_CELLS). The largest, 100 km, already spans a whole city.
 */
export const DBSCAN_EPS_RANGE_KM = { min: 0.001, max: 100 } as const;

// The grid numbers cells along each axis below 2^31, and a cell key (row × columns + column) below
// 2^53 so it stays an exact double. Over the five cities (~1.3° × 1.3°) that holds for eps above about
// 2 mm; for a finer eps (down to 1e-14 km and below) dbscanByIndexSteps answers instead.
const GRID_AXIS_CELLS = 2 ** 31;

export interface DbscanOptions {
  epsKm: number;
  minPoints: number;
}

export interface DbscanResult {
  /** Cluster id per point (0, 1, … in order of each cluster's lowest-indexed core point), −1 for noise. */
  labels: Int32Array;
  /** 1 where the point is a core point. */
  core: Uint8Array;
  clusterCount: number;
  noiseCount: number;
}

const RAD = Math.PI / 180;
// Cells are a little smaller than eps/√2 so that any two points of one cell are surely within eps
// on the sphere, not just on the plane of the grid.
const CELL_SAFETY = 0.95;

/** Points bucketed into a lon/lat grid whose cell diagonal is below eps; cells list their points contiguously. */
interface Grid {
  cellOf: Int32Array;
  start: Int32Array;
  points: Int32Array;
  /** Other cells that may hold points within eps, per cell. */
  neighbours: Int32Array[];
  /** A lower bound of the distance, km, from [lon, lat] to a cell's rectangle. */
  kmToCellAtLeast: (lon: number, lat: number, cell: number) => number;
}

/** The grid, or undefined when eps is too fine for cell numbers to stay exact (see GRID_AXIS_CELLS). */
function buildGrid(lon: Float64Array, lat: Float64Array, epsKm: number): Grid | undefined {
  const n = lon.length;
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity, minAbsLat = 90, maxAbsLat = 0;
  for (let i = 0; i < n; i++) {
    minLon = Math.min(minLon, lon[i]); maxLon = Math.max(maxLon, lon[i]);
    minLat = Math.min(minLat, lat[i]); maxLat = Math.max(maxLat, lat[i]);
    minAbsLat = Math.min(minAbsLat, Math.abs(lat[i])); maxAbsLat = Math.max(maxAbsLat, Math.abs(lat[i]));
  }
  const epsDeg = epsKm / KM_PER_DEG;
  const cellLat = (epsDeg / Math.SQRT2) * CELL_SAFETY;
  // A degree of longitude is longest in km nearest the equator, so size columns for that latitude.
  const cellLon = cellLat / Math.cos(minAbsLat * RAD);
  const farLat = maxAbsLat + epsDeg;
  const reachLon = farLat >= 89 ? Infinity : Math.ceil(epsDeg / Math.cos(farLat * RAD) / cellLon);
  const reachLat = Math.ceil(epsDeg / cellLat);
  const cols = Math.floor((maxLon - minLon) / cellLon) + 1;
  const rows = Math.floor((maxLat - minLat) / cellLat) + 1;
  if (!(cols <= GRID_AXIS_CELLS && rows <= GRID_AXIS_CELLS && cols * rows <= Number.MAX_SAFE_INTEGER)) return undefined;

  const cellByKey = new Map<number, number>();
  const cellX: number[] = [];
  const cellY: number[] = [];
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = Math.floor((lon[i] - minLon) / cellLon);
    const y = Math.floor((lat[i] - minLat) / cellLat);
    const key = y * cols + x;
    let cell = cellByKey.get(key);
    if (cell === undefined) {
      cell = cellX.length;
      cellByKey.set(key, cell);
      cellX.push(x);
      cellY.push(y);
    }
    cellOf[i] = cell;
  }
  // Counting sort: each cell's points end up contiguous, in index order.
  const cells = cellX.length;
  const start = new Int32Array(cells + 1);
  for (let i = 0; i < n; i++) start[cellOf[i] + 1]++;
  for (let c = 0; c < cells; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cells);
  const points = new Int32Array(n);
  for (let i = 0; i < n; i++) points[fill[cellOf[i]]++] = i;

  const neighbours: Int32Array[] = new Array(cells);
  for (let c = 0; c < cells; c++) {
    const found: number[] = [];
    const x0 = Math.max(0, cellX[c] - reachLon), x1 = Math.min(cols - 1, cellX[c] + reachLon);
    const y0 = Math.max(0, cellY[c] - reachLat), y1 = Math.min(rows - 1, cellY[c] + reachLat);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > cells) {
      // eps spans most of the grid: every other cell is a neighbour.
      for (let d = 0; d < cells; d++) if (d !== c) found.push(d);
    } else {
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const d = cellByKey.get(y * cols + x);
          if (d !== undefined && d !== c) found.push(d);
        }
      }
    }
    neighbours[c] = Int32Array.from(found);
  }
  // Longitude km shrink towards the pole, so the far latitude gives a lower bound; 0.9 absorbs the
  // difference between this plane and the sphere.
  const kmPerDegLon = KM_PER_DEG * Math.cos(Math.min(farLat, 90) * RAD);
  const kmToCellAtLeast = (x: number, y: number, cell: number) => {
    const west = minLon + cellX[cell] * cellLon, south = minLat + cellY[cell] * cellLat;
    const dLon = Math.max(0, west - x, x - west - cellLon) * kmPerDegLon;
    const dLat = Math.max(0, south - y, y - south - cellLat) * KM_PER_DEG;
    return 0.9 * Math.sqrt(dLon * dLon + dLat * dLat);
  };
  return { cellOf, start, points, neighbours, kmToCellAtLeast };
}

/**
 * DBSCAN over [lon, lat] positions with great-circle distances (Turf's radius), as progress then
 * result. Same definition as @turf/clusters-dbscan: a point is core when at least `minPoints`
 * points (itself included) lie within `epsKm`; a border point joins the first-found cluster.
 * A grid with cells smaller than eps makes dense cells core outright and links clusters cell to
 * cell, so the work grows with the number of cells rather than with neighbours per point. Where eps
 * is too fine for exact cell numbers, a k-d tree search point by point gives the same answer.
 */
export function* dbscanSteps(positions: readonly GeoJSON.Position[], options: DbscanOptions): Progressive<DbscanResult> {
  return yield* dbscanOfColumnsSteps(Float64Array.from(positions, (p) => p[0]), Float64Array.from(positions, (p) => p[1]), options);
}

/** dbscanSteps of points given as longitude and latitude columns, degrees (read, never written). */
export function* dbscanOfColumnsSteps(lon: Float64Array, lat: Float64Array, { epsKm, minPoints }: DbscanOptions): Progressive<DbscanResult> {
  if (!(epsKm > 0) || !Number.isFinite(epsKm)) throw new RangeError(`epsKm must be a finite number > 0; got ${epsKm}`);
  if (!Number.isInteger(minPoints) || minPoints < 1) throw new RangeError(`minPoints must be an integer ≥ 1; got ${minPoints}`);
  const n = lon.length;
  const labels = new Int32Array(n).fill(-1);
  const core = new Uint8Array(n);
  if (n === 0) return { labels, core, clusterCount: 0, noiseCount: 0 };

  const lonRad = new Float64Array(n), latRad = new Float64Array(n), cosLat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lonRad[i] = lon[i] * RAD;
    latRad[i] = lat[i] * RAD;
    cosLat[i] = Math.cos(latRad[i]);
  }
  const within = haversineTermOfKm(epsKm);
  const near = (i: number, j: number) => haversineTerm(lonRad[i], latRad[i], cosLat[i], lonRad[j], latRad[j], cosLat[j]) <= within;
  const grid = buildGrid(lon, lat, epsKm);
  if (!grid) return yield* dbscanByIndexSteps({ lon, lat, near }, epsKm, minPoints);
  const { cellOf, start, points, neighbours, kmToCellAtLeast } = grid;
  const cells = neighbours.length;
  const every = progressEvery(cells);
  yield 0.1;

  // 1. Core points: a cell with minPoints points is all core; otherwise count neighbours until enough.
  const cellHasCore = new Uint8Array(cells);
  for (let c = 0; c < cells; c++) {
    const size = start[c + 1] - start[c];
    for (let k = start[c]; k < start[c + 1]; k++) {
      const p = points[k];
      let count = size;
      for (const d of neighbours[c]) {
        for (let m = start[d]; m < start[d + 1] && count < minPoints; m++) if (near(p, points[m])) count++;
        if (count >= minPoints) break;
      }
      if (count >= minPoints) {
        core[p] = 1;
        cellHasCore[c] = 1;
      }
    }
    if (c % every === 0) yield 0.1 + 0.4 * (c / cells);
  }

  // 2. Link cells whose core points come within eps (all core points of one cell are linked already).
  const parent = Int32Array.from({ length: cells }, (_, c) => c);
  const root = (c: number): number => {
    while (parent[c] !== c) c = parent[c] = parent[parent[c]];
    return c;
  };
  // Only core points close enough to the other cell's rectangle can meet, so pair up just those.
  const coresFacing = (cell: number, other: number): number[] => {
    const found: number[] = [];
    for (let i = start[cell]; i < start[cell + 1]; i++) {
      const p = points[i];
      if (core[p] && kmToCellAtLeast(lon[p], lat[p], other) <= epsKm) found.push(p);
    }
    return found;
  };
  const coresMeet = (a: number, b: number): boolean => {
    const facingA = coresFacing(a, b);
    if (facingA.length === 0) return false;
    const facingB = coresFacing(b, a);
    for (const p of facingA) for (const q of facingB) if (near(p, q)) return true;
    return false;
  };
  for (let c = 0; c < cells; c++) {
    if (!cellHasCore[c]) continue;
    for (const d of neighbours[c]) {
      if (d < c || !cellHasCore[d] || root(c) === root(d)) continue;
      if (coresMeet(c, d)) parent[root(d)] = root(c);
    }
    if (c % every === 0) yield 0.5 + 0.3 * (c / cells);
  }

  // 3. Number clusters by their lowest-indexed core point, as a sequential DBSCAN scan would.
  const clusterOfRoot = new Int32Array(cells).fill(-1);
  let clusterCount = 0;
  for (let p = 0; p < n; p++) {
    if (!core[p]) continue;
    const r = root(cellOf[p]);
    if (clusterOfRoot[r] < 0) clusterOfRoot[r] = clusterCount++;
    labels[p] = clusterOfRoot[r];
  }
  yield 0.85;

  // 4. Border points join the lowest-numbered cluster that has a core point within eps.
  const clusterOfCell = (c: number) => (cellHasCore[c] ? clusterOfRoot[root(c)] : -1);
  const hasCoreNear = (p: number, c: number) => {
    for (let m = start[c]; m < start[c + 1]; m++) if (core[points[m]] && near(p, points[m])) return true;
    return false;
  };
  let noiseCount = 0;
  for (let p = 0; p < n; p++) {
    if (core[p]) continue;
    const own = cellOf[p];
    let best = clusterOfCell(own);
    for (const d of neighbours[own]) {
      const cluster = clusterOfCell(d);
      if (cluster >= 0 && (best < 0 || cluster < best) && hasCoreNear(p, d)) best = cluster;
    }
    labels[p] = best;
    if (best < 0) noiseCount++;
  }
  return { labels, core, clusterCount, noiseCount };
}

/** DBSCAN without progress; see dbscanSteps. */
export function dbscan(positions: readonly GeoJSON.Position[], options: DbscanOptions = DBSCAN_DEFAULTS): DbscanResult {
  return runToEnd(dbscanSteps(positions, options));
}
