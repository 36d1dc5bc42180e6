import { catchmentReport } from './catchment-report.ts';
import { chainReport } from './chain-report.ts';
import { clustersReport } from './clusters-report.ts';
import { densityReport } from './density-report.ts';
import { ellipseReport } from './ellipse-report.ts';
import { hotspotsReport } from './hotspots-report.ts';
import { nniReport } from './nni-report.ts';
import { profileReport } from './profile-report.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';
import { ripleyReport } from './ripley-report.ts';
import { specializationReport } from './specialization-report.ts';
import { suitabilityRanking } from './suitability-report.ts';
import { targetsReport } from './targets-report.ts';

/**
 * Every report the analytics pool can run, by name. To add an analytics endpoint: write a pure
 * `server/analytics/<name>-report.ts` (a generator taking ReportInput, yielding progress 0…1 and
 * returning the JSON answer), add it here with its budget hint in server/pool/report-runner.ts, and
 * add a route (routes/analytics.ts, routes/statistics.ts, routes/investor.ts) that calls `app.runReport(req, reply, '<name>', …)`.
 * The pool, time budget, cancellation, cache and SSE come with it.
 */
export const REPORTS = {
  density: densityReport,
  clusters: clustersReport,
  nni: nniReport,
  ellipse: ellipseReport,
  specialization: specializationReport,
  catchment: catchmentReport,
  targets: targetsReport,
  hotspots: hotspotsReport,
  ripley: ripleyReport,
  /** The park profile of /api/parks/{id} (not an /api/analytics/ endpoint). */
  profile: profileReport,
  suitability: suitabilityRanking,
  chain: chainReport
} satisfies Record<string, (input: ReportInput<never>) => Progressive<unknown>>;

export type ReportName = keyof typeof REPORTS;
