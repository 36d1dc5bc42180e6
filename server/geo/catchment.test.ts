import KDBush from 'kdbush';
import { describe, expect, test } from 'vitest';
import { rowsWithin } from './catchment.ts';

// Shenzhen Bay park at [113.95, 22.53]; one degree of latitude is ~111 km.
const CENTRE: [number, number] = [113.95, 22.53];
const names = ['far', 'near', 'edge', 'twin'];
const positions = [
  [113.95, 22.6], // far: ~7.8 km north
  [113.95, 22.56], // near: ~3.3 km north
  [113.95, 22.574], // edge: ~4.9 km north
  [113.95, 22.56] // twin: the same spot as `near`
];

function treeOf(points: number[][]): KDBush {
  const tree = new KDBush(Math.max(points.length, 1));
  for (const [lon, lat] of points) tree.add(lon, lat);
  // KDBush cannot finish an empty tree; a far-away dummy keeps the empty case uniform.
  if (points.length === 0) tree.add(1e9, 1e9);
  return tree.finish();
}
const tree = treeOf(positions);
const within = (around: [number, number] | GeoJSON.Polygon, radiusKm: number, accept?: (row: number) => boolean) =>
  rowsWithin(tree, (i) => positions[i], around, radiusKm, accept).map((i) => names[i]);

const square: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [[[113.9, 22.5], [114.0, 22.5], [114.0, 22.565], [113.9, 22.565], [113.9, 22.5]]]
};

describe('rowsWithin a radius', () => {
  test('keeps what lies within 5 km, in the rows\' own order', () => {
    expect(within(CENTRE, 5)).toEqual(['near', 'edge', 'twin']);
  });

  test('a smaller radius drops the farther organisations', () => {
    expect(within(CENTRE, 4)).toEqual(['near', 'twin']);
  });

  test('keeps only the rows the selection accepts', () => {
    expect(within(CENTRE, 5, (row) => names[row] !== 'edge')).toEqual(['near', 'twin']);
  });

  test('zero points give an empty result, not an error', () => {
    expect(rowsWithin(treeOf([]), () => [0, 0], CENTRE, 5)).toEqual([]);
  });

  test('a centre outside Guangdong finds nothing', () => {
    expect(within([0, 0], 50)).toEqual([]);
  });

  test('rejects a negative radius', () => {
    expect(() => within(CENTRE, -1)).toThrow(/radiusKm/);
  });
});

describe('rowsWithin an area', () => {
  test('radius 0 keeps exactly the organisations inside', () => {
    expect(within(square, 0)).toEqual(['near', 'twin']);
  });

  test('a radius around the area also takes in the ones near its edge', () => {
    // `edge` is ~1 km outside the square's north side, `far` ~3.9 km.
    expect(within(square, 2)).toEqual(['near', 'edge', 'twin']);
    expect(within(square, 5)).toHaveLength(4);
  });
});
