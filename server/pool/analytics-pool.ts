/**
 * The analytics worker pool: every /api/analytics/* computation (and each park profile's counts)
 * runs here, on a bounded set of worker threads, so the main thread only routes, serves tiles and answers.
 *
 * - Bounded: `threads` workers and a queue of `queue` waiting jobs; past that, or after waiting
 *   `queueWaitMs` for a worker, a job is refused with PoolBusyError (503 + Retry-After).
 * - Budgeted: a job running longer than `budgetMs` has its worker terminated (piscina replaces it)
 *   and fails with BudgetExceededError (503 naming the parameter to change). An unknown infinite
 *   loop costs one worker for `budgetMs`, never the service.
 * - Cancellable: aborting the caller's signal (the client went away) stops the job the same way.
 * - Zero-copy: organisations travel as SharedArrayBuffer columns; only the selected row ids are copied.
 *
 * To add an analytics endpoint, see server/analytics/reports.ts: a pure report, one line in REPORTS,
 * and a route calling runReport(); nothing here changes.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { PREPARE_STEPS, type PrepareStep } from '../analytics/per-dataset.ts';
import type { ReportData } from '../analytics/report-context.ts';
import { HttpError } from '../schemas/errors.ts';
import type { AnalyticsWorkerData, PrepareTask, ReportOutcome, ReportTask, WorkerMessage, WorkerNote } from './analytics-worker.ts';

export interface AnalyticsPoolOptions {
  /** Worker threads (default: cores − 1, at least 1, at most 4; ANALYTICS_THREADS). */
  threads: number;
  /** Jobs that may wait for a worker (default 16; ANALYTICS_QUEUE). */
  queue: number;
  /** Longest a job may run, ms (default 20 000; ANALYTICS_BUDGET_MS). */
  budgetMs: number;
  /** Longest a job may wait for a worker (including a worker's start), ms (default 30 000; ANALYTICS_QUEUE_WAIT_MS). */
  queueWaitMs: number;
}

export const ANALYTICS_POOL_DEFAULTS: AnalyticsPoolOptions = {
  threads: Math.max(1, Math.min(4, availableParallelism() - 1)),
  queue: 16,
  budgetMs: 20_000,
  queueWaitMs: 30_000
};

