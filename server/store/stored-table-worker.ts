import Database from 'better-sqlite3';
import { workerData } from 'piscina';
import { concatTables, joinTables, TABLE_CHUNK_ROWS, tableOf, type OrganizationTable, type TableRange } from '../catalog/organization-table.ts';
import { tablePayloadHash } from '../catalog/table-file.ts';
import type { ImportedTable } from '../import/import-job.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import { CURRENT_FEATURES_SQL, featureChunksOf } from './sqlite-datasets.ts';

/** What the worker receives once: the vocabulary the columns are coded in. */
export interface StoredTableWorkerData {
  vocabulary: FilterVocabulary;
}

/** One dataset to read: from this SQLite file, only if it is still at this version. */
export interface StoredTableRequest {
  file: string;
  datasetId: string;
  version: number;
}

const { vocabulary } = workerData as StoredTableWorkerData;

/**
 * Dataset `datasetId`'s current records from the SQLite file, as a table on shared memory (it crosses to the
 * main thread without a copy) with the hash of its snapshot payload; undefined when the dataset is no longer at
 * `version`. The version and the records are read in one read transaction on this thread's own connection, so
 * they belong together whatever the main thread writes meanwhile.
 */
export function readStoredTable({ file, datasetId, version }: StoredTableRequest): ImportedTable | undefined {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const current = db.prepare<[string], { version: number }>('SELECT version FROM datasets WHERE id = ?');
    const features = db.prepare<[string], { feature: string }>(CURRENT_FEATURES_SQL);
    const table = db.transaction(() => {
      if (current.get(datasetId)?.version !== version) return undefined;
      // A chunk of records at a time: a million parsed features never exist at once.
      const chunks: OrganizationTable[] = [];
      featureChunksOf(features, datasetId, TABLE_CHUNK_ROWS, (chunk) => void chunks.push(tableOf(chunk, vocabulary, datasetId)));
      return concatTables(chunks, vocabulary, datasetId);
    })();
    return table && { table, payloadSha256: tablePayloadHash(table) };
  } finally {
    db.close();
  }
}

/** The catalog's next table joined from `parts`, with its KD-tree (see ImportPool.joinWithTree: the same work, for a restart). */
export function joinWithTree(parts: TableRange[]): OrganizationTable {
  return joinTables(parts, vocabulary, { tree: true });
}
