import { quantileSorted } from 'simple-statistics';
import type { SpecializationCell } from './location-quotient.ts';

type Bilingual = { zh: string; en: string };

/**
 * The European Cluster Observatory's three stars (Sölvell, Ketels & Lindqvist 2009, "The European
 * Cluster Observatory: EU Cluster Mapping and Strengthening Clusters in Europe", Europe INNOVA Paper
 * No. 12, European Commission), with the region's five cities in place of Europe's regions and
 * sector listings in place of employment.
 */
export const ECO_STAR_RULE = {
  en: "European Cluster Observatory stars: size — the count is in the top 10 % of the sector's counts across the region's cities (≥ 90th percentile); specialisation — LQ ≥ 2; focus — the sector's share of the city's listings is in the top 10 % of all city × sector shares of the region (≥ 90th percentile); percentiles R type 7; no stars below the minimum count. Source: Sölvell, Ketels & Lindqvist (2009), Europe INNOVA Paper No. 12",
  zh: '欧洲集群观察站星级：规模——机构数位于该行业各城市机构数的前 10%（≥ 第 90 百分位）；专业化——区位商 ≥ 2；集中度——该行业占城市全部行业登记的比例位于区域所有城市 × 行业比例的前 10%（≥ 第 90 百分位）；百分位按 R 第 7 类；低于最少记录数不评星。来源：Sölvell、Ketels、Lindqvist（2009），Europe INNOVA 第 12 号报告'
} as const;

export interface EcoStars {
  size: boolean;
  specialisation: boolean;
  focus: boolean;
}

/** One city × sector card: the LQ with its interval, the CMP rule, the ECO stars, the Gi* hot spot and where they disagree. */
export interface ClusterStrengthCard {
  city: string;
  sector: string;
  count: number;
  lq: number | null;
  lqLower: number | null;
  lqUpper: number | null;
  enough: boolean;
  strongCluster: boolean;
  /** null below the minimum count: too few records to say. */
  stars: EcoStars | null;
  /** Whether a Gi* hot spot (95 %, FDR) of this sector lies in the city; null when not computed. */
  hotSpot: boolean | null;
  /** Where the measures disagree, in plain words; empty when they agree. */
  disagreements: Bilingual[];
}

const TOO_FEW: Bilingual = { zh: '记录太少，无法判断', en: 'too few records to say' };

function disagreementsOf(c: SpecializationCell, stars: EcoStars | null, hotSpot: boolean | null): Bilingual[] {
  if (!c.enough || c.lq === null) return [];
  const notes: Bilingual[] = [];
  if (c.lq >= 1 && c.lqLower !== null && c.lqLower < 1) {
    notes.push({ zh: '区位商 ≥ 1，但其 95% 区间包含 1：专业化尚不能确定', en: 'LQ ≥ 1, but its 95 % interval includes 1: specialisation is not established' });
  }
  if (c.strongCluster && stars && !stars.specialisation) {
    notes.push({ zh: '按集群地图项目规则为强集群，但区位商 < 2，未获欧洲集群观察站专业化星', en: 'a strong cluster by the CMP rule, but LQ < 2 earns no ECO specialisation star' });
  }
  if (!c.strongCluster && stars && stars.size && stars.specialisation) {
    notes.push({ zh: '获规模星和专业化星，但按集群地图项目规则不是强集群', en: 'size and specialisation stars, yet not a strong cluster by the CMP rule' });
  }
  if (hotSpot === false && (c.strongCluster || (stars?.specialisation ?? false))) {
    notes.push({ zh: '按区位商是专业化集群，但城市内没有该行业的 Gi* 热点', en: 'specialised by LQ, but no Gi* hot spot of the sector lies in the city' });
  }
  if (hotSpot === true && c.lq < 1) {
    notes.push({ zh: '城市内有该行业的 Gi* 热点，但区位商 < 1', en: 'a Gi* hot spot of the sector lies in the city, though its LQ is below 1' });
  }
  return notes;
}

/**
 * A cluster-strength card per city × sector from the specialisation cells of the whole region
 * (every city and sector, before any row filter, since the percentiles rank across all of them).
 * `hotSpotCities` maps a sector to the cities holding one of its Gi* hot spots.
 */
export function clusterStrengthCards(cells: readonly SpecializationCell[], hotSpotCities?: ReadonlyMap<string, ReadonlySet<string>>): ClusterStrengthCard[] {
  const cityTotal = new Map<string, number>();
  for (const c of cells) cityTotal.set(c.city, (cityTotal.get(c.city) ?? 0) + c.count);
  const shareOf = (c: SpecializationCell) => (cityTotal.get(c.city) ? c.count / cityTotal.get(c.city)! : 0);
  const focusCut = quantileSorted(cells.map(shareOf).sort((a, b) => a - b), 0.9);
  const sizeCut = new Map<string, number>();
  for (const sector of new Set(cells.map((c) => c.sector))) {
    sizeCut.set(sector, quantileSorted(cells.filter((c) => c.sector === sector).map((c) => c.count).sort((a, b) => a - b), 0.9));
  }
  return cells.map((c) => {
    const stars = c.enough ? { size: c.count >= sizeCut.get(c.sector)!, specialisation: (c.lq ?? 0) >= 2, focus: shareOf(c) >= focusCut } : null;
    const hotSpot = hotSpotCities ? (hotSpotCities.get(c.sector)?.has(c.city) ?? false) : null;
    return {
      city: c.city,
      sector: c.sector,
      count: c.count,
      lq: c.lq,
      lqLower: c.lqLower,
      lqUpper: c.lqUpper,
      enough: c.enough,
      strongCluster: c.strongCluster,
      stars,
      hotSpot,
      disagreements: disagreementsOf(c, stars, hotSpot)
    };
  });
}

export { TOO_FEW };
