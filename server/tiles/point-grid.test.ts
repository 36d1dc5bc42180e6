import { expect, test } from 'vitest';
import { PointGrid, toMercator, type GridFeature } from './point-grid.ts';
import type { TileCoords } from './tile-path.ts';

/** Seeded points around two centres in the Pearl River Delta, with a few exact duplicates. */
function points(n: number, seed = 7): { lon: Float64Array; lat: Float64Array } {
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [cx, cy] = i % 2 ? [113.93, 22.52] : [113.26, 23.13];
    lon[i] = i % 50 === 0 && i > 0 ? lon[i - 1] : cx + (random() - 0.5) * 0.6 * random();
    lat[i] = i % 50 === 0 && i > 0 ? lat[i - 1] : cy + (random() - 0.5) * 0.6 * random();
  }
  return { lon, lat };
}

/** The tile under a point at zoom z. */
function tileAt(lon: number, lat: number, z: number): TileCoords {
  const [x, y] = toMercator(lon, lat);
  return { z, x: Math.floor(x * 2 ** z), y: Math.floor(y * 2 ** z) };
}

/** Every point tested on its own: which cell of the tile it falls in, cells in row order (the reference). */
function bruteForce(lon: Float64Array, lat: Float64Array, { z, x, y }: TileCoords, keep: (i: number) => boolean, cells = 16): { count: number; x: number; y: number }[] {
  const byCell = new Map<number, { count: number; sx: number; sy: number }>();
  for (let i = 0; i < lon.length; i++) {
    if (!keep(i)) continue;
    const [mx, my] = toMercator(lon[i], lat[i]);
    const tx = mx * 2 ** z - x;
    const ty = my * 2 ** z - y;
    if (tx < 0 || tx >= 1 || ty < 0 || ty >= 1) continue;
    const cell = Math.floor(ty * cells) * cells + Math.floor(tx * cells);
    const c = byCell.get(cell) ?? { count: 0, sx: 0, sy: 0 };
    c.count++;
    c.sx += tx;
    c.sy += ty;
    byCell.set(cell, c);
  }
  return [...byCell.entries()].sort(([a], [b]) => a - b).map(([, c]) => ({ count: c.count, x: (c.sx / c.count) * 4096, y: (c.sy / c.count) * 4096 }));
}

function expectSameClusters(found: GridFeature[], expected: { count: number; x: number; y: number }[]): void {
  expect(found.map((f) => f.count)).toEqual(expected.map((e) => e.count));
  found.forEach((f, k) => {
    expect(Math.abs(f.x - expected[k].x)).toBeLessThanOrEqual(1);
    expect(Math.abs(f.y - expected[k].y)).toBeLessThanOrEqual(1);
  });
}

const { lon, lat } = points(20_000);
const grid = PointGrid.of(lon, lat);

test('clusters read from prefix sums at low zooms equal counting every point, from z0 to z14', () => {
  for (let z = 0; z <= 14; z++) {
    for (const [clon, clat] of [[113.93, 22.52], [113.26, 23.13], [113.6, 22.8]]) {
      const coords = tileAt(clon, clat, z);
      expectSameClusters(grid.tileFeatures(coords), bruteForce(lon, lat, coords, () => true));
    }
  }
});

test('a cluster names one of its own members, and all clusters together hold every point of a tile', () => {
  const coords = tileAt(113.6, 22.8, 5);
  const found = grid.tileFeatures(coords);
  expect(found.reduce((sum, f) => sum + f.count, 0)).toBe(lon.length);
  for (const f of found) {
    // The member's cell (256 tile units a side) is the cell the cluster's mean position lies in.
    const [mx, my] = toMercator(lon[f.id], lat[f.id]);
    const cellX = Math.floor((mx * 32 - coords.x) * 16);
    const cellY = Math.floor((my * 32 - coords.y) * 16);
    expect(f.x / 256).toBeGreaterThanOrEqual(cellX);
    expect(f.x / 256).toBeLessThanOrEqual(cellX + 1);
    expect(f.y / 256).toBeGreaterThanOrEqual(cellY);
    expect(f.y / 256).toBeLessThanOrEqual(cellY + 1);
  }
});

test('from z15 every point is its own feature, at its own position', () => {
  const coords = tileAt(113.93, 22.52, 16);
  const found = grid.tileFeatures(coords);
  const expected = bruteForce(lon, lat, coords, () => true, 4096);
  expect(found.length).toBe(expected.reduce((sum, e) => sum + e.count, 0));
  expect(found.every((f) => f.count === 1)).toBe(true);
  for (const f of found) {
    const [mx, my] = toMercator(lon[f.id], lat[f.id]);
    expect(f.x).toBe(Math.round((mx * 2 ** 16 - coords.x) * 4096));
    expect(f.y).toBe(Math.round((my * 2 ** 16 - coords.y) * 4096));
  }
});

test('a filter gives the same tile whether each point is tested or the filtered grid is cut first', () => {
  const odd = (i: number) => i % 3 === 1;
  const subset = grid.subset(odd);
  expect(subset.size).toBe(Array.from({ length: lon.length }, (_, i) => i).filter(odd).length);
  for (const z of [2, 8, 11, 13, 15]) {
    const coords = tileAt(113.26, 23.13, z);
    const expected = bruteForce(lon, lat, coords, odd);
    if (z <= 14) expectSameClusters(grid.tileFeatures(coords, odd), expected);
    else expect(grid.tileFeatures(coords, odd).length).toBe(expected.reduce((sum, e) => sum + e.count, 0));
    expect(subset.tileFeatures(coords).map((f) => [f.count, f.id])).toEqual(grid.tileFeatures(coords, odd).map((f) => [f.count, f.id]));
  }
});

test('rows marked to skip are left out of the grid', () => {
  const skip = new Uint8Array(lon.length).map((_, i) => (i < 5000 ? 1 : 0));
  const kept = PointGrid.of(lon, lat, {}, skip);
  expect(kept.size).toBe(lon.length - 5000);
  const coords = tileAt(113.6, 22.8, 4);
  expect(kept.tileFeatures(coords).reduce((sum, f) => sum + f.count, 0)).toBe(lon.length - 5000);
  expect(kept.tileFeatures(coords).every((f) => f.id >= 5000)).toBe(true);
});

test('a tile with no points has no features, and the runs of an empty grid are empty', () => {
  expect(grid.tileFeatures(tileAt(0, 0, 10))).toEqual([]);
  const empty = PointGrid.of(new Float64Array(0), new Float64Array(0));
  expect(empty.tileFeatures({ z: 0, x: 0, y: 0 })).toEqual([]);
  expect(empty.runLength({ z: 3, x: 1, y: 1 })).toBe(0);
});

test('cells per tile side must be a power of two', () => {
  expect(() => PointGrid.of(lon, lat, { cellsPerTileAxis: 12 as 16 })).toThrow(/power of 2/);
});
