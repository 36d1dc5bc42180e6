import { describe, expect, test } from 'vitest';
import { largestFit } from './fit-text';

describe('fitting a caption to its box', () => {
  test('text that fits keeps its full size', () => {
    expect(largestFit(() => true)).toBe(1);
  });

  test('text too long is shrunk to just below the size at which it stops fitting', () => {
    const scale = largestFit((s) => s <= 0.8);
    expect(scale).toBeLessThanOrEqual(0.8);
    expect(scale).toBeGreaterThan(0.79 - 0.01);
  });

  test('text that never fits stops at the smallest readable size', () => {
    expect(largestFit(() => false, 0.6)).toBe(0.6);
  });
});
