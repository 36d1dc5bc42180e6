import type { TargetsQuery } from '../schemas/analytics.ts';
import { dbscanOptions } from './clusters-report.ts';
import { clusterReportSteps } from './clusters.ts';
import { progressAgainstPlan } from './plan-targets.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';

/** /api/analytics/targets: for each plan target the data speaks to, the count it supports by city. */
export function* targetsReport({ selection, query: q, ctx, parkIds = [] }: ReportInput<TargetsQuery>): Progressive<unknown> {
  const organizations = selection.points();
  const report = yield* clusterReportSteps(organizations, ctx.parks, { ...dbscanOptions(q), hull: { hull: 'convex' } });
  const parks = parkIds.map((id) => ctx.parksById.get(id)!);
  return progressAgainstPlan(ctx.targets, { organizations, parks, clusterCities: report.clusters.map((c) => c.city) }, ctx.focusCities);
}
