/**
 * Loads a large dataset (its column snapshot, or its records read into columns) and joins the catalog's next
 * table with its KD-tree, on worker threads: at a million records the parse alone took a restart 16 s of
 * main-thread CPU, during which the server answered nothing. The workers open the SQLite file on read-only
 * connections of their own, as the import worker writes it on its own; the joined table comes back on
 * SharedArrayBuffers, without a copy. Records are read by two threads side by side, each half of them (see
 * stored-table-parts.ts), so a restart without a snapshot reads ~1.5× faster on two free cores (at 1M: 9.1 s → 6.3 s).
 *
 * The threads are started for the first read and stop after a second idle, so their heaps (the parsed records'
 * garbage, hundreds of MB at a million) go back as soon as the start-up's reads are done.
 */
import { existsSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { OrganizationTable, TableRange } from '../catalog/organization-table.ts';
import type { FilterVocabulary } from '../schemas/filters.ts';
import { snapshotFileOf } from './column-snapshots.ts';
import type { LoadAnswer, LoadRequest, ReadPartRequest, StoredTableWorkerData } from './stored-table-worker.ts';

/** How long an idle reader thread is kept, ms. */
const IDLE_MS = 1000;
/** Threads that read one dataset's records side by side (the parts it is read in). */
const READ_PARTS = 2;
/** Datasets of fewer records are read by one thread: a second thread's start (its module loading) would cost more than it saves. */
export const READ_IN_PARTS_MIN_ROWS = 100_000;
/**
 * A reader thread's young generation, MB (V8's default is ~48). Each chunk's parsed records (~12 MB) then die young
 * instead of being copied on into the old generation: at a million records the collector's time fell from ~1.9 s to
 * ~0.35 s in a measurement. The threads end a second after the reads, and this memory with them.
 */
const YOUNG_GENERATION_MB = 144;

type Task = LoadRequest | ReadPartRequest | TableRange[];

export class StoredTableReader {
  private pool?: Piscina<Task, LoadAnswer | OrganizationTable | void>;
  /** Loads run one after another: a load's parts wait for each other, so two loads at once could fill both threads with waiting parts. */
  private loads: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly vocabulary: FilterVocabulary,
    /** The SQLite store's file; without it (PostgreSQL) the records are read on the main thread, and only snapshots and joins here. */
    private readonly sqliteFile?: string,
    /** Where a worker's own failure (not a task's) is reported; the pool replaces the worker. */
    private readonly logError: (err: unknown) => void = (err) => console.error(err),
    /** Datasets of at least this many records are read in parts by several threads (tests lower it). */
    private readonly readInPartsMinRows = READ_IN_PARTS_MIN_ROWS
  ) {}

  /** A dataset's rows (its snapshot in `snapshotDir`, else its records if the store is SQLite) joined into the catalog's next table with `current`'s others. */
  load(request: Omit<LoadRequest, 'file' | 'parts' | 'ports'>): Promise<LoadAnswer> {
    const load = this.loads.then(() => this.loadNow(request));
    this.loads = load.catch(() => undefined);
    return load;
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

  private async loadNow(request: Omit<LoadRequest, 'file' | 'parts' | 'ports'>): Promise<LoadAnswer> {
    const pool = this.workers();
    const file = this.sqliteFile;
    // The snapshot first, by one thread, when there is one: the other parts' threads start only when the records must be read.
    const snapshot =
      existsSync(snapshotFileOf(request.snapshotDir, request.datasetId)) || !file
        ? ((await pool.run(request satisfies LoadRequest, { name: 'loadDataset' })) as LoadAnswer)
        : { unread: true as const, notes: [] };
    if (!('unread' in snapshot) || !file) return snapshot;
    const parts = request.records >= this.readInPartsMinRows ? READ_PARTS : 1;
    const channels = Array.from({ length: parts - 1 }, () => new MessageChannel());
    const { datasetId, version, records } = request;
    const others = channels.map(({ port2: port }, k) => pool.run({ file, datasetId, version, records, part: k + 1, parts, port } satisfies ReadPartRequest, { name: 'readPart', transferList: [port] }));
    const ports = channels.map((c) => c.port1);
    const [read] = await Promise.all([pool.run({ ...request, file, parts, ports } satisfies LoadRequest, { name: 'loadDataset', transferList: ports }) as Promise<LoadAnswer>, ...others]);
    return { ...read, notes: [...snapshot.notes, ...read.notes] };
  }

  private workers() {
    this.pool ??= new Piscina({
      filename: new URL('./stored-table-entry.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: READ_PARTS,
      idleTimeout: IDLE_MS,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      workerData: { vocabulary: this.vocabulary } satisfies StoredTableWorkerData
    });
    // Unhandled, a worker's 'error' event would end the process.
    this.pool.on('error', this.logError);
    return this.pool;
  }
}
