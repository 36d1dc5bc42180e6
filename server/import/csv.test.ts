import { describe, expect, test } from 'vitest';
import { readCsv } from './csv.ts';
import { IMPORT_LIMITS } from './limits.ts';

const limits = { ...IMPORT_LIMITS, maxRows: 1000 };
const rows = (n: number) => Array.from({ length: n }, (_, i) => `r${i},113.3,23.1`).join('\n');

/** The non-blank lines readCsv hands over, with their row numbers; the text arrives in pieces of `piece` characters. */
async function linesOf(text: string, piece = 7): Promise<{ row: number; cells: string[] }[]> {
  const lines: { row: number; cells: string[] }[] = [];
  await readCsv(pieces(text, piece), limits, (cells, row) => lines.push({ row, cells }));
  return lines;
}

function* pieces(text: string, size: number) {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

describe('readCsv', () => {
  test('takes exactly maxRows data rows (blank lines not counted)', async () => {
    const lines = await linesOf(`name,lon,lat\n\n${rows(1000)}\n\n`);
    expect(lines).toHaveLength(1001);
    // Row numbers are the lines the user sees: the blank line 2 is skipped, not renumbered.
    expect(lines.slice(0, 2)).toEqual([{ row: 1, cells: ['name', 'lon', 'lat'] }, { row: 3, cells: ['r0', '113.3', '23.1'] }]);
  });

  test('hands each line over while the text arrives, and stops taking text when a line is refused', async () => {
    let taken = 0;
    function* counted() {
      for (const piece of pieces(`name,lon,lat\n${rows(500)}`, 64)) {
        taken++;
        yield piece;
      }
    }
    let seen = 0;
    const stop = new Error('enough');
    await expect(readCsv(counted(), limits, () => { if (++seen === 3) throw stop; })).rejects.toBe(stop);
    expect(seen).toBe(3);
    expect(taken).toBeLessThan(10);
  });

  test('joins a quoted value with a line break that arrives in two pieces', async () => {
    expect(await linesOf('name,note\n"Tencent","line one\nline two"\n', 20)).toEqual([{ row: 1, cells: ['name', 'note'] }, { row: 2, cells: ['Tencent', 'line one\nline two'] }]);
  });

  test('a piece that is not text (the decoder throws) is the rejection', async () => {
    const unreadable = new Error('not text');
    function* broken() {
      yield 'name,lon,lat\nr0,113.3,23.1\n';
      throw unreadable;
    }
    await expect(readCsv(broken(), limits, () => undefined)).rejects.toBe(unreadable);
  });

  test('refuses the row after maxRows as too many rows', async () => {
    await expect(linesOf(`name,lon,lat\n${rows(1001)}`)).rejects.toThrow(expect.objectContaining({ status: 413, problem: expect.objectContaining({ code: 'too-many-rows' }) }));
  });

  test('stops reading once the limit is passed: a broken quote further down is never reached', async () => {
    // 9.5 million tiny rows were the probe's file; here what follows the limit is a quote that never closes.
    const text = `name,lon,lat\n${rows(1001)}\n"never closed,1,2\n${rows(200_000)}`;
    await expect(linesOf(text, 4096)).rejects.toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'too-many-rows' }) }));
    await expect(linesOf(`name,lon,lat\n${rows(10)}\n"never closed,1,2\n${rows(10)}`)).rejects.toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'unclosed-quote', row: 12 }) }));
  });

  test('names the delimiter it found', async () => {
    expect(await readCsv(['name\tlon\tlat\na\t113.3\t23.1\n'], limits, () => undefined)).toEqual({ delimiter: 'tab' });
  });
});
