import { expect, test } from 'vitest';
import { jsonDepth } from './geojson.ts';

test('nesting is counted outside strings only', () => {
  expect(jsonDepth('{"a":[1,[2]]}')).toBe(3);
  expect(jsonDepth('{"a":"[[[[{{{"}')).toBe(1);
  expect(jsonDepth('{"a":"\\"[[["}')).toBe(1);
  expect(jsonDepth('[]')).toBe(1);
});
