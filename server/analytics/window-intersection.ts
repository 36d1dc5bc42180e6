import { uniformPointsIn, type PlanarWindow, type PointWindow } from './planar-window.ts';

/** Scanlines for the area integral: with ~150 km extents each strip is under 20 m high. */
const AREA_SCANLINES = 8192;

/** Length of the intersection of two sorted even–odd crossing lists (inside between pairs). */
function overlapLength(a: number[], b: number[]): number {
  let total = 0;
  for (let i = 0, j = 0; i + 1 < a.length && j + 1 < b.length; ) {
    const start = Math.max(a[i], b[j]), end = Math.min(a[i + 1], b[j + 1]);
    if (end > start) total += end - start;
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return total;
}

/**
 * The intersection of two planar windows (a city's outline and the land), used without building
 * the intersected polygon (clipping the detailed outlines takes seconds): a point is inside when it
 * is inside both; its distance to the edge is the smaller of its distances to the two edges (exact
 * for points inside both); the area is integrated over AREA_SCANLINES horizontal lines (midpoint rule).
 */
export class WindowIntersection implements PointWindow {
  readonly areaKm2: number;
  readonly bbox: [number, number, number, number];

  constructor(readonly a: PlanarWindow, readonly b: PlanarWindow) {
    const [ax0, ay0, ax1, ay1] = a.bbox, [bx0, by0, bx1, by1] = b.bbox;
    this.bbox = [Math.max(ax0, bx0), Math.max(ay0, by0), Math.min(ax1, bx1), Math.min(ay1, by1)];
    const [, south, , north] = this.bbox;
    const strip = (north - south) / AREA_SCANLINES;
    let area = 0;
    for (let k = 0; k < AREA_SCANLINES && strip > 0; k++) {
      const y = south + (k + 0.5) * strip;
      area += overlapLength(a.crossingsAt(y), b.crossingsAt(y)) * strip;
    }
    if (!(area > 0)) throw new RangeError('the study area has no land: the selected cities and the land layer do not overlap');
    this.areaKm2 = area;
  }

  contains(x: number, y: number): boolean {
    return this.a.contains(x, y) && this.b.contains(x, y);
  }

  distanceToEdge(x: number, y: number, capKm = Infinity): number {
    // The first distance caps the second search: only a nearer edge matters.
    return this.b.distanceToEdge(x, y, this.a.distanceToEdge(x, y, capKm));
  }

  randomPoints(count: number, random: () => number): Float64Array {
    return uniformPointsIn(this, count, random);
  }
}
