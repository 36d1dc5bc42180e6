import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { workerData } from 'piscina';
// Long work: this thread yields to the main thread (health, tiles) when the cores are busy.
import './background-priority.ts';
import { reportContext, type ReportData } from '../analytics/report-context.ts';
import { HEX_DEFAULTS } from '../analytics/hex-density.ts';
import { digestOf, KeptLookupsRefused, keptLookupsKey, readKeptLookups, writeKeptLookups } from '../analytics/kept-lookups-file.ts';
import { buildEveryTime, keptLookupsOf, PREPARE_STEPS, prepareDataset, restoreKeptLookups, type PerDataset, type PrepareStep } from '../analytics/per-dataset.ts';
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

/** What the pool gives every worker: the catalog data, and where the per-dataset lookups are kept between starts (none in tests). */
export type AnalyticsWorkerData = ReportData & { lookupsFile?: string };

const { lookupsFile, ...data } = workerData as AnalyticsWorkerData;
const ctx = reportContext(data);

/** A line for the server's log (the pool logs it). */
export interface WorkerNote {
  note: string;
  level: 'info' | 'warn';
}
const note = (text: string, level: WorkerNote['level'] = 'info') => parentPort?.postMessage({ note: text, level } satisfies WorkerNote);

/** What reports prepared from the organisations of `preparedVersion`, by key. */
const prepared = new Map<string, unknown>();
let preparedVersion = -1;
/** The lookups file's key for `preparedVersion`, and whether its lookups were read from the file (then nothing is written). */
let lookupsKey: string | undefined;
let lookupsRead = false;
let districtsDigest: string | undefined;
/** Whether this worker has warned that the lookups file could not be written. */
let lookupsWriteWarned = false;
const keepPrepared: PerDataset = <T>(key: string, build: () => T): T => {
  if (!prepared.has(key)) prepared.set(key, build());
  return prepared.get(key) as T;
};
function perDatasetOf(version: number, columns: OrganizationColumns): PerDataset {
  // A task of an older version (queued before a data change) builds for itself and keeps nothing.
  if (version < preparedVersion) return buildEveryTime;
  if (version > preparedVersion) {
    prepared.clear();
    preparedVersion = version;
    lookupsRead = false;
    lookupsKey = undefined;
    if (lookupsFile) readLookupsFile(lookupsFile, columns);
  }
  return keepPrepared;
}

/** Keeps the lookups of the file when it holds this data version's; says why not otherwise (they are then found anew). */
function readLookupsFile(file: string, columns: OrganizationColumns): void {
  try {
    districtsDigest ??= digestOf(data.districts);
    lookupsKey = keptLookupsKey(columns, districtsDigest, HEX_DEFAULTS.resolution);
    const lookups = readKeptLookups(file, lookupsKey, columns);
    if (!lookups) return;
    restoreKeptLookups(keepPrepared, lookups);
    lookupsRead = true;
    note(`analytics lookups read from ${file}`);
  } catch (err) {
    // Stale after every import or edit: worth a line, not a warning; a damaged file is.
    note(`analytics lookups file not used, preparing anew: ${(err as Error).message}`, err instanceof KeptLookupsRefused && err.stale ? 'info' : 'warn');
  }
}

/** After the last preparation step of the current version: writes its lookups for the next start. */
function writeLookupsFile(file: string, columns: OrganizationColumns): void {
  if (lookupsRead || !lookupsKey) return;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeKeptLookups(file, lookupsKey, keptLookupsOf(keepPrepared, columns, ctx));
    lookupsRead = true;
    note(`analytics lookups written to ${file}`);
  } catch (err) {
    // A directory that cannot be written (a read-only DATA_DIR) fails every data version alike: warned of once, then noted.
    note(`analytics lookups not written to ${file}: ${(err as Error).message}`, lookupsWriteWarned ? 'info' : 'warn');
    lookupsWriteWarned = true;
  }
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
    const perDataset = perDatasetOf(task.dataVersion, task.columns);
    prepareDataset(task.prepare, perDataset, task.columns, ctx);
    if (lookupsFile && task.prepare === PREPARE_STEPS.at(-1) && perDataset === keepPrepared) writeLookupsFile(lookupsFile, task.columns);
    return null;
  }
  return runReport(task);
}

function runReport(task: ReportTask): ReportOutcome {
  const { port } = task;
  port.postMessage({ type: 'started' } satisfies WorkerMessage);
  try {
    const perDataset = perDatasetOf(task.dataVersion, task.columns);
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
