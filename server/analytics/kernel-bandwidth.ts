import { quickselect } from 'simple-statistics';
import { KM_PER_DEG } from '../geo/geodesy.ts';

const RAD = Math.PI / 180;

export const BANDWIDTH_RULE = {
  en: "default bandwidth: the spatial variant of Silverman's rule of thumb that ArcGIS Kernel Density uses, 0.9 · min(SD, √(1/ln 2) · Dm) · n^−0.2, with SD the standard distance and Dm the median distance from the mean centre, km (Esri, \"How Kernel Density works\", ArcGIS Pro documentation); give bandwidthKm to override",
  zh: '默认带宽：ArcGIS 核密度所用的空间化 Silverman 经验法则，0.9 · min(SD, √(1/ln 2) · Dm) · n^−0.2，SD 为标准距离，Dm 为到平均中心距离的中位数，单位 km（Esri《核密度分析的工作原理》，ArcGIS Pro 文档）；可用 bandwidthKm 覆盖'
} as const;

/**
 * The data-driven kernel radius ArcGIS Kernel Density uses by default (the spatial Silverman rule),
 * km, from [lon, lat] points on a local equirectangular plane; null with fewer than two distinct points.
 */
export function silvermanBandwidthKm(positions: readonly GeoJSON.Position[]): number | null {
  return silvermanBandwidthKmOf(Float64Array.from(positions, (p) => p[0]), Float64Array.from(positions, (p) => p[1]));
}

/** silvermanBandwidthKm of points given as longitude and latitude columns, degrees. */
export function silvermanBandwidthKmOf(lon: Float64Array, lat: Float64Array): number | null {
  const n = lon.length;
  if (n < 2) return null;
  let latSum = 0;
  for (let i = 0; i < n; i++) latSum += lat[i];
  const meanLat = latSum / n;
  const kmPerDegLon = KM_PER_DEG * Math.cos(meanLat * RAD);
  let xSum = 0, ySum = 0;
  for (let i = 0; i < n; i++) {
    xSum += lon[i] * kmPerDegLon;
    ySum += lat[i] * KM_PER_DEG;
  }
  const mx = xSum / n, my = ySum / n;
  const distances = new Float64Array(n);
  let squares = 0;
  for (let i = 0; i < n; i++) {
    distances[i] = Math.hypot(lon[i] * kmPerDegLon - mx, lat[i] * KM_PER_DEG - my);
    squares += distances[i] * distances[i];
  }
  const standardDistance = Math.sqrt(squares / n);
  // The median by selection, not a sort: density asks this of up to a million points.
  const upper = n >> 1;
  quickselect(distances as unknown as number[], upper);
  let medianKm = distances[upper];
  if (n % 2 === 0) {
    let lower = -Infinity;
    for (let i = 0; i < upper; i++) if (distances[i] > lower) lower = distances[i];
    medianKm = (lower + medianKm) / 2;
  }
  const h = 0.9 * Math.min(standardDistance, Math.sqrt(1 / Math.LN2) * medianKm) * n ** -0.2;
  return h > 0 ? h : null;
}
