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
 * A type-ahead page (`page`) is counted in full but only its own ids are written out. A longer term
 * needs no reading when its exact holders are known: the register's most frequent phrases' are found
 * at build time, and those of a longer term searched alone are kept for the next search that repeats it.
 */
import { BigramTable, NONE } from './bigram-table.ts';
import { bigramsOf, popcount, seek } from './name-index-ops.ts';
import { frequentPhrases } from './frequent-phrases.ts';
import { SearchTexts, termPattern, type TermPattern } from './search-texts.ts';

// Keys held by more texts than this share get a bitmap rather than a list (see above).
const MAX_LIST_SHARE = 1 / 4;
// Longer terms whose holders are kept (`holders`): an eighth of a byte per text each, 2 MB in all at a million texts.
const HOLDERS_KEPT = 16;
// Frequent phrases whose holders are found at build time (`phrases`): 4 MB at a million texts.
const PHRASES_KEPT = 32;

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
  /**
   * The exact holders of the register's most frequent phrases (frequent-phrases.ts), found when the index
   * is built: a term that is one of them is read from its bits, even on its first search and beside other
   * terms (`合成机构 0`), where `holders` only helps a term once it was searched alone.
   */
  private readonly phrases = new Map<string, Uint32Array>();
  /** Candidate texts looked at by every search so far: tests check that a search does not read every text. */
  examined = 0;

  /** The texts, as UTF-8 (search-texts.ts): what a longer term's candidates are checked against. */
  private readonly texts: SearchTexts;

  /** An index of `texts` (strings are stored compactly and not kept; `SearchTexts.from` makes them one at a time). */
  constructor(texts: readonly string[] | SearchTexts, { phrasesKept = PHRASES_KEPT }: { phrasesKept?: number } = {}) {
    this.texts = texts instanceof SearchTexts ? texts : SearchTexts.from(texts.length, (id) => texts[id]);
    const n = this.texts.length;
    // One text's UTF-16 code units at a time.
    const units = new Uint16Array(this.texts.longest());
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
      const length = this.texts.unitsOf(id, units);
      for (let i = 0; i < length; i++) {
        const c = units[i];
        let k = numberOf(c, -1);
        if (lastText[k] !== id) (lastText[k] = id), counts[k]++;
        if (i + 1 < length) {
          k = numberOf(0, c * 65536 + units[i + 1]);
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
      const length = this.texts.unitsOf(id, units);
      for (let i = 0; i < length; i++) {
        const c = units[i];
        add(this.unigrams[c], id);
        if (i + 1 < length) add(this.bigrams.get(c * 65536 + units[i + 1]), id);
      }
    }
    // 4. The frequent phrases' holders, longest first: a text holding a longer phrase holds every phrase inside it, unread.
    for (const phrase of frequentPhrases(this.texts, MAX_LIST_SHARE, phrasesKept).sort((a, b) => b.length - a.length)) {
      const held = new Uint32Array(this.words);
      for (const [longer, bits] of this.phrases) if (longer.includes(phrase)) for (let w = 0; w < this.words; w++) held[w] |= bits[w];
      this.addHolders(phrase, held);
      this.phrases.set(phrase, held);
    }
  }

  /** Sets in `held` the bit of every other text holding `term` (≥ 2 characters): the texts holding all its pairs are read. */
  private addHolders(term: string, held: Uint32Array): void {
    const candidates = new Uint32Array(this.words).fill(-1 >>> 0);
    for (const k of bigramsOf(term).map((key) => this.bigrams.get(key))) {
      if (k === NONE) return;
      const b = this.bitmapOf[k];
      if (b !== NONE) {
        for (let w = 0; w < this.words; w++) candidates[w] &= this.bitmaps[b * this.words + w];
        continue;
      }
      const listed = new Uint32Array(this.words);
      for (let p = this.listStart[k]; p < this.listEnd[k]; p++) listed[this.postings[p] >>> 5] |= 1 << (this.postings[p] & 31);
      for (let w = 0; w < this.words; w++) candidates[w] &= listed[w];
    }
    const pattern = termPattern(term);
    for (let w = 0; w < this.words; w++) {
      let word = candidates[w] & ~held[w];
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        word &= word - 1;
        if (this.texts.holds(w * 32 + bit, term, pattern)) held[w] |= 1 << bit;
      }
    }
  }

  /** Bytes the texts take (search-texts.ts), for memory accounting. */
  get textBytes(): number {
    return this.texts.byteLength;
  }

  /** Bytes of each part of the index, for memory accounting (bench/memory-at-rest.bench.ts). */
  memoryParts(): NameIndexMemory {
    const bits = (kept: Map<string, Uint32Array>) => [...kept.values()].reduce((sum, b) => sum + b.byteLength, 0);
    return {
      texts: this.texts.byteLength,
      postings: this.postings.byteLength,
      bitmaps: this.bitmaps.byteLength,
      keys: this.unigrams.byteLength + this.bigrams.byteLength + this.listStart.byteLength + this.listEnd.byteLength + this.bitmapOf.byteLength,
      phrases: bits(this.phrases) + bits(this.holders)
    };
  }

  /** Ids (ascending) of the texts that contain every term as a substring. */
  matching(terms: readonly string[]): Uint32Array {
    return this.collect(terms, 0, this.texts.length).rows;
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
    const longer: LongerTerm[] = [];
    for (const term of terms) {
      const known = this.holders.get(term);
      if (known) {
        // The most recently used term is forgotten last.
        this.holders.delete(term);
        this.holders.set(term, known);
        bitmaps.push(known);
        continue;
      }
      const phrase = this.phrases.get(term);
      if (phrase) {
        bitmaps.push(phrase);
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
      if (term.length > 2) longer.push({ term, pattern: termPattern(term) });
    }
    if (lists.length > 0) return this.fromLists(lists, bitmaps, longer, from, to);
    // A longer term alone, read in every candidate: its holders are this answer, worth keeping (see `holders`).
    const verified = terms.length === 1 && longer.length === 1 ? new Uint32Array(this.words) : null;
    const answer = this.fromBitmaps(bitmaps, longer, verified, from, to);
    if (verified) this.keepHolders(longer[0].term, verified);
    return answer;
  }

  /** `collect` when every key is frequent: the bitmaps are intersected a word at a time; `verified` (if given) gets every match's bit. */
  private fromBitmaps(bitmaps: Uint32Array[], longer: LongerTerm[], verified: Uint32Array | null, from: number, to: number): { total: number; rows: Uint32Array } {
    // The answer is written straight into a typed array (a million ids for `a` are 4 MB, handed to the main thread without a copy).
    const out = new Uint32Array(Math.max(0, Math.min(to, this.texts.length) - from));
    let total = 0;
    let found = 0;
    const lastWord = this.words - 1;
    // The last word's bits past the last text stand for no text.
    const lastMask = this.texts.length % 32 === 0 ? -1 : 2 ** (this.texts.length % 32) - 1;
    for (let w = 0; w < this.words; w++) {
      let word = w === lastWord ? lastMask : -1;
      for (let b = 0; b < bitmaps.length; b++) word &= bitmaps[b][w];
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
        if (longer.length === 0 || this.holdsAll(id, longer)) {
          if (verified !== null) verified[w] |= 1 << bit;
          if (total >= from && total < to) out[found++] = id;
          total++;
        }
      }
    }
    return { total, rows: out.subarray(0, found) };
  }

  /** `collect` when some keys list their texts: the shortest list is walked and each id looked up in the other lists (galloping) and the bitmaps. */
  private fromLists(lists: number[], bitmaps: Uint32Array[], longer: LongerTerm[], from: number, to: number): { total: number; rows: Uint32Array } {
    lists.sort((a, b) => this.listEnd[a] - this.listStart[a] - (this.listEnd[b] - this.listStart[b]));
    const [shortest, ...others] = lists;
    const out = new Uint32Array(Math.max(0, Math.min(to, this.listEnd[shortest] - this.listStart[shortest]) - from));
    let total = 0;
    let found = 0;
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
      if (longer.length > 0 && !this.holdsAll(id, longer)) continue;
      if (total >= from && total < to) out[found++] = id;
      total++;
    }
    return { total, rows: out.subarray(0, found) };
  }

  /** Whether text `id` holds every term. */
  private holdsAll(id: number, terms: readonly LongerTerm[]): boolean {
    for (let t = 0; t < terms.length; t++) if (!this.texts.holds(id, terms[t].term, terms[t].pattern)) return false;
    return true;
  }

  private keepHolders(term: string, verified: Uint32Array): void {
    if (this.holders.size >= HOLDERS_KEPT) this.holders.delete(this.holders.keys().next().value!);
    this.holders.set(term, verified);
  }

  /**
   * Has V8 compile every search path before the first real question (a thread's first search ran its
   * loop over a million texts interpreted, several times slower than the next; and a path first met
   * later threw the compiled code away mid-search). Runs each path, in both answer modes, on a small
   * index of its own, so the real index's answers and kept holders are untouched.
   * V8 can still throw compiled code and its feedback away in a full GC (bytecode flushing): in the
   * search bench, a search right after a forced GC ran interpreted again (~120 ms instead of ~1 ms at a
   * million names). `node --no-flush-bytecode` prevents that; it is a flag of the whole process, which
   * a worker thread cannot set for itself.
   */
  static warmUp(): void {
    const texts = Array.from({ length: 512 }, (_, i) => `合成机构 ${i} | synthetic organisation ${i} | synthetic-${i}`);
    // Without phrases the probes below take the paths that read names; with them, those that read a phrase's bits.
    for (const index of [new NameIndex(texts, { phrasesKept: 0 }), new NameIndex(texts)]) {
      // Bitmaps only; a longer term alone (holders kept); bitmaps and a longer term; lists; lists, bitmaps and longer terms; a key in no text.
      const probes = [['合'], ['合成机构'], ['合成机构', '1'], ['12'], ['synthetic-12'], ['organisation', '123'], ['zz']];
      for (let round = 0; round < 200; round++) {
        index.holders.clear();
        for (const terms of probes) {
          index.matching(terms);
          index.page(terms, 0, 10);
          index.page(terms, 5, 3);
        }
        // With a longer term's holders kept (`合成机构` above).
        index.page(['合成机构', '1'], 0, 10);
      }
    }
  }
}

/** Bytes of a name index's parts: texts, postings lists, bitmaps of frequent keys, key tables, and the exact holders of phrases and kept terms. */
export type NameIndexMemory = Record<'texts' | 'postings' | 'bitmaps' | 'keys' | 'phrases', number>;

/** A term of three or more characters, with what `SearchTexts.holds` looks for. */
interface LongerTerm {
  term: string;
  pattern: TermPattern | null;
}
