import { workerData } from 'piscina';
// Long work: this thread yields to the main thread (health, tiles) when the cores are busy.
import './background-priority.ts';
import { runImportJob, type ImportJob, type ImportOutcome } from '../import/import-job.ts';
import { importVocabulary, type ImportVocabularyData } from '../import/import-vocabulary.ts';
import type { ImportLimits } from '../import/limits.ts';

/** What every import worker receives once: the catalog vocabulary and the import limits. */
export interface ImportWorkerData {
  vocabulary: ImportVocabularyData;
  limits: ImportLimits;
}

// Built once per worker (the address gazetteer takes a moment), reused by every import it runs.
const data = workerData as ImportWorkerData;
const vocabulary = importVocabulary(data.vocabulary, data.limits);

/** Reads and validates one upload on this worker thread. */
export default function runImport(job: ImportJob): Promise<ImportOutcome> {
  return runImportJob(job, vocabulary);
}
