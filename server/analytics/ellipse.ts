import { KM_PER_DEG } from '../geo/geodesy.ts';

/** Vertices of a drawn ellipse. */
export const ELLIPSE_STEPS = 64;

/** A standard deviational ellipse on a plane, in the terms of Turf's `standardDeviationalEllipse`. */
export interface PlanarEllipse {
  centre: [number, number];
  /** √2 × the standard deviation along the rotated x axis (which points at bearing angleDeg + 90°). */
  sigmaX: number;
  /** √2 × the standard deviation along the rotated y axis (which points at bearing angleDeg). */
  sigmaY: number;
  /** Rotation clockwise from north, degrees: tan θ = (A + B)/C as in ArcGIS and Turf. */
  angleDeg: number;
}

/**
 * The standard deviational ellipse of planar [x, y] points (ArcGIS's formulas with the √2 factor,
 * as Turf computes them); null for fewer than two points.
 */
export function planarEllipse(points: readonly GeoJSON.Position[]): PlanarEllipse | null {
  return planarEllipseOf(Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]));
}

/** planarEllipse of points given as x and y columns. */
export function planarEllipseOf(xs: Float64Array, ys: Float64Array): PlanarEllipse | null {
  const n = xs.length;
  if (n < 2) return null;
  let sumX = 0, sumY = 0;
  for (let i = 0; i < n; i++) sumX += xs[i];
  for (let i = 0; i < n; i++) sumY += ys[i];
  const cx = sumX / n, cy = sumY / n;
  let xx = 0, yy = 0, xy = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i], y = ys[i];
    xx += (x - cx) ** 2;
    yy += (y - cy) ** 2;
    xy += (x - cx) * (y - cy);
  }
  const a = xx - yy, b = Math.sqrt(a * a + 4 * xy * xy), c = 2 * xy;
  // With no covariance the formula is 0/0 or ±∞: the y axis then points north when y spreads more, else east.
  const theta = c === 0 ? (a > 0 ? Math.PI / 2 : 0) : Math.atan((a + b) / c);
  let sx = 0, sy = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i], y = ys[i];
    sx += ((x - cx) * Math.cos(theta) - (y - cy) * Math.sin(theta)) ** 2;
    sy += ((x - cx) * Math.sin(theta) + (y - cy) * Math.cos(theta)) ** 2;
  }
  return { centre: [cx, cy], sigmaX: Math.sqrt((2 * sx) / n), sigmaY: Math.sqrt((2 * sy) / n), angleDeg: (theta * 180) / Math.PI };
}

export interface GeoEllipse {
  n: number;
  /** Mean centre [lon, lat]. */
  centre: [number, number];
  majorAxisKm: number;
  minorAxisKm: number;
  /** Direction of the major axis, degrees clockwise from north, 0 ≤ bearing < 180. */
  bearingDeg: number;
  /** The ellipse outline; null when the points are fewer than three or on one line. */
  geometry: GeoJSON.Polygon | null;
}

const RAD = Math.PI / 180;

/**
 * The standard deviational ellipse of [lon, lat] points, computed on a local equirectangular plane
 * in km around their mean (so axes are true km, not degrees that shrink with latitude) and drawn back
 * in lon/lat; null for fewer than two points.
 */
export function deviationalEllipse(positions: readonly GeoJSON.Position[]): GeoEllipse | null {
  return deviationalEllipseOf(Float64Array.from(positions, (p) => p[0]), Float64Array.from(positions, (p) => p[1]));
}

/** deviationalEllipse of points given as longitude and latitude columns, degrees. */
export function deviationalEllipseOf(lon: Float64Array, lat: Float64Array): GeoEllipse | null {
  const n = lon.length;
  if (n < 2) return null;
  let sumLon = 0, sumLat = 0;
  for (let i = 0; i < n; i++) sumLon += lon[i];
  for (let i = 0; i < n; i++) sumLat += lat[i];
  const lon0 = sumLon / n, lat0 = sumLat / n;
  const kmPerDegLon = KM_PER_DEG * Math.cos(lat0 * RAD);
  const xs = new Float64Array(n), ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = (lon[i] - lon0) * kmPerDegLon;
    ys[i] = (lat[i] - lat0) * KM_PER_DEG;
  }
  const planar = planarEllipseOf(xs, ys)!;
  const theta = planar.angleDeg * RAD;
  const xAxis = [Math.cos(theta), -Math.sin(theta)], yAxis = [Math.sin(theta), Math.cos(theta)];
  const xIsMajor = planar.sigmaX >= planar.sigmaY;
  const bearingDeg = (((xIsMajor ? planar.angleDeg + 90 : planar.angleDeg) % 180) + 180) % 180;
  const majorAxisKm = Math.max(planar.sigmaX, planar.sigmaY), minorAxisKm = Math.min(planar.sigmaX, planar.sigmaY);
  let geometry: GeoJSON.Polygon | null = null;
  if (n >= 3 && minorAxisKm > 1e-9) {
    const ring = Array.from({ length: ELLIPSE_STEPS + 1 }, (_, i) => {
      const t = (2 * Math.PI * (i % ELLIPSE_STEPS)) / ELLIPSE_STEPS;
      const x = planar.sigmaX * Math.cos(t) * xAxis[0] + planar.sigmaY * Math.sin(t) * yAxis[0];
      const y = planar.sigmaX * Math.cos(t) * xAxis[1] + planar.sigmaY * Math.sin(t) * yAxis[1];
      return [lon0 + x / kmPerDegLon, lat0 + y / KM_PER_DEG];
    });
    geometry = { type: 'Polygon', coordinates: [ring] };
  }
  return { n, centre: [lon0, lat0], majorAxisKm, minorAxisKm, bearingDeg, geometry };
}
