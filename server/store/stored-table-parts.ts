/**
 * One dataset's current records read from the SQLite file into chunk tables, in parts that threads read side by
 * side: at a million records one thread's read (rows out of SQLite, JSON.parse, the columns) took ~12 s of CPU, and
 * a restart waits for all of it. Each part is a run of whole chunks of the one-thread read (its first row is a
 * multiple of the chunk size), so the chunks of all parts, one after another, are the very chunks one thread makes
 * and `concatTables` joins them into the same bytes.
 */
import Database from 'better-sqlite3';
import { tableOf, type OrganizationTable } from '../catalog/organization-table.ts';
import type { ImportedOrganization } from '../schemas/datasets.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';

/** Part `part` of `parts` of dataset `datasetId`'s `records` current records, read only while the dataset is at `version`. */
export interface PartRequest {
  file: string;
  datasetId: string;
  version: number;
  /** How many current records the dataset has at `version` (its summary's count). */
  records: number;
  part: number;
  parts: number;
  /** Records per chunk table (TABLE_CHUNK_ROWS; tests lower it). */
  chunkRows: number;
}

/** The index of the first record of part `part` of `parts`: a multiple of `chunkRows`, so no chunk spans two parts. */
export function partStart(records: number, part: number, parts: number, chunkRows: number): number {
  if (part <= 0) return 0;
  if (part >= parts) return records;
  return Math.min(records, Math.ceil((records * part) / parts / chunkRows) * chunkRows);
}

// The partial index holds every current record's rowid, so the k-th is found without reading any record.
const ROWID_AT = 'SELECT rowid FROM records INDEXED BY records_current WHERE dataset_id = ? AND valid_to IS NULL ORDER BY rowid LIMIT 1 OFFSET ?';
// A range of the table itself in rowid order: no index lookup per row, and no sort (the index on dataset_id would need one).
const FEATURES_BETWEEN = 'SELECT feature FROM records NOT INDEXED WHERE dataset_id = ? AND valid_to IS NULL AND rowid >= ? AND rowid <= ? ORDER BY rowid';

/**
 * The chunk tables of one part, read in one read transaction on a read-only connection of this thread's own, with
 * the dataset's version, so they belong to that version whatever is written meanwhile; undefined when the dataset is
 * no longer at `version`. The parts of one version, read on several connections, are therefore of the same records.
 */
export function readPartChunks({ file, datasetId, version, records, part, parts, chunkRows }: PartRequest, vocabulary: FilterVocabulary): OrganizationTable[] | undefined {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const current = db.prepare<[string], { version: number }>('SELECT version FROM datasets WHERE id = ?');
    const rowidAt = db.prepare<[string, number], number>(ROWID_AT).pluck();
    const features = db.prepare<[string, number, number], string>(FEATURES_BETWEEN).pluck();
    return db.transaction(() => {
      if (current.get(datasetId)?.version !== version) return undefined;
      const first = partStart(records, part, parts, chunkRows);
      const end = partStart(records, part + 1, parts, chunkRows);
      if (end <= first) return [];
      const from = rowidAt.get(datasetId, first);
      const to = rowidAt.get(datasetId, end - 1);
      if (from === undefined || to === undefined) throw new Error(`dataset ${datasetId} has fewer than the ${records} current records its summary counts`);
      // A chunk of records at a time: a part's parsed features never all exist at once.
      const chunks: OrganizationTable[] = [];
      let chunk: ImportedOrganization[] = [];
      let read = 0;
      for (const feature of features.iterate(datasetId, from, to)) {
        chunk.push(JSON.parse(feature));
        if (chunk.length === chunkRows) {
          chunks.push(tableOf(chunk, vocabulary, datasetId));
          read += chunk.length;
          chunk = [];
        }
      }
      if (chunk.length > 0) chunks.push(tableOf(chunk, vocabulary, datasetId));
      read += chunk.length;
      if (read !== end - first) throw new Error(`dataset ${datasetId}: part ${part + 1} of ${parts} read ${read} records, not ${end - first}`);
      return chunks;
    })();
  } finally {
    db.close();
  }
}
