/**
 * A long computation written as a generator: it yields its progress as a fraction in [0, 1] and
 * returns its result, so a route can stream progress while tests and callers just run it.
 */
export type Progressive<T> = Generator<number, T, void>;

/** Runs a progressive computation to its end and returns the result, ignoring progress. */
export function runToEnd<T>(steps: Progressive<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How many loop iterations to run between yields so a loop over `total` items yields about `chunks` times. */
export function progressEvery(total: number, chunks = 50): number {
  return Math.max(1, Math.ceil(total / chunks));
}
