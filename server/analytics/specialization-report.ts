import type { SpecializationQuery } from '../schemas/analytics.ts';
import { parseFilters } from '../schemas/filters.ts';
import { clusterStrengthCards, ECO_STAR_RULE } from './cluster-strength.ts';
import { locationQuotientsOfCodes, STRONG_CLUSTER_RULE } from './location-quotient.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';
import { sectorHotSpotCitiesOf, SECTOR_HOTSPOT_RULE } from './sector-hotspots.ts';
import { INTERVAL_RULE, MIN_STAR_COUNT } from './small-numbers.ts';

const BASIS = {
  zh: '按机构所列行业计数（一个机构列出几个行业就计几次）；区域为五个重点城市；城市和行业筛选只选择显示的行，类型、关键词和范围筛选决定参与统计的机构',
  en: 'counts of sector listings (an organisation listing several sectors counts in each); the region is the five focus cities; the city and sector filters pick the rows shown, while type, q and bbox pick the organisations counted'
};

/**
 * /api/analytics/specialization: location quotients per city × sector with their intervals, and a
 * cluster-strength card per cell. The selection is the population (the request's filters without
 * city and sector); city and sector pick the rows shown.
 */
export function* specializationReport({ selection, query, ctx }: ReportInput<SpecializationQuery>): Progressive<unknown> {
  const filters = parseFilters(query, ctx.vocabulary);
  const shown = (c: { city: string; sector: string }) => (!filters.cities || filters.cities.has(c.city)) && (!filters.sectors || filters.sectors.has(c.sector));
  const { vocabulary, sectorWords } = selection.columns;
  // Counted from the columns: integer tables, no object per organisation.
  const region = locationQuotientsOfCodes(
    { cityCode: selection.cityCodes(), sectorBits: selection.sectorBits(), sectorWords, cityNames: vocabulary.cities, sectorNames: vocabulary.sectors },
    ctx.focusCities,
    ctx.vocabulary.sectors
  );
  yield 0.5;
  const placed = selection.pointsOnly();
  const hotSpots = sectorHotSpotCitiesOf(
    { ...placed.lonLat(), city: placed.cityCodes(), cityNames: vocabulary.cities, sectorBits: placed.sectorBits(), sectorWords },
    ctx.studyAreas.of(ctx.focusCities),
    vocabulary.sectors
  );
  return {
    region: ctx.focusCities,
    basis: BASIS,
    rule: STRONG_CLUSTER_RULE,
    minCount: MIN_STAR_COUNT,
    intervalRule: INTERVAL_RULE,
    starRule: ECO_STAR_RULE,
    cells: region.filter(shown),
    hotSpotRule: { zh: SECTOR_HOTSPOT_RULE.zh, en: SECTOR_HOTSPOT_RULE.en },
    cards: clusterStrengthCards(region, hotSpots).filter(shown)
  };
}
