import { destination } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { bboxAroundKm, grownBbox } from './radius-bbox.ts';

const inside = ([minLon, minLat, maxLon, maxLat]: number[], [lon, lat]: number[]) => lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;

describe('bboxAroundKm', () => {
  test.each([[113.3, 23.1, 5], [113.3, 23.1, 200], [0, 0, 50], [10, 75, 100], [-70, -60, 30]])('holds every point radiusKm from (%f, %f) at %f km', (lon, lat, radiusKm) => {
    const box = bboxAroundKm([lon, lat], radiusKm);
    for (let bearing = 0; bearing < 360; bearing += 5) {
      const edge = destination([lon, lat], radiusKm * 0.9999, bearing, { units: 'kilometers' }).geometry.coordinates;
      expect(inside(box, edge), `bearing ${bearing}`).toBe(true);
    }
  });

  test('a radius of 0 is the point itself; the box is clamped to the world', () => {
    expect(bboxAroundKm([113.3, 23.1], 0)).toEqual([113.3, 23.1, 113.3, 23.1]);
    const world = grownBbox([-179.9, -89.9, 179.9, 89.9], 100);
    expect(world).toEqual([-180, -90, 180, 90]);
  });
});
