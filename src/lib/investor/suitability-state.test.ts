import { describe, expect, test } from 'vitest';
import { defaultSuitability, isScorable, readSuitability, suitabilityQuery, writeSuitability } from './suitability-state.ts';

describe('suitability settings in a link', () => {
  test('round-trips sectors, radius, weights and the shortlist switch', () => {
    const s = { ...defaultSuitability(), sectors: ['service-robots', 'ai-chips'], radiusKm: 15, shortlistOnly: true };
    s.weights.research = 5;
    s.weights.airport = 2;
    const p = new URLSearchParams();
    writeSuitability(p, s);
    expect(readSuitability(new URLSearchParams(p.toString()))).toEqual(s);
  });

  test('leaves the link untouched when no sector is chosen, and reads none back', () => {
    const p = new URLSearchParams();
    writeSuitability(p, defaultSuitability());
    expect(p.toString()).toBe('');
    expect(readSuitability(p)).toBeNull();
  });

  test('falls back to defaults for malformed radius and weights', () => {
    const s = readSuitability(new URLSearchParams('suit=drones&suitR=-4&suitW=9,9'))!;
    expect(s.radiusKm).toBe(10);
    expect(Object.values(s.weights).every((w) => w === 1)).toBe(true);
  });
});

describe('suitabilityQuery', () => {
  test('names every weight parameter and limits parks to the shortlist only when asked', () => {
    const s = { ...defaultSuitability(), sectors: ['drones'] };
    expect(suitabilityQuery(s, ['a']).get('park')).toBeNull();
    const q = suitabilityQuery({ ...s, shortlistOnly: true }, ['a', 'b']);
    expect(q.get('park')).toBe('a,b');
    expect(q.get('weightAirport')).toBe('1');
    expect(q.get('sector')).toBe('drones');
  });

  test('is scorable only with a sector and a non-zero weight', () => {
    expect(isScorable(defaultSuitability())).toBe(false);
    const s = { ...defaultSuitability(), sectors: ['drones'] };
    expect(isScorable(s)).toBe(true);
    for (const k of Object.keys(s.weights) as (keyof typeof s.weights)[]) s.weights[k] = 0;
    expect(isScorable(s)).toBe(false);
  });
});
