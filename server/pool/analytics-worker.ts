import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'piscina';
// Long work: this thread yields to the main thread (health, tiles) when the cores are busy.
import './background-priority.ts';
import { reportContext, type ReportData } from '../analytics/report-context.ts';
import { buildEveryTime, prepareDataset, type PerDataset, type PrepareStep } from '../analytics/per-dataset.ts';
import { REPORTS, type ReportName } from '../analytics/reports.ts';
import { Selection } from '../analytics/selection.ts';
import type { OrganizationColumns } from '../catalog/organization-columns.ts';
import { HttpError } from '../schemas/errors.ts';

/** One report to run: which, on which rows of which columns, with which validated query. */
export interface ReportTask {
  report: ReportName;
  query: object;
  /** Selected column rows, ascending; null selects every row. */
  ids: Uint32Array | null;
  columns: OrganizationColumns;
  parkIds?: string[];
  /** The catalog's data version of `columns`: what the worker prepared from older columns is dropped. */
  dataVersion: number;
  /** Where the worker says it started and posts progress fractions. */
  port: MessagePort;
}

/**
 * The answer as JSON text, serialised here so the main thread neither rebuilds a large object graph
 * nor serialises it; or a 4xx the report raised (cloned errors lose their class, so it travels as
 * data). Any other failure is thrown.
 */
export type ReportOutcome = { ok: true; json: string } | { ok: false; statusCode: number; message: string; parameter?: string };

/** On the task's port, in order: started, progress…, finished (the last, so the caller knows every progress event has arrived). */
export type WorkerMessage = { type: 'started' } | { type: 'progress'; fraction: number } | { type: 'finished' };

const ctx = reportContext(workerData as ReportData);

/** What reports prepared from the organisations of `preparedVersion`, by key. */
const prepared = new Map<string, unknown>();
let preparedVersion = -1;
function perDatasetOf(version: number): PerDataset {
  // A task of an older version (queued before a data change) builds for itself and keeps nothing.
  if (version < preparedVersion) return buildEveryTime;
  if (version > preparedVersion) {
    prepared.clear();
    preparedVersion = version;
  }
  return <T>(key: string, build: () => T): T => {
    if (!prepared.has(key)) prepared.set(key, build());
    return prepared.get(key) as T;
  };
}

/** The organisations of a new data version, one of whose per-dataset lookups the worker finds before any report asks. */
export interface PrepareTask {
  prepare: PrepareStep;
  columns: OrganizationColumns;
  dataVersion: number;
}

/** Runs one report to its end, posting progress at every whole percent; or prepares a data version. */
export default function runTask(task: ReportTask | PrepareTask): ReportOutcome | null {
  if ('prepare' in task) {
    prepareDataset(task.prepare, perDatasetOf(task.dataVersion), task.columns, ctx);
    return null;
  }
  return runReport(task);
}

function runReport(task: ReportTask): ReportOutcome {
  const { port } = task;
  port.postMessage({ type: 'started' } satisfies WorkerMessage);
  try {
    const perDataset = perDatasetOf(task.dataVersion);
    const steps = REPORTS[task.report]({ selection: new Selection(task.columns, task.ids, perDataset), query: task.query as never, ctx, parkIds: task.parkIds, perDataset });
    let reported = -1;
    for (;;) {
      const step = steps.next();
      if (step.done) return { ok: true, json: JSON.stringify(step.value) };
      if (step.value - reported >= 0.01) {
        reported = step.value;
        port.postMessage({ type: 'progress', fraction: Math.round(step.value * 1000) / 1000 } satisfies WorkerMessage);
      }
    }
  } catch (err) {
    if (err instanceof HttpError && err.statusCode < 500) return { ok: false, statusCode: err.statusCode, message: err.message, parameter: err.parameter };
    throw err;
  } finally {
    port.postMessage({ type: 'finished' } satisfies WorkerMessage);
    port.close();
  }
}
