import Database from 'better-sqlite3';
import { workerData } from 'piscina';
import { concatTables, joinTables, partsWithDataset, TABLE_CHUNK_ROWS, tableOf, type OrganizationTable, type TableRange } from '../catalog/organization-table.ts';
import { tablePayloadHash } from '../catalog/table-file.ts';
import type { ImportedTable } from '../import/import-job.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import { ColumnSnapshots } from './column-snapshots.ts';
import { CURRENT_FEATURES_SQL, featureChunksOf } from './sqlite-datasets.ts';

/** What the worker receives once: the vocabulary the columns are coded in. */
export interface StoredTableWorkerData {
  vocabulary: FilterVocabulary;
}

/** One dataset to read: from this SQLite file, only if it is still at this version. */
interface StoredTableRequest {
  file: string;
  datasetId: string;
  version: number;
}

/** One dataset to load into the catalog's next table: from its snapshot, else (`file`: SQLite) from its records. */
export interface LoadRequest {
  datasetId: string;
  version: number;
  /** What the snapshot must have been made from (snapshotKey). */
  key: string;
  snapshotDir: string;
  file?: string;
  /** The catalog's table now: the dataset's rows replace what it holds of them, the others are copied. */
  current: OrganizationTable;
}

/**
 * `joined`: the catalog's next table, with its KD-tree; `stale`: the dataset is no longer at the version asked for;
 * `unread`: no usable snapshot, and the records are not readable here (PostgreSQL). `notes`: what to log.
 */
export type LoadAnswer = { joined: OrganizationTable; fromSnapshot: boolean; notes: string[] } | { stale: true; notes: string[] } | { unread: true; notes: string[] };

const { vocabulary } = workerData as StoredTableWorkerData;

/**
 * Dataset `datasetId`'s current records from the SQLite file, as a table on shared memory (it crosses to the
 * main thread without a copy) with the hash of its snapshot payload; undefined when the dataset is no longer at
 * `version`. The version and the records are read in one read transaction on this thread's own connection, so
 * they belong together whatever the main thread writes meanwhile.
 */
function readStoredTable({ file, datasetId, version }: StoredTableRequest): ImportedTable | undefined {
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

/**
 * A dataset's rows loaded and joined into the catalog's next table, all on this thread: the dataset's own table
 * (its snapshot file, or its records' columns) never reaches the main thread, so no copy of a million rows is left
 * there as garbage for a collection that an idle main thread may not run for a long time. Records read from SQLite
 * are written as the snapshot the next start loads.
 */
export async function loadDataset({ datasetId, version, key, snapshotDir, file, current }: LoadRequest): Promise<LoadAnswer> {
  const notes: string[] = [];
  const snapshots = new ColumnSnapshots(snapshotDir, vocabulary, { info: (m) => notes.push(m), warn: (m) => notes.push(m) });
  const joined = (table: OrganizationTable) => joinTables(partsWithDataset(current, datasetId, table), vocabulary, { tree: true });
  const fromSnapshot = await snapshots.read(datasetId, key);
  if (fromSnapshot) return { joined: joined(fromSnapshot), fromSnapshot: true, notes };
  if (!file) return { unread: true, notes };
  const read = readStoredTable({ file, datasetId, version });
  if (!read) return { stale: true, notes };
  await snapshots.write(datasetId, key, { table: read.table, start: 0, end: read.table.columns.size }, read.payloadSha256).catch((error: Error) => notes.push(`column snapshot not written: ${error.message}`));
  return { joined: joined(read.table), fromSnapshot: false, notes };
}

/** The catalog's next table joined from `parts`, with its KD-tree (see ImportPool.joinWithTree: the same work, for a restart). */
export function joinWithTree(parts: TableRange[]): OrganizationTable {
  return joinTables(parts, vocabulary, { tree: true });
}
