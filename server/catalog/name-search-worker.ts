import { parentPort, workerData } from 'node:worker_threads';
import { searchTextOf } from './filter.ts';
import { NameIndex } from './name-index.ts';

/** What the main thread sends when it starts this worker: every organisation's names, by row. */
export interface NameSearchData {
  nameZh: string[];
  nameEn: (string | undefined)[];
  id: string[];
}

/** A question (`terms`, normalised) and its answer (matching rows, ascending), matched by `seq`. */
export type NameSearchRequest = { seq: number; terms: string[] };
export type NameSearchAnswer = { seq: number; rows: Uint32Array };

// The whole build runs here, off the main thread; questions sent meanwhile wait on the port.
const { nameZh, nameEn, id } = workerData as NameSearchData;
const index = new NameIndex(nameZh.map((zh, i) => searchTextOf(zh, nameEn[i], id[i])));
parentPort!.on('message', ({ seq, terms }: NameSearchRequest) => {
  const rows = Uint32Array.from(index.matching(terms));
  parentPort!.postMessage({ seq, rows } satisfies NameSearchAnswer, [rows.buffer]);
});
