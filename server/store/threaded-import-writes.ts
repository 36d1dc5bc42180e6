import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { openSqliteConnection } from './sqlite-connection.ts';
import { sqliteImportWrites, type ImportWrites } from './sqlite-import-writes.ts';

/**
 * Record batches handed to the writer thread and not yet written before `insert` waits: enough to keep the
 * writer busy while the reader makes the next one, few enough (a few MB of text each) to bound the memory.
 */
const BATCHES_AHEAD = 3;

/** Set in control[0] by the writer's parent thread once the writer has ended (record-writer-watch.mjs). */
const WRITER_STOPPED = 1 << 30;

/** One batch of an import's records for the writer thread. */
export interface RecordBatch {
  datasetId: string;
  ids: readonly string[];
  features: readonly string[];
}

/** What the writer thread is started with. */
export interface RecordWriterData {
  file: string;
  /** [0]: batches handed over and not yet written (or failed), plus WRITER_STOPPED once the writer has ended. */
  control: Int32Array;
  /** Batches come in on it; a batch that fails to be written is answered on it with `{ error }`. */
  port: MessagePort;
}

/**
 * The writer thread ended before it had answered every batch handed to it: the import's records are not all
 * stored. The server's fault, not the file's; the import is dropped and may be sent again (the next starts a new writer).
 */
export class RecordWriterStoppedError extends Error {
  override name = 'RecordWriterStoppedError';
}

/** A running writer thread (started by its parent, record-writer-watch.mjs) and the ends that talk to it. */
function startWriter(file: string) {
  const control = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const batches = new MessageChannel();
  const stopped = new MessageChannel();
  const data = { file, control, port: batches.port2, stopped: stopped.port2 };
  const parent = new Worker(new URL('./record-writer-watch.mjs', import.meta.url), { workerData: data, transferList: [batches.port2, stopped.port2] });
  // The import worker may exit (idle, or recycled after a large import) with the writer idle: it ends with it.
  parent.unref();
  batches.port1.unref();
  stopped.port1.unref();
  return { control, port: batches.port1, stoppedPort: stopped.port1 };
}

/**
 * An import's SQLite writes (see sqliteImportWrites) with the records inserted on a thread of their own: the
 * import worker reads, validates and encodes the next rows while the writer inserts the last ones. At a million
 * rows SQLite's inserts are 10 s of CPU and several seconds of waiting for the disk, which the import worker
 * then spends reading instead. `begin`, `finish` and `drop` run here, on the caller's own connection:
 * `finish` and `drop` first wait until every batch handed over is written, and `finish` fails if one was not.
 *
 * The caller blocks (Atomics.wait; it is a worker thread) when BATCHES_AHEAD batches are waiting. A writer that
 * ends with batches unanswered (whatever ends it) wakes it at once through WRITER_STOPPED: `insert` and `finish`
 * then throw RecordWriterStoppedError, `drop` still removes what was written, and the next `begin` starts a new writer.
 */
export function threadedImportWrites(file: string): ImportWrites {
  const own = sqliteImportWrites(openSqliteConnection(file));
  let writer = startWriter(file);
  const hasStopped = () => (Atomics.load(writer.control, 0) & WRITER_STOPPED) !== 0;
  /** Waits until at most `batches` are unanswered; false if the writer ended with more. */
  const waitUntilAtMost = (batches: number): boolean => {
    for (let word = Atomics.load(writer.control, 0); (word & ~WRITER_STOPPED) > batches; word = Atomics.load(writer.control, 0)) {
      if (word & WRITER_STOPPED) return false;
      Atomics.wait(writer.control, 0, word);
    }
    return true;
  };
  const stoppedError = () => new RecordWriterStoppedError(receiveMessageOnPort(writer.stoppedPort)?.message.error ?? 'the record writer thread ended');
  /** Waits for every batch handed over; the first failure since the last call, if any. */
  const written = (): string | undefined => {
    if (!waitUntilAtMost(0)) throw stoppedError();
    let failure: string | undefined;
    for (let answer = receiveMessageOnPort(writer.port); answer; answer = receiveMessageOnPort(writer.port)) failure ??= (answer.message as { error: string }).error;
    return failure;
  };
  return {
    begin(...args) {
      // A writer that ended (during the last import, or idle since) is replaced.
      if (hasStopped()) writer = startWriter(file);
      own.begin(...args);
    },
    insert(datasetId, ids, features) {
      if (!waitUntilAtMost(BATCHES_AHEAD - 1)) throw stoppedError();
      Atomics.add(writer.control, 0, 1);
      writer.port.postMessage({ datasetId, ids, features } satisfies RecordBatch);
    },
    finish(...args) {
      const failure = written();
      if (failure) throw new Error(`the import's records could not be stored: ${failure}`);
      own.finish(...args);
    },
    async drop(datasetId, pause) {
      // A writer that ended has no batches in flight: what it wrote is removed all the same.
      if (waitUntilAtMost(0)) written();
      await own.drop(datasetId, pause);
    }
  };
}
