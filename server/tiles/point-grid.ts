import type { TileCoords } from './tile-path.ts';

/**
 * Why not supercluster: it clusters one fixed point set, and our tiles take filters (city, sector,
 * type, q) in the query string, so it would need one ~6 s index per filter combination at 1M
 * points. Instead the points are sorted once along a Morton (Z-order) curve: every tile, and every
 * cluster cell of a tile, is then a contiguous run of the sorted array, found by two binary
 * searches. With prefix sums of the positions, a cell's count and mean position are two
 * subtractions, so a low-zoom tile costs its 256 cells, not the million points under it.
 */
export const POINT_GRID_DEFAULTS = {
  keyZoom: 15, // Morton keys resolve z15 tiles (2^15 per axis → 30-bit keys)
  cellsPerTileAxis: 16, // cluster cells per tile side (a power of 2): 4096/16 = 256 tile units ≈ 32 px on a 512 px tile
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

/**
 * The sorted points, as typed arrays (on SharedArrayBuffers when built by `pointGridArrays`, so a
 * worker can build them and hand them over without a copy). Sorted position s holds input `order[s]`.
 */
export interface PointGridArrays {
  order: Uint32Array;
  /** Morton key at keyZoom, ascending. */
  keys: Uint32Array;
  /** Web Mercator [0,1) position. */
  mx: Float64Array;
  my: Float64Array;
  /** Prefix sums of mx and my: sumX[s] = mx[0] + … + mx[s − 1] (length n + 1). */
  sumX: Float64Array;
  sumY: Float64Array;
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

/** First position in keys[lo, hi) at which `key` could be inserted. */
function lowerBound(keys: Uint32Array, key: number, lo = 0, hi = keys.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const sharedArray = <T>(Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T =>
  new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));

function withPrefixSums(order: Uint32Array, keys: Uint32Array, mx: Float64Array, my: Float64Array): PointGridArrays {
  const n = order.length;
  const sumX = sharedArray(Float64Array, n + 1);
  const sumY = sharedArray(Float64Array, n + 1);
  for (let s = 0; s < n; s++) {
    sumX[s + 1] = sumX[s] + mx[s];
    sumY[s + 1] = sumY[s] + my[s];
  }
  return { order, keys, mx, my, sumX, sumY };
}

/**
 * Sorts the points along the Morton curve, leaving out row i when `skip[i]` is 1 (records that
 * stand for an area are never drawn as pins). Pure: runs on the main thread or in a worker.
 */
export function pointGridArrays(lon: ArrayLike<number>, lat: ArrayLike<number>, skip?: ArrayLike<number>, keyZoom: number = POINT_GRID_DEFAULTS.keyZoom): PointGridArrays {
  const n = lon.length;
  if (n >= PACK) throw new RangeError(`PointGrid holds at most ${PACK - 1} points; got ${n}`);
  const scale = 2 ** keyZoom;
  let kept = 0;
  const packed = new Float64Array(n);
  const inputX = new Float64Array(n);
  const inputY = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (skip && skip[i] === 1) continue;
    const [x, y] = toMercator(lon[i], lat[i]);
    inputX[i] = x;
    inputY[i] = y;
    packed[kept++] = morton(Math.floor(x * scale), Math.floor(y * scale)) * PACK + i;
  }
  // A typed-array sort without a comparator is a native numeric sort: ~100 ms for 1M keys.
  const sorted = packed.subarray(0, kept).sort();
  const order = sharedArray(Uint32Array, kept);
  const keys = sharedArray(Uint32Array, kept);
  const mx = sharedArray(Float64Array, kept);
  const my = sharedArray(Float64Array, kept);
  for (let s = 0; s < kept; s++) {
    const key = Math.floor(sorted[s] / PACK);
    const i = sorted[s] - key * PACK;
    order[s] = i;
    keys[s] = key;
    mx[s] = inputX[i];
    my[s] = inputY[i];
  }
  return withPrefixSums(order, keys, mx, my);
}

/** Points sorted along a Morton curve; answers "what lies in this tile, clustered at this zoom". */
export class PointGrid {
  readonly options: GridOptions;
  private readonly cellShift: number;

  constructor(
    private readonly arrays: PointGridArrays,
    options: Partial<GridOptions> = {}
  ) {
    this.options = { ...POINT_GRID_DEFAULTS, ...options };
    this.cellShift = Math.log2(this.options.cellsPerTileAxis);
    if (!Number.isInteger(this.cellShift)) throw new RangeError(`cellsPerTileAxis must be a power of 2; got ${this.options.cellsPerTileAxis}`);
  }

  /** The grid of points given as coordinate columns, built here (see `pointGridArrays`). */
  static of(lon: ArrayLike<number>, lat: ArrayLike<number>, options: Partial<GridOptions> = {}, skip?: ArrayLike<number>): PointGrid {
    return new PointGrid(pointGridArrays(lon, lat, skip, options.keyZoom), options);
  }

  /** Points held. */
  get size(): number {
    return this.arrays.order.length;
  }

  /** Bytes of the typed arrays (for cache accounting). */
  get byteLength(): number {
    const { order, keys, mx, my, sumX, sumY } = this.arrays;
    return order.byteLength + keys.byteLength + mx.byteLength + my.byteLength + sumX.byteLength + sumY.byteLength;
  }

  /** The grid of the points `accept` keeps, already sorted: one pass, no sorting. */
  subset(accept: (id: number) => boolean): PointGrid {
    const steps = this.subsetSteps(accept);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** `subset` in slices of `sliceSize` points, pausing after each (a caller may let other work run between them). */
  *subsetSteps(accept: (id: number) => boolean, sliceSize = 65_536): Generator<void, PointGrid> {
    const { order, keys, mx, my } = this.arrays;
    const picked = new Uint32Array(order.length);
    let m = 0;
    for (let from = 0; from < order.length; from += sliceSize) {
      const to = Math.min(order.length, from + sliceSize);
      for (let s = from; s < to; s++) if (accept(order[s])) picked[m++] = s;
      if (to < order.length) yield;
    }
    const arrays = { order: new Uint32Array(m), keys: new Uint32Array(m), mx: new Float64Array(m), my: new Float64Array(m) };
    for (let k = 0; k < m; k++) {
      const s = picked[k];
      arrays.order[k] = order[s];
      arrays.keys[k] = keys[s];
      arrays.mx[k] = mx[s];
      arrays.my[k] = my[s];
    }
    return new PointGrid(withPrefixSums(arrays.order, arrays.keys, arrays.mx, arrays.my), this.options);
  }

  /** How many held points lie in the tile's run of the sorted array (the work a filtered scan of it does). */
  runLength(coords: TileCoords): number {
    const [start, end] = this.run(coords);
    return end - start;
  }

  /**
   * The points of one tile that `accept` keeps (all when absent), as tile-local features:
   * up to clusterMaxZoom, points sharing a grid cell merge into one cluster at their mean position.
   */
  tileFeatures(coords: TileCoords, accept?: (id: number) => boolean): GridFeature[] {
    const { keyZoom, clusterMaxZoom } = this.options;
    if (!accept && coords.z <= clusterMaxZoom && coords.z + this.cellShift <= keyZoom) return this.cellsBySums(coords);
    return this.scan(coords, accept);
  }

  /** The sorted positions [start, end) of the tile, or of its keyZoom ancestor when deeper (filtered by the scan). */
  private run({ z, x, y }: TileCoords, lo = 0, hi = this.arrays.keys.length): [number, number] {
    const { keyZoom } = this.options;
    const shift = Math.max(0, keyZoom - z);
    const first = z > keyZoom ? morton(x >> (z - keyZoom), y >> (z - keyZoom)) : morton(x << shift, y << shift);
    const start = lowerBound(this.arrays.keys, first, lo, hi);
    return [start, lowerBound(this.arrays.keys, first + 4 ** shift, start, hi)];
  }

  /** Every cell is a Morton run of its own: count and mean position from the prefix sums. */
  private cellsBySums(coords: TileCoords): GridFeature[] {
    const { extent, cellsPerTileAxis } = this.options;
    const { order, sumX, sumY } = this.arrays;
    const [start, end] = this.run(coords);
    if (start === end) return [];
    const n = 2 ** coords.z;
    const clusters: GridFeature[] = [];
    for (let cy = 0; cy < cellsPerTileAxis; cy++) {
      for (let cx = 0; cx < cellsPerTileAxis; cx++) {
        const cell = { z: coords.z + this.cellShift, x: (coords.x << this.cellShift) + cx, y: (coords.y << this.cellShift) + cy };
        const [a, b] = this.run(cell, start, end);
        const count = b - a;
        if (count === 0) continue;
        const tx = ((sumX[b] - sumX[a]) / count) * n - coords.x;
        const ty = ((sumY[b] - sumY[a]) / count) * n - coords.y;
        clusters.push({ x: Math.round(tx * extent), y: Math.round(ty * extent), count, id: order[a] });
      }
    }
    return clusters;
  }

  /** One pass over the tile's run, testing each point (cells finer than the keys, or a filter). */
  private scan(coords: TileCoords, accept?: (id: number) => boolean): GridFeature[] {
    const { cellsPerTileAxis, clusterMaxZoom, extent } = this.options;
    const { order, mx, my } = this.arrays;
    const { z, x, y } = coords;
    const [start, end] = this.run(coords);
    const n = 2 ** z;
    const cluster = z <= clusterMaxZoom;
    const cellCount = cellsPerTileAxis * cellsPerTileAxis;
    const sumX = new Float64Array(cellCount);
    const sumY = new Float64Array(cellCount);
    const counts = new Uint32Array(cellCount);
    const members = new Uint32Array(cellCount);
    const singles: GridFeature[] = [];
    for (let s = start; s < end; s++) {
      const tx = mx[s] * n - x;
      const ty = my[s] * n - y;
      if (tx < 0 || tx >= 1 || ty < 0 || ty >= 1) continue;
      const id = order[s];
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
