import { quantileSorted } from 'simple-statistics';
import { MIN_STAR_COUNT, poissonInterval } from './small-numbers.ts';

/** One city × sector cell of the specialisation table. */
export interface SpecializationCell {
  city: string;
  sector: string;
  /** Organisations in the city that list the sector. */
  count: number;
  /** (count ÷ the city's sector listings) ÷ (the sector's listings in the region ÷ all listings in the region); null when the city has none. */
  lq: number | null;
  /** The count the city would have if it held the sector's regional share of its listings. */
  expected: number | null;
  /** Exact 95 % Poisson interval of the LQ (see INTERVAL_RULE); null when the city has none. */
  lqLower: number | null;
  lqUpper: number | null;
  /** Whether the count reaches MIN_STAR_COUNT; below it the cell reads "too few records to say". */
  enough: boolean;
  strongCluster: boolean;
}

/**
 * The "strong cluster" rule, after the U.S. Cluster Mapping Project (specialisation in the top
 * quartile across regions, with enough activity), made exact for this table. A city × sector cell
 * is strong when all three hold:
 *   1. LQ ≥ 1;
 *   2. LQ ≥ the 75th percentile of that sector's LQs across the region's cities;
 *   3. count > the 25th percentile of that sector's counts across the region's cities;
 *   4. count ≥ MIN_STAR_COUNT (with three records "above the bottom quartile" means nothing).
 * Percentiles interpolate linearly between ranks (R type 7, numpy's default); a city without
 * listings has LQ 0 for the ranking.
 */
export const STRONG_CLUSTER_RULE = {
  en: `strong cluster (after the U.S. Cluster Mapping Project): LQ ≥ 1, and LQ in the top quartile of the sector's LQs across the region's cities (≥ 75th percentile), and count above the bottom quartile of the sector's counts (> 25th percentile), and at least ${MIN_STAR_COUNT} records (fewer: too few records to say); percentiles by linear interpolation (R type 7)`,
  zh: `强集群（参照美国集群地图项目）：区位商 ≥ 1，且区位商位于该行业各城市区位商的前四分之一（≥ 第 75 百分位），且机构数高于该行业各城市机构数的后四分之一（> 第 25 百分位），且至少 ${MIN_STAR_COUNT} 条记录（不足则记录太少，无法判断）；百分位按线性插值（R 第 7 类）计算`
} as const;

export interface Listing {
  city: string;
  sectors: readonly string[];
}

/**
 * Location quotients for every city × sector of a region. Each organisation counts once for each
 * sector it lists, so a city's total is its number of sector listings and the LQs of the region
 * average to 1 when weighted by listings.
 */
export function locationQuotients(listings: readonly Listing[], cities: readonly string[], sectors: readonly string[]): SpecializationCell[] {
  const counts = emptyCounts();
  const inRegion = new Set(cities);
  // Listings of one city that share their sector list (a Selection's organisations share theirs)
  // are counted together: a million listings come down to a few hundred (city, list) pairs.
  const listsOfCity = new Map<string, Map<readonly string[], number>>();
  for (const { city, sectors: listed } of listings) {
    if (!inRegion.has(city)) continue;
    let lists = listsOfCity.get(city);
    if (!lists) listsOfCity.set(city, (lists = new Map()));
    lists.set(listed, (lists.get(listed) ?? 0) + 1);
  }
  for (const [city, lists] of listsOfCity) for (const [listed, times] of lists) for (const sector of listed) addListings(counts, city, sector, times);
  return quotientCells(counts, cities, sectors);
}

/** What sector listings a region has: per city × sector, per city, per sector and in all. */
export interface ListingCounts {
  count: Map<string, number>;
  cityTotal: Map<string, number>;
  sectorTotal: Map<string, number>;
  regionTotal: number;
}

const emptyCounts = (): ListingCounts => ({ count: new Map(), cityTotal: new Map(), sectorTotal: new Map(), regionTotal: 0 });

function addListings(counts: ListingCounts, city: string, sector: string, times: number): void {
  counts.count.set(`${city}|${sector}`, (counts.count.get(`${city}|${sector}`) ?? 0) + times);
  counts.cityTotal.set(city, (counts.cityTotal.get(city) ?? 0) + times);
  counts.sectorTotal.set(sector, (counts.sectorTotal.get(sector) ?? 0) + times);
  counts.regionTotal += times;
}

/**
 * locationQuotients of organisations given as columns (city codes into `cityNames`, sector bits as in
 * the organisation columns, `sectorWords` words per organisation, bit k naming `sectorNames[k]`):
 * integer counts in one table (city × sector code), no per-organisation objects. Same cells as
 * locationQuotients over the same organisations.
 */
export function locationQuotientsOfCodes(
  codes: { cityCode: Uint8Array; sectorBits: Uint32Array; sectorWords: number; cityNames: readonly string[]; sectorNames: readonly string[] },
  cities: readonly string[],
  sectors: readonly string[]
): SpecializationCell[] {
  const { cityCode, sectorBits, sectorWords, cityNames, sectorNames } = codes;
  const inRegion = new Uint8Array(256);
  for (const city of cities) {
    const code = cityNames.indexOf(city);
    if (code >= 0) inRegion[code] = 1;
  }
  const perSector = sectorWords * 32;
  const table = new Float64Array(256 * perSector);
  for (let k = 0; k < cityCode.length; k++) {
    const city = cityCode[k];
    if (inRegion[city] === 0) continue;
    for (let w = 0; w < sectorWords; w++) {
      let bits = sectorBits[k * sectorWords + w];
      while (bits !== 0) {
        table[city * perSector + w * 32 + (31 - Math.clz32(bits & -bits))]++;
        bits &= bits - 1;
      }
    }
  }
  const counts = emptyCounts();
  for (let city = 0; city < 256; city++) {
    if (inRegion[city] === 0) continue;
    for (let s = 0; s < perSector && s < sectorNames.length; s++) if (table[city * perSector + s] > 0) addListings(counts, cityNames[city], sectorNames[s], table[city * perSector + s]);
  }
  return quotientCells(counts, cities, sectors);
}

function quotientCells({ count, cityTotal, sectorTotal, regionTotal }: ListingCounts, cities: readonly string[], sectors: readonly string[]): SpecializationCell[] {
  const cells: SpecializationCell[] = [];
  for (const sector of sectors) {
    const row = cities.map((city) => {
      const n = count.get(`${city}|${sector}`) ?? 0;
      const ofCity = cityTotal.get(city) ?? 0;
      const ofSector = sectorTotal.get(sector) ?? 0;
      const lq = ofCity === 0 ? null : ofSector === 0 ? 0 : n / ofCity / (ofSector / regionTotal);
      const expected = ofCity === 0 || ofSector === 0 ? null : (ofCity * ofSector) / regionTotal;
      const [low, high] = poissonInterval(n);
      return { city, sector, count: n, lq, expected, lqLower: expected ? low / expected : null, lqUpper: expected ? high / expected : null, enough: n >= MIN_STAR_COUNT, strongCluster: false };
    });
    const lqs = row.map((c) => c.lq ?? 0).sort((a, b) => a - b);
    const counts = row.map((c) => c.count).sort((a, b) => a - b);
    const lqTopQuartile = quantileSorted(lqs, 0.75), countBottomQuartile = quantileSorted(counts, 0.25);
    for (const c of row) c.strongCluster = c.enough && c.lq !== null && c.lq >= 1 && c.lq >= lqTopQuartile && c.count > countBottomQuartile;
    cells.push(...row);
  }
  return cells;
}
