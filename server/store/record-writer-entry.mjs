// The record writer's entry, plain JavaScript so any Node can load it (see server/worker-module.mjs).
import { workerData } from 'node:worker_threads';
import { importWorkerModule } from '../worker-module.mjs';

try {
  await importWorkerModule(import.meta.url, './record-writer');
} catch (error) {
  // A writer that cannot start (its database will not open) answers every batch with why, so the import
  // waiting for them fails with that instead of waiting until its time budget runs out.
  const { control, port } = workerData;
  port.on('message', () => {
    port.postMessage({ error: `the record writer did not start: ${error?.message ?? error}` });
    Atomics.sub(control, 0, 1);
    Atomics.notify(control, 0);
  });
}
