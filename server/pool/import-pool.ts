/**
 * The import worker pool: every upload is read, mapped and validated (CSV/XLSX/GeoJSON parsing,
 * address placement) on a worker thread, so a large import never holds the event loop.
 *
 * Its own small pool beside the analytics one, because the two differ in every setting: an import
 * runs for seconds to a minute (the analytics budget is 20 s and their queue is for short jobs),
 * needs the address gazetteer rather than the organisation columns, and holds the whole file and
 * its records in memory, so imports run one at a time by default to bound the server's peak memory.
 *
 * - Bounded: `threads` imports at once and `queue` waiting; past that, 503 + Retry-After.
 * - Budgeted: an import running longer than `budgetMs` has its worker terminated and answers 422
 *   naming what to change (split the file, or raise IMPORT_BUDGET_MS).
 * - Cancellable: aborting the caller's signal (the client went away) stops the import the same way.
 * - Memory-bounded: a worker's JavaScript heap is capped (`heapMb`); a file that needs more fails alone
 *   with 422, where a worker at V8's own limit would abort the whole server.
 */
import { Piscina } from 'piscina';
import type { OrganizationTable, TableRange } from '../catalog/organization-table.ts';
import type { ImportJob, ImportWorkerOutcome } from '../import/import-job.ts';
import { HttpError } from '../schemas/errors.ts';
import type { ImportWorkerData } from './import-worker.ts';

export interface ImportPoolOptions {
  /** Imports read at once (default 1; IMPORT_THREADS). */
  threads: number;
  /** Imports that may wait for a worker (default 4; IMPORT_QUEUE). */
  queue: number;
  /** Longest an import may be read for, ms (from the import limits: IMPORT_BUDGET_MS). */
  budgetMs: number;
  /** The most JavaScript heap (V8 old generation) one import worker may use, MB (default 1024; IMPORT_WORKER_HEAP_MB). */
  heapMb: number;
  /** After an import of at least this many rows the import thread is stopped (default RECYCLE_AFTER_ROWS; tests lower it). */
  recycleAfterRows?: number;
}

/**
 * An import worker's default heap cap, MB. A streamed 1M-row CSV peaks at about a third of it (the decoded
 * text, then the ids seen and the problems); the columns and the records' text live on shared memory, outside it.
 */
const DEFAULT_HEAP_MB = 1024;
/** Below this the worker cannot load the gazetteer and the import code. */
const MIN_HEAP_MB = 128;

/** How long an idle import worker (and the gazetteer it loaded) is kept before it exits, ms. */
const IDLE_WORKER_MS = 60_000;
/**
 * After an import of at least this many rows, with no other import running or waiting, the import thread is
 * stopped: its memory (the upload, the record chunks, the garbage of the rows; hundreds of MB at 1M) goes
 * back at its exit, before the catalog's join starts, where an idle thread would hold it until its next GC.
 * The next import pays the worker's start and the gazetteer's load again, about a second; small imports keep their thread.
 */
const RECYCLE_AFTER_ROWS = 50_000;

/** Every import worker is busy and the queue is full. */
export class ImportsBusyError extends HttpError {
  constructor(readonly retryAfterS: number) {
    super(503, `imports are busy: other files are being read and the queue is full; try again in ${retryAfterS} s · 导入繁忙，请 ${retryAfterS} 秒后重试`, 'file');
    this.name = 'ImportsBusyError';
  }
}

/** The file took longer to read than the import's time budget; its worker was stopped. */
export class ImportBudgetError extends HttpError {
  constructor(budgetMs: number) {
    const s = Math.round(budgetMs / 100) / 10;
    super(422, `reading the file took longer than the ${s} s an import may take, so it was stopped and nothing was imported; split the file into smaller ones, or raise IMPORT_BUDGET_MS · 读取文件超过 ${s} 秒的导入时限，已停止，未导入任何数据；请拆分文件，或调高 IMPORT_BUDGET_MS`, 'file');
    this.name = 'ImportBudgetError';
  }
}

/** Reading the file took more memory than an import worker has; the worker was stopped. */
export class ImportMemoryError extends HttpError {
  constructor(heapMb: number) {
    super(422, `reading the file needed more than the ${heapMb} MB an import may use, so it was stopped and nothing was imported; split the file into smaller ones, or raise IMPORT_WORKER_HEAP_MB · 读取文件所需内存超过导入上限 ${heapMb} MB，已停止，未导入任何数据；请拆分文件，或调高 IMPORT_WORKER_HEAP_MB`, 'file');
    this.name = 'ImportMemoryError';
  }
}

/** The server could not store the import's records (its record writer thread ended mid-import); nothing was stored. */
export class RecordsNotStoredError extends HttpError {
  constructor(reason: string) {
    super(503, `the import was not stored because of a fault on the server (${reason}); nothing was imported, and the file may be sent again · 服务器故障（写入线程意外停止），导入未保存，未导入任何数据；可重新发送该文件`);
    this.name = 'RecordsNotStoredError';
  }
}

/** The client went away; there is no one to answer. */
export class ImportCancelledError extends Error {
  override name = 'ImportCancelledError';
}

