import { describe, expect, test } from 'vitest';
import { parseTileCoords } from './tile-path.ts';

describe('parseTileCoords', () => {
  test('accepts the corners of the tile grid', () => {
    expect(parseTileCoords('0', '0', '0')).toEqual({ z: 0, x: 0, y: 0 });
    expect(parseTileCoords('3', '7', '7')).toEqual({ z: 3, x: 7, y: 7 });
    expect(parseTileCoords('22', String(2 ** 22 - 1), '0')).toEqual({ z: 22, x: 2 ** 22 - 1, y: 0 });
  });

  test.each([
    ['z above 22', '23', '0', '0', 'z'],
    ['x past the edge of its zoom', '3', '8', '0', 'x'],
    ['y past the edge of its zoom', '3', '0', '8', 'y'],
    ['a negative number', '3', '-1', '0', 'x'],
    ['a fraction', '3', '1.5', '0', 'x'],
    ['a huge number', '3', '99999999999999999999', '0', 'x'],
    ['hex', '3', '0x1', '0', 'x'],
    ['exponent notation', '3', '1e0', '0', 'x'],
    ['an empty segment', '', '0', '0', 'z'],
    ['a path trick', '..', '0', '0', 'z']
  ])('rejects %s, naming the coordinate', (_, z, x, y, parameter) => {
    expect(() => parseTileCoords(z, x, y)).toThrow(expect.objectContaining({ statusCode: 400, parameter }));
  });
});
