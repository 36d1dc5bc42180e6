import Flatbush from 'flatbush';

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
 * the distance from a point to the window's edge (a Flatbush index over the edges) and uniform
 * random points inside it (rejection from the bounding box).
 */
export class PlanarWindow implements PointWindow {
  readonly areaKm2: number;
  readonly bbox: [number, number, number, number];
  private readonly edges: Float64Array;
  private readonly edgeIndex: Flatbush;
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
    this.edgeIndex = new Flatbush(count);
    for (let e = 0; e < count; e++) {
      const [x0, y0, x1, y1] = this.edges.subarray(4 * e, 4 * e + 4);
      this.edgeIndex.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
    this.edgeIndex.finish();
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
    // Flatbush returns edges by the distance to their boxes, which never exceeds the true distance:
    // once the k-th box is farther than the best true distance so far, no later edge can be nearer.
    for (let wanted = 8; ; wanted *= 4) {
      const ids = this.edgeIndex.neighbors(x, y, wanted, capKm);
      let best = capKm;
      for (const id of ids) best = Math.min(best, this.edgeDistance(id, x, y));
      if (ids.length < wanted || this.boxDistance(ids[ids.length - 1], x, y) >= best) return best;
    }
  }

  randomPoints(count: number, random: () => number): Float64Array {
    return uniformPointsIn(this, count, random);
  }

  private edgeDistance(id: number, x: number, y: number): number {
    const e = 4 * id, edges = this.edges;
    const x0 = edges[e], y0 = edges[e + 1], dx = edges[e + 2] - x0, dy = edges[e + 3] - y0;
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
  }

  private boxDistance(id: number, x: number, y: number): number {
    const e = 4 * id, edges = this.edges;
    const dx = Math.max(Math.min(edges[e], edges[e + 2]) - x, 0, x - Math.max(edges[e], edges[e + 2]));
    const dy = Math.max(Math.min(edges[e + 1], edges[e + 3]) - y, 0, y - Math.max(edges[e + 1], edges[e + 3]));
    return Math.hypot(dx, dy);
  }
}
