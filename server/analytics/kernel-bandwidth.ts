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
  const n = positions.length;
  if (n < 2) return null;
  const meanLat = positions.reduce((s, p) => s + p[1], 0) / n;
  const kmPerDegLon = KM_PER_DEG * Math.cos(meanLat * RAD);
  // Typed arrays and a typed sort: density asks this of up to a million points.
  const xs = Float64Array.from(positions, (p) => p[0] * kmPerDegLon), ys = Float64Array.from(positions, (p) => p[1] * KM_PER_DEG);
  const mx = xs.reduce((s, v) => s + v, 0) / n, my = ys.reduce((s, v) => s + v, 0) / n;
  const distances = xs.map((x, i) => Math.hypot(x - mx, ys[i] - my));
  const standardDistance = Math.sqrt(distances.reduce((s, d) => s + d * d, 0) / n);
  distances.sort();
  const medianKm = n % 2 ? distances[(n - 1) / 2] : (distances[n / 2 - 1] + distances[n / 2]) / 2;
  const h = 0.9 * Math.min(standardDistance, Math.sqrt(1 / Math.LN2) * medianKm) * n ** -0.2;
  return h > 0 ? h : null;
}
