import { describe, expect, test } from 'vitest';
import { HttpError } from '../schemas/errors.ts';
import { isOgcDatetime, OGC_LIMIT, parseItemsQuery } from './items-query.ts';

const parse = (query: string, extras: Parameters<typeof parseItemsQuery>[1] = ['city', 'q']) => parseItemsQuery([...new URLSearchParams(query)], extras);
function parameterOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof HttpError) return e.parameter;
    throw e;
  }
  return undefined;
}

describe('parseItemsQuery', () => {
  test('an empty query pages from 0 with the default limit', () => {
    expect(parse('')).toEqual({ limit: OGC_LIMIT.default, offset: 0, bbox: undefined, datetime: undefined, filters: {} });
  });

  test('a limit above the maximum is lowered to it, not refused', () => {
    expect(parse('limit=50000').limit).toBe(OGC_LIMIT.maximum);
  });

  test.each([['limit=0', 'limit'], ['limit=abc', 'limit'], ['limit=2.5', 'limit'], ['offset=-1', 'offset'], ['bbox=1,2,3', 'bbox'], ['bbox=114,22,113,23', 'bbox'], ['f=html', 'f'], ['datetime=yesterday', 'datetime']])(
    '%s is a 400 naming %s',
    (query, parameter) => {
      expect(parameterOf(() => parse(query))).toBe(parameter);
    }
  );

  test('an unknown parameter is a 400 naming it', () => {
    expect(parameterOf(() => parse('colour=red'))).toBe('colour');
  });

  test('a filter the collection does not offer counts as unknown', () => {
    expect(parameterOf(() => parse('sector=drones', ['city']))).toBe('sector');
  });

  test('a parameter given twice is refused rather than silently picking one', () => {
    expect(parameterOf(() => parse('city=shenzhen&city=zhuhai'))).toBe('city');
  });

  test('a 3D bbox keeps its horizontal extent', () => {
    expect(parse('bbox=113,22,0,114,23,100').bbox).toEqual([113, 22, 114, 23]);
  });

  test("the collection's filters pass through as sent", () => {
    expect(parse('city=shenzhen,zhuhai&q=腾讯').filters).toEqual({ city: 'shenzhen,zhuhai', q: '腾讯' });
  });
});

describe('isOgcDatetime', () => {
  test.each(['2018-07-01', '2018-07-01T12:00:00Z', '2018-07-01T12:00:00+08:00', '2018-01-01/2020-12-31', '../2020-12-31', '2018-01-01/..', '2018-01-01/'])('accepts %s', (text) => {
    expect(isOgcDatetime(text)).toBe(true);
  });
  test.each(['', 'now', '2018-13-45', '../..', '2018/2019/2020', '2018-07-01T25:00'])('refuses %s', (text) => {
    expect(isOgcDatetime(text)).toBe(false);
  });
});
