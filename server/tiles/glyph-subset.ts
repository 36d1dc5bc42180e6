import { fields } from './glyph-pbf.ts';

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

function writeVarint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  out.push(value);
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

/** A style layer as far as labels go: which tile layer it reads and which font stack it draws with. */
interface LabelLayer {
  type: string;
  'source-layer'?: string;
  layout?: object;
}

/**
 * Per font stack (the `{fontstack}` of a glyph URL), the characters the style's symbol layers in that
 * stack can draw: every string of the tile layers they read, plus printable ASCII (counts, digits).
 * Per stack, because the bold stack labels only the cities: its bundle need not carry every park name.
 */
export function labelCharactersByFont(
  styleLayers: readonly LabelLayer[],
  tileLayers: readonly { name: string; features: GeoJSON.Feature[] }[]
): Map<string, Set<number>> {
  const byFont = new Map<string, Set<number>>();
  for (const layer of styleLayers) {
    const font = (layer.layout as { 'text-font'?: unknown } | undefined)?.['text-font'];
    if (layer.type !== 'symbol' || !Array.isArray(font) || !font.every((f) => typeof f === 'string')) continue;
    const stack = font.join(',');
    const chars = labelCharacters(tileLayers.filter((t) => t.name === layer['source-layer']));
    const known = byFont.get(stack);
    byFont.set(stack, known ? new Set([...known, ...chars]) : chars);
  }
  return byFont;
}

/**
 * One glyph PBF holding every wanted glyph of a font: the ranges' subsets back to back (a `glyphs`
 * message with one `fontstack` per range, as glyphs.proto allows), ranges without a wanted glyph left
 * out. One request then brings all the labels' glyphs instead of one request per 256-character range.
 */
export function glyphBundle(ranges: readonly Uint8Array[], keep: (codePoint: number) => boolean): Buffer {
  const hasGlyph = (pbf: Uint8Array) => fields(pbf).some((stack) => stack.tag === 1 && stack.body && fields(stack.body).some((f) => f.tag === 3));
  return Buffer.concat(ranges.map((range) => subsetGlyphRange(range, keep)).filter(hasGlyph));
}