/** Pool options from ANALYTICS_THREADS, ANALYTICS_QUEUE, ANALYTICS_BUDGET_MS and ANALYTICS_QUEUE_WAIT_MS; a bad value is an error at start. */
export function analyticsPoolOptionsFromEnv(env: NodeJS.ProcessEnv): AnalyticsPoolOptions {
  const positive = (name: string, fallback: number, min: number) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}; got "${text}"`);
    return n;
  };
  return {
    threads: positive('ANALYTICS_THREADS', ANALYTICS_POOL_DEFAULTS.threads, 1),
    queue: positive('ANALYTICS_QUEUE', ANALYTICS_POOL_DEFAULTS.queue, 0),
    budgetMs: positive('ANALYTICS_BUDGET_MS', ANALYTICS_POOL_DEFAULTS.budgetMs, 1),
    queueWaitMs: positive('ANALYTICS_QUEUE_WAIT_MS', ANALYTICS_POOL_DEFAULTS.queueWaitMs, 1)
  };
}

/** Every worker is busy and the queue is full (or the wait outlasted the budget): try again later. */
export class PoolBusyError extends HttpError {
  constructor(readonly retryAfterS: number) {
    super(503, `analytics are busy: every worker is computing and the queue is full; try again in ${retryAfterS} s, or narrow the selection (city, sector, bbox) so jobs finish sooner`);
    this.name = 'PoolBusyError';
  }
}

/** A job ran past its time budget and was stopped. */
export class BudgetExceededError extends HttpError {
  constructor(budgetMs: number, parameter: string, advice: string) {
    super(503, `the computation took longer than its ${budgetMs / 1000} s budget and was stopped: ${advice}`, parameter);
    this.name = 'BudgetExceededError';
  }
}

/** The caller's signal aborted the job (the client went away); there is no one to answer. */
export class JobCancelledError extends Error {
  override name = 'JobCancelledError';
}

export interface RunOptions {
  /** Aborting it stops the job (queued or running). */
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** What a BudgetExceededError names: the parameter to change and how. */
  budgetHint: { parameter: string; advice: string };
}

type Abort = 'client' | 'budget' | 'queue';

/** What the pool has done since it started. */
export interface AnalyticsPoolStats {
  /** Jobs a worker began. */
  started: number;
  completed: number;
  /** Stopped because the client went away. */
  cancelled: number;
  /** Stopped at the time budget. */
  overBudget: number;
  /** Refused: queue full, or no worker came free within the budget. */
  refused: number;
}

export class AnalyticsPool {
  private pool?: Piscina<ReportTask | PrepareTask, ReportOutcome | null>;
  /** Set by warm(): from then on each new data version is prepared as it comes (see prepare). */
  private preparing = false;
  /** The data version being prepared and its steps still to run; whether a step is running. */
  private preparation?: { data: Omit<PrepareTask, 'prepare'>; steps: PrepareStep[] };
  private stepRunning = false;
  /** The last data version whose every preparation step has finished (see preparedVersion). */
  private lastPrepared: number | null = null;
  /** Jobs accepted and not yet settled: running plus waiting. */
  private inFlight = 0;
  readonly stats: AnalyticsPoolStats = { started: 0, completed: 0, cancelled: 0, overBudget: 0, refused: 0 };

  constructor(
    private readonly data: ReportData,
    readonly options: AnalyticsPoolOptions,
    /** Where a worker's own failure (not a job's) is reported; the pool replaces the worker. */
    private readonly logError: (err: unknown) => void = (err) => console.error(err),
    /** The organisations now, for warm() to prepare. */
    private readonly currentData?: () => Omit<PrepareTask, 'prepare'>,
    /** Where the workers keep the per-dataset lookups between starts (server/analytics/kept-lookups-file.ts), and where they say what they did with it. */
    private readonly lookups?: { file: string; log: (message: string, level: WorkerNote['level']) => void }
  ) {}

  /** Starts the workers now (they load their code and the catalog data) instead of on the first job or warm(). */
  startWorkers(): void {
    this.workers();
  }

  /**
   * Starts the workers now instead of on the first job, and has them prepare the current data and
   * every later data version as it comes (the server does, so the first request is not slower).
   */
  warm(): void {
    this.workers();
    this.preparing = true;
    if (this.currentData) this.prepare(this.currentData());
  }

  /**
   * After warm(): a worker finds the per-dataset lookups of this data version (precision counts,
   * each row's H3 cell and district, the nearest neighbours; server/analytics/per-dataset.ts) in
   * the background, so the first report on it only counts. One lookup at a time and only while no
   * job is running or waiting: a report asked meanwhile waits at most for one lookup (which it
   * would otherwise find itself), never for all of them. With several threads one worker
   * prepares; the others find the lookups on their first report.
   */
  prepare(data: Omit<PrepareTask, 'prepare'>): void {
    if (!this.preparing) return;
    this.preparation = { data, steps: [...PREPARE_STEPS] };
    this.prepareWhileIdle();
  }

  /**
   * The last data version whose per-dataset lookups a worker has all prepared, or null before the
   * first (and always without warm()). When it is the catalog's version, density, nni, hexagon
   * counts and park profiles only count: /api/health reports it, so a client (or a bench) can tell.
   */
  get preparedVersion(): number | null {
    return this.lastPrepared;
  }

  private prepareWhileIdle(): void {
    const preparation = this.preparation;
    if (!this.preparing || !preparation || this.stepRunning || this.inFlight > 0) return;
    const step = preparation.steps.shift();
    if (preparation.steps.length === 0) this.preparation = undefined;
    if (!step) return;
    this.stepRunning = true;
    this.workers()
      .run({ prepare: step, ...preparation.data })
      .then(() => {
        if (preparation.steps.length === 0) this.lastPrepared = preparation.data.dataVersion;
      })
      .catch((err: unknown) => {
        // A closing pool cancels it: nothing to report.
        if (this.preparing) this.logError(err);
      })
      .finally(() => {
        this.stepRunning = false;
        this.prepareWhileIdle();
      });
  }

  /** Worker threads started (0 until the first job, warm() or startWorkers()). */
  get threadsRunning(): number {
    return this.pool?.threads.length ?? 0;
  }

  /** Jobs running or waiting for a worker. */
  get pending(): number {
    return this.inFlight;
  }

  /** Runs one report; resolves with its answer as JSON text, rejects with an HttpError (4xx from the report, 503 from the pool). */
  async run(task: Omit<ReportTask, 'port'>, { signal, onProgress, budgetHint }: RunOptions): Promise<string> {
    const { budgetMs, threads, queue } = this.options;
    if (this.inFlight >= threads + queue) {
      this.stats.refused++;
      throw new PoolBusyError(this.retryAfterS());
    }
    const controller = new AbortController();
    let reason: Abort | undefined;
    const abort = (why: Abort) => {
      reason ??= why;
      controller.abort();
    };
    const onClientAbort = () => abort('client');
    if (signal?.aborted) throw new JobCancelledError();
    signal?.addEventListener('abort', onClientAbort, { once: true });
    let timer = setTimeout(() => abort('queue'), this.options.queueWaitMs);
    const { port1, port2 } = new MessageChannel();
    // The answer and the progress travel on different ports: wait for the worker's last progress before answering.
    const finished = new Promise<void>((resolve) => {
      port1.on('close', resolve);
      port1.on('message', (message: WorkerMessage) => {
        if (message.type === 'started') {
          this.stats.started++;
          clearTimeout(timer);
          timer = setTimeout(() => abort('budget'), budgetMs);
        } else if (message.type === 'progress') onProgress?.(message.fraction);
        else resolve();
      });
    });
    this.inFlight++;
    try {
      // A report task always has an outcome (only a prepare task answers null).
      const outcome = (await this.workers().run({ ...task, port: port2 }, { signal: controller.signal, transferList: [port2] }))!;
      await finished;
      this.stats.completed++;
      if (!outcome.ok) throw new HttpError(outcome.statusCode, outcome.message, outcome.parameter);
      return outcome.json;
    } catch (err) {
      if (reason === 'client') {
        this.stats.cancelled++;
        throw new JobCancelledError();
      }
      if (reason === 'budget') {
        this.stats.overBudget++;
        throw new BudgetExceededError(budgetMs, budgetHint.parameter, budgetHint.advice);
      }
      if (reason === 'queue') {
        this.stats.refused++;
        throw new PoolBusyError(this.retryAfterS());
      }
      throw err;
    } finally {
      this.inFlight--;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onClientAbort);
      port1.close();
      this.prepareWhileIdle();
    }
  }

  /** Stops every worker (running jobs fail). */
  async close(): Promise<void> {
    this.preparing = false;
    await this.pool?.destroy();
    this.pool = undefined;
  }

  /** A fair wait before retrying: about one budget, in whole seconds. */
  private retryAfterS(): number {
    return Math.max(1, Math.min(60, Math.ceil(this.options.budgetMs / 1000)));
  }

  private workers(): Piscina<ReportTask | PrepareTask, ReportOutcome | null> {
    if (this.pool) return this.pool;
    this.pool = new Piscina<ReportTask | PrepareTask, ReportOutcome | null>({
      filename: new URL('./worker-entry.mjs', import.meta.url).href,
      minThreads: this.options.threads,
      maxThreads: this.options.threads,
      // The bound is kept above (inFlight), so piscina's own queue never refuses.
      // One job per worker at a time: the jobs are CPU-bound.
      concurrentTasksPerWorker: 1,
      workerData: { ...this.data, lookupsFile: this.lookups?.file } satisfies AnalyticsWorkerData
    });
    this.pool.on('message', (message: WorkerNote) => {
      if (typeof message?.note === 'string') this.lookups?.log(message.note, message.level);
    });
    // Unhandled, a worker's 'error' event would end the process (one listener, added with the pool).
    this.pool.on('error', this.logError);
    return this.pool;
  }
}
