import { describe, expect, test } from 'vitest';
import { parseCsv } from './csv.ts';
import { IMPORT_LIMITS } from './limits.ts';

const limits = { ...IMPORT_LIMITS, maxRows: 1000 };
const rows = (n: number) => Array.from({ length: n }, (_, i) => `r${i},113.3,23.1`).join('\n');

describe('parseCsv', () => {
  test('takes exactly maxRows data rows (blank lines not counted)', () => {
    const table = parseCsv(`name,lon,lat\n\n${rows(1000)}\n\n`, limits, 'utf-8');
    expect(table.rows).toHaveLength(1000);
  });

  test('refuses the row after maxRows as too many rows', () => {
    expect(() => parseCsv(`name,lon,lat\n${rows(1001)}`, limits, 'utf-8')).toThrow(expect.objectContaining({ status: 413, problem: expect.objectContaining({ code: 'too-many-rows' }) }));
  });

  test('stops reading once the limit is passed: a broken quote further down is never reached', () => {
    // 9.5 million tiny rows were the probe's file; here what follows the limit is a quote that never closes.
    const text = `name,lon,lat\n${rows(1001)}\n"never closed,1,2\n${rows(200_000)}`;
    expect(() => parseCsv(text, limits, 'utf-8')).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'too-many-rows' }) }));
    expect(() => parseCsv(`name,lon,lat\n${rows(10)}\n"never closed,1,2\n${rows(10)}`, limits, 'utf-8')).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'unclosed-quote', row: 12 }) }));
  });
});
