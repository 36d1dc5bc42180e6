import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { glyphBundle, labelCharacters, labelCharactersByFont, subsetGlyphRange } from './glyph-subset.ts';

const RANGE = join(import.meta.dirname, '..', '..', 'geodata', 'glyphs', 'Noto Sans CJK SC Regular', '24320-24575.pbf');

/** Glyph ids of a range PBF, read the way MapLibre does (fontstack 1 → glyph 3 → id 1). */
async function glyphIds(buf: Uint8Array): Promise<number[]> {
  const { PbfReader } = await import('pbf');
  const ids: number[] = [];
  new PbfReader(buf).readFields((tag, _, p) => {
    if (tag !== 1) return;
    p.readMessage((t, __, q) => {
      if (t === 3) q.readMessage((f, ___, r) => { if (f === 1) ids.push(r.readVarint()); }, null);
    }, null);
  }, null);
  return ids;
}

test('a subset range keeps exactly the wanted glyphs, byte-for-byte readable', async () => {
  const full = readFileSync(RANGE);
  const all = await glyphIds(full);
  expect(all.length).toBeGreaterThan(50);
  const wanted = new Set([all[0], all[7]]);
  const subset = subsetGlyphRange(full, (c) => wanted.has(c));
  expect(await glyphIds(subset)).toEqual([all[0], all[7]]);
  expect(subset.length).toBeLessThan(full.length / 10);
});

test('keeping everything gives back the same bytes', () => {
  const full = readFileSync(RANGE);
  expect(Buffer.compare(subsetGlyphRange(full, () => true), full)).toBe(0);
});

test('label characters are every character of every string property, plus printable ASCII', () => {
  const chars = labelCharacters([{ features: [{ type: 'Feature', geometry: null as never, properties: { name_zh: '广州', count: 3 } }] }]);
  expect(chars.has('广'.codePointAt(0)!)).toBe(true);
  expect(chars.has('州'.codePointAt(0)!)).toBe(true);
  expect(chars.has('A'.codePointAt(0)!)).toBe(true);
  expect(chars.has('深'.codePointAt(0)!)).toBe(false);
});

test('each font stack gets the characters of the tile layers its own symbol layers label', () => {
  const feature = (name_zh: string) => ({ type: 'Feature' as const, geometry: null as never, properties: { name_zh } });
  const byFont = labelCharactersByFont(
    [
      { type: 'symbol', 'source-layer': 'city_label', layout: { 'text-font': ['Bold'] } },
      { type: 'symbol', 'source-layer': 'park_label', layout: { 'text-font': ['Regular'] } },
      { type: 'symbol', 'source-layer': 'town_label', layout: { 'text-font': ['Regular'] } },
      { type: 'fill', 'source-layer': 'water' }
    ],
    [
      { name: 'city_label', features: [feature('广州')] },
      { name: 'park_label', features: [feature('园区')] },
      { name: 'town_label', features: [feature('镇')] },
      { name: 'water', features: [feature('海')] }
    ]
  );
  const has = (font: string, ch: string) => byFont.get(font)!.has(ch.codePointAt(0)!);
  expect([...byFont.keys()].sort()).toEqual(['Bold', 'Regular']);
  expect(has('Bold', '广') && has('Bold', '7')).toBe(true);
  expect(has('Bold', '园')).toBe(false);
  expect(has('Regular', '园') && has('Regular', '镇')).toBe(true);
  expect(has('Regular', '广') || has('Regular', '海')).toBe(false);
});

test('a bundle holds the wanted glyphs of every range and leaves out ranges without one', async () => {
  const latin = readFileSync(join(RANGE, '..', '0-255.pbf'));
  const han = readFileSync(RANGE);
  const hanIds = await glyphIds(han);
  const wanted = new Set([65, 66, hanIds[3]]);
  const other = readFileSync(join(RANGE, '..', '19968-20223.pbf'));
  const bundle = glyphBundle([latin, han, other], (c) => wanted.has(c));
  expect(await glyphIds(bundle)).toEqual([65, 66, hanIds[3]]);
  expect(Buffer.compare(bundle, Buffer.concat([subsetGlyphRange(latin, (c) => wanted.has(c)), subsetGlyphRange(han, (c) => wanted.has(c))]))).toBe(0);
});
