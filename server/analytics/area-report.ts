import { ckmeans, quantileSorted } from 'simple-statistics';

/** One area of the choropleth: a district, or a focus city that has none (Dongguan). */
export interface AreaUnit {
  code: string;
  city: string;
  areaKm2: number;
}

/** What the report reads of an organisation. */
export interface AreaRecordInput {
  city: string;
  sectors: readonly string[];
  located_by?: string;
  area_code?: string;
}

export type ClassMethod = 'ckmeans' | 'quantile';
export type AreaMeasure = 'count' | 'per_km2' | 'lq';

export interface AreaReportOptions {
  measure: AreaMeasure;
  /** The sector whose location quotient `lq` measures. */
  lqSector?: string;
  classes: number;
  method: ClassMethod;
}

export interface AreaStat {
  count: number;
  /** Of `count`, records located by a point (joined to the area by point-in-polygon). */
  points: number;
  /** Of `count`, records placed by their address at this area or a town inside it. */
  area_placed: number;
  per_km2: number;
  /** (share of lqSector here) ÷ (its share in all areas); null without a sector or with no records here. */
  lq: number | null;
  /** Class index 0…k−1 of the measure; null when the measure is undefined here. */
  class: number | null;
}

export interface AreaReport {
  stats: AreaStat[];
  /** Class limits: k+1 ascending values, class i spans [breaks[i], breaks[i+1]]. */
  breaks: number[];
  /** Area-placed records naming only a city that has districts: they belong to no one area. */
  cityOnly: Record<string, number>;
  /** Point records inside none of the areas (another city, or at sea). */
  outside: number;
}

/**
 * The unit an area-placed record counts in: its own code, a town's district (first 6 digits), or the
 * city when the city itself is a unit; −1 when only a city with districts is known.
 */
export function unitOfAreaCode(code: string, unitIndex: ReadonlyMap<string, number>): number {
  for (const candidate of [code, code.slice(0, 6)]) {
    const direct = unitIndex.get(candidate);
    if (direct !== undefined) return direct;
  }
  return -1;
}

/** Class limits of `values` (k classes or fewer when fewer distinct values): natural breaks by ckmeans, or quantiles. */
export function classBreaks(values: readonly number[], classes: number, method: ClassMethod): number[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const k = Math.max(1, Math.min(classes, new Set(sorted).size));
  if (method === 'quantile') {
    const breaks = Array.from({ length: k + 1 }, (_, i) => quantileSorted(sorted, i / k));
    return breaks.filter((b, i) => i === 0 || b > breaks[i - 1]);
  }
  // ckmeans: optimal 1-D k-means (Wang & Song 2011), the successor of Jenks natural breaks.
  const groups = ckmeans(sorted, k);
  return [...groups.map((g) => g[0]), sorted[sorted.length - 1]];
}

/** The class of a value given ascending breaks (the top limit belongs to the last class). */
export function classOf(value: number, breaks: readonly number[]): number {
  for (let i = breaks.length - 2; i >= 0; i--) if (value >= breaks[i]) return i;
  return 0;
}

/**
 * Counts per area, per km² and the location quotient of one sector, then classes the chosen measure.
 * `pointUnit[i]` is the unit holding record i's point (−1: none), for records located by a point;
 * records placed by address count in the unit their area code names, never by their stand-in point.
 */
export function areaReport(units: readonly AreaUnit[], records: readonly AreaRecordInput[], pointUnit: Int32Array, options: AreaReportOptions): AreaReport {
  const unitIndex = new Map(units.map((u, i) => [u.code, i]));
  const count = new Array<number>(units.length).fill(0);
  const points = new Array<number>(units.length).fill(0);
  const placed = new Array<number>(units.length).fill(0);
  const inSector = new Array<number>(units.length).fill(0);
  const cityOnly: Record<string, number> = {};
  let outside = 0;
  records.forEach((r, i) => {
    const areaPlaced = r.located_by === 'admin-area' && r.area_code !== undefined;
    const u = areaPlaced ? unitOfAreaCode(r.area_code!, unitIndex) : pointUnit[i];
    if (u < 0) {
      if (areaPlaced) cityOnly[r.city] = (cityOnly[r.city] ?? 0) + 1;
      else outside++;
      return;
    }
    count[u]++;
    if (areaPlaced) placed[u]++;
    else points[u]++;
    if (options.lqSector && r.sectors.includes(options.lqSector)) inSector[u]++;
  });
  const total = count.reduce((s, c) => s + c, 0);
  const sectorTotal = inSector.reduce((s, c) => s + c, 0);
  const stats: AreaStat[] = units.map((unit, u) => ({
    count: count[u],
    points: points[u],
    area_placed: placed[u],
    per_km2: unit.areaKm2 > 0 ? count[u] / unit.areaKm2 : 0,
    lq: options.lqSector && count[u] > 0 && sectorTotal > 0 ? inSector[u] / count[u] / (sectorTotal / total) : null,
    class: null
  }));
  const measureOf = (s: AreaStat) => (options.measure === 'lq' ? s.lq : options.measure === 'per_km2' ? s.per_km2 : s.count);
  const values = stats.map(measureOf).filter((v): v is number => v !== null);
  const breaks = classBreaks(values, options.classes, options.method);
  for (const s of stats) {
    const v = measureOf(s);
    s.class = v === null || breaks.length === 0 ? null : classOf(v, breaks);
  }
  return { stats, breaks, cityOnly, outside };
}
