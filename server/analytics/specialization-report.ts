import type { SpecializationQuery } from '../schemas/analytics.ts';
import { parseFilters } from '../schemas/filters.ts';
import { locationQuotients, STRONG_CLUSTER_RULE } from './location-quotient.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';

const BASIS = {
  zh: '按机构所列行业计数（一个机构列出几个行业就计几次）；区域为五个重点城市；城市和行业筛选只选择显示的行，类型、关键词和范围筛选决定参与统计的机构',
  en: 'counts of sector listings (an organisation listing several sectors counts in each); the region is the five focus cities; the city and sector filters pick the rows shown, while type, q and bbox pick the organisations counted'
};

/**
 * /api/analytics/specialization: location quotients per city × sector. The selection is the
 * population (the request's filters without city and sector); city and sector pick the rows shown.
 */
export function* specializationReport({ selection, query, ctx }: ReportInput<SpecializationQuery>): Progressive<unknown> {
  const filters = parseFilters(query, ctx.vocabulary);
  const cells = locationQuotients(selection.points().map((o) => o.properties), ctx.focusCities, ctx.vocabulary.sectors)
    .filter((c) => (!filters.cities || filters.cities.has(c.city)) && (!filters.sectors || filters.sectors.has(c.sector)));
  return { region: ctx.focusCities, basis: BASIS, rule: STRONG_CLUSTER_RULE, cells };
}
