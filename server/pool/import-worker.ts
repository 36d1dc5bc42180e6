import { workerData } from 'piscina';
import { runImportJob, type ImportJob, type ImportOutcome } from '../import/import-job.ts';
import { importVocabulary, type ImportVocabularyData } from '../import/import-vocabulary.ts';
import type { ImportLimits } from '../import/limits.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';

/** What every import worker receives once: the catalog vocabulary (for values, and for the columns' codes) and the import limits. */
export interface ImportWorkerData {
  vocabulary: ImportVocabularyData;
  filterVocabulary: FilterVocabulary;
  limits: ImportLimits;
}

// Built once per worker (the address gazetteer takes a moment), reused by every import it runs.
const data = workerData as ImportWorkerData;
const vocabulary = importVocabulary(data.vocabulary, data.limits);

/** Reads and validates one upload on this worker thread. */
export default function runImport(job: ImportJob): Promise<ImportOutcome> {
  return runImportJob(job, vocabulary, data.filterVocabulary);
}
