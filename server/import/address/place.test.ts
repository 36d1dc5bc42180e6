import { describe, expect, test } from 'vitest';
import { haversineKm } from '../../geo/geodesy.ts';
import type { Division } from './gazetteer.ts';
import { AreaPlacer, type AreaShape } from './place.ts';

// A 0.2° square "district" inside a 1° square "city", both on the equator's scale near Shenzhen.
const square = (lon: number, lat: number, side: number): AreaShape['geometry'] => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side], [lon, lat]]]
});
const shapes: AreaShape[] = [
  { code: '440300', name_zh: '深圳市', level: 'city', geometry: square(113.5, 22.2, 1) },
  { code: '440306', name_zh: '宝安区', level: 'district', geometry: square(113.8, 22.5, 0.2) }
];
const city: Division = { level: 'city', code: '440300', name: '深圳市', city: 'shenzhen' };
const district = (code: string, name: string): Division => ({ level: 'district', code, name, city: 'shenzhen' });
const town: Division = { level: 'town', code: '440306017', name: '新安街道', city: 'shenzhen', parent: '440306' };
const match = (chain: Division[]) => ({ division: chain[chain.length - 1], chain, city: 'shenzhen', matchedText: '' });

describe('AreaPlacer', () => {
  const placer = new AreaPlacer(shapes);

  test('a town without an outline is placed at its district’s centre, inside it', () => {
    const p = placer.place(match([city, district('440306', '宝安区'), town]));
    expect(p).toMatchObject({ placedCode: '440306', placedLevel: 'district', placedName: '宝安区' });
    expect(p.lonLat[0]).toBeGreaterThan(113.8);
    expect(p.lonLat[0]).toBeLessThan(114.0);
  });

  test('precision reaches every vertex of the area, rounded up to 100 m', () => {
    const p = placer.place(match([city, district('440306', '宝安区')]));
    const corners = (shapes[1].geometry as GeoJSON.Polygon).coordinates[0];
    for (const c of corners) expect(p.precisionM).toBeGreaterThanOrEqual(haversineKm(p.lonLat, c) * 1000);
    expect(p.precisionM % 100).toBe(0);
    expect(p.precisionM).toBeLessThan(20_000);
  });

  test('a town with an outline of its own is placed inside it, more precisely than at its district', () => {
    const withTown = new AreaPlacer([...shapes, { code: '440306017', name_zh: '新安街道', level: 'town', geometry: square(113.85, 22.55, 0.05) }]);
    const p = withTown.place(match([city, district('440306', '宝安区'), town]));
    expect(p).toMatchObject({ placedCode: '440306017', placedLevel: 'town' });
    expect(p.lonLat[0]).toBeGreaterThan(113.85);
    expect(p.lonLat[0]).toBeLessThan(113.9);
    expect(p.precisionM).toBeLessThan(placer.place(match([city, district('440306', '宝安区')])).precisionM);
  });

  test('a district without any outline falls back to its city, with the city’s larger radius', () => {
    const p = placer.place(match([city, district('440399', '无边界区')]));
    expect(p.placedCode).toBe('440300');
    expect(p.precisionM).toBeGreaterThan(placer.place(match([city, district('440306', '宝安区')])).precisionM);
  });

  test('each area’s point is computed once', () => {
    expect(placer.place(match([city]))).toBe(placer.place(match([city])));
  });
});
