import Papa from 'papaparse';
import type { ImportLimits } from './limits.ts';
import { fileError } from './problems.ts';
import { tableFromGrid, type Table } from './table.ts';

const DELIMITERS = [',', '\t', ';', '|'];

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' };

/** Parses CSV/TSV text (delimiter guessed by papaparse) into a table whose first non-blank line is the header. */
export function parseCsv(text: string, limits: ImportLimits, encoding: string): Table {
  const parsed = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: DELIMITERS, skipEmptyLines: false, header: false });
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) {
    const row = (unclosed.row ?? 0) + 1;
    throw fileError(
      400,
      'unclosed-quote',
      { en: `a quoted value opened on row ${row} is never closed`, zh: `第 ${row} 行的引号没有闭合` },
      { en: 'every opening " closed by another "', zh: '每个左引号 " 都有对应的右引号' },
      { row, column: null }
    );
  }
  return tableFromGrid(parsed.data, 'csv', limits, { encoding, delimiter: DELIMITER_NAMES[parsed.meta.delimiter] ?? parsed.meta.delimiter });
}
