import { KM_PER_DEG } from './geodesy.ts';

type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/**
 * A lon/lat box grown by `radiusKm` on every side: every point within radiusKm (great-circle, on
 * Turf's sphere) of the box lies inside. Longitude widens by the cosine of the box's farthest
 * latitude, the widest it needs to be; the result is clamped to the world.
 */
export function grownBbox([minLon, minLat, maxLon, maxLat]: readonly number[], radiusKm: number): Bbox {
  const dLat = radiusKm / KM_PER_DEG;
  const farthestLat = Math.min(89, Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat);
  const dLon = radiusKm / (KM_PER_DEG * Math.cos((farthestLat * Math.PI) / 180));
  return [Math.max(-180, minLon - dLon), Math.max(-90, minLat - dLat), Math.min(180, maxLon + dLon), Math.min(90, maxLat + dLat)];
}

/** The box holding every point within radiusKm of a centre [lon, lat], for an index pre-filter. */
export function bboxAroundKm([lon, lat]: readonly number[], radiusKm: number): Bbox {
  return grownBbox([lon, lat, lon, lat], radiusKm);
}
