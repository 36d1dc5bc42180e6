import { expect, test } from 'vitest';
import { categoryColor, CATEGORICAL, HEX_RAMP, rampColor } from './palette.ts';

test('a category keeps its colour whatever order the keys come in', () => {
  expect(categoryColor('b', ['c', 'b', 'a'])).toEqual(categoryColor('b', ['a', 'b', 'c']));
  expect(categoryColor('a', ['a', 'b'])).not.toEqual(categoryColor('b', ['a', 'b']));
});

test('more categories than colours wrap around the palette', () => {
  const keys = Array.from({ length: CATEGORICAL.length + 1 }, (_, i) => `k${String(i).padStart(2, '0')}`);
  expect(categoryColor(keys.at(-1)!, keys)).toEqual(categoryColor(keys[0], keys));
});

test('ramp colours clamp at both ends and carry the alpha asked for', () => {
  expect(rampColor(HEX_RAMP, -5, 10)).toEqual(HEX_RAMP[0]);
  expect(rampColor(HEX_RAMP, 99, 10, 0.5)).toEqual([...HEX_RAMP.at(-1)!.slice(0, 3), 128]);
});
