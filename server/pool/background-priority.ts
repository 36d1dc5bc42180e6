/**
 * Lowers the priority of the worker thread that imports this module (on Linux a thread's nice value
 * is its own: the main thread keeps its priority). On a machine whose cores are all busy — several
 * analytics jobs, an import, other programs — the scheduler then gives the main thread, which answers
 * health checks and tiles, its turn first, instead of sharing it out evenly with the long jobs.
 * Measured: with 4 heavy jobs at 1M on 2 shared cores, see bench/README.md (serve-scale).
 */
import { getPriority, setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';

/** Nice increment of background threads over the thread that started them: the main thread gets ~3× the CPU share of each (Linux weights 1024 vs 335), and a job still gets its share when other programs keep the cores busy. */
export const BACKGROUND_NICE = 5;
/** The lowest priority Linux knows. */
const LOWEST = 19;

if (!isMainThread) {
  try {
    // A new thread starts at the nice value of the thread that made it.
    setPriority(0, Math.min(LOWEST, getPriority(0) + BACKGROUND_NICE));
  } catch {
    // A system that refuses (none known for lowering) runs the thread at normal priority.
  }
}
