/** Small operations the name index (name-index.ts) runs on its keys, bitmap words and sorted lists of ids. */

/** The number of set bits of a 32-bit word. */
export function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** The distinct bigram keys of a term, a pair (a, b) as a·65536 + b. */
export function bigramsOf(term: string): number[] {
  const keys = new Set<number>();
  for (let i = 0; i + 1 < term.length; i++) keys.add(term.charCodeAt(i) * 65536 + term.charCodeAt(i + 1));
  return [...keys];
}

/** The first position in postings[from, end) holding a value ≥ id (exponential then binary search). */
export function seek(postings: Int32Array, from: number, end: number, id: number): number {
  let step = 1;
  let lo = from;
  let hi = from;
  while (hi < end && postings[hi] < id) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, end);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (postings[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
