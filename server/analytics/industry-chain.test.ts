import { describe, expect, test } from 'vitest';
import type { ChainLayerId } from '../schemas/industry-chain.ts';
import { chainProfile } from './industry-chain.ts';

const layerOf = new Map<string, ChainLayerId>([['ai-chips', 'foundation'], ['computer-vision', 'technology'], ['service-robots', 'application'], ['drones', 'application']]);
const reference = { foundation: 0.028, technology: 0.22, application: 0.752 };
const statusOf = (p: ReturnType<typeof chainProfile>) => Object.fromEntries(p.layers.map((l) => [l.layer, l.status]));

describe('chainProfile', () => {
  test('counts an organisation once per layer it touches, however many sectors it has there', () => {
    const p = chainProfile([['service-robots', 'drones'], ['ai-chips', 'computer-vision'], ['computer-vision']], layerOf, reference);
    expect(p.total).toBe(3);
    expect(p.layers.map((l) => [l.layer, l.count])).toEqual([['foundation', 1], ['technology', 2], ['application', 1]]);
  });

  test('marks a layer with no organisation as missing, and lists it among the gaps', () => {
    const p = chainProfile([['service-robots'], ['computer-vision']], layerOf, reference);
    expect(statusOf(p)).toEqual({ foundation: 'missing', technology: 'present', application: 'present' });
    expect(p.gaps).toEqual(['foundation']);
  });

  test('marks a layer thin when its share is under half the national share', () => {
    // technology 1 of 10 = 10% < 11% (half of 22%)
    const lists = [['computer-vision'], ['ai-chips'], ...Array.from({ length: 8 }, () => ['drones'])];
    expect(statusOf(chainProfile(lists, layerOf, reference)).technology).toBe('thin');
  });

  test('an empty catchment has every layer missing and no shares', () => {
    const p = chainProfile([], layerOf, reference);
    expect(p.total).toBe(0);
    expect(p.layers.every((l) => l.status === 'missing' && l.share === null)).toBe(true);
  });

  test('organisations with no layered sector are not counted', () => {
    expect(chainProfile([[], ['unknown-sector']], layerOf, reference).total).toBe(0);
  });
});
