import { describe, expect, test } from 'vitest';
import { parksByArea } from './park-area.ts';

const park = (id: string, area_km2: number | null) => ({ properties: { id, area_km2 } });
const parks = [park('a', 10), park('b', null), park('c', 2), park('d', 100), park('e', null)];
const ids = (list: { properties: { id: string } }[]) => list.map((p) => p.properties.id);

describe('parksByArea', () => {
  test('keeps every park, in order, when neither bound nor sort is given', () => {
    expect(ids(parksByArea(parks, {}))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  test('a bound keeps only parks whose known area lies within it (inclusive)', () => {
    expect(ids(parksByArea(parks, { minAreaKm2: 2, maxAreaKm2: 10 }))).toEqual(['a', 'c']);
    expect(ids(parksByArea(parks, { minAreaKm2: 50 }))).toEqual(['d']);
  });

  test('a bound drops parks of unknown area rather than guessing', () => {
    expect(ids(parksByArea(parks, { maxAreaKm2: 1000 }))).not.toContain('b');
  });

  test('sorts smallest or largest first, with unknown areas last in their original order', () => {
    expect(ids(parksByArea(parks, { sort: 'area' }))).toEqual(['c', 'a', 'd', 'b', 'e']);
    expect(ids(parksByArea(parks, { sort: '-area' }))).toEqual(['d', 'a', 'c', 'b', 'e']);
  });
});
