import { latLngToCell } from 'h3-js';
import { describe, expect, test } from 'vitest';
import { runToEnd } from './progress.ts';
import { pointCellsSteps } from './row-cells.ts';
import { seededPositions } from './test-points.ts';

describe('pointCellsSteps', () => {
  test.each([5, 7, 9])('gives each of the first n points the cell h3-js latLngToCell gives it (resolution %i)', (resolution) => {
    const positions = seededPositions(3000, resolution, [112.9, 22.4, 114.6, 23.6], { centres: 4, spreadDeg: 0.05 });
    const lon = Float64Array.from(positions, (p) => p[0]), lat = Float64Array.from(positions, (p) => p[1]);
    const n = 2500;
    const found = runToEnd(pointCellsSteps(lon, lat, n, resolution));
    expect(found.cellOfPoint.length).toBe(n);
    expect(Array.from(found.cellOfPoint, (c) => found.cells[c])).toEqual(positions.slice(0, n).map(([x, y]) => latLngToCell(y, x, resolution)));
    expect(new Set(found.cells).size).toBe(found.cells.length);
  });
});
