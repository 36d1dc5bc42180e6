import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CRITERIA, roundToTotal, scorePlaces, type PlaceValues, type RawValues, type Weights } from './suitability.ts';

const weights = (w: Partial<Weights> = {}): Weights => ({ organizations: 1, research: 1, platforms: 1, airport: 1, port: 1, specialisation: 1, area: 1, ...w });
const raw = (r: Partial<RawValues> = {}): RawValues => ({ organizations: 0, research: 0, platforms: 0, airport: 10, port: 10, specialisation: 1, area: 10, ...r });
const place = (id: string, r: Partial<RawValues>): PlaceValues => ({ id, raw: raw(r) });
const sumOfParts = (p: { parts: { points: number }[] }) => Math.round(p.parts.reduce((s, x) => s + x.points, 0) * 10) / 10;

const rawArb = fc.record(Object.fromEntries(CRITERIA.map((c) => [c, fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null, freq: 5 })])) as Record<keyof RawValues, fc.Arbitrary<number | null>>);
const weightsArb = fc
  .record(Object.fromEntries(CRITERIA.map((c) => [c, fc.integer({ min: 0, max: 5 })])) as Record<keyof Weights, fc.Arbitrary<number>>)
  .filter((w) => Object.values(w).some((v) => v > 0));

describe('scorePlaces', () => {
  test('the parts of every score add up exactly to the score, and scores stay within 0–100', () => {
    fc.assert(
      fc.property(fc.array(rawArb, { minLength: 1, maxLength: 12 }), weightsArb, (raws, w) => {
        const { places } = scorePlaces(raws.map((r, i) => ({ id: `p${i}`, raw: r })), w);
        for (const p of places) {
          if (p.score === null) continue;
          expect(sumOfParts(p)).toBe(p.score);
          expect(p.score).toBeGreaterThanOrEqual(0);
          expect(p.score).toBeLessThanOrEqual(100);
        }
      })
    );
  });

  test('more organisations nearby never lowers a place’s score', () => {
    fc.assert(
      fc.property(fc.array(rawArb, { minLength: 2, maxLength: 8 }), weightsArb, fc.double({ min: 0, max: 500, noNaN: true }), (raws, w, extra) => {
        const before = scorePlaces(raws.map((r, i) => ({ id: `p${i}`, raw: r })), w).places.find((p) => p.id === 'p0')!;
        const bumped = raws.map((r, i) => (i === 0 && r.organizations !== null ? { ...r, organizations: r.organizations + extra } : r));
        const after = scorePlaces(bumped.map((r, i) => ({ id: `p${i}`, raw: r })), w).places.find((p) => p.id === 'p0')!;
        if (before.score !== null && after.score !== null) expect(after.score).toBeGreaterThanOrEqual(before.score - 0.1);
      })
    );
  });

  test('normalises min–max: the best place on the only weighted criterion scores 100, the worst 0', () => {
    const { places } = scorePlaces([place('a', { research: 2 }), place('b', { research: 6 }), place('c', { research: 4 })], weights({ organizations: 0, platforms: 0, airport: 0, port: 0, specialisation: 0, area: 0 }));
    expect(places.map((p) => [p.id, p.score, p.rank])).toEqual([['b', 100, 1], ['c', 50, 2], ['a', 0, 3]]);
  });

  test('distances count in reverse: the nearest airport scores best', () => {
    const { places } = scorePlaces([place('far', { airport: 40 }), place('near', { airport: 5 })], weights({ organizations: 0, research: 0, platforms: 0, port: 0, specialisation: 0, area: 0 }));
    expect(places[0]).toMatchObject({ id: 'near', score: 100 });
  });

  test('a missing area is shown as missing, not zero, and its weight goes to the other criteria', () => {
    const w = weights({ organizations: 0, platforms: 0, port: 0, specialisation: 0, research: 1, airport: 0, area: 3 });
    const { places } = scorePlaces([place('known', { research: 1, area: 5 }), place('unknown', { research: 9, area: null }), place('big', { research: 5, area: 50 })], w);
    const unknown = places.find((p) => p.id === 'unknown')!;
    const area = unknown.parts.find((p) => p.criterion === 'area')!;
    expect(area).toMatchObject({ status: 'missing', raw: null, normalised: null, points: 0 });
    expect(unknown.weight_redistributed).toBe(true);
    // Best on research, the only criterion it has: the whole score comes from it.
    expect(unknown.score).toBe(100);
    expect(places.find((p) => p.id === 'known')!.weight_redistributed).toBe(false);
  });

  test('a criterion on which every place is equal is left out for all and flagged', () => {
    const { places, ranges } = scorePlaces([place('a', { research: 1, platforms: 0 }), place('b', { research: 3, platforms: 0 })], weights({ organizations: 0, airport: 0, port: 0, specialisation: 0, area: 0 }));
    expect(ranges.find((r) => r.criterion === 'platforms')!.status).toBe('no-spread');
    expect(places[0].parts.find((p) => p.criterion === 'platforms')!.status).toBe('no-spread');
    expect(places[0]).toMatchObject({ id: 'b', score: 100 });
  });

  test('a single place has nothing to be compared with: no score, no rank', () => {
    const { places } = scorePlaces([place('only', {})], weights());
    expect(places[0]).toMatchObject({ score: null, rank: null });
  });

  test('equal scores share a rank', () => {
    const { places } = scorePlaces([place('a', { research: 5 }), place('b', { research: 5 }), place('c', { research: 1 })], weights({ organizations: 0, platforms: 0, airport: 0, port: 0, specialisation: 0, area: 0 }));
    expect(places.map((p) => p.rank)).toEqual([1, 1, 3]);
  });

  test.each([
    [{ airport: 6 }, 'airport'],
    [{ research: -1 }, 'research'],
    [{ area: Number.NaN }, 'area']
  ])('rejects the weight %o naming the criterion', (w, name) => {
    expect(() => scorePlaces([place('a', {})], weights(w))).toThrow(new RegExp(`^${name}:`));
  });

  test('rejects all-zero weights', () => {
    const zero = Object.fromEntries(CRITERIA.map((c) => [c, 0])) as Weights;
    expect(() => scorePlaces([place('a', {})], zero)).toThrow(/all weights are zero/);
  });
});

describe('roundToTotal', () => {
  test('rounds to tenths that add up to the rounded total', () => {
    const parts = roundToTotal([33.333, 33.333, 33.334], 100);
    expect(parts.reduce((s, v) => s + v, 0)).toBeCloseTo(100, 9);
    expect(parts.every((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9)).toBe(true);
  });
});
