/**
 * A character n-gram index over normalised names: for a search term, the ids of the texts that
 * contain it as a substring, without reading every text. Chinese needs no word segmentation this
 * way (`腾讯` is the bigram 腾讯), and English works the same (`tencent` → te, en, nc, ce, …).
 *
 * Every character (unigram) and every pair of adjacent UTF-16 code units (bigram) of a text is a
 * key. A key held by at most a quarter of the texts lists them (ascending ids); a key held by more
 * (`a`, `公司`, `organisation`'s pairs) gets a bitmap instead, an eighth of a byte per text where a
 * list would cost four bytes per holder. A term's candidates are the texts holding all of its
 * bigrams (a one-character term: its unigram): the shortest list is walked and the others are
 * looked up, or, when every key is frequent, the bitmaps are intersected a word at a time. A term of
 * one or two characters is its own key, so its candidates are its answer; a longer one is then
 * checked with `includes`, so the answer is exactly the substring search's. No query reads every text.
 * A type-ahead page (`page`) is counted in full but only its own ids are written out, and the exact
 * holders of a longer term searched alone are kept for the next search that repeats it.
 */
// Keys held by more texts than this share get a bitmap rather than a list (see above).
const MAX_LIST_SHARE = 1 / 4;
const NONE = -1;
// Longer terms whose holders are kept (`holders`): an eighth of a byte per text each, 2 MB in all at a million texts.
const HOLDERS_KEPT = 16;

/** Open addressing from a bigram key (a·65536 + b, any 32-bit value) to its dense number. */
class BigramTable {
  keys = new Uint32Array(1 << 16);
  ids = new Int32Array(1 << 16).fill(NONE);
  size = 0;

  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.ids[slot] !== NONE && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  /** The key's number, or NONE. */
  get(key: number): number {
    return this.ids[this.slotOf(key)];
  }

  /** The key's number, given the next free one (`next`) when it has none yet. */
  add(key: number, next: number): number {
    let slot = this.slotOf(key);
    if (this.ids[slot] !== NONE) return this.ids[slot];
    if ((this.size + 1) * 2 > this.keys.length) {
      this.grow();
      slot = this.slotOf(key);
    }
    this.keys[slot] = key;
    this.ids[slot] = next;
    this.size++;
    return next;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2).fill(NONE);
    for (let s = 0; s < keys.length; s++) {
      if (ids[s] === NONE) continue;
      const slot = this.slotOf(keys[s]);
      this.keys[slot] = keys[s];
      this.ids[slot] = ids[s];
    }
  }
}

function grown(array: Int32Array, fillValue: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2).fill(fillValue);
  bigger.set(array);
  return bigger;
}

export class NameIndex {
  /** Unigram (a UTF-16 code unit) → key number. */
  private readonly unigrams = new Int32Array(65536).fill(NONE);
  private readonly bigrams = new BigramTable();
  /** Key number → [listStart, listEnd) into `postings`, or its bitmap (`bitmapOf` ≥ 0). */
  private readonly listStart: Int32Array;
  private readonly listEnd: Int32Array;
  private readonly bitmapOf: Int32Array;
  private readonly postings: Int32Array;
  /** One bit per text for each frequent key, `words` 32-bit words each. */
  private readonly bitmaps: Uint32Array;
  private readonly words: number;
  /**
   * The exact holders of a few longer terms (one bit per text), kept from searches for that term
   * alone among frequent keys: what type-ahead asks before it adds a second term (`有限公司`, then
   * `有限公司 华`). A later search with the term reads its bits instead of every candidate's text.
   */
  private readonly holders = new Map<string, Uint32Array>();
  /** Candidate texts looked at by every search so far: tests check that a search does not read every text. */
  examined = 0;

