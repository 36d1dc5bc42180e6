import { describe, expect, test } from 'vitest';
import { readCsv } from './csv.ts';
import { IMPORT_LIMITS } from './limits.ts';

const limits = { ...IMPORT_LIMITS, maxRows: 1000 };
const rows = (n: number) => Array.from({ length: n }, (_, i) => `r${i},113.3,23.1`).join('\n');

/** The non-blank lines readCsv hands over, with their row numbers. */
function linesOf(text: string): { row: number; cells: string[] }[] {
  const lines: { row: number; cells: string[] }[] = [];
  readCsv(text, limits, (cells, row) => lines.push({ row, cells }));
  return lines;
}

describe('readCsv', () => {
  test('takes exactly maxRows data rows (blank lines not counted)', () => {
    const lines = linesOf(`name,lon,lat\n\n${rows(1000)}\n\n`);
    expect(lines).toHaveLength(1001);
    // Row numbers are the lines the user sees: the blank line 2 is skipped, not renumbered.
    expect(lines.slice(0, 2)).toEqual([{ row: 1, cells: ['name', 'lon', 'lat'] }, { row: 3, cells: ['r0', '113.3', '23.1'] }]);
  });

  test('hands each line over while parsing, before the file is read to its end', () => {
    // A line's handler that throws stops the reading: the lines after it are never parsed.
    let seen = 0;
    const stop = new Error('enough');
    expect(() => readCsv(`name,lon,lat\n${rows(500)}`, limits, () => { if (++seen === 3) throw stop; })).toThrow(stop);
    expect(seen).toBe(3);
  });

  test('refuses the row after maxRows as too many rows', () => {
    expect(() => linesOf(`name,lon,lat\n${rows(1001)}`)).toThrow(expect.objectContaining({ status: 413, problem: expect.objectContaining({ code: 'too-many-rows' }) }));
  });

  test('stops reading once the limit is passed: a broken quote further down is never reached', () => {
    // 9.5 million tiny rows were the probe's file; here what follows the limit is a quote that never closes.
    const text = `name,lon,lat\n${rows(1001)}\n"never closed,1,2\n${rows(200_000)}`;
    expect(() => linesOf(text)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'too-many-rows' }) }));
    expect(() => linesOf(`name,lon,lat\n${rows(10)}\n"never closed,1,2\n${rows(10)}`)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'unclosed-quote', row: 12 }) }));
  });

  test('names the delimiter it found', () => {
    expect(readCsv('name\tlon\tlat\na\t113.3\t23.1\n', limits, () => undefined)).toEqual({ delimiter: 'tab' });
  });
});
