import { collect, featureCollection, hexGrid, point } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { coveringBbox, hexGridDensity, hexIndexOf, hexRing, turfHexLayout } from './hex-grid-density.ts';
import { sectorTally } from './sector-tally.ts';
import { seededPositions } from './test-points.ts';

type Bbox = [number, number, number, number];
const BOX: Bbox = [113.2, 22.9, 113.6, 23.2];
const turfCells = (bbox: Bbox, cellSideKm: number) => hexGrid(bbox, cellSideKm, { units: 'kilometers' }).features;

/** Turf's counts per hexagon ring (hexGrid + collect), keyed by the ring's coordinates. */
function turfCounts(positions: [number, number][], bbox: Bbox, cellSideKm: number): Map<string, number> {
  const cells = collect(featureCollection(turfCells(bbox, cellSideKm)), featureCollection(positions.map((p, i) => point(p, { i }))), 'i', 'members');
  return new Map(cells.features.filter((f) => f.properties!.members.length > 0).map((f) => [JSON.stringify(f.geometry.coordinates[0]), f.properties!.members.length]));
}
const ourCounts = (positions: [number, number][], bbox: Bbox, cellSideKm: number) =>
  new Map(hexGridDensity(positions, bbox, cellSideKm).cells.map((c) => [JSON.stringify(c.ring), c.count]));

