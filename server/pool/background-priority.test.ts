import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { BACKGROUND_NICE } from './background-priority.ts';

/** The nice value a worker thread reports after importing background-priority.ts. */
function niceOfWorkerThatImportsIt(): Promise<number> {
  const moduleUrl = new URL('./background-priority.ts', import.meta.url).href;
  const code = `(async () => {
    const { register } = await import('tsx/esm/api');
    register();
    await import(${JSON.stringify(moduleUrl)});
    const { getPriority } = await import('node:os');
    require('node:worker_threads').parentPort.postMessage(getPriority(0));
  })();`;
  const worker = new Worker(code, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('message', (nice: number) => void worker.terminate().then(() => resolve(nice)));
    worker.once('error', reject);
  });
}

describe('background priority', () => {
  test('a worker thread that imports it runs below the main thread, whose priority stays as it was', async () => {
    const mainBefore = getPriority(0);
    const nice = await niceOfWorkerThatImportsIt();
    expect(nice).toBe(Math.min(19, mainBefore + BACKGROUND_NICE));
    if (mainBefore < 19) expect(nice).toBeGreaterThan(mainBefore);
    expect(getPriority(0)).toBe(mainBefore);
  }, 60_000);
});
