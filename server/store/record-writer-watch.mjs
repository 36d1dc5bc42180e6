// The record writer's parent thread. The import worker that hands the writer its batches blocks (Atomics.wait)
// while it waits for them, so it cannot hear the writer's 'exit': this thread, which never blocks, starts the
// writer and hears it for it. Whatever ends the writer (a crash, an uncaught throw, a normal exit, terminate,
// its heap limit), it says why on `stopped` and sets WRITER_STOPPED in `control[0]`, which wakes the import worker.
// Plain JavaScript, like record-writer-entry.mjs, so it starts without tsx.
import { Worker, workerData } from 'node:worker_threads';

/** Set in control[0] once the writer thread has ended (see threaded-import-writes.ts). */
const WRITER_STOPPED = 1 << 30;

const { file, control, port, stopped } = workerData;
const writer = new Worker(new URL('./record-writer-entry.mjs', import.meta.url), { workerData: { file, control, port }, transferList: [port] });
let failure;
// Tests only: RECORD_WRITER_TEST_STOP=terminate:N (see record-writer.ts), the writer asks to be stopped as a crash would stop it.
writer.on('message', (message) => message === 'terminate me' && writer.terminate());
writer.on('error', (error) => (failure = error?.message ?? String(error)));
writer.on('exit', (code) => {
  stopped.postMessage({ error: failure ? `the record writer thread failed: ${failure}` : `the record writer thread exited (code ${code}) before it had written every batch` });
  Atomics.or(control, 0, WRITER_STOPPED);
  Atomics.notify(control, 0);
  stopped.close();
});
