import type { ReportContext } from './report-context.ts';
import type { Selection } from './selection.ts';
import type { StudyArea } from './study-area.ts';

/**
 * The study area of a point-pattern statistic (hot spots, Ripley's L): the city filter's cities,
 * else the cities the selected records are in, else the focus cities; built once per city set.
 */
export function studyAreaOfSelection(selection: Selection, cityFilter: ReadonlySet<string> | undefined, ctx: Pick<ReportContext, 'studyAreas' | 'focusCities'>): StudyArea {
  if (cityFilter) return ctx.studyAreas.of(cityFilter);
  const fromData = selection.cityIds();
  return ctx.studyAreas.of(fromData.length ? fromData : ctx.focusCities);
}
