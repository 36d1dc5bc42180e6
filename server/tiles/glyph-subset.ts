/**
 * Glyph subsetting: a 256-code-point SDF range (glyphs.proto of node-fontnik) cut down to the characters
 * the map's labels can draw. A Chinese range file holds ~150 glyphs, a label set uses a handful of them,
 * so the first view loads tens of kilobytes of glyphs instead of megabytes.
 */

/** Code points of every string property of the features the style labels, plus printable ASCII. */
export function labelCharacters(layers: { features: GeoJSON.Feature[] }[]): Set<number> {
  const chars = new Set<number>();
  for (let c = 32; c < 127; c++) chars.add(c);
  for (const layer of layers) {
    for (const f of layer.features) {
      for (const value of Object.values(f.properties ?? {})) {
        if (typeof value !== 'string') continue;
        for (const ch of value) chars.add(ch.codePointAt(0)!);
      }
    }
  }
  return chars;
}

function readVarint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, pos];
    shift += 7;
  }
}

function writeVarint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  out.push(value);
  return out;
}

interface Field {
  tag: number;
  /** the whole field: key, (length) and value */
  raw: Uint8Array;
  /** the payload of a length-delimited field */
  body?: Uint8Array;
  varint?: number;
}

/** The top-level fields of one protobuf message (wire types 0 and 2 only, as in glyphs.proto). */
function fields(buf: Uint8Array): Field[] {
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

const lengthDelimited = (tag: number, parts: Uint8Array[]): Uint8Array => {
  const length = parts.reduce((n, p) => n + p.length, 0);
  return Buffer.concat([Buffer.from([...writeVarint(tag * 8 + 2), ...writeVarint(length)]), ...parts]);
};

/** The range with only the glyphs whose code point `keep` accepts; names, range and metrics unchanged. */
export function subsetGlyphRange(pbf: Uint8Array, keep: (codePoint: number) => boolean): Buffer {
  const out: Uint8Array[] = [];
  for (const top of fields(pbf)) {
    if (top.tag !== 1 || !top.body) {
      out.push(top.raw);
      continue;
    }
    const kept = fields(top.body).filter((f) => {
      if (f.tag !== 3 || !f.body) return true;
      const id = fields(f.body).find((g) => g.tag === 1)?.varint;
      return id !== undefined && keep(id);
    });
    out.push(lengthDelimited(1, kept.map((f) => f.raw)));
  }
  return Buffer.concat(out);
}
