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

/** A line with no text in any cell: skipped, never a row. */
export const isBlank = (cells: readonly Cell[]) => cells.every((c) => c === null || String(c).trim() === '');

/** The header line's cells as column names (trimmed), refused when it has more columns than an import takes. */
export function headerOf(cells: readonly Cell[], row: number, limits: ImportLimits): string[] {
  if (cells.length > limits.maxColumns) {
    throw fileError(
      400,
      'too-many-columns',
      { en: `the header has ${cells.length} columns`, zh: `表头有 ${cells.length} 列` },
      { en: `at most ${limits.maxColumns} columns`, zh: `最多 ${limits.maxColumns} 列` },
      { row, column: null }
    );
  }
  return cells.map((h) => (h === null ? '' : String(h).trim()));
}

/** The refusal of a file without a single non-blank line. */
export const noRows = () => fileError(400, 'empty-file', { en: 'the file has no rows', zh: '文件中没有数据' }, { en: 'a header row and at least one data row', zh: '一行表头和至少一行数据' });

/** A grid of cells (row 1 first) as a table: the first non-blank line is the header, blank lines are skipped. */
export function tableFromGrid(grid: Cell[][], format: 'csv' | 'xlsx', limits: ImportLimits, details: Table['details']): Table {
  const lines = grid.map((cells, i) => ({ row: i + 1, cells }));
  const headerIndex = lines.findIndex((l) => !isBlank(l.cells));
  if (headerIndex < 0) throw noRows();
  const header = lines[headerIndex];
  return {
    format,
    headers: headerOf(header.cells, header.row, limits),
    headerRow: header.row,
    rows: lines.slice(headerIndex + 1).filter((l) => !isBlank(l.cells)),
    problems: [],
    details
  };
}