  constructor(private readonly texts: readonly string[]) {
    const n = texts.length;
    const maxList = Math.max(16, Math.ceil(n * MAX_LIST_SHARE));
    this.words = Math.ceil(n / 32);
    // 1. Number the keys densely and count the texts holding each (a text counts once per key).
    let counts = new Int32Array(1 << 16);
    let lastText = new Int32Array(1 << 16).fill(NONE);
    let keyCount = 0;
    const numberOf = (unigram: number, bigram: number): number => {
      const k = bigram < 0 ? this.unigrams[unigram] : this.bigrams.get(bigram);
      if (k !== NONE) return k;
      if (keyCount === counts.length) {
        counts = grown(counts, 0);
        lastText = grown(lastText, NONE);
      }
      if (bigram < 0) this.unigrams[unigram] = keyCount;
      else this.bigrams.add(bigram, keyCount);
      return keyCount++;
    };
    for (let id = 0; id < n; id++) {
      const text = texts[id];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let k = numberOf(c, -1);
        if (lastText[k] !== id) (lastText[k] = id), counts[k]++;
        if (i + 1 < text.length) {
          k = numberOf(0, c * 65536 + text.charCodeAt(i + 1));
          if (lastText[k] !== id) (lastText[k] = id), counts[k]++;
        }
      }
    }
    // 2. Lay the lists out one after another; a frequent key gets a bitmap instead.
    this.listStart = new Int32Array(keyCount);
    this.listEnd = new Int32Array(keyCount);
    this.bitmapOf = new Int32Array(keyCount).fill(NONE);
    let total = 0;
    let frequent = 0;
    for (let k = 0; k < keyCount; k++) {
      if (counts[k] > maxList) this.bitmapOf[k] = frequent++;
      else {
        this.listStart[k] = this.listEnd[k] = total;
        total += counts[k];
      }
    }
    // 3. Fill them; ids come in ascending order, so every list is sorted.
    this.postings = new Int32Array(total);
    this.bitmaps = new Uint32Array(frequent * this.words);
    lastText.fill(NONE);
    const add = (k: number, id: number) => {
      if (lastText[k] === id) return;
      lastText[k] = id;
      const b = this.bitmapOf[k];
      if (b === NONE) this.postings[this.listEnd[k]++] = id;
      else this.bitmaps[b * this.words + (id >>> 5)] |= 1 << (id & 31);
    };
    for (let id = 0; id < n; id++) {
      const text = texts[id];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        add(this.unigrams[c], id);
        if (i + 1 < text.length) add(this.bigrams.get(c * 65536 + text.charCodeAt(i + 1)), id);
      }
    }
  }

  /** Ids (ascending) of the texts that contain every term as a substring. */
  matching(terms: readonly string[]): Uint32Array {
    return this.collect(terms, 0, Infinity).rows;
  }

  /**
   * How many texts contain every term, and the ids of the `limit` of them from the `offset`-th on (in
   * ascending id order, so the page of `matching`'s answer). A type-ahead page needs only those: the
   * ids past it are counted, not written out, and a run of 32 texts that need no reading is counted
   * a word at a time.
   */
  page(terms: readonly string[], offset: number, limit: number): { total: number; rows: Uint32Array } {
    return this.collect(terms, offset, offset + limit);
  }

  /** The number of texts holding every term, and the ids of those ranked [from, to) among them. */
  private collect(terms: readonly string[], from: number, to: number): { total: number; rows: Uint32Array } {
    const lists: number[] = [];
    const bitmaps: Uint32Array[] = [];
    // Terms of one or two characters are exactly their key; longer ones need their text read, unless their holders are known.
    const longer: string[] = [];
    for (const term of terms) {
      const known = this.holders.get(term);
      if (known) {
        // The most recently used term is forgotten last.
        this.holders.delete(term);
        this.holders.set(term, known);
        bitmaps.push(known);
        continue;
      }
      // The keys a term's holders must all have: its bigrams (a text holding ab holds a and b too), or a one-character term's unigram.
      const keys = term.length === 1 ? [this.unigrams[term.charCodeAt(0)]] : bigramsOf(term).map((key) => this.bigrams.get(key));
      for (const k of keys) {
        // A key with no number is in no text at all.
        if (k === NONE) return { total: 0, rows: new Uint32Array(0) };
        const b = this.bitmapOf[k];
        if (b === NONE) lists.push(k);
        else bitmaps.push(this.bitmaps.subarray(b * this.words, (b + 1) * this.words));
      }
      if (term.length > 2) longer.push(term);
    }
    let total = 0;
    let found = 0;
    if (lists.length === 0) {
      // A longer term alone, read in every candidate: its holders are this answer, worth keeping (see `holders`).
      const verified = terms.length === 1 && longer.length === 1 ? new Uint32Array(this.words) : undefined;
      // The answer is written straight into a typed array (a million ids for `a` are 4 MB, handed to the main thread without a copy).
      const out = new Uint32Array(Math.max(0, Math.min(to, this.texts.length) - from));
      const lastWord = this.words - 1;
      for (let w = 0; w < this.words; w++) {
        let word = 0xffffffff;
        for (let b = 0; b < bitmaps.length; b++) word &= bitmaps[b][w];
        // The last word's bits past the last text stand for no text.
        if (w === lastWord && this.texts.length % 32 !== 0) word &= 2 ** (this.texts.length % 32) - 1;
        if (word === 0) continue;
        if (longer.length === 0) {
          // Every bit is a match: a word wholly before or after the page is only counted.
          const bits = popcount(word);
          if (total + bits <= from || total >= to) {
            total += bits;
            continue;
          }
        }
        while (word !== 0) {
          const bit = 31 - Math.clz32(word & -word);
          word &= word - 1;
          const id = w * 32 + bit;
          this.examined++;
          if (longer.length === 0 || holdsAll(this.texts[id], longer)) {
            if (verified) verified[w] |= 1 << bit;
            if (total >= from && total < to) out[found++] = id;
            total++;
          }
        }
      }
      if (verified) this.keepHolders(longer[0], verified);
      return { total, rows: out.subarray(0, found) };
    }
    // Walk the shortest list and look each id up in the others (galloping over sorted lists).
    lists.sort((a, b) => this.listEnd[a] - this.listStart[a] - (this.listEnd[b] - this.listStart[b]));
    const [shortest, ...others] = lists;
    const out = new Uint32Array(Math.max(0, Math.min(to, this.listEnd[shortest] - this.listStart[shortest]) - from));
    const cursors = others.map((k) => this.listStart[k]);
    next: for (let p = this.listStart[shortest]; p < this.listEnd[shortest]; p++) {
      const id = this.postings[p];
      this.examined++;
      for (let j = 0; j < others.length; j++) {
        const end = this.listEnd[others[j]];
        cursors[j] = seek(this.postings, cursors[j], end, id);
        if (cursors[j] >= end) break next;
        if (this.postings[cursors[j]] !== id) continue next;
      }
      for (let b = 0; b < bitmaps.length; b++) if ((bitmaps[b][id >>> 5] & (1 << (id & 31))) === 0) continue next;
      if (longer.length > 0 && !holdsAll(this.texts[id], longer)) continue;
      if (total >= from && total < to) out[found++] = id;
      total++;
    }
    return { total, rows: out.subarray(0, found) };
  }

  private keepHolders(term: string, verified: Uint32Array): void {
    if (this.holders.size >= HOLDERS_KEPT) this.holders.delete(this.holders.keys().next().value!);
    this.holders.set(term, verified);
  }

  /**
   * Runs the search paths once on this index's own texts, so that V8 has compiled them before the
   * first real question: a path's first run over a million texts is interpreted, and took several
   * times as long as the next (the first type-ahead after each data change paid for it).
   */
  warmUp(): void {
    const sample = this.texts[this.texts.length >>> 1] ?? '';
    const probes = [sample.slice(0, 1), sample.slice(0, 6), sample.slice(-6), `${sample.slice(0, 4)} ${sample.slice(-3)}`];
    for (let round = 0; round < 3; round++) {
      for (const probe of probes) {
        const terms = probe.split(' ').filter(Boolean);
        if (terms.length === 0) continue;
        this.matching(terms);
        this.page(terms, 0, 10);
      }
    }
    // Holders are kept for what people search, not for these probes.
    this.holders.clear();
  }
}

/** Whether `text` holds every term. */
function holdsAll(text: string, terms: readonly string[]): boolean {
  for (let t = 0; t < terms.length; t++) if (!text.includes(terms[t])) return false;
  return true;
}

/** The number of set bits of a 32-bit word. */
function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** The distinct bigram keys of a term, a pair (a, b) as a·65536 + b. */
function bigramsOf(term: string): number[] {
  const keys = new Set<number>();
  for (let i = 0; i + 1 < term.length; i++) keys.add(term.charCodeAt(i) * 65536 + term.charCodeAt(i + 1));
  return [...keys];
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
