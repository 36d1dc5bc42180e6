import { encodedBatches, RECORD_BATCH_SIZE } from '../store/encoded-records.ts';
import type { EncodedRecords } from '../store/repository.ts';
import type { SourceCrs } from './datum.ts';
import { importFile, type ImportReport, type ImportRequest } from './import-file.ts';
import type { ImportVocabulary } from './import-vocabulary.ts';
import { ImportFileError, type RowProblem } from './problems.ts';

/** One upload to read: the file and the per-import fields of the row context. */
export interface ImportJob extends ImportRequest {
  datasetId: string;
  importDate: string;
  crs: SourceCrs;
  defaultPrecisionM: number;
  source: string;
}

/** What the main thread needs to decide, store and answer, without parsing the report or the records. */
export type ImportOutcome =
  | { ok: true; format: NonNullable<ImportReport['file']['format']>; rows: ImportReport['rows']; reportJson: string; batches: EncodedRecords[] }
  | { ok: false; status: ImportFileError['status']; problem: RowProblem };

/** Reads, maps and validates one upload (the import worker's whole job); a file refused whole comes back as its problem. */
export async function runImportJob(job: ImportJob, vocabulary: ImportVocabulary): Promise<ImportOutcome> {
  const { fileName, bytes, encoding, mapping, ...fields } = job;
  let result: Awaited<ReturnType<typeof importFile>>;
  try {
    result = await importFile({ fileName, bytes, encoding, mapping }, { ...vocabulary, ...fields });
  } catch (error) {
    if (error instanceof ImportFileError) return { ok: false, status: error.status, problem: error.problem };
    throw error;
  }
  const { records, report } = result;
  // Valid records cross to the main thread as text (see EncodedRecords): strings are copied whole, where a
  // million feature objects would be rebuilt one by one there; the store writes the text as it is. Each
  // batch's records are let go once encoded, so the objects and their text are never both held whole.
  const batches: EncodedRecords[] = [];
  while (records.length > 0) batches.push(...encodedBatches(records.splice(0, RECORD_BATCH_SIZE)));
  return { ok: true, format: report.file.format!, rows: report.rows, reportJson: JSON.stringify(report), batches };
}
