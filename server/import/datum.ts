import gcoord from 'gcoord';
import type { Bbox } from '../schemas/filters.ts';

/** Datums a file's coordinates may be in; AMap/Tencent publish GCJ-02, Baidu BD-09, OSM and GPS WGS-84. */
export const SOURCE_CRS = ['WGS84', 'GCJ02', 'BD09'] as const;
export type SourceCrs = (typeof SOURCE_CRS)[number];

const GCOORD_CRS = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 } as const;

/** A [lon, lat] in `crs` converted to WGS-84 (unchanged when it already is). */
export function toWgs84(position: [number, number], crs: SourceCrs): [number, number] {
  if (crs === 'WGS84') return position;
  const [lon, lat] = gcoord.transform(position, GCOORD_CRS[crs], gcoord.WGS84);
  return [lon, lat];
}

// The box inside which GCJ-02/BD-09 offsets apply (the bound gcoord and the usual eviltransform code use).
const CHINA: Bbox = [72.004, 0.8293, 137.8347, 55.8271];

/** True when a point lies outside the box where the Chinese datums are defined. */
export const outOfChina = (position: [number, number]) => !inBbox(position, CHINA);

export const inBbox = ([lon, lat]: [number, number], [minLon, minLat, maxLon, maxLat]: Bbox) => lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;

/** True when the pair lies outside the region but would lie inside it with longitude and latitude exchanged. */
export function looksSwapped([lon, lat]: [number, number], region: Bbox): boolean {
  return !inBbox([lon, lat], region) && inBbox([lat, lon], region);
}
