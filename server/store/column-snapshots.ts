/**
 * Column snapshots beside the database: one file per imported dataset (`<dataDir>/columns/<id>.columns`),
 * written after every change to the dataset and read at start instead of its records. The key a
 * file is checked against names the dataset's version and when it was made, so a file left from an
 * older version, another database or a crash mid-write is detected, reported and rebuilt.
 */
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { OrganizationTable, TableRange } from '../catalog/organization-table.ts';
import { decodeTableFile, encodeTableFile } from '../catalog/table-file.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import type { DatasetSummary } from './repository.ts';

const SUFFIX = '.columns';

export interface SnapshotLog {
  info(message: string): void;
  warn(message: string): void;
}

/** What a dataset's snapshot must have been made from: this id at this version, created and updated then. */
export function snapshotKey(summary: Pick<DatasetSummary, 'id' | 'version' | 'created_at' | 'updated_at' | 'records'>): string {
  return `${summary.id}@${summary.version}|${summary.created_at}|${summary.updated_at}|${summary.records}`;
}

/** A whole file read into one SharedArrayBuffer, so the table's columns can be views of it (no copy per column). */
async function readShared(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const file = Buffer.from(new SharedArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const { bytesRead } = await handle.read(file, at, size - at, at);
      if (bytesRead === 0) throw new Error(`${path} ended at ${at} of ${size} bytes`);
      at += bytesRead;
    }
    return file;
  } finally {
    await handle.close();
  }
}

/** Where dataset `datasetId`'s snapshot is kept in `dir`. */
export function snapshotFileOf(dir: string, datasetId: string): string {
  return join(dir, `${datasetId}${SUFFIX}`);
}

export class ColumnSnapshots {
  constructor(
    readonly dir: string,
    private readonly vocabulary: FilterVocabulary,
    private readonly log: SnapshotLog
  ) {}

  private fileOf(datasetId: string): string {
    return snapshotFileOf(this.dir, datasetId);
  }

  /** The dataset's rows from its snapshot, or undefined (missing, stale or corrupt: the reason is logged). */
  async read(datasetId: string, key: string): Promise<OrganizationTable | undefined> {
    let file: Buffer;
    try {
      file = await readShared(this.fileOf(datasetId));
    } catch {
      return undefined;
    }
    const table = decodeTableFile(file, key, this.vocabulary, datasetId);
    if (typeof table === 'string') {
      this.log.info(`column snapshot of dataset ${datasetId} not used (${table}); rebuilding it from the store`);
      return undefined;
    }
    return table;
  }

  /**
   * Writes the dataset's rows (atomically: a temporary file renamed over the old one); no rows removes the snapshot.
   * `payloadSha256`: the hash of a standalone table's payload, when whoever made the table computed it (off this thread).
   */
  async write(datasetId: string, key: string, range: TableRange | undefined, payloadSha256?: string): Promise<void> {
    if (!range || range.end === range.start) return this.remove(datasetId);
    // Encoded before the first await, so the rows written are those of this moment.
    const parts = encodeTableFile(range, key, this.vocabulary, payloadSha256);
    await mkdir(this.dir, { recursive: true });
    const temporary = `${this.fileOf(datasetId)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writev(parts);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.fileOf(datasetId));
  }

  async remove(datasetId: string): Promise<void> {
    await rm(this.fileOf(datasetId), { force: true });
  }

  /** Removes the snapshots of datasets not in `datasetIds`, and temporary files an interrupted write left over an hour ago. */
  async keepOnly(datasetIds: ReadonlySet<string>): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const path = join(this.dir, name);
      const orphan = name.endsWith(SUFFIX) && !datasetIds.has(name.slice(0, -SUFFIX.length));
      const leftover = name.endsWith('.tmp') && Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs > 3_600_000;
      if (orphan || leftover) await rm(path, { force: true });
    }
  }
}
