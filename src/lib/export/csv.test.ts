import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  test('starts with a UTF-8 BOM so Excel keeps Chinese intact, and reads back unchanged', () => {
    const csv = toCsv(['name_zh', 'name_en'], [['腾讯', 'Tencent'], ['华为, 深圳', 'Huawei "HQ"']]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([['name_zh', 'name_en'], ['腾讯', 'Tencent'], ['华为, 深圳', 'Huawei "HQ"']]);
  });

  test.each(['=1+1', '+86 20', '-2', '@SUM(A1)'])('neutralises a cell that starts like a formula: %s', (cell) => {
    const csv = toCsv(['x'], [[cell]]);
    const [, [value]] = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(value).toBe(`'${cell}`);
  });

  test('empty values become empty cells', () => {
    expect(toCsv(['a', 'b'], [[null, undefined]]).slice(1)).toBe('a,b\r\n,');
  });
});
