import type { ReportContext } from './report-context.ts';
import type { Selection } from './selection.ts';

/** What every report receives: the selected organisations, the validated query and the static catalog data. */
export interface ReportInput<Q> {
  selection: Selection;
  query: Q;
  ctx: ReportContext;
  /** Parks the request's filters pick (ids), for reports that count parks. */
  parkIds?: string[];
  /**
   * Keeps what `build` makes from the organisations (not from the query) until the data changes,
   * so a report's per-dataset preparation runs once per worker and data version, not per request.
   * Absent (tests, one-off runs): build every time.
   */
  perDataset?: <T>(key: string, build: () => T) => T;
}
