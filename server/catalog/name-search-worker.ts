import { parentPort, workerData } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { NameIndex, type NameIndexMemory } from './name-index.ts';
import { searchTextOfRow } from './name-search.ts';
import { SearchTexts } from './search-texts.ts';
import type { OrganizationTable } from './organization-table.ts';

/** What the main thread sends when it starts this worker: the names' and ids' string tables (shared memory), by row. */
export type NameSearchData = Pick<OrganizationTable, 'nameZh' | 'nameEn'> & { columns: Pick<OrganizationTable['columns'], 'size' | 'idText' | 'idEnd'> };

/**
 * A question (`terms`, normalised; with `page`, only that page of the rows is wanted) and its answer
 * (how many rows match, and the matching rows or the page of them, ascending), matched by `seq`.
 */
export type NameSearchRequest = { seq: number; terms: string[]; page?: { offset: number; limit: number } };
export type NameSearchAnswer = { seq: number; total: number; rows: Uint32Array };
/** What the index holds, and this thread's V8 heap (used and reserved), for memory accounting: asked with `memory`, answered by `seq`. */
export type NameSearchMemoryRequest = { seq: number; memory: true };
export type NameSearchMemory = { index: NameIndexMemory; heapUsed: number; heapTotal: number };

// The whole build runs here, off the main thread; questions sent meanwhile wait on the port.
const names = workerData as NameSearchData;
// Each row's text is made, stored as UTF-8 and let go: no million strings are kept, or left for the GC at once.
const index = new NameIndex(SearchTexts.from(names.columns.size, (row) => searchTextOfRow(names, row)));
NameIndex.warmUp();
const answer = ({ terms, page }: NameSearchRequest): { total: number; rows: Uint32Array } => {
  if (page) return index.page(terms, page.offset, page.limit);
  const rows = index.matching(terms);
  return { total: rows.length, rows };
};
parentPort!.on('message', (request: NameSearchRequest | NameSearchMemoryRequest) => {
  if ('memory' in request) {
    const { used_heap_size: heapUsed, total_heap_size: heapTotal } = getHeapStatistics();
    return parentPort!.postMessage({ seq: request.seq, memory: { index: index.memoryParts(), heapUsed, heapTotal } satisfies NameSearchMemory });
  }
  const { total, rows } = answer(request);
  parentPort!.postMessage({ seq: request.seq, total, rows } satisfies NameSearchAnswer, [rows.buffer as ArrayBuffer]);
});
