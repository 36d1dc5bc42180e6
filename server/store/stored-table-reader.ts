/**
 * Loads a large dataset (its column snapshot, or its records read into columns) and joins the catalog's next
 * table with its KD-tree, on a worker thread: at a million records the parse alone took a restart 16 s of
 * main-thread CPU, during which the server answered nothing. The worker opens the SQLite file on its own
 * read-only connection, as the import worker writes it on its own; the joined table comes back on
 * SharedArrayBuffers, without a copy.
 *
 * The thread is started for the first read and stops after a second idle, so its heap (the parsed records'
 * garbage, hundreds of MB at a million) goes back as soon as the start-up's reads are done.
 */
import { Piscina } from 'piscina';
import type { OrganizationTable, TableRange } from '../catalog/organization-table.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import type { LoadAnswer, LoadRequest, StoredTableWorkerData } from './stored-table-worker.ts';

/** How long the idle reader thread is kept, ms. */
const IDLE_MS = 1000;

export class StoredTableReader {
  private pool?: Piscina<LoadRequest | TableRange[], LoadAnswer | OrganizationTable>;

  constructor(
    private readonly vocabulary: FilterVocabulary,
    /** The SQLite store's file; without it (PostgreSQL) the records are read on the main thread, and only snapshots and joins here. */
    private readonly sqliteFile?: string,
    /** Where a worker's own failure (not a task's) is reported; the pool replaces the worker. */
    private readonly logError: (err: unknown) => void = (err) => console.error(err)
  ) {}

  /** A dataset's rows (its snapshot in `snapshotDir`, else its records if the store is SQLite) joined into the catalog's next table with `current`'s others. */
  async load(request: Omit<LoadRequest, 'file'>): Promise<LoadAnswer> {
    return (await this.workers().run({ ...request, file: this.sqliteFile } satisfies LoadRequest, { name: 'loadDataset' })) as LoadAnswer;
  }

  /** The table joined from `parts` with its KD-tree. */
  async joinWithTree(parts: TableRange[]): Promise<OrganizationTable> {
    return (await this.workers().run(parts, { name: 'joinWithTree' })) as OrganizationTable;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private workers() {
    this.pool ??= new Piscina({
      filename: new URL('./stored-table-entry.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: IDLE_MS,
      workerData: { vocabulary: this.vocabulary } satisfies StoredTableWorkerData
    });
    // Unhandled, a worker's 'error' event would end the process.
    this.pool.on('error', this.logError);
    return this.pool;
  }
}
