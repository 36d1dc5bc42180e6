import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { ImportLimits } from './limits.ts';
import { fileError } from './problems.ts';
import { isBlank } from './table.ts';

const DELIMITERS = [',', '\t', ';', '|'];

export const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' };

/** The refusal of a file with more data rows than an import takes. */
export function tooManyRows(maxRows: number) {
  return fileError(413, 'too-many-rows', { en: `the file has more than ${maxRows} rows`, zh: `文件超过 ${maxRows} 行` }, { en: `at most ${maxRows} rows per import (split the file, or raise IMPORT_MAX_ROWS)`, zh: `每次导入最多 ${maxRows} 行（可拆分文件，或调高 IMPORT_MAX_ROWS）` });
}

const unclosedQuote = (row: number) =>
  fileError(
    400,
    'unclosed-quote',
    { en: `a quoted value opened on row ${row} is never closed`, zh: `第 ${row} 行的引号没有闭合` },
    { en: 'every opening " closed by another "', zh: '每个左引号 " 都有对应的右引号' },
    { row, column: null }
  );

/**
 * Reads CSV/TSV text (delimiter guessed by papaparse) one line at a time as it arrives in `chunks`:
 * `onLine` gets each non-blank line with its row number as the user sees it (the first is the header)
 * while Papa Parse yields it, so neither the whole text nor a grid of every row's cells is ever held
 * (Papa joins a line split between two chunks). Reading stops at the first line past the row limit,
 * at a quote that never closes, or when `onLine` or `chunks` throws; that error is the rejection.
 */
export function readCsv(chunks: Iterable<string>, limits: ImportLimits, onLine: (cells: string[], row: number) => void): Promise<{ delimiter: string }> {
  let row = 0;
  let nonBlank = 0;
  let stopped: unknown;
  let delimiter = ',';
  const text = Readable.from(chunks, { objectMode: true });
  return new Promise((resolve, reject) => {
    const stop = (error: unknown) => {
      stopped ??= error;
      text.destroy();
      reject(stopped);
    };
    Papa.parse<string[]>(text as unknown as File, {
      delimiter: '',
      delimitersToGuess: DELIMITERS,
      skipEmptyLines: false,
      header: false,
      step: (result, parser) => {
        if (stopped !== undefined) return;
        row++;
        delimiter = result.meta.delimiter;
        try {
          // Papa reports an unclosed quote on the row that opens it; the rest of the file is that one cell.
          if (result.errors.some((e) => e.code === 'MissingQuotes')) throw unclosedQuote(row);
          if (isBlank(result.data)) return;
          // The header is one non-blank line; every other one is a data row.
          if (++nonBlank > limits.maxRows + 1) throw tooManyRows(limits.maxRows);
          onLine(result.data, row);
        } catch (error) {
          // Stopped first: the abort calls `complete` at once.
          stop(error);
          parser.abort();
        }
      },
      complete: () => {
        if (stopped === undefined) resolve({ delimiter: DELIMITER_NAMES[delimiter] ?? delimiter });
      },
      error: (error: unknown) => stop(error)
    });
    // A chunk that is not readable text (see decodeTextChunks) fails the stream.
    text.once('error', stop);
  });
}
