import Papa from 'papaparse';
import type { ImportLimits } from './limits.ts';
import { fileError } from './problems.ts';
import { tableFromGrid, type Table } from './table.ts';

const DELIMITERS = [',', '\t', ';', '|'];

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' };

const isBlankLine = (cells: string[]) => cells.every((c) => c.trim() === '');

/** The refusal of a file with more data rows than an import takes. */
export function tooManyRows(maxRows: number) {
  return fileError(413, 'too-many-rows', { en: `the file has more than ${maxRows} rows`, zh: `文件超过 ${maxRows} 行` }, { en: `at most ${maxRows} rows per import (split the file, or raise IMPORT_MAX_ROWS)`, zh: `每次导入最多 ${maxRows} 行（可拆分文件，或调高 IMPORT_MAX_ROWS）` });
}

/**
 * Parses CSV/TSV text (delimiter guessed by papaparse) into a table whose first non-blank line is the
 * header. Rows are taken one at a time and counted as they come, so a file with too many rows is
 * refused as soon as the limit is passed rather than after the whole file is split into cells.
 */
export function parseCsv(text: string, limits: ImportLimits, encoding: string): Table {
  const grid: string[][] = [];
  let nonBlank = 0;
  let unclosedRow: number | undefined;
  let tooMany = false;
  let delimiter = ',';
  Papa.parse<string[]>(text, {
    delimiter: '',
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: false,
    header: false,
    step: (result, parser) => {
      grid.push(result.data);
      delimiter = result.meta.delimiter;
      if (result.errors.some((e) => e.code === 'MissingQuotes')) unclosedRow ??= grid.length;
      // The header is one non-blank line; every other one is a data row.
      if (!isBlankLine(result.data) && ++nonBlank > limits.maxRows + 1) {
        tooMany = true;
        parser.abort();
      }
    }
  });
  if (tooMany) throw tooManyRows(limits.maxRows);
  if (unclosedRow !== undefined) {
    const row = unclosedRow;
    throw fileError(
      400,
      'unclosed-quote',
      { en: `a quoted value opened on row ${row} is never closed`, zh: `第 ${row} 行的引号没有闭合` },
      { en: 'every opening " closed by another "', zh: '每个左引号 " 都有对应的右引号' },
      { row, column: null }
    );
  }
  return tableFromGrid(grid, 'csv', limits, { encoding, delimiter: DELIMITER_NAMES[delimiter] ?? delimiter });
}
