import { earthRadius } from '@turf/turf';

/** The mean Earth radius Turf uses for `distance` (6371.0088 km), so our distances match Turf's. */
export const EARTH_RADIUS_KM = earthRadius / 1000;
export const KM_PER_DEG = (Math.PI * EARTH_RADIUS_KM) / 180;
const RAD = Math.PI / 180;

/**
 * The haversine term a = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2), from radians and precomputed
 * cosines; distance = 2R·atan2(√a, √(1−a)) grows with a, so comparing a's compares distances.
 */
export function haversineTerm(lon1Rad: number, lat1Rad: number, cosLat1: number, lon2Rad: number, lat2Rad: number, cosLat2: number): number {
  const sinDLat = Math.sin((lat2Rad - lat1Rad) / 2);
  const sinDLon = Math.sin((lon2Rad - lon1Rad) / 2);
  return sinDLat * sinDLat + cosLat1 * cosLat2 * sinDLon * sinDLon;
}

/** The haversine term of a great-circle distance, for "within distanceKm" tests without trigonometry per pair. */
export function haversineTermOfKm(distanceKm: number): number {
  const s = Math.sin(distanceKm / EARTH_RADIUS_KM / 2);
  return s * s;
}

/** Great-circle distance in km between two [lon, lat] positions, the same formula and radius as Turf's `distance`. */
export function haversineKm(a: GeoJSON.Position, b: GeoJSON.Position): number {
  const h = haversineTerm(a[0] * RAD, a[1] * RAD, Math.cos(a[1] * RAD), b[0] * RAD, b[1] * RAD, Math.cos(b[1] * RAD));
  return 2 * EARTH_RADIUS_KM * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}
