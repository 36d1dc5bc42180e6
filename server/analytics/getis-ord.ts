import erfc from '@stdlib/math-base-special-erfc';
import { benjaminiHochberg } from './multiple-testing.ts';
import { progressEvery, runToEnd, type Progressive } from './progress.ts';
import { seededUniform } from './seeded-random.ts';

export const HOTSPOT_CLASSES = ['hot99', 'hot95', 'hot90', 'cold99', 'cold95', 'cold90', 'none'] as const;
export type HotspotClass = (typeof HOTSPOT_CLASSES)[number];

/** Permutations for the pseudo p-value and the PRNG seed; limits the API enforces. */
export const GI_STAR_DEFAULTS = { permutations: 999, seed: 1 } as const;
export const GI_STAR_LIMITS = { minPermutations: 99, maxPermutations: 9999 } as const;

/**
 * How cells are classed: the Benjamini–Hochberg adjusted permutation p-value below 0.01, 0.05 or
 * 0.10 gives the 99, 95 or 90 % bin, the sign of z says hot or cold (ArcGIS Hot Spot Analysis's bins,
 * with its false-discovery-rate option).
 */
export const HOTSPOT_RULE = {
  en: 'Getis-Ord Gi* (the cell and its edge neighbours, binary weights, the cell itself included); p_value: two-sided, standard normal; p_sim: two-sided conditional-permutation pseudo p-value, 2·(1 + fewer of the permuted sums at-or-above / at-or-below the observed) ÷ (permutations + 1), capped at 1; p_fdr: Benjamini–Hochberg over all cells of p_sim; class hot/cold 99, 95, 90 where p_fdr < 0.01, 0.05, 0.10, by the sign of gi_z; p_sim cannot go below 2/(permutations + 1), so maps of many cells need more permutations to reach the 99 % bin',
  zh: 'Getis-Ord Gi*（单元及其共边邻居，二元权重，含单元自身）；p_value：标准正态双侧 p 值；p_sim：条件置换伪 p 值（双侧），2 ×（1 + 置换和不低于／不高于观测值的较少者）÷（置换次数 + 1），上限为 1；p_fdr：对全部单元的 p_sim 做 Benjamini–Hochberg 校正；p_fdr < 0.01、0.05、0.10 时按 gi_z 的正负分为热点／冷点 99%、95%、90%；p_sim 不会低于 2/(置换次数 + 1)，单元很多时需更多置换才能达到 99% 档'
} as const;

export interface GiStarOptions {
  permutations: number;
  seed: number;
}

export interface GiStarResult {
  z: Float64Array;
  /** Two-sided p of z under the standard normal. */
  pValue: Float64Array;
  /** Two-sided conditional-permutation pseudo p-value. */
  pSim: Float64Array;
  /** Benjamini–Hochberg adjusted pSim. */
  pFdr: Float64Array;
  classes: HotspotClass[];
}

/** Two-sided p-value of a standard normal z, accurate far into the tails. */
export const twoSidedNormalP = (z: number): number => erfc(Math.abs(z) / Math.SQRT2);

/**
 * Getis-Ord Gi* z-scores (Getis & Ord 1992; Ord & Getis 1995) with binary weights over each cell and
 * its `neighbours` (given without the cell itself, which is always included): the same numbers as R's
 * `spdep::localG(x, nb2listw(include.self(nb), style = "B"))`. Where the values do not vary, z is 0.
 */
export function giStarZ(values: ArrayLike<number>, neighbours: readonly ArrayLike<number>[]): Float64Array {
  const n = values.length;
  if (neighbours.length !== n) throw new RangeError(`need one neighbour list per value; got ${neighbours.length} for ${n}`);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const sd = Math.sqrt(squares / n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const list = neighbours[i];
    let lag = values[i];
    for (let k = 0; k < list.length; k++) lag += values[list[k]];
    const weights = list.length + 1;
    const variance = (sd * sd * (n * weights - weights * weights)) / (n - 1);
    z[i] = variance > 0 ? (lag - weights * mean) / Math.sqrt(variance) : 0;
  }
  return z;
}

