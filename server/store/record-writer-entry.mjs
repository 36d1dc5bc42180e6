// The record writer's entry, plain JavaScript for the same reason as server/pool/worker-entry.mjs:
// a Node 20 worker thread does not inherit tsx's loader, so it is registered here when needed.
import { workerData } from 'node:worker_threads';

async function load() {
  try {
    return await import('./record-writer.ts');
  } catch (err) {
    if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    const { register } = await import('tsx/esm/api');
    register();
    // A new URL: the failed import stays cached under the old one.
    return await import('./record-writer.ts?tsx');
  }
}

try {
  await load();
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
