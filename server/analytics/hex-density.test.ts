import { cellToLatLng, latLngToCell } from 'h3-js';
import { describe, expect, test } from 'vitest';
import type { OrganizationFeature } from '../schemas/places.ts';
import { hexDensity, resolutionForEdgeKm } from './hex-density.ts';

const org = (lon: number, lat: number, sectors: string[]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { sectors } }) as OrganizationFeature;

describe('hexDensity', () => {
  // Three organisations at one cell centre, one far away.
  const [lat, lon] = cellToLatLng(latLngToCell(23.1, 113.3, 7));
  const orgs = [org(lon, lat, ['drones', 'ai-chips']), org(lon + 0.001, lat, ['drones']), org(lon, lat + 0.001, ['smart-home']), org(114, 22.6, ['drones'])];

  test('counts organisations per cell with shares and top sectors, worked by hand', () => {
    const result = hexDensity(orgs, 7, 2);
    expect(result.total).toBe(4);
    expect(result.cells.map((c) => [c.h3, c.count, c.share])).toEqual([
      [latLngToCell(lat, lon, 7), 3, 0.75],
      [latLngToCell(22.6, 114, 7), 1, 0.25]
    ]);
    expect(result.cells[0].topSectors).toEqual([{ sector: 'drones', count: 2 }, { sector: 'ai-chips', count: 1 }]);
  });

  test('each cell carries its closed hexagon outline around the points', () => {
    const ring = hexDensity(orgs, 7).cells[0].ring;
    expect(ring.length).toBe(7);
    expect(ring[0]).toEqual(ring[6]);
  });

  test('no organisations give no cells', () => {
    expect(hexDensity([], 7)).toMatchObject({ total: 0, cells: [] });
  });

  test('rejects a resolution outside 0–15', () => {
    expect(() => hexDensity(orgs, 16)).toThrow(/resolution/);
  });
});

describe('resolutionForEdgeKm', () => {
  test('picks the resolution whose mean edge is nearest: 1.4 km → 7, 0.5 km → 8, 10 km → 5', () => {
    expect(resolutionForEdgeKm(1.4)).toBe(7);
    expect(resolutionForEdgeKm(0.5)).toBe(8);
    expect(resolutionForEdgeKm(10)).toBe(5);
    expect(resolutionForEdgeKm(5000)).toBe(0);
    expect(resolutionForEdgeKm(0.0001)).toBe(15);
  });
});
