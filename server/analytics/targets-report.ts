import type { TargetsQuery } from '../schemas/analytics.ts';
import { progressAgainstPlan } from './plan-targets.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';

/**
 * /api/analytics/targets: for each plan target the data speaks to, what it supports by city, with
 * its coverage (confirmed / unknown / not). A policy count the data cannot measure says so.
 */
export function* targetsReport({ selection, ctx, parkIds = [] }: ReportInput<TargetsQuery>): Progressive<unknown> {
  const parks = parkIds.map((id) => ctx.parksById.get(id)!);
  return progressAgainstPlan(ctx.targets, { organizations: selection.points(), parks }, ctx.focusCities);
}
