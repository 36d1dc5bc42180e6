import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { openSqliteConnection } from './sqlite-connection.ts';
import { sqliteImportWrites, type ImportWrites } from './sqlite-import-writes.ts';

/**
 * Record batches handed to the writer thread and not yet written before `insert` waits: enough to keep the
 * writer busy while the reader makes the next one, few enough (a few MB of text each) to bound the memory.
 */
const BATCHES_AHEAD = 3;

/** One batch of an import's records for the writer thread. */
export interface RecordBatch {
  datasetId: string;
  ids: readonly string[];
  features: readonly string[];
}

/** What the writer thread is started with. */
export interface RecordWriterData {
  file: string;
  /** [0]: batches handed over and not yet written (or failed). */
  control: Int32Array;
  /** Batches come in on it; a batch that fails to be written is answered on it with `{ error }`. */
  port: MessagePort;
}

/**
 * An import's SQLite writes (see sqliteImportWrites) with the records inserted on a thread of their own: the
 * import worker reads, validates and encodes the next rows while the writer inserts the last ones. At a million
 * rows SQLite's inserts are 10 s of CPU and several seconds of waiting for the disk, which the import worker
 * then spends reading instead. `begin`, `finish` and `drop` run here, on the caller's own connection:
 * `finish` and `drop` first wait until every batch handed over is written, and `finish` fails if one was not.
 *
 * The caller blocks (Atomics.wait; it is a worker thread) when BATCHES_AHEAD batches are waiting. A writer
 * thread that died without answering would keep it waiting: the import's time budget then stops the import
 * worker, and the writer with it.
 */
export function threadedImportWrites(file: string): ImportWrites {
  const own = sqliteImportWrites(openSqliteConnection(file));
  const control = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const { port1, port2 } = new MessageChannel();
  const data: RecordWriterData = { file, control, port: port2 };
  const writer = new Worker(new URL('./record-writer-entry.mjs', import.meta.url), { workerData: data, transferList: [port2] });
  // The import worker may exit (idle, or recycled after a large import) with the writer idle: it ends with it.
  writer.unref();
  port1.unref();
  const waitUntilAtMost = (batches: number) => {
    for (let waiting = Atomics.load(control, 0); waiting > batches; waiting = Atomics.load(control, 0)) Atomics.wait(control, 0, waiting);
  };
  /** Waits for every batch handed over; the first failure since the last call, if any. */
  const written = (): string | undefined => {
    waitUntilAtMost(0);
    let failure: string | undefined;
    for (let answer = receiveMessageOnPort(port1); answer; answer = receiveMessageOnPort(port1)) failure ??= (answer.message as { error: string }).error;
    return failure;
  };
  return {
    begin: own.begin,
    insert(datasetId, ids, features) {
      waitUntilAtMost(BATCHES_AHEAD - 1);
      Atomics.add(control, 0, 1);
      port1.postMessage({ datasetId, ids, features } satisfies RecordBatch);
    },
    finish(...args) {
      const failure = written();
      if (failure) throw new Error(`the import's records could not be stored: ${failure}`);
      own.finish(...args);
    },
    async drop(datasetId, pause) {
      written();
      await own.drop(datasetId, pause);
    }
  };
}
