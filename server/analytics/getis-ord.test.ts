import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { giStar, giStarZ, hotspotClass } from './getis-ord.ts';
import { seededUniform } from './seeded-random.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../tests/fixtures/stats/${name}`, import.meta.url), 'utf8'));

/** Queen neighbours (edges and corners) of a rows × cols grid, row-major, without the cell itself. */
function queenGrid(rows: number, cols: number): number[][] {
  return Array.from({ length: rows * cols }, (_, i) => {
    const r = Math.floor(i / cols), c = i % cols;
    const out: number[] = [];
    for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
      const rr = r + dr, cc = c + dc;
      if ((dr || dc) && rr >= 0 && rr < rows && cc >= 0 && cc < cols) out.push(rr * cols + cc);
    }
    return out;
  });
}

/** Counts per cell of `points` uniform points over a rows × cols grid, plus `planted` extra points spread over `hotCells`. */
function scatter(rows: number, cols: number, points: number, seed: number, planted = 0, hotCells: number[] = []): number[] {
  const random = seededUniform(seed);
  const counts = new Array(rows * cols).fill(0);
  for (let i = 0; i < points; i++) counts[Math.floor(random() * rows * cols)]++;
  for (let i = 0; i < planted; i++) counts[hotCells[Math.floor(random() * hotCells.length)]]++;
  return counts;
}

describe('Getis-Ord Gi*', () => {
  test('z equals spdep::localG with include.self on a queen grid, to 1e-9', () => {
    const ref = fixture('gistar-grid.json');
    const z = giStarZ(ref.counts, ref.neighbours);
    ref.z.forEach((expected: number, i: number) => expect(Math.abs(z[i] - expected)).toBeLessThan(1e-9));
  });

  test('z equals spdep::localG with include.self on an irregular neighbour list, to 1e-9', () => {
    const ref = fixture('gistar-knn.json');
    const z = giStarZ(ref.counts, ref.neighbours);
    ref.z.forEach((expected: number, i: number) => expect(Math.abs(z[i] - expected)).toBeLessThan(1e-9));
  });

  test("the analytic p-value is R's two-sided normal p of the same z", () => {
    const ref = fixture('gistar-grid.json');
    const { pValue } = giStar(ref.counts, ref.neighbours, { permutations: 99, seed: 1 });
    ref.p_two_sided.forEach((expected: number, i: number) => expect(pValue[i]).toBeCloseTo(expected, 12));
  });

  test('a planted 3×3 cluster is found: its centre and most of its cells are hot spots after the FDR correction, and nothing is a 95 % cold spot', () => {
    const hotCells = [4, 5, 6].flatMap((r) => [4, 5, 6].map((c) => r * 12 + c));
    const counts = scatter(12, 12, 300, 3, 180, hotCells);
    // p_sim cannot go below 2/(permutations + 1); with 999 that floor, times BH's m/rank, keeps a
    // small map's strongest cells near the 90/95 % border, so the test uses 9999.
    const result = giStar(counts, queenGrid(12, 12), { permutations: 9999, seed: 2 });
    expect(['hot99', 'hot95']).toContain(result.classes[5 * 12 + 5]);
    // A corner of the block sees only 3 planted cells among its 8 neighbours, so most, not all, of the block is hot.
    expect(hotCells.filter((cell) => result.classes[cell].startsWith('hot')).length).toBeGreaterThanOrEqual(5);
    // The 90 % bin admits ~10 % false discoveries (q = 0.10), so only the stronger bins must hold no cold spot.
    expect(result.classes.filter((c) => c === 'cold95' || c === 'cold99')).toHaveLength(0);
  });

  test('random (CSR) counts are called hot or cold no more often than the significance level says', () => {
    const neighbours = queenGrid(10, 10);
    let rawBelow05 = 0, tests = 0, runsWithAnyFdrHit = 0;
    const runs = 60;
    for (let seed = 1; seed <= runs; seed++) {
      const { pSim, pFdr } = giStar(scatter(10, 10, 400, 1000 + seed), neighbours, { permutations: 199, seed });
      for (const p of pSim) rawBelow05 += p < 0.05 ? 1 : 0;
      tests += pSim.length;
      if (pFdr.some((p) => p < 0.05)) runsWithAnyFdrHit++;
    }
    // Per cell the pseudo p is valid (at most 5 % below 0.05, plus sampling error); per map, FDR keeps
    // the chance of any false hot spot near 5 % when nothing is there (plus binomial slack over 60 runs).
    expect(rawBelow05 / tests).toBeLessThan(0.065);
    expect(runsWithAnyFdrHit / runs).toBeLessThanOrEqual(0.15);
  });

  test('the FDR correction never flags more cells than raw p < 0.05 does', () => {
    const neighbours = queenGrid(12, 12);
    for (let seed = 1; seed <= 20; seed++) {
      const counts = scatter(12, 12, 300, seed, seed * 3, [13, 14, 25, 26, 100]);
      const r = giStar(counts, neighbours, { permutations: 199, seed });
      const flaggedFdr = Array.from(r.pFdr).filter((p) => p < 0.05).length;
      expect(flaggedFdr).toBeLessThanOrEqual(Array.from(r.pSim).filter((p) => p < 0.05).length);
      r.pFdr.forEach((p, i) => expect(p).toBeGreaterThanOrEqual(r.pSim[i]));
    }
  });

  test('the same seed gives the same pseudo p-values and another seed other ones', () => {
    const counts = scatter(8, 8, 200, 9, 30, [27, 28]);
    const a = giStar(counts, queenGrid(8, 8), { permutations: 199, seed: 5 });
    const b = giStar(counts, queenGrid(8, 8), { permutations: 199, seed: 5 });
    const c = giStar(counts, queenGrid(8, 8), { permutations: 199, seed: 6 });
    expect(Array.from(b.pSim)).toEqual(Array.from(a.pSim));
    expect(Array.from(c.pSim)).not.toEqual(Array.from(a.pSim));
  });

  test('constant counts give z 0 and no hot spots rather than NaN', () => {
    const r = giStar(new Array(25).fill(2), queenGrid(5, 5), { permutations: 99, seed: 1 });
    expect(Array.from(r.z).every((z) => z === 0)).toBe(true);
    expect(r.classes.every((c) => c === 'none')).toBe(true);
  });

  test('classes follow the adjusted p and the sign of z', () => {
    expect(hotspotClass(3, 0.005)).toBe('hot99');
    expect(hotspotClass(2.1, 0.03)).toBe('hot95');
    expect(hotspotClass(-1.8, 0.07)).toBe('cold90');
    expect(hotspotClass(-3, 0.2)).toBe('none');
  });
});
