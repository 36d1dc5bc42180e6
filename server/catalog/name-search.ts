/**
 * Type-ahead name search that never holds up the main thread: the n-gram NameIndex over a large
 * register is built, and searched, in a worker thread of its own (at 1M organisations the build
 * takes tens of seconds on a loaded machine; on the main thread it froze health checks and tiles).
 * The server starts the build as soon as the organisations change (`warm`), so the first type-ahead
 * finds it ready; a search made while it builds waits for it, while the server keeps answering
 * everything else. A small register (the shipped ~80 records) is indexed on the main thread, where
 * it costs less than starting a worker.
 */
import { Worker } from 'node:worker_threads';
import { HttpError } from '../schemas/errors.ts';
import { searchTextOf } from './filter.ts';
import { NameIndex } from './name-index.ts';
import { SearchTexts } from './search-texts.ts';
import { stringAt } from './organization-columns.ts';
import type { OrganizationTable } from './organization-table.ts';
import type { NameSearchAnswer, NameSearchData, NameSearchMemory, NameSearchMemoryRequest, NameSearchRequest } from './name-search-worker.ts';

type WorkerAnswer = NameSearchAnswer | { seq: number; memory: NameSearchMemory };

/** The normalised text a name search looks in for row `row`: both names and the id. */
export function searchTextOfRow(names: NameSearchData, row: number): string {
  return searchTextOf(stringAt(names.nameZh.text, names.nameZh.end, row), stringAt(names.nameEn.text, names.nameEn.end, row), stringAt(names.columns.idText, names.columns.idEnd, row));
}

/** Registers up to this many names are indexed on the main thread (well under 100 ms). */
export const INLINE_NAME_INDEX_MAX = 20_000;

/**
 * The search worker's young generation, MB. The build makes a few short-lived strings per row; with V8's default
 * the young generation grew to its largest and stayed reserved at rest (a million names: 51 MB heap for 19 MB used).
 * At 8 MB the same build kept 28–30 MB, for about the same CPU time (1M, twice each: 7.4 / 6.6 s default, 8.1 / 6.9 s at 8 MB; bench/README.md).
 */
const SEARCH_YOUNG_GENERATION_MB = 8;

export class NameSearch {
  private inline?: NameIndex;
  private worker?: Worker;
  private nextSeq = 0;
  private readonly waiting = new Map<number, { resolve: (answer: WorkerAnswer) => void; reject: (err: unknown) => void }>();

  constructor(
    private readonly table: OrganizationTable,
    private readonly inlineMax = INLINE_NAME_INDEX_MAX
  ) {}

  /** Starts building the index of a large register now (in its worker), before any search asks. */
  warm(): void {
    if (this.table.columns.size > this.inlineMax) this.started();
  }

  /** Rows (ascending) whose normalised names contain every term. */
  async matching(terms: string[]): Promise<Uint32Array> {
    return (await this.ask({ terms })).rows;
  }

  /**
   * How many rows' names contain every term, and the `limit` of those rows from the `offset`-th on
   * (ascending): what a type-ahead page shows. Only the page crosses from the worker.
   */
  page(terms: string[], offset: number, limit: number): Promise<{ total: number; rows: Uint32Array }> {
    return this.ask({ terms, page: { offset, limit } });
  }

  private async ask({ terms, page }: Omit<NameSearchRequest, 'seq'>): Promise<{ total: number; rows: Uint32Array }> {
    const size = this.table.columns.size;
    if (size <= this.inlineMax) {
      this.inline ??= new NameIndex(SearchTexts.from(size, (row) => searchTextOfRow(this.table, row)));
      if (page) return this.inline.page(terms, page.offset, page.limit);
      const rows = this.inline.matching(terms);
      return { total: rows.length, rows };
    }
    const { total, rows } = (await this.fromWorker({ seq: this.nextSeq++, terms, page } satisfies NameSearchRequest)) as NameSearchAnswer;
    return { total, rows };
  }

  /** What the index holds and, in its worker, that thread's V8 heap (bench/memory-at-rest.bench.ts); null while no index is built or building. */
  async memory(): Promise<NameSearchMemory | null> {
    if (this.inline) return { index: this.inline.memoryParts(), heapUsed: 0, heapTotal: 0 };
    if (!this.worker) return null;
    return ((await this.fromWorker({ seq: this.nextSeq++, memory: true } satisfies NameSearchMemoryRequest)) as { memory: NameSearchMemory }).memory;
  }

  private fromWorker(request: NameSearchRequest | NameSearchMemoryRequest): Promise<WorkerAnswer> {
    const worker = this.started();
    return new Promise((resolve, reject) => {
      this.waiting.set(request.seq, { resolve, reject });
      worker.postMessage(request);
    });
  }

  /** Stops the worker (when the organisations change or the server closes); searches waiting fail with a 503. */
  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.failWaiting(new HttpError(503, 'the organisations changed while this search ran; search again'));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    // The names' string tables are shared memory: the worker reads them without a copy, and normalises and indexes there.
    const { nameZh, nameEn, columns } = this.table;
    const data: NameSearchData = { nameZh, nameEn, columns: { size: columns.size, idText: columns.idText, idEnd: columns.idEnd } };
    const worker = new Worker(new URL('./name-search-entry.mjs', import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: SEARCH_YOUNG_GENERATION_MB } });
    // An idle search worker must not keep the process alive.
    worker.unref();
    worker.on('message', (answer: WorkerAnswer) => {
      const waiter = this.waiting.get(answer.seq);
      this.waiting.delete(answer.seq);
      waiter?.resolve(answer);
    });
    worker.on('error', (err) => {
      // The next search starts a new worker.
      if (this.worker === worker) this.worker = undefined;
      this.failWaiting(err);
    });
    this.worker = worker;
    return worker;
  }

  private failWaiting(err: unknown): void {
    for (const { reject } of this.waiting.values()) reject(err);
    this.waiting.clear();
  }
}
