// The pool's worker entry, plain JavaScript so any Node can load it: server/worker-module.mjs loads the
// compiled analytics worker, or the TypeScript one through tsx when running from source.
import { importWorkerModule } from '../worker-module.mjs';

const worker = await importWorkerModule(import.meta.url, './analytics-worker');
export default worker.default;
