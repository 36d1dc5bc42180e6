import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';

/**
 * Fewest records a city × sector cell needs before it may be starred or called a strong cluster.
 * With fewer than 5, the exact 95 % Poisson interval on the count spans more than a factor of 8
 * (5 → 1.6 … 11.7), so the LQ cannot tell a cluster from a couple of firms.
 */
export const MIN_STAR_COUNT = 5;

export const INTERVAL_RULE = {
  en: 'LQ interval: exact (Garwood) 95 % Poisson interval on the city × sector count, divided by the count expected from the city’s size and the sector’s regional share (the same numbers as R’s poisson.test); the region-wide shares are taken as known',
  zh: '区位商区间：对城市 × 行业计数取精确（Garwood）95% 泊松区间，再除以按城市规模和行业区域占比得到的期望计数（与 R 的 poisson.test 一致）；区域占比视为已知'
} as const;

/**
 * The exact (Garwood 1936) two-sided interval for a Poisson mean from one observed count, from gamma
 * quantiles: lower = Γ⁻¹(α/2; k, 1) (0 when k = 0), upper = Γ⁻¹(1 − α/2; k + 1, 1).
 */
export function poissonInterval(count: number, level = 0.95): [number, number] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer ≥ 0; got ${count}`);
  const alpha = 1 - level;
  return [count === 0 ? 0 : gammaQuantile(alpha / 2, count, 1), gammaQuantile(1 - alpha / 2, count + 1, 1)];
}
