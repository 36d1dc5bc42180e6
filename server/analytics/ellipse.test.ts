import { booleanPointInPolygon, featureCollection, point, standardDeviationalEllipse } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { deviationalEllipse, planarEllipse } from './ellipse.ts';
import { seededPositions } from './test-points.ts';

describe('planarEllipse', () => {
  test('four points on a cross, worked by hand', () => {
    // x deviations ±2, y deviations ±1, no covariance: √(2·Σx²/n) = √(2·8/4) = 2 along east, √(2·2/4) = 1 along north.
    const e = planarEllipse([[2, 0], [-2, 0], [0, 1], [0, -1]])!;
    expect(e.centre).toEqual([0, 0]);
    expect(e.angleDeg).toBe(90);
    // At θ = 90° the rotated x axis points south, y axis east: the axes swap.
    expect(e.sigmaX).toBeCloseTo(1, 12);
    expect(e.sigmaY).toBeCloseTo(2, 12);
  });

  test.each([1, 2, 3, 4])('equals Turf standardDeviationalEllipse on seeded random points (seed %i)', (seed) => {
    const positions = seededPositions(300, seed, [113, 22.5, 114, 23.2], { centres: 2, spreadDeg: 0.3 });
    const turf = standardDeviationalEllipse(featureCollection(positions.map((p) => point(p)))).properties!.standardDeviationalEllipse;
    const ours = planarEllipse(positions)!;
    expect(ours.centre[0]).toBeCloseTo(turf.meanCenterCoordinates[0], 12);
    expect(ours.centre[1]).toBeCloseTo(turf.meanCenterCoordinates[1], 12);
    expect(ours.sigmaX).toBeCloseTo(turf.semiMajorAxis, 12);
    expect(ours.sigmaY).toBeCloseTo(turf.semiMinorAxis, 12);
    expect(ours.angleDeg).toBeCloseTo(turf.angle, 10);
  });
});

describe('deviationalEllipse', () => {
  test('points along a north-east line give a long ellipse with bearing 45°', () => {
    const kmToLat = 1 / 111.19508;
    const kmToLon = kmToLat / Math.cos((23 * Math.PI) / 180);
    const positions = [-2, -1, 0, 1, 2].flatMap((k) => [
      [113 + k * kmToLon + 0.1 * kmToLon, 23 + k * kmToLat],
      [113 + k * kmToLon, 23 + k * kmToLat + 0.1 * kmToLat]
    ]);
    const e = deviationalEllipse(positions)!;
    expect(e.bearingDeg).toBeCloseTo(45, 0);
    expect(e.majorAxisKm).toBeGreaterThan(5 * e.minorAxisKm);
    expect(booleanPointInPolygon([113 + kmToLon, 23 + kmToLat], e.geometry!)).toBe(true);
    expect(booleanPointInPolygon([113 + kmToLon, 23 - kmToLat], e.geometry!)).toBe(false);
  });

  test('fewer than two points have no ellipse; two points or identical points have no outline', () => {
    expect(deviationalEllipse([])).toBeNull();
    expect(deviationalEllipse([[113, 23]])).toBeNull();
    expect(deviationalEllipse([[113, 23], [113.1, 23.1]])!.geometry).toBeNull();
    expect(deviationalEllipse([[113, 23], [113, 23], [113, 23]])).toMatchObject({ majorAxisKm: 0, minorAxisKm: 0, geometry: null });
  });
});
