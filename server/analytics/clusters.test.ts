import { describe, expect, test } from 'vitest';
import type { OrganizationFeature, ParkFeature } from '../schemas/places.ts';
import { clusterReportSteps, hullCandidates, summariseCluster, turfHullOf } from './clusters.ts';
import { runToEnd } from './progress.ts';
import { seededPositions } from './test-points.ts';

const org = (lon: number, lat: number, city: string, sectors: string[]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { id: `${lon},${lat}`, city, sectors } }) as OrganizationFeature;
const park = (id: string, coordinates: number[]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { id } }) as ParkFeature;

describe('summariseCluster', () => {
  // A 0.01° square (about 1.11 km × 1.02 km at 23°N) plus its centre.
  const square = [org(113, 23, 'shenzhen', ['drones']), org(113.01, 23, 'shenzhen', ['drones']), org(113.01, 23.01, 'shenzhen', ['ai-chips']), org(113, 23.01, 'dongguan', ['drones']), org(113.005, 23.005, 'shenzhen', ['drones', 'ai-chips'])];
  const parks = [park('inside', [113.004, 23.006]), park('outside', [113.2, 23])];

  test('outlines a square cluster with its convex hull, worked by hand', () => {
    const s = summariseCluster(0, square, parks, { hull: 'convex' });
    expect(s.geometry.type).toBe('Polygon');
    expect(s.memberCount).toBe(5);
    expect(s.centre[0]).toBeCloseTo(113.005, 9);
    expect(s.centre[1]).toBeCloseTo(23.005, 9);
    // 1.11195 km × (1.11195 · cos 23.005°) km ≈ 1.138 km²
    expect(s.areaKm2).toBeCloseTo(1.11195 * 1.11195 * Math.cos((23.005 * Math.PI) / 180), 2);
    expect(s.city).toBe('shenzhen');
    expect(s.parkIds).toEqual(['inside']);
    expect(s.sectors).toEqual([{ sector: 'drones', count: 4 }, { sector: 'ai-chips', count: 2 }]);
  });

  test('a concave hull is no larger than the convex one', () => {
    const notch = [...square, org(113.005, 23.0095, 'shenzhen', ['drones'])];
    const convex = summariseCluster(0, notch, [], { hull: 'convex' });
    const concave = summariseCluster(0, notch, [], { hull: 'concave', concavity: 1 });
    expect(concave.areaKm2).toBeLessThanOrEqual(convex.areaKm2 + 1e-9);
  });

  test('members at one place make a Point, members on a line a LineString, both of area 0', () => {
    const same = summariseCluster(0, [org(113, 23, 'zhuhai', []), org(113, 23, 'zhuhai', [])], [], { hull: 'convex' });
    expect(same).toMatchObject({ geometry: { type: 'Point', coordinates: [113, 23] }, areaKm2: 0 });
    const line = summariseCluster(0, [org(113, 23, 'zhuhai', []), org(113.01, 23, 'zhuhai', []), org(113.02, 23, 'zhuhai', [])], [], { hull: 'convex' });
    expect(line).toMatchObject({ geometry: { type: 'LineString', coordinates: [[113, 23], [113.02, 23]] }, areaKm2: 0 });
  });
});

describe('clusterReportSteps', () => {
  test('reports progress up to 1 and then the clusters and the noise', () => {
    const orgs = [org(113, 23, 'shenzhen', ['drones']), org(113.001, 23, 'shenzhen', ['drones']), org(113.002, 23, 'shenzhen', ['drones']), org(114, 22, 'zhuhai', ['drones'])];
    const steps = clusterReportSteps(orgs, [], { epsKm: 0.5, minPoints: 3, hull: { hull: 'convex' } });
    const fractions: number[] = [];
    let step = steps.next();
    for (; !step.done; step = steps.next()) fractions.push(step.value);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
    expect(step.value).toMatchObject({ total: 4, noiseCount: 1, clusters: [{ memberCount: 3, city: 'shenzhen' }] });
  });

  test('an empty selection has no clusters', () => {
    expect(runToEnd(clusterReportSteps([], [], { epsKm: 1, minPoints: 3, hull: { hull: 'convex' } }))).toEqual({ clusters: [], noiseCount: 0, total: 0 });
  });
});

describe('the convex outline from the hull candidates', () => {
  const members = (seed: number, count: number) =>
    seededPositions(count, seed, [113.5, 22.5, 113.5 + 0.02 * seed, 22.5 + 0.03 * seed], { centres: seed, spreadDeg: 0.01 }).map(([lon, lat], i) =>
      // Rounded like real coordinates, so members share spots and sit on hull edges.
      org(Math.round(lon * (i % 3 ? 1e4 : 1e6)) / (i % 3 ? 1e4 : 1e6), Math.round(lat * 1e4) / 1e4, 'shenzhen', []));

  test.each([1, 2, 3, 4, 5, 6, 7, 8])('equals Turf convex over every distinct member (seed %i)', (seed) => {
    const group = members(seed, 200 * seed);
    expect(summariseCluster(0, group, [], { hull: 'convex' }).geometry).toEqual(turfHullOf(group.map((o) => o.geometry.coordinates), { hull: 'convex' }));
  });

  test('keeps every hull vertex and drops points well inside', () => {
    const ring = Array.from({ length: 40 }, (_, k): [number, number] => [113 + Math.cos((k * Math.PI) / 20), 23 + Math.sin((k * Math.PI) / 20)]);
    const inside = Array.from({ length: 400 }, (_, k): [number, number] => [113 + 0.5 * Math.cos(k), 23 + 0.5 * Math.sin(k * 1.3)]);
    const candidates = hullCandidates([...inside, ...ring]);
    for (const p of ring) expect(candidates).toContainEqual(p);
    expect(candidates.length).toBeLessThan(100);
  });
});
