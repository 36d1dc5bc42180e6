import { expect, test } from 'vitest';
import { precisionWarning } from './precision-warning.ts';

test('a precision warning names its scale in Chinese words, not by its parameter', () => {
  const warning = { zh: '所选尺度（epsKm 1.5 km）小于记录位置的中位精度（2.0 km）', en: 'the scale asked for (epsKm 1.5 km) is finer' };
  expect(precisionWarning(warning, 'zh')).toBe('所选尺度（邻域半径 eps 1.5 km）小于记录位置的中位精度（2.0 km）');
  expect(precisionWarning(warning, 'en')).toBe(warning.en);
});

test('the hexagon edge and the nearest-neighbour distance are named in Chinese too', () => {
  expect(precisionWarning({ zh: '所选尺度（hexagon edge (res 7) 1.2 km）', en: '' }, 'zh')).toBe('所选尺度（六边形边长 1.2 km）');
  expect(precisionWarning({ zh: '（observed mean nearest-neighbour distance 0.8 km）', en: '' }, 'zh')).toBe('（观测平均最近邻距离 0.8 km）');
});
