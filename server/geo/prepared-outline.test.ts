import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Catalog } from '../catalog/catalog.ts';
import { readGeodata } from '../catalog/read-geodata.ts';
import { seededPositions } from '../analytics/test-points.ts';
import { preparedOutline, turfPointInArea } from './prepared-outline.ts';

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;

const catalog = new Catalog(readGeodata(join(import.meta.dirname, '..', '..', 'geodata')));
const areaPark = catalog.parks.find((p) => p.geometry.type !== 'Point')!.geometry as Area;

/** Seeded points over the area's box, every vertex, and points a hair (1e-12° to 1e-6°) either side of each vertex and edge midpoint. */
function probes(area: Area, count: number): [number, number][] {
  const rings = area.type === 'Polygon' ? area.coordinates : area.coordinates.flat();
  const xs = rings.flat().map((p) => p[0]), ys = rings.flat().map((p) => p[1]);
  const box: [number, number, number, number] = [Math.min(...xs) - 0.01, Math.min(...ys) - 0.01, Math.max(...xs) + 0.01, Math.max(...ys) + 0.01];
  const out = seededPositions(count, 7, box, { centres: 5, spreadDeg: 0.01 });
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i], [x1, y1] = ring[i + 1];
      for (const [x, y] of [[x0, y0], [(x0 + x1) / 2, (y0 + y1) / 2]]) {
        out.push([x, y]);
        for (const d of [1e-12, 1e-9, 1e-6]) out.push([x + d, y], [x - d, y], [x, y + d], [x, y - d]);
      }
    }
  }
  // The six-decimal grid imported registers use, round the outline's vertices.
  return out.concat(out.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]));
}

function sameAsTurf(area: Area, count = 20_000) {
  const prepared = preparedOutline(area), turf = turfPointInArea(area);
  const points = probes(area, count);
  const differ = points.filter(([x, y]) => prepared(x, y) !== turf(x, y));
  return { differ, inside: points.filter(([x, y]) => turf(x, y)).length, total: points.length };
}

const square = (x: number, y: number, side: number): GeoJSON.Position[] => [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]];

describe('preparedOutline answers as Turf booleanPointInPolygon does', () => {
  test('for the shipped area park\'s 959-vertex outline, at random points and a hair either side of every vertex and edge', () => {
    const { differ, inside, total } = sameAsTurf(areaPark);
    expect(differ).toEqual([]);
    // The probes must reach both answers, or the comparison proves nothing.
    expect(inside).toBeGreaterThan(total / 10);
    expect(inside).toBeLessThan(total - total / 10);
  });

  test('for a polygon with a hole: the hole is outside, its rim inside', () => {
    const withHole: GeoJSON.Polygon = { type: 'Polygon', coordinates: [square(113.9, 22.5, 0.1), square(113.93, 22.53, 0.04).reverse()] };
    const prepared = preparedOutline(withHole);
    expect([prepared(113.95, 22.55), prepared(113.91, 22.51), prepared(113.93, 22.55)]).toEqual([false, true, true]);
    expect(sameAsTurf(withHole).differ).toEqual([]);
  });

  test('for a multipolygon of two parts and a long diagonal edge', () => {
    const multi: GeoJSON.MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[[[113.0, 22.0], [113.4, 22.0], [113.0, 22.3], [113.0, 22.0]]], [square(113.3, 22.2, 0.05)]]
    };
    expect(sameAsTurf(multi).differ).toEqual([]);
  });

  test('for a bbox the geometry carries: outside it is outside, as Turf reads it', () => {
    const boxed: GeoJSON.Polygon = { type: 'Polygon', coordinates: [square(113.9, 22.5, 0.1)], bbox: [113.9, 22.5, 113.95, 22.6] };
    expect(preparedOutline(boxed)(113.97, 22.55)).toBe(false);
    expect(sameAsTurf(boxed).differ).toEqual([]);
  });

  test('a degenerate outline (no width) still answers, as Turf does', () => {
    const line: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[113, 22], [113, 22.1], [113, 22]]] };
    expect(preparedOutline(line)(113, 22.05)).toBe(turfPointInArea(line)(113, 22.05));
  });
});
