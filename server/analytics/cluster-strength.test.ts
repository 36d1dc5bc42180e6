import { describe, expect, test } from 'vitest';
import { clusterStrengthCards } from './cluster-strength.ts';
import { locationQuotients } from './location-quotient.ts';

const listings = (city: string, sector: string, times: number) => Array.from({ length: times }, () => ({ city, sectors: [sector] }));

describe('cluster-strength cards', () => {
  // a: 30 drones + 10 chips; b: 2 drones + 30 chips; c: 8 drones + 20 chips; d: 1 drone + 25 chips.
  const data = [
    ...listings('a', 'drones', 30), ...listings('a', 'chips', 10),
    ...listings('b', 'drones', 2), ...listings('b', 'chips', 30),
    ...listings('c', 'drones', 8), ...listings('c', 'chips', 20),
    ...listings('d', 'drones', 1), ...listings('d', 'chips', 25)
  ];
  const cells = locationQuotients(data, ['a', 'b', 'c', 'd'], ['drones', 'chips']);
  const card = (cards: ReturnType<typeof clusterStrengthCards>, city: string, sector: string) => cards.find((c) => c.city === city && c.sector === sector)!;

  test('a cell below the minimum count gets no stars and is never strong, however high its LQ', () => {
    const few = locationQuotients([...listings('x', 'ships', 1), ...listings('x', 'chips', 1), ...listings('y', 'chips', 40)], ['x', 'y'], ['ships', 'chips']);
    const ships = card(clusterStrengthCards(few), 'x', 'ships');
    expect(ships.lq).toBeGreaterThan(10);
    expect(ships).toMatchObject({ enough: false, strongCluster: false, stars: null });
  });

  test('the dominant city earns size and specialisation stars, but no focus star where chips fill other cities more, and the LQ interval lies above 1', () => {
    // Drones: a's share 30/40 against the region's 41/126 → LQ 2.30.
    const a = card(clusterStrengthCards(cells), 'a', 'drones');
    expect(a.lq).toBeCloseTo(30 / 40 / (41 / 126), 12);
    // Focus ranks all eight shares: d's chips (25/26) and b's chips (30/32) lead, a's drones (30/40) is third.
    expect(a.stars).toEqual({ size: true, specialisation: true, focus: false });
    expect(card(clusterStrengthCards(cells), 'd', 'chips').stars?.focus).toBe(true);
    expect(a.lqLower!).toBeGreaterThan(1);
    expect(a.lqUpper!).toBeGreaterThan(a.lq!);
    expect(a.strongCluster).toBe(true);
  });

  test('says so when a specialised cell has no hot spot of its sector in the city', () => {
    const cards = clusterStrengthCards(cells, new Map([['drones', new Set(['c'])]]));
    expect(card(cards, 'a', 'drones').hotSpot).toBe(false);
    expect(card(cards, 'a', 'drones').disagreements.map((d) => d.en)).toContain('specialised by LQ, but no Gi* hot spot of the sector lies in the city');
    expect(card(cards, 'c', 'drones').hotSpot).toBe(true);
  });

  test('without hot-spot data the hot-spot field is null rather than false', () => {
    expect(clusterStrengthCards(cells).every((c) => c.hotSpot === null)).toBe(true);
  });
});
