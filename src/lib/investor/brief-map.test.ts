import { describe, expect, test } from 'vitest';
import { areaPath, projector, scaleBar, viewHalfWidthKm } from './brief-map.ts';

const view = { centre: [113.9, 22.5] as [number, number], halfWidthKm: 10, size: 400 };

describe('brief map', () => {
  test('puts the centre in the middle and north up', () => {
    const p = projector(view);
    expect(p([113.9, 22.5])).toEqual([200, 200]);
    expect(p([113.9, 22.6])[1]).toBeLessThan(200);
  });

  test('maps a point half-width km east to the right edge', () => {
    const p = projector(view);
    const cos0 = Math.cos((22.5 * Math.PI) / 180);
    expect(p([113.9 + 10 / (111.195 * cos0), 22.5])[0]).toBeCloseTo(400, 6);
  });

  test('draws every ring of a multipolygon as a closed sub-path', () => {
    const square = [[113.9, 22.5], [113.91, 22.5], [113.91, 22.51], [113.9, 22.5]];
    const d = areaPath({ type: 'MultiPolygon', coordinates: [[square], [square]] }, projector(view));
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/Z/g)).toHaveLength(2);
  });

  test('chooses a 1-2-5 scale bar no longer than a quarter of the view', () => {
    expect(scaleBar(view)).toEqual({ km: 5, px: 100 });
    expect(scaleBar({ ...view, halfWidthKm: 3 }).km).toBe(1);
  });

  test('frames a catchment with a margin, and an area by its bbox', () => {
    expect(viewHalfWidthKm([113.9, 22.5], 5)).toBe(8);
    expect(viewHalfWidthKm([113, 23], 5, [112.9, 22.9, 113.1, 23.1])).toBeCloseTo(0.1 * 111.195 * 1.08, 3);
  });
});
