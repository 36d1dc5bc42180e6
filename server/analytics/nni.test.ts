import { bbox, bboxPolygon, featureCollection, nearestNeighborAnalysis, point, polygon, area } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { nearestNeighbourIndex } from './nni.ts';
import { gridPositions, seededPositions } from './test-points.ts';

// Turf's typings omit the index it computes; read the statistics as they are.
const turfNni = (studyArea: ReturnType<typeof nearestNeighborAnalysis>) =>
  studyArea.properties.nearestNeighborAnalysis as unknown as { observedMeanDistance: number; expectedMeanDistance: number; nearestNeighborIndex: number; zScore: number };

describe('nearestNeighbourIndex', () => {
  test('four points 1 km apart in a 4 km² square, worked by hand', () => {
    // Corners of a 1 km square: each nearest neighbour is 1 km away, so observed = 1.
    // n/A = 1 per km² → expected = 0.5/√1 = 0.5 km, ratio 2; SE = 0.26136/√(4·1) = 0.13068 → z = 0.5/0.13068.
    const kmToDeg = 1 / 111.19508;
    const corners: [number, number][] = [[0, 0], [kmToDeg, 0], [0, kmToDeg], [kmToDeg, kmToDeg]];
    const r = nearestNeighbourIndex(corners, 4);
    expect(r.observedKm).toBeCloseTo(1, 4);
    expect(r.expectedKm).toBeCloseTo(0.5, 10);
    expect(r.ratio).toBeCloseTo(2, 4);
    expect(r.z).toBeCloseTo(0.5 / 0.13068, 3);
    expect(r.p).toBeCloseTo(0.00013, 6); // 2·(1 − Φ(3.826))
    expect(r.pattern).toBe('dispersed');
  });

  test('a regular 10×10 grid reads as dispersed, in Chinese and English', () => {
    const r = nearestNeighbourIndex(gridPositions(10, 0.01), 12.4);
    expect(r.pattern).toBe('dispersed');
    expect(r.reading).toEqual({ zh: '显著分散', en: 'significantly dispersed' });
  });

  test('tight groups in a large area read as significantly clustered', () => {
    const r = nearestNeighbourIndex(seededPositions(300, 3, [113, 22.5, 114, 23.5], { centres: 3, spreadDeg: 0.01 }), 11_000);
    expect(r.pattern).toBe('clustered');
    expect(r.reading.zh).toBe('显著集聚');
    expect(r.p).toBeLessThan(0.05);
  });

  test.each([1, 2, 3])('equals Turf nearestNeighborAnalysis on seeded random points (seed %i)', (seed) => {
    const positions = seededPositions(400, seed, [113.1, 22.5, 114.2, 23.3], { centres: seed, spreadDeg: 0.1 });
    const studyArea = polygon([[[112.9, 22.3], [114.4, 22.3], [114.4, 23.5], [112.9, 23.5], [112.9, 22.3]]]);
    const turf = turfNni(nearestNeighborAnalysis(featureCollection(positions.map((p) => point(p))), { studyArea }));
    const ours = nearestNeighbourIndex(positions, area(studyArea) / 1e6);
    expect(ours.observedKm).toBeCloseTo(turf.observedMeanDistance, 9);
    expect(ours.expectedKm).toBeCloseTo(turf.expectedMeanDistance, 9);
    expect(ours.ratio).toBeCloseTo(turf.nearestNeighborIndex, 9);
    expect(ours.z).toBeCloseTo(turf.zScore, 6);
  });

  test('uses the bbox of the points as Turf does when given that area', () => {
    const points = featureCollection(seededPositions(200, 7, [113.2, 22.9, 113.5, 23.2]).map((p) => point(p)));
    const turf = turfNni(nearestNeighborAnalysis(points));
    const bboxAreaKm2 = area(bboxPolygon(bbox(points))) / 1e6;
    expect(nearestNeighbourIndex(points.features.map((f) => f.geometry.coordinates), bboxAreaKm2).ratio).toBeCloseTo(turf.nearestNeighborIndex, 9);
  });

  test('fewer than two points, or no area, is undetermined rather than an error', () => {
    expect(nearestNeighbourIndex([], 10).pattern).toBe('undetermined');
    expect(nearestNeighbourIndex([[113, 23]], 10)).toMatchObject({ pattern: 'undetermined', ratio: null, n: 1 });
    expect(nearestNeighbourIndex([[113, 23], [113.1, 23]], 0).pattern).toBe('undetermined');
  });

  test('identical points are 0 km apart and read as clustered', () => {
    const r = nearestNeighbourIndex(Array.from({ length: 20 }, (): [number, number] => [113.3, 23.1]), 100);
    expect(r.observedKm).toBe(0);
    expect(r.ratio).toBe(0);
    expect(r.pattern).toBe('clustered');
  });
});
