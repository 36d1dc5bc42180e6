/**
 * A character n-gram index over normalised names: for a search term, the ids of the texts that
 * contain it as a substring, without reading every text. Chinese needs no word segmentation this
 * way (`腾讯` is the bigram 腾讯), and English works the same (`tencent` → te, en, nc, ce, …).
 *
 * Every character (unigram) and every pair of adjacent UTF-16 code units (bigram) of a text is a
 * key; a key lists the texts holding it (ascending ids). A term's candidates are the texts holding
 * all of its keys; each candidate is then checked with `includes`, so the answer is exactly the
 * substring search's. Keys held by more than a quarter of the texts (`a`, `公司`, `organisation`'s
 * pairs) are not listed: they narrow little and would cost most of the memory; a term made only of
 * such keys is checked against every text (its answer is large anyway).
 */
// Keys held by more texts than this share are not listed (see above).
const MAX_LIST_SHARE = 1 / 4;

function grow(array: Int32Array, fillValue: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2).fill(fillValue);
  bigger.set(array);
  return bigger;
}

export class NameIndex {
  /** Key → [start, end) into `postings`. */
  private readonly lists = new Map<number, { start: number; end: number }>();
  private readonly postings: Int32Array;
  /** Keys too common to list. */
  private readonly frequent = new Set<number>();

  constructor(private readonly texts: readonly string[]) {
    const n = texts.length;
    const maxList = Math.max(16, Math.ceil(n * MAX_LIST_SHARE));
    // 1. Number the keys densely and count the texts holding each (a text counts once per key).
    const dense = new Map<number, number>();
    let counts = new Int32Array(1024);
    let lastText = new Int32Array(1024).fill(-1);
    const visit = (id: number, key: number, onKey: (k: number, id: number) => void) => {
      let k = dense.get(key);
      if (k === undefined) {
        k = dense.size;
        dense.set(key, k);
        if (k === counts.length) {
          counts = grow(counts, 0);
          lastText = grow(lastText, -1);
        }
      }
      if (lastText[k] !== id) {
        lastText[k] = id;
        onKey(k, id);
      }
    };
    const eachKey = (onKey: (k: number, id: number) => void) => {
      for (let id = 0; id < n; id++) {
        const text = texts[id];
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          visit(id, c, onKey);
          if (i + 1 < text.length) visit(id, c * 65536 + text.charCodeAt(i + 1), onKey);
        }
      }
    };
    eachKey((k) => counts[k]++);
    // 2. Lay the lists out one after another, leaving out the frequent keys.
    const start = new Int32Array(dense.size + 1);
    let total = 0;
    for (const [key, k] of dense) {
      start[k] = total;
      if (counts[k] > maxList) this.frequent.add(key);
      else total += counts[k];
    }
    // 3. Fill them; ids come in ascending order, so every list is sorted.
    this.postings = new Int32Array(total);
    const fill = start.slice();
    lastText.fill(-1);
    const listed = new Uint8Array(dense.size);
    for (const [key, k] of dense) if (!this.frequent.has(key)) listed[k] = 1;
    eachKey((k, id) => {
      if (listed[k]) this.postings[fill[k]++] = id;
    });
    for (const [key, k] of dense) if (listed[k]) this.lists.set(key, { start: start[k], end: fill[k] });
  }

  /** Ids (ascending) of the texts that contain every term as a substring. */
  matching(terms: readonly string[]): number[] {
    // Candidates hold every key of every term; each is then checked against every term.
    const lists: { start: number; end: number }[] = [];
    for (const term of terms) {
      for (const key of keysOf(term)) {
        const list = this.lists.get(key);
        if (list) lists.push(list);
        // A key neither listed nor frequent is in no text at all.
        else if (!this.frequent.has(key)) return [];
      }
    }
    const holdsAll = (id: number) => terms.every((term) => this.texts[id].includes(term));
    const out: number[] = [];
    if (lists.length === 0) {
      for (let id = 0; id < this.texts.length; id++) if (holdsAll(id)) out.push(id);
      return out;
    }
    // Walk the shortest list and look each id up in the others (galloping over sorted lists).
    lists.sort((a, b) => a.end - a.start - (b.end - b.start));
    const cursors = lists.map((l) => l.start);
    const [shortest, ...others] = lists;
    next: for (let k = shortest.start; k < shortest.end; k++) {
      const id = this.postings[k];
      for (let j = 0; j < others.length; j++) {
        cursors[j + 1] = seek(this.postings, cursors[j + 1], others[j].end, id);
        if (cursors[j + 1] >= others[j].end) break next;
        if (this.postings[cursors[j + 1]] !== id) continue next;
      }
      if (holdsAll(id)) out.push(id);
    }
    return out;
  }
}

/** The distinct unigram and bigram keys of a term: a code unit c as c, a pair (a, b) as a·65536 + b (never < 65536). */
function keysOf(text: string): Set<number> {
  const keys = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    keys.add(c);
    if (i + 1 < text.length) keys.add(c * 65536 + text.charCodeAt(i + 1));
  }
  return keys;
}

/** The first position in postings[from, end) holding a value ≥ id (exponential then binary search). */
function seek(postings: Int32Array, from: number, end: number, id: number): number {
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
