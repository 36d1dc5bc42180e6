import type { ParkFeature, Target } from '../schemas/places.ts';
import type { OrganizationPoint } from './organization-point.ts';

/** What the data says about one of the plan's 2020 targets. */
export interface TargetProgress {
  target: Target;
  /** How many the data supports in all; null when no data here speaks to the target. */
  supported: number | null;
  /** The same count per city (cities with none are listed with 0). */
  byCity: Record<string, number>;
  /** Whether the supported count meets the target's comparator and value; null when unmeasurable or undecided by unknowns. */
  met: boolean | null;
  /** For a yes/no property of records: how many are confirmed, unknown and not, of how many the target is about. */
  coverage: { confirmed: number; unknown: number; not: number; of: number; reading: { zh: string; en: string } } | null;
  basis: { zh: string; en: string };
}

/** The data a target's `measurable_by` can point at. */
export interface PlanEvidence {
  organizations: readonly OrganizationPoint[];
  parks: readonly ParkFeature[];
}

const BASES: Record<string, { zh: string; en: string }> = {
  'organizations:high-tech': {
    zh: '所选企业中确认为国家高新技术企业（high_tech_enterprise = true）的数量；多数企业的资格未知，整理名单也不完整，所以只是下限，目标是否达成无法由此判断',
    en: 'selected firms confirmed as national high-tech enterprises (high_tech_enterprise = true); most firms are unknown and the curated list is partial, so this is a lower bound and cannot settle the target'
  },
  clusters: {
    zh: '计划所说的“产业集群”是政策认定的集群，本产品没有认定名单；DBSCAN 等密度算法找到的点群不是这种集群，所以不以其数量代替',
    en: "the plan's AI industry clusters are policy designations, and no list of them is in this product; point groups found by DBSCAN or other density methods are not such clusters, so their number is not put in its place"
  },
  parks: {
    zh: '计划第三(四)节点名的园区和集聚区数量',
    en: 'parks and clusters named in section 三(四) of the plan'
  }
};
const UNMEASURABLE = { zh: '本产品的数据无法衡量此目标', en: 'no data in this product speaks to this target' };

/**
 * A plan target is a number to reach: "> N" must exceed it; "≥ N" and a bare "N" (e.g. 重点支持
 * 10 个产业园区) are met by reaching it, so 12 supported parks meet a target of 10.
 */
function meets(count: number, target: Target): boolean {
  if (target.comparator === '>') return count > target.value;
  return count >= target.value;
}

function tallyByCity(cities: Iterable<string>, focusCities: readonly string[]): Record<string, number> {
  const byCity: Record<string, number> = Object.fromEntries(focusCities.map((c) => [c, 0]));
  for (const city of cities) byCity[city] = (byCity[city] ?? 0) + 1;
  return byCity;
}

/** Confirmed / unknown / not among the selected firms for the high-tech flag, with a reading. */
function highTechCoverage(organizations: readonly OrganizationPoint[]): NonNullable<TargetProgress['coverage']> {
  const firms = organizations.filter((o) => o.properties.type === 'firm');
  const confirmed = firms.filter((o) => o.properties.high_tech_enterprise === true).length;
  const not = firms.filter((o) => o.properties.high_tech_enterprise === false).length;
  const unknown = firms.length - confirmed - not;
  return {
    confirmed, unknown, not, of: firms.length,
    reading: {
      zh: `国家高新技术企业：确认 ${confirmed} 家，未知 ${unknown} 家，否 ${not} 家，共 ${firms.length} 家企业`,
      en: `high-tech enterprises: ${confirmed} confirmed, ${unknown} unknown, ${not} not, of ${firms.length} firms`
    }
  };
}

/**
 * For each of the plan's targets, the count the data supports by city, against the target. A count
 * of a record flag comes with its coverage; "met" is decided only when the unknowns cannot change it.
 * Policy counts the data cannot measure (AI industry clusters) say so rather than show a substitute.
 */
export function progressAgainstPlan(targets: readonly Target[], evidence: PlanEvidence, focusCities: readonly string[]): TargetProgress[] {
  return targets.map((target) => {
    if (target.measurable_by === 'organizations:high-tech') {
      const confirmed = evidence.organizations.filter((o) => o.properties.type === 'firm' && o.properties.high_tech_enterprise === true);
      // The curated list is partial: a shortfall never proves the target missed, so only reaching it decides.
      const met = meets(confirmed.length, target) ? true : null;
      return { target, supported: confirmed.length, byCity: tallyByCity(confirmed.map((o) => o.properties.city), focusCities), met, coverage: highTechCoverage(evidence.organizations), basis: BASES['organizations:high-tech'] };
    }
    if (target.measurable_by === 'parks') {
      const cities = evidence.parks.map((p) => p.properties.city);
      return { target, supported: cities.length, byCity: tallyByCity(cities, focusCities), met: meets(cities.length, target), coverage: null, basis: BASES.parks };
    }
    return { target, supported: null, byCity: {}, met: null, coverage: null, basis: target.measurable_by === 'clusters' ? BASES.clusters : UNMEASURABLE };
  });
}
