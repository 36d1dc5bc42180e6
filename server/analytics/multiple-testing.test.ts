import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { benjaminiHochberg } from './multiple-testing.ts';

test("Benjamini–Hochberg adjusted p-values equal R's p.adjust(p, 'BH')", () => {
  const ref = JSON.parse(readFileSync(new URL('../../tests/fixtures/stats/bh-adjust.json', import.meta.url), 'utf8'));
  const adjusted = benjaminiHochberg(ref.p);
  ref.adjusted.forEach((expected: number, i: number) => expect(adjusted[i]).toBeCloseTo(expected, 14));
});

test('an empty list adjusts to an empty list', () => {
  expect(benjaminiHochberg([])).toHaveLength(0);
});
