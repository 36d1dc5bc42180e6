// The import worker's entry, plain JavaScript so any Node can load it (see server/worker-module.mjs).
import { importWorkerModule } from '../worker-module.mjs';

const worker = await importWorkerModule(import.meta.url, './import-worker');
// The default export reads an upload; `joinWithTree` (run with `{ name }`) joins the catalog's next table, and
// `prestart` loads what an import needs while its upload is received.
export default worker.default;
export const joinWithTree = worker.joinWithTree;
export const prestart = worker.prestart;
