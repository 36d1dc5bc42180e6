import { expect, test } from 'vitest';
import { coveredInsets, insideRect, mercatorMiddle, NO_INSETS, visibleRect, zoomsOutFrom } from './framing.ts';

const phoneMap = { left: 0, top: 48, right: 390, bottom: 844 };

test('a full-width caption over the bottom of the map covers the map from below by its height', () => {
  expect(coveredInsets(phoneMap, [{ left: 0, top: 500, right: 390, bottom: 844 }])).toEqual({ ...NO_INSETS, bottom: 344 });
});

test('a card on the right of the map covers it from the right by its width', () => {
  const laptopMap = { left: 320, top: 44, right: 1280, bottom: 720 };
  expect(coveredInsets(laptopMap, [{ left: 844, top: 56, right: 1224, bottom: 680 }])).toEqual({ ...NO_INSETS, right: 436 });
});

test('a panel beside the map, not over it, covers nothing', () => {
  expect(coveredInsets(phoneMap, [{ left: 0, top: 0, right: 390, bottom: 48 }])).toEqual(NO_INSETS);
});

test('of two covers on the same side the deeper one counts', () => {
  const covers = [{ left: 0, top: 700, right: 390, bottom: 844 }, { left: 0, top: 600, right: 390, bottom: 844 }];
  expect(coveredInsets(phoneMap, covers).bottom).toBe(244);
});

test('the visible part is what the insets leave, less the margin on every side', () => {
  expect(visibleRect(390, 796, { ...NO_INSETS, bottom: 344 }, 20)).toEqual({ left: 20, top: 20, right: 370, bottom: 432 });
  expect(insideRect({ x: 200, y: 400 }, visibleRect(390, 796, { ...NO_INSETS, bottom: 344 }, 20))).toBe(true);
  expect(insideRect({ x: 200, y: 450 }, visibleRect(390, 796, { ...NO_INSETS, bottom: 344 }, 20))).toBe(false);
});

test('the middle of two places is the middle of their box on the map, which lies south of the mean latitude', () => {
  const [lon, lat] = mercatorMiddle([[113, 0], [114, 60]]);
  expect(lon).toBe(113.5);
  // 60° N is stretched on a Mercator map: the box's middle is at about 35.3° N, not 30° N.
  expect(lat).toBeCloseTo(35.26, 1);
  expect(mercatorMiddle([[113.9, 22.5]])).toEqual([113.9, expect.closeTo(22.5, 9)]);
});

test('zooms are tried from the author’s zoom outwards, ending at the minimum', () => {
  const zooms = zoomsOutFrom(9, 8, 0.25);
  expect(zooms).toEqual([9, 8.75, 8.5, 8.25, 8]);
  expect(zoomsOutFrom(8, 8)).toEqual([8]);
});
