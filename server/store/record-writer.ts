/** The writer thread of threadedImportWrites: inserts each batch of an import's records as it comes. */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteConnection } from './sqlite-connection.ts';
import { sqliteImportWrites } from './sqlite-import-writes.ts';
import type { RecordBatch, RecordWriterData } from './threaded-import-writes.ts';

const { file, control, port } = workerData as RecordWriterData;
const db = openSqliteConnection(file);
// Only records of an unfinished import (version 0, which no query sees and the next start removes) are written
// here, so a commit need not wait for the disk: `finish`, on the import worker's connection, commits at FULL,
// and that commit's sync covers every frame written before it (a checkpoint syncs the database file).
db.pragma('synchronous = NORMAL');
// A batch of 5,000 records is a few MB of pages: held in the cache until its commit instead of spilled midway.
db.pragma('cache_size = -32768');
const writes = sqliteImportWrites(db);

/**
 * Tests only (tests of a writer that dies mid-import): RECORD_WRITER_TEST_STOP=crash:N makes this thread throw,
 * uncaught, on receiving its batch N+1; exit:N makes it exit normally there; terminate:N has its parent thread
 * stop it with worker.terminate() while it holds that batch. Either way the batch is never answered.
 */
const [testStop, testStopAfter] = (process.env.RECORD_WRITER_TEST_STOP ?? '').split(':');
let received = 0;

port.on('message', ({ datasetId, ids, features }: RecordBatch) => {
  if (testStop && ++received > Number(testStopAfter)) {
    if (testStop === 'exit') process.exit(0);
    if (testStop === 'terminate') {
      parentPort!.postMessage('terminate me');
      // Held here, mid-batch, until terminated (no JavaScript of this thread runs after).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
    throw new Error(`RECORD_WRITER_TEST_STOP: crashed on batch ${received}`);
  }
  try {
    writes.insert(datasetId, ids, features);
  } catch (error) {
    // Answered before the batch counts as done, so whoever waits for the count sees the failure.
    port.postMessage({ error: (error as Error).message });
  } finally {
    Atomics.sub(control, 0, 1);
    Atomics.notify(control, 0);
  }
});
