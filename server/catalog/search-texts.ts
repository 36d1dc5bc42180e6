/**
 * The name index's search texts, kept as UTF-8 bytes in one buffer instead of a JavaScript string
 * each. A register's texts are mostly Latin letters and digits with a few Chinese characters, so a
 * string each costs two bytes a character (one Chinese character makes the whole string two-byte)
 * plus a header; here most characters take one byte, a Chinese one three: at a million synthetic
 * names ~65 MB instead of ~140 MB.
 *
 * A lone surrogate (not valid UTF-16, but possible in a JavaScript string) is stored as its own
 * three bytes (WTF-8) so that every text's code units come back exactly. UTF-8 is self-synchronising:
 * the bytes of a well-formed term occur in a text's bytes exactly where the term occurs in the text,
 * so `holds` is `includes` without decoding; a term that is not well-formed is checked on the decoded text.
 */

/** Appends the WTF-8 bytes of `text` to `out` from `at` (room for 3 bytes a code unit is the caller's); returns the end. */
function encodeInto(text: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[at++] = c;
    else if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const point = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      out[at++] = 0xf0 | (point >> 18);
      out[at++] = 0x80 | ((point >> 12) & 0x3f);
      out[at++] = 0x80 | ((point >> 6) & 0x3f);
      out[at++] = 0x80 | (point & 0x3f);
    } else {
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
    }
  }
  return at;
}

/**
 * What `holds` looks for: a term's WTF-8 bytes, and for each byte value how far the search may move on
 * when the byte under the term's last one is that value (Horspool's rule: a term of several bytes is
 * looked for a few bytes at a time). Null when the term is not well-formed UTF-16.
 */
export interface TermPattern {
  bytes: Uint8Array;
  shift: Uint8Array;
}

export function termPattern(term: string): TermPattern | null {
  const bytes = termBytes(term);
  if (bytes === null) return null;
  const m = bytes.length;
  // A shift of at most 255 (a term of more bytes moves on by 255 at most: slower, still exact).
  const shift = new Uint8Array(256).fill(Math.min(255, Math.max(1, m)));
  for (let j = Math.max(0, m - 256); j < m - 1; j++) shift[bytes[j]] = m - 1 - j;
  return { bytes, shift };
}

/** A term's WTF-8 bytes, or null when the term is not well-formed UTF-16. */
export function termBytes(term: string): Uint8Array | null {
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c < 0xd800 || c >= 0xe000) continue;
    if (c >= 0xdc00 || i + 1 >= term.length || (term.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) return null;
    i++;
  }
  const out = new Uint8Array(term.length * 3);
  return out.slice(0, encodeInto(term, out, 0));
}

export class SearchTexts {
  /** Text `id` is bytes[ends[id - 1], ends[id]) (from 0 for the first). */
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly ends: Uint32Array
  ) {}

  /** The texts `textOf(0)` … `textOf(count - 1)`, each made, stored and let go in turn (no array of strings is kept). */
  static from(count: number, textOf: (id: number) => string): SearchTexts {
    let bytes = new Uint8Array(Math.max(1024, count * 64));
    const ends = new Uint32Array(count);
    let used = 0;
    for (let id = 0; id < count; id++) {
      const text = textOf(id);
      if (used + text.length * 3 > bytes.length) {
        const bigger = new Uint8Array(Math.max(bytes.length * 2, used + text.length * 3));
        bigger.set(bytes.subarray(0, used));
        bytes = bigger;
      }
      used = encodeInto(text, bytes, used);
      ends[id] = used;
    }
    return new SearchTexts(bytes.slice(0, used), ends);
  }

  get length(): number {
    return this.ends.length;
  }

  /** Bytes held, for memory accounting. */
  get byteLength(): number {
    return this.bytes.byteLength + this.ends.byteLength;
  }

  /** Writes text `id`'s UTF-16 code units into `out` (at least 1 unit per byte of the text); returns how many. */
  unitsOf(id: number, out: Uint16Array): number {
    const bytes = this.bytes;
    const end = this.ends[id];
    let n = 0;
    for (let i = id === 0 ? 0 : this.ends[id - 1]; i < end; ) {
      const lead = bytes[i];
      if (lead < 0x80) {
        out[n++] = lead;
        i += 1;
      } else if (lead < 0xe0) {
        out[n++] = ((lead & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
        i += 2;
      } else if (lead < 0xf0) {
        out[n++] = ((lead & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
        i += 3;
      } else {
        const point = (((lead & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f)) - 0x10000;
        out[n++] = 0xd800 + (point >> 10);
        out[n++] = 0xdc00 + (point & 0x3ff);
        i += 4;
      }
    }
    return n;
  }

  /** The longest text's length in bytes (a `unitsOf` buffer this long always has room). */
  longest(): number {
    let max = 0;
    for (let id = 0; id < this.ends.length; id++) max = Math.max(max, this.ends[id] - (id === 0 ? 0 : this.ends[id - 1]));
    return max;
  }

  /** Text `id` as a string. */
  at(id: number): string {
    const units = new Uint16Array(this.ends[id] - (id === 0 ? 0 : this.ends[id - 1]));
    const n = this.unitsOf(id, units);
    let text = '';
    // In slices, to stay within the argument count a call may take.
    for (let i = 0; i < n; i += 4096) text += String.fromCharCode(...units.subarray(i, Math.min(n, i + 4096)));
    return text;
  }

  /** Whether text `id` contains `term`, given as `termPattern(term)` (`pattern`): `at(id).includes(term)`, mostly without decoding. */
  holds(id: number, term: string, pattern: TermPattern | null): boolean {
    if (pattern === null) return this.at(id).includes(term);
    return occurs(this.bytes, id === 0 ? 0 : this.ends[id - 1], this.ends[id], pattern.bytes, pattern.shift);
  }
}

/** Whether `needle` occurs in `haystack[from, end)` (Horspool: the window moves by `shift` of the byte under its last byte). */
function occurs(haystack: Uint8Array, from: number, end: number, needle: Uint8Array, shift: Uint8Array): boolean {
  const m = needle.length;
  if (m === 0) return true;
  const lastByte = needle[m - 1];
  for (let i = from + m - 1; i < end; i += shift[haystack[i]]) {
    if (haystack[i] !== lastByte) continue;
    let j = m - 2;
    while (j >= 0 && haystack[i - m + 1 + j] === needle[j]) j--;
    if (j < 0) return true;
  }
  return false;
}