/** Pool options from IMPORT_THREADS, IMPORT_QUEUE and IMPORT_WORKER_HEAP_MB; a bad value is an error at start. */
export function importPoolOptionsFromEnv(env: NodeJS.ProcessEnv, budgetMs: number): ImportPoolOptions {
  const integer = (name: string, fallback: number, min: number) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}; got "${text}"`);
    return n;
  };
  return { threads: integer('IMPORT_THREADS', 1, 1), queue: integer('IMPORT_QUEUE', 4, 0), budgetMs, heapMb: integer('IMPORT_WORKER_HEAP_MB', DEFAULT_HEAP_MB, MIN_HEAP_MB) };
}

export class ImportPool {
  /** Its tasks: a file to read, or null to prestart. */
  private pool?: Piscina<ImportJob | null, ImportWorkerOutcome>;
  /** Joins run on threads of their own, so an import's thread (and its memory) is gone before the join starts. */
  private joinPool?: Piscina<TableRange[], OrganizationTable>;
  private running = 0;
  /** Imports waiting for a worker, first come first served. */
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly data: ImportWorkerData,
    readonly options: ImportPoolOptions,
    /** Where a worker's own failure (not an import's) is reported; the pool replaces the worker. */
    private readonly logError: (err: unknown) => void = (err) => console.error(err)
  ) {}

  /** Reads one upload on a worker. The file's bytes are moved to the worker, not copied: `job.bytes` is empty afterwards. */
  async run(job: ImportJob, signal?: AbortSignal): Promise<ImportWorkerOutcome> {
    if (this.running + this.waiting.length >= this.options.threads + this.options.queue) throw new ImportsBusyError(this.retryAfterS());
    if (this.running >= this.options.threads) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      const outcome = await this.runNow(job, signal);
      const recycleAfter = this.options.recycleAfterRows ?? RECYCLE_AFTER_ROWS;
      if (outcome.ok && outcome.rows.total >= recycleAfter && this.running === 1 && this.waiting.length === 0) await this.stopImportThreads();
      return outcome;
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /**
   * Starts an import thread, with what it loads before its first file (the import code, the address gazetteer, the
   * store's writer thread), while the upload is still being received: about a second at a million rows that the
   * import no longer waits for. Only when no import thread is alive and none is busy; the file's own `run` then
   * takes the thread. A failure here is the file's to report (its run fails the same way), so it is dropped.
   */
  prestart(): void {
    if (this.pool || this.running > 0) return;
    this.workers()
      .run(null, { name: 'prestart' })
      .catch(() => undefined);
  }

  /**
   * The catalog's next table joined from `parts` with its KD-tree, on a worker (see `joinWithTree`). Not queued
   * behind imports: joins have their own thread, so an import's adoption never waits for the next import to be read.
   */
  async joinWithTree(parts: TableRange[]): Promise<OrganizationTable> {
    this.joinPool ??= this.newPool(1);
    return this.joinPool.run(parts, { name: 'joinWithTree' });
  }

  /** Import threads alive now (idle ones included). */
  get importThreads(): number {
    return this.pool?.threads.length ?? 0;
  }

  async close(): Promise<void> {
    await Promise.all([this.pool?.destroy(), this.joinPool?.destroy()]);
    this.pool = undefined;
    this.joinPool = undefined;
  }

  private async runNow(job: ImportJob, signal?: AbortSignal): Promise<ImportWorkerOutcome> {
    if (signal?.aborted) throw new ImportCancelledError();
    const controller = new AbortController();
    let reason: 'client' | 'budget' | undefined;
    const abort = (why: 'client' | 'budget') => {
      reason ??= why;
      controller.abort();
    };
    const onClientAbort = () => abort('client');
    signal?.addEventListener('abort', onClientAbort, { once: true });
    const timer = setTimeout(() => abort('budget'), this.options.budgetMs);
    // A Buffer may be a view of a larger shared pool: the worker gets a copy of exactly its bytes, moved.
    const bytes = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength ? job.bytes : job.bytes.slice();
    try {
      return await this.workers().run({ ...job, bytes }, { signal: controller.signal, transferList: [bytes.buffer as ArrayBuffer] });
    } catch (err) {
      if (reason === 'client') throw new ImportCancelledError();
      if (reason === 'budget') throw new ImportBudgetError(this.options.budgetMs);
      if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw new ImportMemoryError(this.options.heapMb);
      throw err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onClientAbort);
    }
  }

  private async stopImportThreads(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  /** About one budget, in whole seconds, at most a minute. */
  private retryAfterS(): number {
    return Math.max(1, Math.min(60, Math.ceil(this.options.budgetMs / 1000)));
  }

  private workers(): Piscina<ImportJob | null, ImportWorkerOutcome> {
    this.pool ??= this.newPool(this.options.threads);
    return this.pool;
  }

  private newPool<Task, Result>(maxThreads: number): Piscina<Task, Result> {
    const pool = new Piscina<Task, Result>({
      filename: new URL('./import-worker-entry.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads,
      idleTimeout: IDLE_WORKER_MS,
      concurrentTasksPerWorker: 1,
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
      workerData: this.data
    });
    // Unhandled, a worker's 'error' event would end the process.
    pool.on('error', this.logError);
    return pool;
  }
}
