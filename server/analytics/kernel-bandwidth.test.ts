import { expect, test } from 'vitest';
import { KM_PER_DEG } from '../geo/geodesy.ts';
import { silvermanBandwidthKm } from './kernel-bandwidth.ts';

test('the spatial Silverman rule, worked by hand on a square of four points', () => {
  // Corners of a 2 km square on the equator: every point is √2 km from the mean centre, so SD = Dm = √2
  // and h = 0.9 · min(√2, √(1/ln 2)·√2) · 4^−0.2 = 0.9 · √2 · 4^−0.2.
  const d = 2 / KM_PER_DEG;
  const h = silvermanBandwidthKm([[0, 0], [d, 0], [0, d], [d, d]]);
  // (6 digits: the local plane's east–west scale is taken at the points' mean latitude, 0.009° here.)
  expect(h).toBeCloseTo(0.9 * Math.SQRT2 * 4 ** -0.2, 6);
});

test('the median term wins when a few far points inflate the standard distance', () => {
  const near = Array.from({ length: 20 }, (_, i) => [113 + (i % 5) * 0.001, 23 + Math.floor(i / 5) * 0.001]);
  const far = [[113.5, 23.5], [112.5, 22.5]];
  const withFar = silvermanBandwidthKm([...near, ...far])!;
  expect(withFar).toBeLessThan(5);
  expect(withFar).toBeGreaterThan(0);
});

test('no bandwidth from fewer than two points or from points all at one place', () => {
  expect(silvermanBandwidthKm([[113, 23]])).toBeNull();
  expect(silvermanBandwidthKm([[113, 23], [113, 23]])).toBeNull();
});