/** The hot/cold bin of a cell from its z and adjusted p. */
export function hotspotClass(z: number, pFdr: number): HotspotClass {
  if (!(pFdr < 0.1) || z === 0) return 'none';
  const side = z > 0 ? 'hot' : 'cold';
  return `${side}${pFdr < 0.01 ? 99 : pFdr < 0.05 ? 95 : 90}` as HotspotClass;
}

/**
 * Gi* for every cell with its analytic p, a conditional-permutation pseudo p-value (each cell keeps
 * its own value; its neighbours' values are drawn without replacement from all other cells, as
 * PySAL's esda and GeoDa do), the Benjamini–Hochberg adjustment over all cells and the class.
 * Values must be finite; the draws table has permutations × (most neighbours) entries.
 */
export function* giStarSteps(values: ArrayLike<number>, neighbours: readonly ArrayLike<number>[], options: GiStarOptions): Progressive<GiStarResult> {
  const { permutations } = options;
  if (!Number.isInteger(permutations) || permutations < 1) throw new RangeError(`permutations must be an integer ≥ 1; got ${permutations}`);
  const n = values.length;
  const z = giStarZ(values, neighbours);
  const pValue = z.map(twoSidedNormalP);
  const pSim = new Float64Array(n).fill(1);
  // One seeded table of draws serves every cell, as PySAL's esda does: row p holds kMax distinct
  // indices into the n − 1 other cells; for cell i an index j ≥ i stands for cell j + 1, so each row
  // is a uniform random subset of the cells other than i. Each cell's p_sim is exact; the cells'
  // Monte Carlo errors are correlated, which FDR (valid under positive dependence) tolerates.
  let kMax = 0;
  for (const list of neighbours) kMax = Math.max(kMax, list.length);
  kMax = Math.min(kMax, n - 1);
  const draws = new Int32Array(permutations * kMax);
  const random = seededUniform(options.seed);
  const pool = Int32Array.from({ length: Math.max(0, n - 1) }, (_, j) => j);
  for (let p = 0; p < permutations; p++) {
    for (let t = 0; t < kMax; t++) {
      const r = t + Math.floor(random() * (n - 1 - t));
      const held = pool[t];
      pool[t] = pool[r];
      pool[r] = held;
      draws[p * kMax + t] = pool[t];
    }
  }
  yield 0.1;
  const every = progressEvery(n);
  for (let i = 0; i < n; i++) {
    const list = neighbours[i];
    const k = list.length;
    if (k === 0 || k >= n - 1 || z[i] === 0) continue;
    let observed = 0;
    for (let t = 0; t < k; t++) observed += values[list[t]];
    const tolerance = 1e-9 * Math.max(1, Math.abs(observed));
    let atOrAbove = 0, atOrBelow = 0;
    for (let p = 0, row = 0; p < permutations; p++, row += kMax) {
      let drawn = 0;
      for (let t = 0; t < k; t++) {
        const j = draws[row + t];
        drawn += values[j >= i ? j + 1 : j];
      }
      if (drawn >= observed - tolerance) atOrAbove++;
      if (drawn <= observed + tolerance) atOrBelow++;
    }
    pSim[i] = Math.min(1, (2 * (Math.min(atOrAbove, atOrBelow) + 1)) / (permutations + 1));
    if (i % every === 0) yield 0.1 + 0.85 * (i / n);
  }
  const pFdr = benjaminiHochberg(pSim);
  const classes = Array.from(z, (zi, i) => hotspotClass(zi, pFdr[i]));
  return { z, pValue, pSim, pFdr, classes };
}

/** Gi* without progress; see giStarSteps. */
export function giStar(values: ArrayLike<number>, neighbours: readonly ArrayLike<number>[], options: GiStarOptions): GiStarResult {
  return runToEnd(giStarSteps(values, neighbours, options));
}
