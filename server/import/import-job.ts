import { concatTables, tableOf, type OrganizationTable } from '../catalog/organization-table.ts';
import { tablePayloadHash } from '../catalog/table-file.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import { encodedBatches, RECORD_BATCH_SIZE } from '../store/encoded-records.ts';
import type { EncodedRecords } from '../store/repository.ts';
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
}

/** The valid records as the catalog holds them: the table (on shared memory) and the SHA-256 of its snapshot payload. */
export interface ImportedTable {
  table: OrganizationTable;
  payloadSha256: string;
}

/** What the main thread needs to decide, store and answer, without parsing the report or the records. */
export type ImportOutcome =
  | { ok: true; format: NonNullable<ImportReport['file']['format']>; rows: ImportReport['rows']; reportJson: string; batches: EncodedRecords[]; imported: ImportedTable }
  | { ok: false; status: ImportFileError['status']; problem: RowProblem };

/**
 * Reads, maps and validates one upload (the import worker's whole job); a file refused whole comes back as its problem.
 * Valid records are encoded a chunk at a time as they are validated, into the two forms the main thread needs:
 * the store's text (see EncodedRecords: strings cross threads whole, where objects would be rebuilt one by one)
 * and the catalog's columns (on SharedArrayBuffers: they cross without a copy, and the main thread only joins
 * them in). So no more than one chunk of record objects is alive at once.
 */
export async function runImportJob(job: ImportJob, vocabulary: ImportVocabulary, filterVocabulary: FilterVocabulary): Promise<ImportOutcome> {
  const { fileName, bytes, encoding, mapping, ...fields } = job;
  const batches: EncodedRecords[] = [];
  const chunks: OrganizationTable[] = [];
  let chunk: ImportedRecord[] = [];
  const flush = () => {
    if (chunk.length === 0) return;
    batches.push(...encodedBatches(chunk, { utf8: true }));
    chunks.push(tableOf(chunk.map((r) => r.feature), filterVocabulary, job.datasetId));
    chunk = [];
  };
  let report: ImportReport;
  try {
    ({ report } = await importFile({ fileName, bytes, encoding, mapping }, { ...vocabulary, ...fields }, (record) => {
      chunk.push(record);
      if (chunk.length === RECORD_BATCH_SIZE) flush();
    }));
  } catch (error) {
    if (error instanceof ImportFileError) return { ok: false, status: error.status, problem: error.problem };
    throw error;
  }
  flush();
  const table = concatTables(chunks, filterVocabulary, job.datasetId);
  chunks.length = 0;
  return { ok: true, format: report.file.format!, rows: report.rows, reportJson: JSON.stringify(report), batches, imported: { table, payloadSha256: tablePayloadHash(table) } };
}
