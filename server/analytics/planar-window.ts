/** Polygons on a plane (km): each a list of rings of [x, y], the first ring outer and the rest holes. */
export type PlanarPolygons = readonly (readonly (readonly (readonly number[])[])[])[];

const shoelace = (ring: readonly (readonly number[])[]) => {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i], [x1, y1] = ring[(i + 1) % ring.length];
    twice += x0 * y1 - x1 * y0;
  }
  return Math.abs(twice) / 2;
};

/** `count` points uniform in the window, as interleaved [x0, y0, x1, y1, …], by rejection from its bounding box. */
export function uniformPointsIn(window: Pick<PointWindow, 'bbox' | 'contains'>, count: number, random: () => number): Float64Array {
  const [minX, minY, maxX, maxY] = window.bbox;
  const out = new Float64Array(2 * count);
  for (let i = 0; i < count; ) {
    const x = minX + random() * (maxX - minX), y = minY + random() * (maxY - minY);
    if (!window.contains(x, y)) continue;
    out[2 * i] = x;
    out[2 * i + 1] = y;
    i++;
  }
  return out;
}

/** What a point-pattern statistic needs of its study area. */
export interface PointWindow {
  readonly areaKm2: number;
  readonly bbox: [number, number, number, number];
  contains(x: number, y: number): boolean;
  distanceToEdge(x: number, y: number, capKm?: number): number;
  /** `count` points uniform in the window, as interleaved [x0, y0, x1, y1, …]. */
  randomPoints(count: number, random: () => number): Float64Array;
}

/**
 * A study area on the plane for point-pattern statistics: its area, a point-in-window test (even–odd
 * over all rings, with the edges sorted into horizontal slabs so a test reads a few edges, not all),
 * the distance from a point to the window's edge (edges listed per square of a uniform grid, searched
 * ring by ring outwards) and uniform random points inside it (rejection from the bounding box).
 */
export class PlanarWindow implements PointWindow {
  readonly areaKm2: number;
  readonly bbox: [number, number, number, number];
  /** Every edge as [x0, y0, x1, y1, …]. */
  readonly edges: Float64Array;
  /** Uniform grid over the bbox: square side, columns, rows, and the edges touching each square (CSR lists). */
  private readonly squareKm: number;
  private readonly columns: number;
  private readonly rows: number;
  private readonly squareStart: Int32Array;
  private readonly squareEdges: Int32Array;
  /** For each square, how many rings out the nearest square holding an edge is (Chebyshev, in squares). */
  private readonly ringsToEdge: Int32Array;
  private readonly slabHeight: number;
  private readonly slabStart: Int32Array;
  private readonly slabEdges: Int32Array;

