import KDBush from 'kdbush';
import type { PointWindow } from './planar-window.ts';
import { progressEvery, runToEnd, type Progressive } from './progress.ts';
import { seededUniform } from './seeded-random.ts';

/** Simulations of complete spatial randomness (CSR) and the seed; limits the API enforces. */
export const RIPLEY_DEFAULTS = { simulations: 99, seed: 1, distances: 50 } as const;
export const RIPLEY_LIMITS = { minSimulations: 19, maxSimulations: 999 } as const;

export const EDGE_CORRECTION = {
  name: 'border',
  en: "border (reduced-sample) correction: a record serves as a centre at distance r only if it lies at least r inside the study area's edge (Ripley 1988; spatstat's correction = \"border\")",
  zh: '边界（缩减样本）校正：仅当记录距研究区边界至少 r 时，才在距离 r 上作为中心点（Ripley 1988；即 spatstat 的 correction = "border"）'
} as const;

/** Index of the first distance ≥ d in `r` (evenly spaced from 0), or r.length if none. */
function firstAtOrAbove(r: ArrayLike<number>, step: number, d: number): number {
  let k = Math.min(r.length, Math.max(0, Math.ceil(d / step)));
  while (k < r.length && r[k] < d) k++;
  while (k > 0 && r[k - 1] >= d) k--;
  return k;
}

/**
 * Besag's L(r) = √(K(r)/π) of a planar point pattern (interleaved [x, y, …], km) in `window`, with
 * Ripley's K under the border correction, at `distancesKm` (evenly spaced, starting at 0): the same
 * numbers as spatstat's `Lest(X, r, correction = "border")`. K(r) = Σᵢ Σⱼ≠ᵢ 1{dᵢⱼ ≤ r ≤ bᵢ} ÷ (λ · #{i: bᵢ ≥ r}),
 * bᵢ the distance from point i to the edge, λ = n ÷ area. NaN where no point is r inside the edge.
 */
export function besagL(xy: Float64Array, window: PointWindow, distancesKm: ArrayLike<number>): Float64Array {
  const n = xy.length / 2;
  const m = distancesKm.length;
  const rMax = distancesKm[m - 1];
  const step = m > 1 ? rMax / (m - 1) : 1;
  const out = new Float64Array(m).fill(NaN);
  if (n < 2) return out;
  const tree = new KDBush(n);
  for (let i = 0; i < n; i++) tree.add(xy[2 * i], xy[2 * i + 1]);
  tree.finish();
  // Differences: +1 where a pair starts counting (r ≥ dᵢⱼ), −1 where its centre stops serving (r > bᵢ).
  const pairs = new Float64Array(m + 1);
  const centres = new Float64Array(m + 1);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    const b = window.distanceToEdge(x, y, rMax + step);
    // The centre serves at every r ≤ bᵢ: up to the first distance above bᵢ.
    let stop = firstAtOrAbove(distancesKm, step, b);
    if (stop < m && distancesKm[stop] === b) stop++;
    centres[0]++;
    centres[stop]--;
    if (stop === 0) continue;
    for (const j of tree.within(x, y, Math.min(b, rMax))) {
      if (j === i) continue;
      const start = firstAtOrAbove(distancesKm, step, Math.hypot(xy[2 * j] - x, xy[2 * j + 1] - y));
      if (start >= stop) continue;
      pairs[start]++;
      pairs[stop]--;
    }
  }
  const lambda = n / window.areaKm2;
  let pairCount = 0, centreCount = 0;
  for (let k = 0; k < m; k++) {
    pairCount += pairs[k];
    centreCount += centres[k];
    if (centreCount > 0) out[k] = Math.sqrt(pairCount / (lambda * centreCount) / Math.PI);
  }
  return out;
}

export interface LEnvelope {
  distancesKm: number[];
  /** L(r) − r of the pattern (0 under CSR). */
  l: number[];
  /** Global (simultaneous) envelope of L(r) − r: ±the nrank-th largest maximum deviation among the simulations. */
  lower: number[];
  upper: number[];
  /** Pointwise envelope: at each r the nrank-th lowest and highest simulated L(r) − r. */
  pointwiseLower: number[];
  pointwiseUpper: number[];
  simulations: number;
  nrank: number;
  /** Significance of the global envelope test: nrank ÷ (simulations + 1). */
  alpha: number;
  /** Maximum-absolute-deviation test of CSR: (1 + simulations deviating at least as much) ÷ (simulations + 1). */
  pValue: number;
}

/**
 * L(r) − r of a pattern with Monte Carlo envelopes from `simulations` CSR patterns of the same
 * number of points drawn uniformly inside the window (seeded). The global envelope is the
 * maximum-absolute-deviation test (Ripley 1977; Baddeley et al. 2014, "On tests of spatial pattern
 * based on simulation envelopes", Ecol. Monogr. 84:477–489; spatstat `envelope(global = TRUE)`): the
 * pattern leaves it anywhere with probability alpha under CSR, so it may be read at every r at once.
 */
export function* lEnvelopeSteps(
  xy: Float64Array,
  window: PointWindow,
  distancesKm: readonly number[],
  { simulations, seed, nrank = Math.max(1, Math.round(0.05 * (simulations + 1))) }: { simulations: number; seed: number; nrank?: number }
): Progressive<LEnvelope> {
  const n = xy.length / 2;
  const m = distancesKm.length;
  const centred = (l: Float64Array) => Array.from(l, (v, k) => v - distancesKm[k]);
  const maxDeviation = (lr: number[]) => lr.reduce((d, v) => (Number.isFinite(v) ? Math.max(d, Math.abs(v)) : d), 0);
  const l = centred(besagL(xy, window, distancesKm));
  const random = seededUniform(seed);
  const simulated: number[][] = [];
  const every = progressEvery(simulations);
  for (let s = 0; s < simulations; s++) {
    simulated.push(centred(besagL(window.randomPoints(n, random), window, distancesKm)));
    if (s % every === 0) yield s / simulations;
  }
  const deviations = simulated.map(maxDeviation).sort((a, b) => b - a);
  const band = deviations[Math.min(nrank, simulations) - 1] ?? 0;
  const observed = maxDeviation(l);
  const pointwise = (k: number) => simulated.map((sim) => sim[k]).filter(Number.isFinite).sort((a, b) => a - b);
  const pointwiseLower: number[] = [], pointwiseUpper: number[] = [];
  for (let k = 0; k < m; k++) {
    const values = pointwise(k);
    pointwiseLower.push(values[Math.min(nrank, values.length) - 1] ?? NaN);
    pointwiseUpper.push(values[values.length - Math.min(nrank, values.length)] ?? NaN);
  }
  return {
    distancesKm: [...distancesKm],
    l,
    lower: distancesKm.map(() => -band),
    upper: distancesKm.map(() => band),
    pointwiseLower,
    pointwiseUpper,
    simulations,
    nrank,
    alpha: nrank / (simulations + 1),
    pValue: (1 + deviations.filter((d) => d >= observed).length) / (simulations + 1)
  };
}

/** The envelope without progress; see lEnvelopeSteps. */
export function lEnvelope(xy: Float64Array, window: PointWindow, distancesKm: readonly number[], options: { simulations: number; seed: number; nrank?: number }): LEnvelope {
  return runToEnd(lEnvelopeSteps(xy, window, distancesKm, options));
}
