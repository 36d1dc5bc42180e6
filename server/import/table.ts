import type { ImportLimits } from './limits.ts';
import { fileError, type RowProblem } from './problems.ts';

export type Cell = string | number | boolean | null;

/** One data row with the number the user sees it under. */
export interface TableRow {
  row: number;
  cells: Cell[];
}

/** What every reader (CSV, XLSX, GeoJSON) turns a file into before validation. */
export interface Table {
  format: 'csv' | 'xlsx' | 'geojson';
  headers: string[];
  /** Row number of the header line (0 for GeoJSON, which has none). */
  headerRow: number;
  rows: TableRow[];
  /** Problems found while reading (e.g. invalid GeoJSON geometry); those rows are not in `rows`. */
  problems: RowProblem[];
  /** How the file was read, for the report. */
  details: { encoding?: string; delimiter?: string; sheet?: string };
}

const isBlank = (cells: Cell[]) => cells.every((c) => c === null || String(c).trim() === '');

/** A grid of cells (row 1 first) as a table: the first non-blank line is the header, blank lines are skipped. */
export function tableFromGrid(grid: Cell[][], format: 'csv' | 'xlsx', limits: ImportLimits, details: Table['details']): Table {
  const lines = grid.map((cells, i) => ({ row: i + 1, cells }));
  const headerIndex = lines.findIndex((l) => !isBlank(l.cells));
  if (headerIndex < 0) {
    throw fileError(400, 'empty-file', { en: 'the file has no rows', zh: '文件中没有数据' }, { en: 'a header row and at least one data row', zh: '一行表头和至少一行数据' });
  }
  const header = lines[headerIndex];
  if (header.cells.length > limits.maxColumns) {
    throw fileError(
      400,
      'too-many-columns',
      { en: `the header has ${header.cells.length} columns`, zh: `表头有 ${header.cells.length} 列` },
      { en: `at most ${limits.maxColumns} columns`, zh: `最多 ${limits.maxColumns} 列` },
      { row: header.row, column: null }
    );
  }
  return {
    format,
    headers: header.cells.map((h) => (h === null ? '' : String(h).trim())),
    headerRow: header.row,
    rows: lines.slice(headerIndex + 1).filter((l) => !isBlank(l.cells)),
    problems: [],
    details
  };
}