describe('hexGridDensity', () => {
  test('top sectors per hexagon equal a plain tally of its members, on seeded data', () => {
    const positions = seededPositions(3000, 11, BOX);
    const pool = ['drones', 'ai-chips', 'smart-home', 'medical-ai', 'voice-nlp'];
    const sectorLists = positions.map((_, i) => [pool[i % 5], ...(i % 3 === 0 ? [pool[(i * 7) % 5]] : [])].filter((v, k, a) => a.indexOf(v) === k));
    const layout = turfHexLayout(BOX, 1.5);
    const members = new Map<number, string[][]>();
    positions.forEach(([lon, lat], i) => {
      const hex = hexIndexOf(layout, lon, lat);
      if (hex >= 0) members.set(hex, [...(members.get(hex) ?? []), sectorLists[i]]);
    });
    const result = hexGridDensity(positions, BOX, 1.5, { sectorLists, topSectors: 3 });
    expect(result.cells.length).toBe(members.size);
    for (const cell of result.cells) {
      const hex = cell.column * (layout.lastRow + 1) + cell.row;
      expect(cell.topSectors).toEqual(sectorTally(members.get(hex)!).slice(0, 3));
    }
  });

  const layout = turfHexLayout(BOX, 2);
  const [cx, cy] = layout.centre(2, 3);
  const [fx, fy] = layout.centre(5, 1);

  test('counts points per hexagon with shares and top sectors, worked by hand', () => {
    // Three points around the centre of hexagon (2, 3), one at the centre of (5, 1).
    const positions = [[cx, cy], [cx + 0.001, cy], [cx, cy + 0.001], [fx, fy]];
    const sectorLists = [['drones', 'ai-chips'], ['drones'], ['smart-home'], ['drones']];
    const result = hexGridDensity(positions, BOX, 2, { sectorLists, topSectors: 2 });
    expect(result).toMatchObject({ total: 4, outside: 0 });
    expect(result.cells.map((c) => [c.column, c.row, c.count, c.share])).toEqual([[2, 3, 3, 0.75], [5, 1, 1, 0.25]]);
    expect(result.cells[0].topSectors).toEqual([{ sector: 'drones', count: 2 }, { sector: 'ai-chips', count: 1 }]);
  });

  test('draws each hexagon with exactly the coordinates Turf hexGrid gives it', () => {
    const ours = [];
    for (let x = 0; x <= layout.lastColumn; x++) for (let y = 0; y <= layout.lastRow; y++) if (layout.exists(x, y)) ours.push(hexRing(layout, x, y));
    expect(ours).toEqual(turfCells(BOX, 2).map((f) => f.geometry.coordinates[0]));
  });

  test.each([
    ['uniform, 2 km', 1, 2, 0],
    ['clustered, 0.7 km', 2, 0.7, 6],
    ['clustered, 5 km', 3, 5, 3]
  ])('on seeded %s points, every hexagon holds as many points as Turf hexGrid + collect finds', (_, seed, cellSideKm, centres) => {
    const positions = seededPositions(5000, seed, BOX, { centres, spreadDeg: 0.05 });
    const ours = hexGridDensity(positions, BOX, cellSideKm);
    expect(ourCounts(positions, BOX, cellSideKm)).toEqual(turfCounts(positions, BOX, cellSideKm));
    // Turf's grid leaves strips along the bbox edges uncovered; those points are reported, not lost.
    expect(ours.cells.reduce((s, c) => s + c.count, 0) + ours.outside).toBe(5000);
  });

  test('a point on an edge two hexagons share counts once, in the first hexagon Turf makes; Turf collect counts it in both', () => {
    const ring = hexRing(layout, 2, 3);
    const onSharedEdge = ring[1] as [number, number]; // the vertex at 60°, shared with (2, 4) and (3, 4)
    const ours = hexGridDensity([onSharedEdge], BOX, 2);
    expect(ours.cells.map((c) => [c.column, c.row, c.count])).toEqual([[2, 3, 1]]);
    expect([...turfCounts([onSharedEdge], BOX, 2).values()].reduce((s, c) => s + c, 0)).toBeGreaterThan(1);
  });

  test('no points give no hexagons; one point or many identical points give one hexagon', () => {
    expect(hexGridDensity([], BOX, 2)).toMatchObject({ total: 0, outside: 0, cells: [] });
    expect(hexGridDensity([[cx, cy]], BOX, 2).cells.map((c) => c.count)).toEqual([1]);
    expect(hexGridDensity(Array(50).fill([cx, cy]), BOX, 2).cells.map((c) => [c.count, c.share])).toEqual([[50, 1]]);
  });

  test('points on the bbox edge agree with Turf, which leaves some of them outside every hexagon', () => {
    const [w, s, e, n] = BOX;
    const edge: [number, number][] = [[w, s], [e, n], [w, n], [e, s], [(w + e) / 2, s], [(w + e) / 2, n], [w, (s + n) / 2], [e, (s + n) / 2]];
    expect(ourCounts(edge, BOX, 2)).toEqual(turfCounts(edge, BOX, 2));
    expect(hexGridDensity(edge, BOX, 2).outside).toBeGreaterThan(0);
  });

  test('a bbox of zero size or narrower than one hexagon has no hexagons, as in Turf', () => {
    expect(turfCells([113, 23, 113, 23], 2)).toEqual([]);
    expect(hexGridDensity([[113, 23]], [113, 23, 113, 23], 2)).toMatchObject({ outside: 1, cells: [] });
    expect(turfCells([113, 23, 113.01, 23.01], 2)).toEqual([]);
    expect(hexGridDensity([[113.005, 23.005]], [113, 23, 113.01, 23.01], 2)).toMatchObject({ outside: 1, cells: [] });
  });

  test('rejects a cell side that is not positive or would make millions of hexagons', () => {
    expect(() => hexGridDensity([], BOX, 0)).toThrow(/cellSideKm/);
    expect(() => hexGridDensity([], [100, 10, 130, 40], 0.01)).toThrow(/hexagons/);
  });
});

describe('coveringBbox', () => {
  test('grows the bbox so every point, one or many, falls in a hexagon', () => {
    const one: [number, number][] = [[113.3, 23.1]];
    expect(hexGridDensity(one, coveringBbox(one, 2)!, 2)).toMatchObject({ outside: 0, cells: [{ count: 1 }] });
    const many = seededPositions(5000, 4, BOX, { centres: 3 });
    for (const cellSideKm of [0.5, 3, 20]) expect(hexGridDensity(many, coveringBbox(many, cellSideKm)!, cellSideKm).outside).toBe(0);
    expect(hexGridDensity(many, coveringBbox(many, 2, BOX)!, 2).outside).toBe(0);
  });

  test('has no bbox for no points', () => {
    expect(coveringBbox([], 2)).toBeUndefined();
  });
});