  constructor(polygons: PlanarPolygons) {
    const edges: number[] = [];
    let area = 0;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const rings of polygons) {
      rings.forEach((ring, r) => {
        area += r === 0 ? shoelace(ring) : -shoelace(ring);
        for (let i = 0; i < ring.length; i++) {
          const [x0, y0] = ring[i], [x1, y1] = ring[(i + 1) % ring.length];
          if (x0 === x1 && y0 === y1) continue;
          edges.push(x0, y0, x1, y1);
          minX = Math.min(minX, x0); maxX = Math.max(maxX, x0);
          minY = Math.min(minY, y0); maxY = Math.max(maxY, y0);
        }
      });
    }
    const count = edges.length / 4;
    if (count < 3 || !(area > 0)) throw new RangeError('the study area has no extent: it needs a polygon with an area');
    this.areaKm2 = area;
    this.bbox = [minX, minY, maxX, maxY];
    this.edges = Float64Array.from(edges);
    // About one edge per nine squares on average: coastlines crowd edges into few squares, and
    // small squares keep those lists short (measured: 3× finer than one edge per square halves the time).
    this.squareKm = Math.sqrt(((maxX - minX) * (maxY - minY) || 1) / count) / 3;
    this.columns = Math.max(1, Math.ceil((maxX - minX) / this.squareKm));
    this.rows = Math.max(1, Math.ceil((maxY - minY) / this.squareKm));
    const squaresOf = (e: number, visit: (square: number) => void) => {
      const x0 = Math.min(this.edges[4 * e], this.edges[4 * e + 2]), x1 = Math.max(this.edges[4 * e], this.edges[4 * e + 2]);
      const y0 = Math.min(this.edges[4 * e + 1], this.edges[4 * e + 3]), y1 = Math.max(this.edges[4 * e + 1], this.edges[4 * e + 3]);
      for (let r = this.rowOf(y0); r <= this.rowOf(y1); r++) for (let c = this.columnOf(x0); c <= this.columnOf(x1); c++) visit(r * this.columns + c);
    };
    const perSquare = new Int32Array(this.columns * this.rows + 1);
    for (let e = 0; e < count; e++) squaresOf(e, (sq) => perSquare[sq + 1]++);
    for (let sq = 0; sq < this.columns * this.rows; sq++) perSquare[sq + 1] += perSquare[sq];
    this.squareStart = perSquare;
    this.squareEdges = new Int32Array(perSquare[this.columns * this.rows]);
    const next = perSquare.slice(0, this.columns * this.rows);
    for (let e = 0; e < count; e++) squaresOf(e, (sq) => (this.squareEdges[next[sq]++] = e));
    // Breadth-first from every square holding an edge, over the 8 squares around each.
    this.ringsToEdge = new Int32Array(this.columns * this.rows).fill(-1);
    const queue = new Int32Array(this.columns * this.rows);
    let head = 0, tail = 0;
    for (let sq = 0; sq < this.columns * this.rows; sq++) if (perSquare[sq + 1] > perSquare[sq]) { this.ringsToEdge[sq] = 0; queue[tail++] = sq; }
    while (head < tail) {
      const sq = queue[head++], r = Math.floor(sq / this.columns), c = sq % this.columns;
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr, cc = c + dc;
        if (rr < 0 || rr >= this.rows || cc < 0 || cc >= this.columns || this.ringsToEdge[rr * this.columns + cc] >= 0) continue;
        this.ringsToEdge[rr * this.columns + cc] = this.ringsToEdge[sq] + 1;
        queue[tail++] = rr * this.columns + cc;
      }
    }
    // Slabs: every edge is listed in each horizontal band its y-range touches.
    const slabs = Math.min(4096, Math.max(16, Math.ceil(count / 4)));
    this.slabHeight = (maxY - minY) / slabs || 1;
    const slabOf = (y: number) => Math.min(slabs - 1, Math.max(0, Math.floor((y - minY) / this.slabHeight)));
    const counts = new Int32Array(slabs + 1);
    for (let e = 0; e < count; e++) {
      const a = slabOf(Math.min(this.edges[4 * e + 1], this.edges[4 * e + 3])), b = slabOf(Math.max(this.edges[4 * e + 1], this.edges[4 * e + 3]));
      for (let s = a; s <= b; s++) counts[s + 1]++;
    }
    for (let s = 0; s < slabs; s++) counts[s + 1] += counts[s];
    this.slabStart = counts;
    this.slabEdges = new Int32Array(counts[slabs]);
    const fill = counts.slice(0, slabs);
    for (let e = 0; e < count; e++) {
      const a = slabOf(Math.min(this.edges[4 * e + 1], this.edges[4 * e + 3])), b = slabOf(Math.max(this.edges[4 * e + 1], this.edges[4 * e + 3]));
      for (let s = a; s <= b; s++) this.slabEdges[fill[s]++] = e;
    }
  }

  /** Whether (x, y) is inside (even–odd rule: holes and islands count right). */
  contains(x: number, y: number): boolean {
    const [minX, minY, maxX, maxY] = this.bbox;
    if (x < minX || x > maxX || y < minY || y > maxY) return false;
    const slabs = this.slabStart.length - 1;
    const s = Math.min(slabs - 1, Math.max(0, Math.floor((y - minY) / this.slabHeight)));
    const edges = this.edges;
    let inside = false;
    for (let k = this.slabStart[s]; k < this.slabStart[s + 1]; k++) {
      const e = 4 * this.slabEdges[k];
      const x0 = edges[e], y0 = edges[e + 1], x1 = edges[e + 2], y1 = edges[e + 3];
      if (y0 > y !== y1 > y && x < x0 + ((y - y0) * (x1 - x0)) / (y1 - y0)) inside = !inside;
    }
    return inside;
  }

  /** Where the horizontal line at y crosses the window's edges, sorted: inside between the 1st and 2nd, 3rd and 4th, … */
  crossingsAt(y: number): number[] {
    const [, minY, , maxY] = this.bbox;
    if (y < minY || y > maxY) return [];
    const slabs = this.slabStart.length - 1;
    const s = Math.min(slabs - 1, Math.max(0, Math.floor((y - minY) / this.slabHeight)));
    const edges = this.edges;
    const out: number[] = [];
    for (let k = this.slabStart[s]; k < this.slabStart[s + 1]; k++) {
      const e = 4 * this.slabEdges[k];
      const x0 = edges[e], y0 = edges[e + 1], x1 = edges[e + 2], y1 = edges[e + 3];
      if (y0 > y !== y1 > y) out.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
    }
    return out.sort((a, b) => a - b);
  }

  /** Distance from (x, y) to the nearest edge of the window, or `capKm` if no edge is nearer. */
  distanceToEdge(x: number, y: number, capKm = Infinity): number {
    const c0 = this.columnOf(x), r0 = this.rowOf(y);
    let best = capKm, bestSquared = capKm * capKm;
    // Squares k rings out are at least k − 1 squares away: start at the first ring holding an edge,
    // and stop once the next ring is farther than the best distance so far.
    const firstRing = this.ringsToEdge[r0 * this.columns + c0];
    const lastRing = Math.max(this.columns, this.rows);
    for (let ring = firstRing; ring <= lastRing && (ring - 1) * this.squareKm <= best; ring++) {
      for (let r = r0 - ring; r <= r0 + ring; r++) {
        if (r < 0 || r >= this.rows) continue;
        // Inner rows of the ring hold only its two end squares.
        const step = r === r0 - ring || r === r0 + ring ? 1 : 2 * ring;
        for (let c = c0 - ring; c <= c0 + ring; c += step) {
          if (c < 0 || c >= this.columns) continue;
          const sq = r * this.columns + c;
          for (let k = this.squareStart[sq]; k < this.squareStart[sq + 1]; k++) {
            const d2 = this.edgeDistanceSquared(this.squareEdges[k], x, y);
            if (d2 < bestSquared) bestSquared = d2;
          }
        }
      }
      best = Math.min(best, Math.sqrt(bestSquared));
    }
    return best;
  }

  randomPoints(count: number, random: () => number): Float64Array {
    return uniformPointsIn(this, count, random);
  }

  private edgeDistanceSquared(id: number, x: number, y: number): number {
    const e = 4 * id, edges = this.edges;
    const x0 = edges[e], y0 = edges[e + 1], dx = edges[e + 2] - x0, dy = edges[e + 3] - y0;
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
    const ex = x - (x0 + t * dx), ey = y - (y0 + t * dy);
    return ex * ex + ey * ey;
  }

  private columnOf(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.bbox[0]) / this.squareKm)));
  }

  private rowOf(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.bbox[1]) / this.squareKm)));
  }
}
