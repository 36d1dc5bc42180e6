import { describe, expect, test } from 'vitest';
import type { OrganizationFeature } from '../schemas/places.ts';
import { organizationsWithin, pointIndex } from './catchment.ts';

function org(id: string, lonLat: [number, number], sectors: string[]): OrganizationFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: lonLat },
    properties: { id, name_zh: id, name_en: id, type: 'firm', city: 'shenzhen', sectors, precision_m: 100, source: 'test', source_date: '2026-11-25' }
  };
}

// Shenzhen Bay park at [113.95, 22.53]; one degree of latitude is ~111 km.
const CENTRE: [number, number] = [113.95, 22.53];
const near = org('near', [113.95, 22.56], ['drones', 'computer-vision']); // ~3.3 km north
const edge = org('edge', [113.95, 22.574], ['drones']); // ~4.9 km north
const far = org('far', [113.95, 22.6], ['drones']); // ~7.8 km north
const twin = org('twin', [113.95, 22.56], ['computer-vision']); // same spot as `near`
const index = pointIndex([far, near, edge, twin]);

const square: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [[[113.9, 22.5], [114.0, 22.5], [114.0, 22.565], [113.9, 22.565], [113.9, 22.5]]]
};

describe('organizationsWithin a radius', () => {
  test('keeps what lies within 5 km and counts each sector', () => {
    const result = organizationsWithin(index, CENTRE, 5);
    expect(result.features.map((f) => f.properties.id)).toEqual(['near', 'edge', 'twin']);
    expect(result.total).toBe(3);
    expect(result.bySector).toEqual({ drones: 2, 'computer-vision': 2 });
  });

  test('a smaller radius drops the farther organisations', () => {
    expect(organizationsWithin(index, CENTRE, 4).features.map((f) => f.properties.id)).toEqual(['near', 'twin']);
  });

  test('zero points give an empty result, not an error', () => {
    expect(organizationsWithin(pointIndex([]), CENTRE, 5)).toEqual({ total: 0, bySector: {}, features: [] });
  });

  test('a centre outside Guangdong finds nothing', () => {
    expect(organizationsWithin(index, [0, 0], 50).total).toBe(0);
  });

  test('searches several datasets and keeps each one in its order', () => {
    const imported = pointIndex([org('imported', [113.951, 22.531], ['smart-home'])]);
    const result = organizationsWithin([index, imported], CENTRE, 5);
    expect(result.features.map((f) => f.properties.id)).toEqual(['near', 'edge', 'twin', 'imported']);
    expect(result.bySector['smart-home']).toBe(1);
  });

  test('rejects a negative radius', () => {
    expect(() => organizationsWithin(index, CENTRE, -1)).toThrow(/radiusKm/);
  });
});

describe('organizationsWithin an area', () => {
  test('radius 0 keeps exactly the organisations inside', () => {
    expect(organizationsWithin(index, square, 0).features.map((f) => f.properties.id)).toEqual(['near', 'twin']);
  });

  test('a radius around the area also takes in the ones near its edge', () => {
    // `edge` is ~1 km outside the square's north side, `far` ~3.9 km.
    expect(organizationsWithin(index, square, 2).features.map((f) => f.properties.id)).toEqual(['near', 'edge', 'twin']);
    expect(organizationsWithin(index, square, 5).total).toBe(4);
  });
});
