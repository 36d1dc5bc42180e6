import { workerData } from 'piscina';
// Long work: this thread yields to the main thread (health, tiles) when the cores are busy.
import './background-priority.ts';
import { joinTables, type OrganizationTable, type TableRange } from '../catalog/organization-table.ts';
import { runImportJob, type ImportJob, type ImportWorkerOutcome } from '../import/import-job.ts';
import { importVocabulary, type ImportVocabulary, type ImportVocabularyData } from '../import/import-vocabulary.ts';
import type { ImportLimits } from '../import/limits.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import type { ImportWrites } from '../store/sqlite-import-writes.ts';
import { RecordWriterStoppedError, threadedImportWrites } from '../store/threaded-import-writes.ts';

/** What every import worker receives once: the catalog vocabulary (for values, and for the columns' codes) and the import limits. */
export interface ImportWorkerData {
  vocabulary: ImportVocabularyData;
  filterVocabulary: FilterVocabulary;
  limits: ImportLimits;
  /** The SQLite store's file: imports that are to be stored are written here, on this thread's own connection. */
  sqliteFile?: string;
}

const data = workerData as ImportWorkerData;
// Built on a worker's first import (the address gazetteer takes a moment), reused by every import it runs;
// a worker that only joins tables never builds it.
let vocabulary: ImportVocabulary | undefined;
// Opened on the first import that stores its records (with its writer thread), kept for the worker's life.
let store: ImportWrites | undefined;

/** Reads and validates one upload on this worker thread, storing its records when the job asks. */
export default async function runImport(job: ImportJob): Promise<ImportWorkerOutcome> {
  vocabulary ??= importVocabulary(data.vocabulary, data.limits);
  if (job.store && data.sqliteFile) store ??= threadedImportWrites(data.sqliteFile);
  try {
    return await runImportJob(job, vocabulary, data.filterVocabulary, store);
  } catch (error) {
    // An answer, not a thrown error: its kind would not survive the way back to the main thread.
    if (error instanceof RecordWriterStoppedError) return { ok: false, status: 503, notStored: error.message };
    throw error;
  }
}

/** Loads what an import needs before its file arrives (see ImportPool.prestart): the vocabulary and, with SQLite, the writer thread. */
export function prestart(): void {
  vocabulary ??= importVocabulary(data.vocabulary, data.limits);
  if (data.sqliteFile) store ??= threadedImportWrites(data.sqliteFile);
}

/**
 * The catalog's next table joined from `parts`, with its KD-tree: for a million rows the copy and the tree
 * take the main thread a second or more, so an import's adoption runs them here. Every array is on shared
 * memory, so the parts come in and the table goes back without a copy.
 */
export function joinWithTree(parts: TableRange[]): OrganizationTable {
  return joinTables(parts, data.filterVocabulary, { tree: true });
}
