// The name-search worker's entry, plain JavaScript so any Node can load it (see server/worker-module.mjs).
import { importWorkerModule } from '../worker-module.mjs';

await importWorkerModule(import.meta.url, './name-search-worker');
