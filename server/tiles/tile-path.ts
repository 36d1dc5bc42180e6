import { badParameter } from '../schemas/errors.ts';

/** Highest zoom the tile routes accept; past ~22 a tile is smaller than a centimetre. */
export const MAX_TILE_ZOOM = 22;

export interface TileCoords {
  z: number;
  x: number;
  y: number;
}

const DIGITS = /^\d{1,8}$/;

function coordinate(name: string, text: string, max: number): number {
  if (!DIGITS.test(text)) throw badParameter(name, `must be a whole number 0..${max}; got "${text}"`);
  const n = Number(text);
  if (n > max) throw badParameter(name, `must be within 0..${max}; got ${n}`);
  return n;
}

/** Validates z/x/y path segments: z within 0..22, x and y within 0..2^z−1, plain decimal digits only. */
export function parseTileCoords(z: string, x: string, y: string): TileCoords {
  const zoom = coordinate('z', z, MAX_TILE_ZOOM);
  const last = 2 ** zoom - 1;
  return { z: zoom, x: coordinate('x', x, last), y: coordinate('y', y, last) };
}
