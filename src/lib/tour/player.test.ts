import { expect, test } from 'vitest';
import { indexAfter, keyAction, nextIndex, stepCounter } from './player.ts';

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => keyAction({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

test('a clicker (PageDown/PageUp), the arrows and space move through the tour', () => {
  expect(['PageDown', 'ArrowRight', ' '].map((k) => key(k))).toEqual(['next', 'next', 'next']);
  expect(['PageUp', 'ArrowLeft'].map((k) => key(k))).toEqual(['previous', 'previous']);
  expect([key('f'), key('Home'), key('End'), key('p')]).toEqual(['fullscreen', 'first', 'last', 'play-pause']);
});

test('browser shortcuts and other keys are left alone', () => {
  expect(key('ArrowRight', { altKey: true })).toBeNull();
  expect(key('f', { ctrlKey: true })).toBeNull();
  expect(key('x')).toBeNull();
});

test('the last step wraps to the first only when looping', () => {
  expect(nextIndex(12, 13, true)).toBe(0);
  expect(nextIndex(12, 13, false)).toBe(12);
  expect(indexAfter('previous', 0, 13, true)).toBe(0);
  expect(indexAfter('last', 3, 13, false)).toBe(12);
});

test('the counter reads from 1', () => {
  expect(stepCounter(0, 13)).toBe('1 / 13');
});
