import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { labelCharacters, subsetGlyphRange } from './glyph-subset.ts';

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
