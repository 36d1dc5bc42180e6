// A thread that writes the analytics lookups file in step with others (tests of two writers at once,
// server/analytics/kept-lookups-file-concurrent.test.ts). Plain JavaScript: a Node 20 worker thread does not
// inherit tsx's loader, so it is registered here when needed (as in server/pool/worker-entry.mjs).
import { parentPort, workerData } from 'node:worker_threads';

async function load() {
  try {
    return await import('../../server/analytics/kept-lookups-file.ts');
  } catch (err) {
    if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    const { register } = await import('tsx/esm/api');
    register();
    return await import('../../server/analytics/kept-lookups-file.ts?tsx');
  }
}

const { writeKeptLookups } = await load();
/** step[0]: the round the test has started; step[1]: writes finished, over every writer and round. */
const { path, key, lookups, rounds, step } = workerData;
for (let round = 1; round <= rounds; round++) {
  for (let started = Atomics.load(step, 0); started < round; started = Atomics.load(step, 0)) Atomics.wait(step, 0, started);
  try {
    writeKeptLookups(path, key, lookups);
  } catch (error) {
    parentPort.postMessage({ round, error: error.message });
  }
  Atomics.add(step, 1, 1);
}
