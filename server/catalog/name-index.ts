/**
 * A character n-gram index over normalised names: for a search term, the ids of the texts that
 * contain it as a substring, without reading every text. Chinese needs no word segmentation this
 * way (`腾讯` is the bigram 腾讯), and English works the same (`tencent` → te, en, nc, ce, …).
 *
 * Every character (unigram) and every pair of adjacent UTF-16 code units (bigram) of a text is a
 * key; a key lists the texts holding it (ascending ids). A term's candidates are the texts holding
 * all of its keys; each candidate is then checked with `includes`, so the answer is exactly the
 * substring search's. Keys held by more than 1/16 of the texts (`a`, `公司`, `organisation`'s
 * pairs) are not listed: they narrow little and would cost most of the memory; a term made only of
 * such keys is checked against every text (its answer is large anyway).
 */
export class NameIndex {
  /** Key → [start, end) into `postings`. */
  private readonly lists = new Map<number, { start: number; end: number }>();
  private readonly postings: Int32Array;
  /** Keys too common to list. */
  private readonly frequent = new Set<number>();

  constructor(private readonly texts: readonly string[]) {
    const n = texts.length;
    const maxList = Math.max(16, Math.ceil(n / 16));
    // 1. Count the texts that hold each key (each text counted once per key).
    const counts = new Map<number, number>();
    for (let id = 0; id < n; id++) for (const key of keysOf(texts[id])) counts.set(key, (counts.get(key) ?? 0) + 1);
    let total = 0;
    for (const [key, count] of counts) {
      if (count > maxList) {
        this.frequent.add(key);
        continue;
      }
      this.lists.set(key, { start: total, end: total });
      total += count;
    }
    // 2. Fill the lists; ids come in ascending order, so every list is sorted.
    this.postings = new Int32Array(total);
    for (let id = 0; id < n; id++) {
      for (const key of keysOf(texts[id])) {
        const list = this.lists.get(key);
        if (list) this.postings[list.end++] = id;
      }
    }
  }

  /** Ids (ascending) of the texts that contain every term as a substring. */
  matching(terms: readonly string[]): number[] {
    let ids: number[] | undefined;
    for (const term of terms) {
      ids = ids ? ids.filter((id) => this.texts[id].includes(term)) : this.matchingTerm(term);
      if (ids.length === 0) break;
    }
    return ids ?? [];
  }

  private matchingTerm(term: string): number[] {
    const lists: { start: number; end: number }[] = [];
    for (const key of keysOf(term)) {
      const list = this.lists.get(key);
      if (list) lists.push(list);
      // A key neither listed nor frequent is in no text at all.
      else if (!this.frequent.has(key)) return [];
    }
    const out: number[] = [];
    if (lists.length === 0) {
      for (let id = 0; id < this.texts.length; id++) if (this.texts[id].includes(term)) out.push(id);
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
      if (this.texts[id].includes(term)) out.push(id);
    }
    return out;
  }
}

/** The distinct unigram and bigram keys of a text: a code unit c as c, a pair (a, b) as a·65536 + b (never < 65536). */
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
