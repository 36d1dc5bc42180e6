import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { poissonInterval } from './small-numbers.ts';

test("the exact Poisson interval equals R's poisson.test confidence interval", () => {
  const ref = JSON.parse(readFileSync(new URL('../../tests/fixtures/stats/poisson-interval.json', import.meta.url), 'utf8'));
  ref.counts.forEach((k: number, i: number) => {
    const [lower, upper] = poissonInterval(k);
    expect(lower).toBeCloseTo(ref.lower[i], 9);
    expect(upper).toBeCloseTo(ref.upper[i], 9);
  });
});

test('a negative or fractional count is refused', () => {
  expect(() => poissonInterval(-1)).toThrow(RangeError);
  expect(() => poissonInterval(1.5)).toThrow(RangeError);
});
