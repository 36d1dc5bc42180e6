import { concatTables, tableOf, type OrganizationTable } from '../catalog/organization-table.ts';
import { tablePayloadHash } from '../catalog/table-file.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import { encodedBatches, RECORD_BATCH_SIZE } from '../store/encoded-records.ts';
import type { EncodedRecords } from '../store/repository.ts';
import type { ImportWrites } from '../store/sqlite-import-writes.ts';
import type { SourceCrs } from './datum.ts';
import { importFile, type ImportReport, type ImportRequest } from './import-file.ts';
import type { ImportVocabulary } from './import-vocabulary.ts';
import { ImportFileError, type RowProblem } from './problems.ts';
import type { ImportedRecord } from './rows.ts';

/** One upload to read: the file and the per-import fields of the row context. */
export interface ImportJob extends ImportRequest {
  datasetId: string;
  importDate: string;
  crs: SourceCrs;
  defaultPrecisionM: number;
  source: string;
  /**
   * Set when the worker stores the records itself (SQLite, not a dry run): the dataset's row, and
   * whether rows with errors leave the valid ones to be stored (`valid_rows_only`).
   */
  store?: { name: string; keyId: string; validRowsOnly: boolean };
}

/** The valid records as the catalog holds them: the table (on shared memory) and the SHA-256 of its snapshot payload. */
export interface ImportedTable {
  table: OrganizationTable;
  payloadSha256: string;
}

/**
 * What the main thread needs to decide, store and answer, without parsing the report or the records.
 * `writtenByWorker`: the worker wrote the dataset itself (version 1 if it is to be stored, dropped if not), and
 * `batches` is empty; otherwise the records come as `batches` for the main thread's store.
 */
export type ImportOutcome =
  | { ok: true; format: NonNullable<ImportReport['file']['format']>; rows: ImportReport['rows']; reportJson: string; batches: EncodedRecords[]; writtenByWorker: boolean; imported: ImportedTable }
  | { ok: false; status: ImportFileError['status']; problem: RowProblem };

/**
 * What an import worker answers: the job's outcome, or that its records could not all be stored for a reason of
 * the server's (its record writer thread ended mid-import): nothing was stored, and the file may be sent again.
 */
export type ImportWorkerOutcome = ImportOutcome | { ok: false; status: 503; notStored: string };

/** Whether an import is stored: it has valid rows, and none with errors unless only the valid rows were asked for. The route refuses exactly the others. */
export const importIsStored = (rows: ImportReport['rows'], validRowsOnly: boolean): boolean => rows.valid > 0 && (rows.rejected === 0 || validRowsOnly);

/**
 * Reads, maps and validates one upload (the import worker's whole job); a file refused whole comes back as its problem.
 * Valid records are encoded a chunk at a time as they are validated: into the catalog's columns (on
 * SharedArrayBuffers: they cross to the main thread without a copy), and either straight into `store`
 * (an import's rows inserted on this thread, version 0 until the file is read and judged) or into the
 * store's text for the main thread (see EncodedRecords: strings cross threads whole, where objects would
 * be rebuilt one by one). So no more than one chunk of record objects is alive at once.
 */
export async function runImportJob(job: ImportJob, vocabulary: ImportVocabulary, filterVocabulary: FilterVocabulary, store?: ImportWrites): Promise<ImportOutcome> {
  const { fileName, bytes, encoding, mapping, store: storing, ...fields } = job;
  const writes = storing && store;
  // Whether the records read so far are in the database; it is first touched by the first full chunk.
  let begun = false;
  // A rejected row means the import will be refused (unless only the valid rows are wanted): nothing more is written.
  let refused = false;
  const batches: EncodedRecords[] = [];
  const chunks: OrganizationTable[] = [];
  let chunk: ImportedRecord[] = [];
  const flush = () => {
    if (chunk.length === 0) return;
    if (!writes) batches.push(...encodedBatches(chunk, { utf8: true }));
    else if (!refused) {
      if (!begun) writes.begin({ id: job.datasetId, name: storing.name, file_name: fileName, crs: job.crs }, storing.keyId);
      begun = true;
      writes.insert(job.datasetId, chunk.map((r) => r.recordId), chunk.map((r) => JSON.stringify(r.feature)));
    }
    chunks.push(tableOf(chunk.map((r) => r.feature), filterVocabulary, job.datasetId));
    chunk = [];
  };
  let report: ImportReport;
  try {
    ({ report } = await importFile({ fileName, bytes, encoding, mapping }, { ...vocabulary, ...fields }, (record, rejectedSoFar) => {
      refused ||= rejectedSoFar > 0 && !storing?.validRowsOnly;
      chunk.push(record);
      if (chunk.length === RECORD_BATCH_SIZE) flush();
    }));
    if (writes && importIsStored(report.rows, storing.validRowsOnly)) flush();
  } catch (error) {
    if (begun) await writes!.drop(job.datasetId);
    if (error instanceof ImportFileError) return { ok: false, status: error.status, problem: error.problem };
    throw error;
  }
  if (!writes) flush();
  const reportJson = JSON.stringify(report);
  if (writes) {
    if (importIsStored(report.rows, storing.validRowsOnly)) writes.finish(job.datasetId, report.file.format!, reportJson, report.rows.valid, fileName);
    else if (begun) await writes.drop(job.datasetId);
  }
  const table = concatTables(chunks, filterVocabulary, job.datasetId);
  chunks.length = 0;
  return { ok: true, format: report.file.format!, rows: report.rows, reportJson, batches, writtenByWorker: Boolean(writes), imported: { table, payloadSha256: tablePayloadHash(table) } };
}
