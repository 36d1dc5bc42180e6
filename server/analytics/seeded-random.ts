import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded uniform source on [0, 1): the same seed gives the same sequence, run to run and machine to machine. */
export function seededUniform(seed: number): () => number {
  const rng = xoroshiro128plus(seed | 0);
  return () => uniformFloat64(rng);
}

/**
 * A seeded uniform sample of `size` of the indices 0…n−1 without replacement, in increasing order
 * (partial Fisher–Yates); all of them when size ≥ n.
 */
export function seededSample(n: number, size: number, seed: number): Int32Array {
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const random = seededUniform(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let t = 0; t < size; t++) {
    const r = t + Math.floor(random() * (n - t));
    const held = order[t];
    order[t] = order[r];
    order[r] = held;
  }
  return order.slice(0, size).sort();
}
