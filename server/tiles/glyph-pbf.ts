/**
 * Reading glyph PBFs (glyphs.proto of node-fontnik: `glyphs { repeated fontstack stacks = 1 }`,
 * `fontstack { name = 1; range = 2; repeated glyph glyphs = 3 }`, `glyph { id = 1; … }`) field by field,
 * without decoding the bitmaps. Plain Uint8Array, so the server (subsetting, bundling) and the browser
 * (splitting a bundle back into ranges) share it.
 */

export function readVarint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, pos];
    shift += 7;
  }
}

export interface Field {
  tag: number;
  /** the whole field: key, (length) and value */
  raw: Uint8Array;
  /** the payload of a length-delimited field */
  body?: Uint8Array;
  varint?: number;
}

/** The top-level fields of one protobuf message (wire types 0 and 2 only, as in glyphs.proto). */
export function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const start = pos;
    const [key, afterKey] = readVarint(buf, pos);
    const tag = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      const [varint, next] = readVarint(buf, afterKey);
      out.push({ tag, raw: buf.subarray(start, next), varint });
      pos = next;
    } else if (wire === 2) {
      const [length, bodyAt] = readVarint(buf, afterKey);
      out.push({ tag, raw: buf.subarray(start, bodyAt + length), body: buf.subarray(bodyAt, bodyAt + length) });
      pos = bodyAt + length;
    } else {
      throw new Error(`glyph PBF: unexpected wire type ${wire} for field ${tag}`);
    }
  }
  return out;
}

/**
 * A bundle (several range PBFs back to back: one `glyphs` message with one `fontstack` per range)
 * split back into one glyph PBF per 256-code-point range, keyed by the range's first code point.
 * Each part is the bundle's own bytes for that fontstack, so MapLibre reads it as it reads a range file.
 */
export function splitGlyphBundle(bundle: Uint8Array): Map<number, Uint8Array> {
  const ranges = new Map<number, Uint8Array>();
  for (const stack of fields(bundle)) {
    if (stack.tag !== 1 || !stack.body) continue;
    const range = fields(stack.body).find((f) => f.tag === 2 && f.body);
    const start = range ? Number(new TextDecoder().decode(range.body).split('-')[0]) : NaN;
    if (Number.isInteger(start) && start % 256 === 0) ranges.set(start, stack.raw);
  }
  return ranges;
}
