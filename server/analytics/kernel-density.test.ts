import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { kernelDensity, quarticKernel } from './kernel-density.ts';

describe('quarticKernel', () => {
  test('peaks at 3/(πh²) and falls to zero at the bandwidth', () => {
    expect(quarticKernel(0, 2)).toBeCloseTo(3 / (Math.PI * 4), 12);
    expect(quarticKernel(1, 2)).toBeCloseTo((3 / (Math.PI * 4)) * (0.75 * 0.75), 12);
    expect(quarticKernel(4, 2)).toBe(0);
  });
});

describe('kernelDensity', () => {
  test('a lone point lands on a grid node: the peak is 3/(πh²) per km²', () => {
    const result = kernelDensity([[113.3, 23.1]], { bandwidthKm: 2, cellKm: 0.25, bands: 4 });
    expect(result.maxPerKm2).toBeCloseTo(3 / (Math.PI * 4), 9);
  });

  test('the top band surrounds the densest place and the bands rise from low to high', () => {
    const dense = Array.from({ length: 30 }, (_, i): [number, number] => [113.3 + (i % 5) * 0.002, 23.1 + Math.floor(i / 5) * 0.002]);
    const result = kernelDensity([...dense, [113.5, 23.3]], { bandwidthKm: 2, cellKm: 0.3, bands: 5 });
    expect(result.bands.length).toBe(5);
    expect(result.bands.map((b) => b.properties.lowerPerKm2)).toEqual([...result.bands.map((b) => b.properties.lowerPerKm2)].sort((a, b) => a - b));
    expect(booleanPointInPolygon([113.304, 23.105], result.bands[4])).toBe(true);
    expect(booleanPointInPolygon([113.5, 23.3], result.bands[4])).toBe(false);
  });

  test('widens the grid spacing rather than exceeding the node budget', () => {
    const result = kernelDensity([[112, 21], [115, 24]], { bandwidthKm: 5, cellKm: 0.1, bands: 3, maxNodes: 2500 });
    expect(result.cellKm).toBeGreaterThan(5);
  });

  test('no points give no bands; identical points give one peak', () => {
    expect(kernelDensity([], { bandwidthKm: 2, cellKm: 0.5, bands: 3 })).toMatchObject({ maxPerKm2: 0, bands: [] });
    const same = kernelDensity(Array.from({ length: 10 }, (): [number, number] => [113, 23]), { bandwidthKm: 1, cellKm: 0.25, bands: 3 });
    expect(same.maxPerKm2).toBeCloseTo(10 * (3 / Math.PI), 9);
  });

  test('rejects a bandwidth of 0', () => {
    expect(() => kernelDensity([[113, 23]], { bandwidthKm: 0, cellKm: 1, bands: 3 })).toThrow(/bandwidthKm/);
  });
});
