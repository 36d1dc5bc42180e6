import type { OrganizationFeature, ParkFeature, Target } from '../schemas/places.ts';

/** What the data says about one of the plan's 2020 targets. */
export interface TargetProgress {
  target: Target;
  /** How many the data supports in all; null when no data here speaks to the target. */
  supported: number | null;
  /** The same count per city (cities with none are listed with 0). */
  byCity: Record<string, number>;
  /** Whether the supported count meets the target's comparator and value; null when unmeasurable. */
  met: boolean | null;
  basis: { zh: string; en: string };
}

/** The data a target's `measurable_by` can point at. */
export interface PlanEvidence {
  organizations: readonly OrganizationFeature[];
  parks: readonly ParkFeature[];
  /** The city of each detected cluster (one entry per cluster). */
  clusterCities: readonly string[];
}

const BASES: Record<string, { zh: string; en: string }> = {
  'organizations:high-tech': {
    zh: '所选机构中标记为国家高新技术企业的数量；整理名单并不完整，只是下限',
    en: 'selected organisations marked as national high-tech enterprises; the curated list is partial, so this is a lower bound'
  },
  clusters: {
    zh: '所选机构经 DBSCAN 检测出的集群数（按多数成员所在城市归属）；取决于邻域半径和最少点数',
    en: 'clusters DBSCAN detects among the selected organisations (each counted in the city of most of its members); depends on the neighbourhood radius and the minimum points'
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

/** For each of the plan's targets, the count the data supports by city, against the target. */
export function progressAgainstPlan(targets: readonly Target[], evidence: PlanEvidence, focusCities: readonly string[]): TargetProgress[] {
  const citiesOf: Record<string, () => string[]> = {
    'organizations:high-tech': () => evidence.organizations.filter((o) => o.properties.high_tech_enterprise === true).map((o) => o.properties.city),
    clusters: () => [...evidence.clusterCities],
    parks: () => evidence.parks.map((p) => p.properties.city)
  };
  return targets.map((target) => {
    const measure = target.measurable_by ? citiesOf[target.measurable_by] : undefined;
    if (!measure) return { target, supported: null, byCity: {}, met: null, basis: UNMEASURABLE };
    const cities = measure();
    return { target, supported: cities.length, byCity: tallyByCity(cities, focusCities), met: meets(cities.length, target), basis: BASES[target.measurable_by!] };
  });
}
