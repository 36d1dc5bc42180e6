import { cellToBoundary, getHexagonEdgeLengthAvg, latLngToCell, UNITS } from 'h3-js';
import { EARTH_RADIUS_KM, KM_PER_DEG } from '../geo/geodesy.ts';

const RAD = Math.PI / 180;
// Finer than this the bin keys would outgrow exact float integers; such cells go straight to h3-js.
const FINEST_BINNED_RESOLUTION = 12;
// Near the poles lon/lat outlines bend too much to trust; those points go straight to h3-js.
const POLAR_LAT = 80;
// Bin width in cell edges: wider bins mean fewer h3-js calls to fill them but more cells to try per point.
const BIN_EDGES = 1;

interface Candidate {
  cell: number;
  edges: Float64Array;
}

interface Bin {
  candidates: Candidate[];
  /** Points closer than this to a cell edge (degrees) are left to h3-js. */
  marginDeg: number;
}

/**
 * A cell outline as inward edge lines [nx, ny, c, …] with unit normals: a point's distance inside
 * an edge is nx·lon + ny·lat − c. Built from the closed boundary ring h3-js gives, either winding.
 */
function inwardEdges(boundary: number[][]): Float64Array {
  let twiceArea = 0;
  for (let i = 0; i + 1 < boundary.length; i++) twiceArea += boundary[i][0] * boundary[i + 1][1] - boundary[i + 1][0] * boundary[i][1];
  const sign = twiceArea >= 0 ? 1 : -1;
  const edges: number[] = [];
  for (let i = 0; i + 1 < boundary.length; i++) {
    const [x0, y0] = boundary[i], [x1, y1] = boundary[i + 1];
    const length = Math.hypot(x1 - x0, y1 - y0);
    if (length === 0) continue;
    const nx = (-(y1 - y0) / length) * sign, ny = ((x1 - x0) / length) * sign;
    edges.push(nx, ny, nx * x0 + ny * y0);
  }
  return Float64Array.from(edges);
}

function spansAntimeridian(boundary: number[][]): boolean {
  const lons = boundary.map((p) => p[0]);
  return Math.max(...lons) - Math.min(...lons) > 180;
}

/** True only when [lon, lat] is inside every edge by more than `margin`. */
function surelyInside(edges: Float64Array, lon: number, lat: number, margin: number): boolean {
  for (let i = 0; i < edges.length; i += 3) if (edges[i] * lon + edges[i + 1] * lat - edges[i + 2] <= margin) return false;
  return true;
}

/**
 * Finds the H3 cell of many points, the same answer as h3-js `latLngToCell`, faster: points are
 * bucketed into lon/lat bins about one cell edge wide, each bin remembers the cells h3-js found for
 * its earlier points, and a point well inside one of those cells' outlines takes that cell without
 * calling h3-js. Points near an edge (where the straight lon/lat outline and H3's great-circle edge
 * may differ) and points in no remembered cell ask h3-js.
 */
export class H3CellFinder {
  /** Every cell found so far; `cellOf` returns an index into this list. */
  readonly cells: string[] = [];
  private readonly cellIndex = new Map<string, number>();
  private readonly outlines = new Map<number, Float64Array | null>();
  private readonly bins = new Map<number, Bin>();
  private readonly binDeg: number;
  private readonly binColumns: number;
  private readonly edgeKm: number;

  constructor(readonly resolution: number) {
    this.edgeKm = getHexagonEdgeLengthAvg(resolution, UNITS.km);
    this.binDeg = (BIN_EDGES * this.edgeKm) / KM_PER_DEG;
    this.binColumns = Math.ceil(360 / this.binDeg) + 1;
  }

  /** The index in `cells` of the cell that holds [lon, lat]. */
  cellOf(lon: number, lat: number): number {
    if (this.resolution > FINEST_BINNED_RESOLUTION || Math.abs(lat) > POLAR_LAT) return this.indexOf(latLngToCell(lat, lon, this.resolution));
    const bx = Math.floor((lon + 180) / this.binDeg), by = Math.floor((lat + 90) / this.binDeg);
    const key = by * this.binColumns + bx;
    let bin = this.bins.get(key);
    if (!bin) {
      bin = this.binAt(by);
      this.bins.set(key, bin);
    }
    const candidates = bin.candidates;
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i];
      if (!surelyInside(candidate.edges, lon, lat, bin.marginDeg)) continue;
      // The cell that held this point moves to the front of its bin: the bin's busiest cell is tried first.
      if (i > 0) {
        candidates[i] = candidates[0];
        candidates[0] = candidate;
      }
      return candidate.cell;
    }
    const cell = this.indexOf(latLngToCell(lat, lon, this.resolution));
    // Remember the cell for this bin's later points, unless it is already there (the point was near an edge).
    const edges = this.edgesOf(cell);
    if (edges && !candidates.some((c) => c.cell === cell)) candidates.push({ cell, edges });
    return cell;
  }

  private indexOf(h3: string): number {
    let i = this.cellIndex.get(h3);
    if (i === undefined) {
      i = this.cells.length;
      this.cells.push(h3);
      this.cellIndex.set(h3, i);
    }
    return i;
  }

  /** The cell's inward edges, or null for a cell across the antimeridian (its lon/lat outline is not one polygon). */
  private edgesOf(cell: number): Float64Array | null {
    let edges = this.outlines.get(cell);
    if (edges === undefined) {
      const boundary = cellToBoundary(this.cells[cell], true);
      edges = spansAntimeridian(boundary) ? null : inwardEdges(boundary);
      this.outlines.set(cell, edges);
    }
    return edges;
  }

  private binAt(by: number): Bin {
    const centreLat = (by + 0.5) * this.binDeg - 90;
    // How far a great-circle edge can stray from its straight lon/lat chord: ~L²·tan φ/(8R),
    // taken four times over with L twice the mean edge, and at least a nanodegree.
    const lengthKm = 2 * this.edgeKm;
    const absLat = Math.min(Math.abs(centreLat) + this.binDeg, POLAR_LAT + 1);
    const strayKm = ((lengthKm * lengthKm) / (8 * EARTH_RADIUS_KM)) * (Math.tan(absLat * RAD) + 1) * 4;
    const marginDeg = Math.max(1e-9, strayKm / (KM_PER_DEG * Math.cos(absLat * RAD)));
    return { candidates: [], marginDeg };
  }
}
