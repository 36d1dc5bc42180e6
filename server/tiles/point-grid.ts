import type { TileCoords } from './tile-path.ts';

/**
 * Why not supercluster: it clusters one fixed point set, and our tiles take filters (city, sector,
 * type, q) in the query string, so it would need one ~6 s index per filter combination at 1M
 * points. Instead the points are sorted once along a Morton (Z-order) curve: every tile is then a
 * contiguous run of the sorted array, found by two binary searches, and clusters are grid cells
 * counted in one pass over that run with the filter applied on the way.
 */
export const POINT_GRID_DEFAULTS = {
  keyZoom: 15, // Morton keys resolve z15 tiles (2^15 per axis → 30-bit keys)
  cellsPerTileAxis: 16, // cluster cells per tile side: 4096/16 = 256 tile units ≈ 32 px on a 512 px tile
  clusterMaxZoom: 14, // from z15 on every point is drawn on its own
  extent: 4096 // MVT tile extent
} as const;

export type GridOptions = typeof POINT_GRID_DEFAULTS;

/** One feature of a tile: a single point (`id` = its position in the input) or a cluster of `count`. */
export interface GridFeature {
  /** Tile-local position in 0..extent. */
  x: number;
  y: number;
  count: number;
  /** The input position of the point (count 1) or of one member (a cluster). */
  id: number;
}

const MAX_MERCATOR_LAT = 85.0511287798;
const PACK = 2 ** 22; // sort key = morton * 2^22 + position, exact in a double while morton < 2^30

/** Spreads the low 16 bits of v over the even bits. */
function spreadBits(v: number): number {
  v &= 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  return (v | (v << 1)) & 0x55555555;
}

function morton(x: number, y: number): number {
  return (spreadBits(x) | (spreadBits(y) << 1)) >>> 0;
}

/** [lon, lat] → Web Mercator [0,1)², y growing south as in tile coordinates. */
export function toMercator(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const x = Math.min(Math.max(lon / 360 + 0.5, 0), 1 - 1e-12);
  const y = Math.min(Math.max(0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI, 0), 1 - 1e-12);
  return [x, y];
}

/** First position in the sorted keys at which `key` could be inserted. */
function lowerBound(keys: Uint32Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Points sorted along a Morton curve; answers "what lies in this tile, clustered at this zoom". */
export class PointGrid {
  /** sorted position → input position */
  private readonly order: Uint32Array;
  private readonly keys: Uint32Array;
  private readonly mx: Float64Array;
  private readonly my: Float64Array;
  readonly options: GridOptions;

  constructor(lon: ArrayLike<number>, lat: ArrayLike<number>, options: Partial<GridOptions> = {}) {
    this.options = { ...POINT_GRID_DEFAULTS, ...options };
    const n = lon.length;
    const scale = 2 ** this.options.keyZoom;
    const mx = new Float64Array(n);
    const my = new Float64Array(n);
    const packed = new Float64Array(n);
    if (n >= PACK) throw new RangeError(`PointGrid holds at most ${PACK - 1} points; got ${n}`);
    for (let i = 0; i < n; i++) {
      const [x, y] = toMercator(lon[i], lat[i]);
      mx[i] = x;
      my[i] = y;
      packed[i] = morton(Math.floor(x * scale), Math.floor(y * scale)) * PACK + i;
    }
    // A typed-array sort without a comparator is a native numeric sort: ~100 ms for 1M keys.
    packed.sort();
    this.order = new Uint32Array(n);
    this.keys = new Uint32Array(n);
    this.mx = new Float64Array(n);
    this.my = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      const key = Math.floor(packed[s] / PACK);
      const i = packed[s] - key * PACK;
      this.order[s] = i;
      this.keys[s] = key;
      this.mx[s] = mx[i];
      this.my[s] = my[i];
    }
  }

  /**
   * The points of one tile that `accept` keeps (all when absent), as tile-local features:
   * up to clusterMaxZoom, points sharing a grid cell merge into one cluster at their mean position.
   */
  tileFeatures({ z, x, y }: TileCoords, accept?: (id: number) => boolean): GridFeature[] {
    const { keyZoom, cellsPerTileAxis, clusterMaxZoom, extent } = this.options;
    // The run of sorted positions covering the tile (or its z15 ancestor, filtered below).
    const shift = Math.max(0, keyZoom - z);
    const ancestor = z > keyZoom ? [x >> (z - keyZoom), y >> (z - keyZoom)] : [x << shift, y << shift];
    const first = morton(ancestor[0], ancestor[1]);
    const start = lowerBound(this.keys, first);
    const end = lowerBound(this.keys, first + 4 ** shift);

    const n = 2 ** z;
    const cluster = z <= clusterMaxZoom;
    const cellCount = cellsPerTileAxis * cellsPerTileAxis;
    const sumX = new Float64Array(cellCount);
    const sumY = new Float64Array(cellCount);
    const counts = new Uint32Array(cellCount);
    const members = new Uint32Array(cellCount);
    const singles: GridFeature[] = [];
    for (let s = start; s < end; s++) {
      const tx = this.mx[s] * n - x;
      const ty = this.my[s] * n - y;
      if (tx < 0 || tx >= 1 || ty < 0 || ty >= 1) continue;
      const id = this.order[s];
      if (accept && !accept(id)) continue;
      if (!cluster) {
        singles.push({ x: Math.round(tx * extent), y: Math.round(ty * extent), count: 1, id });
        continue;
      }
      const cell = Math.floor(ty * cellsPerTileAxis) * cellsPerTileAxis + Math.floor(tx * cellsPerTileAxis);
      sumX[cell] += tx;
      sumY[cell] += ty;
      if (counts[cell]++ === 0) members[cell] = id;
    }
    if (!cluster) return singles;
    const clusters: GridFeature[] = [];
    for (let c = 0; c < cellCount; c++) {
      const count = counts[c];
      if (count > 0) clusters.push({ x: Math.round((sumX[c] / count) * extent), y: Math.round((sumY[c] / count) * extent), count, id: members[c] });
    }
    return clusters;
  }
}
