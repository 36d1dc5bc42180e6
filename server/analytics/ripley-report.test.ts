import { expect, test } from 'vitest';
import { readEnvelope } from './ripley-report.ts';
import type { LEnvelope } from './ripley.ts';

const envelope = (l: number[], band: number): LEnvelope => ({
  distancesKm: l.map((_, k) => k * 0.5),
  l,
  lower: l.map(() => -band),
  upper: l.map(() => band),
  pointwiseLower: l.map(() => -band),
  pointwiseUpper: l.map(() => band),
  simulations: 99,
  nrank: 5,
  alpha: 0.05,
  pValue: 0.01
});

test('reads the distances where L(r) − r is above the envelope as clustered, in both languages', () => {
  const { pattern, reading } = readEnvelope(envelope([0, 0.9, 1.2, 1.1, 0.2, 0.1], 0.5));
  expect(pattern).toBe('clustered');
  expect(reading.en).toBe('clustered at 0.50–1.5 km, beyond the 95 % global envelope of 99 CSR simulations, p = 0.010');
  expect(reading.zh).toContain('显著集聚');
});

test('reads a curve inside the envelope as no departure from randomness', () => {
  const { pattern, reading } = readEnvelope(envelope([0, 0.1, -0.2, 0.3], 0.5));
  expect(pattern).toBe('random');
  expect(reading.en).toContain('no departure from complete spatial randomness up to 1.5 km');
});

test('says mixed when the curve leaves the envelope on both sides', () => {
  expect(readEnvelope(envelope([0, 0.9, 0, -0.8], 0.5)).pattern).toBe('mixed');
});
