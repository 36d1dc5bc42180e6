import { toMercator } from '../tiles/point-grid.ts';
import type { TileCoords } from '../tiles/tile-path.ts';

/**
 * Every tile of zoom `z` that covers `bbox` ([minLon, minLat, maxLon, maxLat]), widened by
 * `marginTiles` on each side: tiles just outside still draw their buffer of what lies inside.
 */
export function tilesCovering(bbox: readonly [number, number, number, number], z: number, marginTiles = 1): TileCoords[] {
  const n = 2 ** z;
  const [west, north] = toMercator(bbox[0], bbox[3]);
  const [east, south] = toMercator(bbox[2], bbox[1]);
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, v));
  const [minX, maxX] = [clamp(Math.floor(west * n) - marginTiles), clamp(Math.floor(east * n) + marginTiles)];
  const [minY, maxY] = [clamp(Math.floor(north * n) - marginTiles), clamp(Math.floor(south * n) + marginTiles)];
  const tiles: TileCoords[] = [];
  for (let x = minX; x <= maxX; x++) for (let y = minY; y <= maxY; y++) tiles.push({ z, x, y });
  return tiles;
}
