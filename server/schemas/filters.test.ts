import { describe, expect, test } from 'vitest';
import { parseBbox, parseFilters } from './filters.ts';

const vocabulary = { cities: ['guangzhou', 'shenzhen'], sectors: ['drones'], kinds: ['tech-park'], types: ['firm'] };

describe('parseBbox', () => {
  test('reads minLon,minLat,maxLon,maxLat', () => {
    expect(parseBbox('113.1,22.5,114.2,23.0')).toEqual([113.1, 22.5, 114.2, 23.0]);
  });
  test.each([
    ['three numbers', '113,22,114'],
    ['a word', '113,22,abc,23'],
    ['an empty part', '113,,114,23'],
    ['minLon > maxLon', '114.2,22.5,113.1,23.0'],
    ['latitude beyond 90', '113,22,114,91']
  ])('rejects %s naming bbox', (_, text) => {
    expect(() => parseBbox(text)).toThrow(expect.objectContaining({ statusCode: 400, parameter: 'bbox' }));
  });
});

describe('parseFilters', () => {
  test('splits comma lists and leaves absent filters open', () => {
    const f = parseFilters({ city: 'guangzhou, shenzhen' }, vocabulary);
    expect([...f.cities!]).toEqual(['guangzhou', 'shenzhen']);
    expect(f.sectors).toBeUndefined();
    expect(f.limit).toBe(1000);
  });
  test('names an unknown city and lists the known ones', () => {
    expect(() => parseFilters({ city: 'beijing' }, vocabulary)).toThrow(/city: unknown value "beijing"; expected one of guangzhou, shenzhen/);
  });
});
