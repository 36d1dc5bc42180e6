// The stored-table worker's entry, plain JavaScript so any Node can load it (see server/worker-module.mjs).
import { importWorkerModule } from '../worker-module.mjs';

const worker = await importWorkerModule(import.meta.url, './stored-table-worker');
export const loadDataset = worker.loadDataset;
export const joinWithTree = worker.joinWithTree;
export const readPart = worker.readPart;
