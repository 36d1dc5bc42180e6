import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { splitGlyphBundle } from './glyph-pbf.ts';

const FONT = join(import.meta.dirname, '..', '..', 'geodata', 'glyphs', 'Noto Sans CJK SC Regular');
const range = (name: string) => new Uint8Array(readFileSync(join(FONT, `${name}.pbf`)));

test('a bundle of range PBFs back to back splits into the same range PBFs, byte for byte', () => {
  const latin = range('0-255');
  const han = range('24320-24575');
  const parts = splitGlyphBundle(new Uint8Array(Buffer.concat([latin, han])));
  expect([...parts.keys()]).toEqual([0, 24320]);
  expect(Buffer.compare(parts.get(0)!, latin)).toBe(0);
  expect(Buffer.compare(parts.get(24320)!, han)).toBe(0);
});

test('an empty bundle has no ranges', () => {
  expect(splitGlyphBundle(new Uint8Array(0)).size).toBe(0);
});
