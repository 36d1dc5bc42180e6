import { parentPort, workerData } from 'node:worker_threads';
import { NameIndex } from './name-index.ts';
import { searchTextOfRow } from './name-search.ts';
import type { OrganizationTable } from './organization-table.ts';

/** What the main thread sends when it starts this worker: the names' and ids' string tables (shared memory), by row. */
export type NameSearchData = Pick<OrganizationTable, 'nameZh' | 'nameEn'> & { columns: Pick<OrganizationTable['columns'], 'size' | 'idText' | 'idEnd'> };

/** A question (`terms`, normalised) and its answer (matching rows, ascending), matched by `seq`. */
export type NameSearchRequest = { seq: number; terms: string[] };
export type NameSearchAnswer = { seq: number; rows: Uint32Array };

// The whole build runs here, off the main thread; questions sent meanwhile wait on the port.
const names = workerData as NameSearchData;
const index = new NameIndex(Array.from({ length: names.columns.size }, (_, row) => searchTextOfRow(names, row)));
parentPort!.on('message', ({ seq, terms }: NameSearchRequest) => {
  const rows = index.matching(terms);
  parentPort!.postMessage({ seq, rows } satisfies NameSearchAnswer, [rows.buffer as ArrayBuffer]);
});
