import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PlanarWindow } from './planar-window.ts';
import { besagL, lEnvelope } from './ripley.ts';
import { seededUniform } from './seeded-random.ts';

const ref = JSON.parse(readFileSync(new URL('../../tests/fixtures/stats/lest-border.json', import.meta.url), 'utf8'));
// The fixture's pieces are [[x…], [y…]]; the window takes rings of [x, y].
const window = new PlanarWindow(ref.window.map(([xs, ys]: number[][]) => [xs.map((x, i) => [x, ys[i]])]));
const interleave = (xs: number[], ys: number[]) => Float64Array.from(xs.flatMap((x, i) => [x, ys[i]]));
const distances = (rMax: number, count: number) => Array.from({ length: count + 1 }, (_, k) => (k * rMax) / count);

describe("Besag's L with the border correction", () => {
  test('the window has the area spatstat gives it', () => {
    expect(window.areaKm2).toBeCloseTo(ref.cases[0].areaKm2, 9);
  });

  for (const c of ref.cases) {
    test(`L(r) equals spatstat's Lest(correction = "border") for the ${c.name} pattern`, () => {
      const l = besagL(interleave(c.x, c.y), window, c.r);
      c.l.forEach((expected: number | string, k: number) => {
        if (typeof expected !== 'number') expect(Number.isNaN(l[k])).toBe(true);
        else expect(Math.abs(l[k] - expected)).toBeLessThan(1e-9);
      });
    });
  }

  test('random points land inside the window and fill it evenly', () => {
    const xy = window.randomPoints(4000, seededUniform(3));
    let onIsland = 0;
    for (let i = 0; i < xy.length; i += 2) {
      expect(window.contains(xy[i], xy[i + 1])).toBe(true);
      if (xy[i] > 34) onIsland++;
    }
    // The island is 63 of the 543 km².
    expect(onIsland / 4000).toBeCloseTo(63 / 543, 1);
  });

  test('a clustered pattern is found: L(r) − r leaves the global envelope above', () => {
    const c = ref.cases.find((x: { name: string }) => x.name === 'clustered');
    const result = lEnvelope(interleave(c.x, c.y), window, distances(4, 40), { simulations: 39, seed: 1 });
    expect(result.pValue).toBeLessThanOrEqual(0.05);
    expect(result.l.some((v, k) => v > result.upper[k])).toBe(true);
  });

  test('CSR patterns leave the global envelope no more often than its significance level', () => {
    const runs = 60;
    let rejected = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const xy = window.randomPoints(120, seededUniform(500 + seed));
      const result = lEnvelope(xy, window, distances(4, 20), { simulations: 19, seed });
      expect(result.alpha).toBeCloseTo(0.05, 12);
      if (result.l.some((v, k) => v > result.upper[k] || v < result.lower[k])) rejected++;
    }
    // Exactly 5 % in expectation under CSR; 60 runs allow binomial slack up to ~11 %.
    expect(rejected / runs).toBeLessThanOrEqual(0.12);
  });
});
