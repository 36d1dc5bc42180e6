import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'piscina';
import { concatTables, joinTables, partsWithDataset, TABLE_CHUNK_ROWS, type OrganizationTable, type TableRange } from '../catalog/organization-table.ts';
import { tablePayloadHash } from '../catalog/table-file.ts';
import type { ImportedTable } from '../import/import-job.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import { ColumnSnapshots } from './column-snapshots.ts';
import { readPartChunks, type PartRequest } from './stored-table-parts.ts';

/** What the worker receives once: the vocabulary the columns are coded in. */
export interface StoredTableWorkerData {
  vocabulary: FilterVocabulary;
}

/**
 * One dataset to load into the catalog's next table: without `file`, from its snapshot only; with `file` (SQLite),
 * from its records, part 1 of `parts` read here and the others by `readPart` tasks, whose chunks arrive on `ports`.
 */
export interface LoadRequest {
  datasetId: string;
  version: number;
  /** What the snapshot must have been made from (snapshotKey). */
  key: string;
  snapshotDir: string;
  file?: string;
  /** The dataset's current records at `version` (its summary's count). */
  records: number;
  parts?: number;
  /** One per other part, in order: where its `readPart` task sends its chunks. */
  ports?: MessagePort[];
  /** The catalog's table now: the dataset's rows replace what it holds of them, the others are copied. */
  current: OrganizationTable;
}

/**
 * `joined`: the catalog's next table, with its KD-tree; `stale`: the dataset is no longer at the version asked for;
 * `unread`: no usable snapshot, and no file to read the records from. `notes`: what to log.
 */
export type LoadAnswer = { joined: OrganizationTable; fromSnapshot: boolean; notes: string[] } | { stale: true; notes: string[] } | { unread: true; notes: string[] };

/** Part `part` of a dataset's records, read by a second thread for a `loadDataset` task that waits for it on `port`. */
export interface ReadPartRequest extends Omit<PartRequest, 'chunkRows'> {
  port: MessagePort;
}

/** What a `readPart` task sends: its chunk tables (on shared memory: no copy), or that the dataset changed, or why it failed. */
type PartMessage = { chunks: OrganizationTable[] } | { stale: true } | { error: string };

const { vocabulary } = workerData as StoredTableWorkerData;

/** Reads part `part` and sends its chunks on `port` (also when it fails, so the waiting task never hangs). */
export function readPart({ port, ...request }: ReadPartRequest): void {
  try {
    const chunks = readPartChunks({ ...request, chunkRows: TABLE_CHUNK_ROWS }, vocabulary);
    port.postMessage((chunks ? { chunks } : { stale: true }) satisfies PartMessage);
  } catch (error) {
    port.postMessage({ error: (error as Error).message } satisfies PartMessage);
    throw error;
  } finally {
    port.close();
  }
}

/** The message a `readPart` task sent on `port`; an error if its thread ended without one. */
function partFrom(port: MessagePort): Promise<PartMessage> {
  return new Promise((resolve, reject) => {
    port.once('message', (message: PartMessage) => resolve(message));
    port.once('close', () => reject(new Error('a thread reading part of the records ended without sending them')));
  });
}

/**
 * Dataset `datasetId`'s current records from the SQLite file as one table on shared memory, with the hash of its
 * snapshot payload; undefined when the dataset is no longer at `version`. Part 1 is read here while the other parts'
 * threads read theirs; the chunks of all parts, in order, are those of a read by one thread.
 */
async function readStoredTable({ file, datasetId, version, records, parts = 1, ports = [] }: LoadRequest & { file: string }): Promise<ImportedTable | undefined> {
  const others = ports.map(partFrom);
  // Settled here too: a part that fails while this one reads must not be an unhandled rejection.
  for (const other of others) other.catch(() => undefined);
  const own = readPartChunks({ file, datasetId, version, records, part: 0, parts, chunkRows: TABLE_CHUNK_ROWS }, vocabulary);
  const chunks = [own];
  for (const message of await Promise.all(others)) {
    if ('error' in message) throw new Error(message.error);
    chunks.push('stale' in message ? undefined : message.chunks);
  }
  if (chunks.some((c) => c === undefined)) return undefined;
  const table = concatTables(chunks.flat() as OrganizationTable[], vocabulary, datasetId);
  return { table, payloadSha256: tablePayloadHash(table) };
}

/**
 * A dataset's rows loaded and joined into the catalog's next table, all on this thread: the dataset's own table
 * (its snapshot file, or its records' columns) never reaches the main thread, so no copy of a million rows is left
 * there as garbage for a collection that an idle main thread may not run for a long time. Records read from SQLite
 * are written as the snapshot the next start loads.
 */
export async function loadDataset(request: LoadRequest): Promise<LoadAnswer> {
  const { datasetId, key, snapshotDir, file, current } = request;
  const notes: string[] = [];
  const snapshots = new ColumnSnapshots(snapshotDir, vocabulary, { info: (m) => notes.push(m), warn: (m) => notes.push(m) });
  const joined = (table: OrganizationTable) => joinTables(partsWithDataset(current, datasetId, table), vocabulary, { tree: true });
  if (!file) {
    const fromSnapshot = await snapshots.read(datasetId, key);
    return fromSnapshot ? { joined: joined(fromSnapshot), fromSnapshot: true, notes } : { unread: true, notes };
  }
  const read = await readStoredTable({ ...request, file });
  if (!read) return { stale: true, notes };
  await snapshots.write(datasetId, key, { table: read.table, start: 0, end: read.table.columns.size }, read.payloadSha256).catch((error: Error) => notes.push(`column snapshot not written: ${error.message}`));
  return { joined: joined(read.table), fromSnapshot: false, notes };
}

/** The catalog's next table joined from `parts`, with its KD-tree (see ImportPool.joinWithTree: the same work, for a restart). */
export function joinWithTree(parts: TableRange[]): OrganizationTable {
  return joinTables(parts, vocabulary, { tree: true });
}
