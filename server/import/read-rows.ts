import { readCsv, tooManyRows } from './csv.ts';
import { decodeText, decodeTextChunks, type RequestedEncoding } from './encoding.ts';
import { parseGeojson } from './geojson.ts';
import type { ImportLimits } from './limits.ts';
import { rowProblem, type RowProblem } from './problems.ts';
import { headerOf, noRows, type Table, type TableRow } from './table.ts';
import { parseXlsx } from './xlsx.ts';

/** The header of a file: its column names and the row they are on (0 for GeoJSON, which has none). */
export interface Header {
  headers: string[];
  headerRow: number;
}

/** What reading a file gives besides its rows. */
export interface ReadFile extends Header {
  /** Problems found while reading (invalid GeoJSON geometry, a line in another encoding); those rows never reach `onRow`. */
  problems: RowProblem[];
  /** How the file was read, for the report. */
  details: Table['details'];
  /** Data rows handed to `onRow`. */
  rows: number;
}

const detailsOf = (decoded: { encoding: string; bom: boolean }) => ({ encoding: `${decoded.encoding}${decoded.bom ? ' (BOM)' : ''}` });

const ENCODING_NAMES: Record<string, string> = { 'utf-8': 'UTF-8', gb18030: 'GBK/GB18030', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' };

/** A row saved in another encoding than the rest of the file is a row error (its text was likely pasted from elsewhere). */
function otherEncodingProblem(row: TableRow, fileEncoding: string, rowEncoding: string): RowProblem {
  const [file, other] = [ENCODING_NAMES[fileEncoding] ?? fileEncoding, ENCODING_NAMES[rowEncoding] ?? rowEncoding];
  return rowProblem({ row: row.row, column: null }, 'mixed-encoding', { en: `this row is in ${other} while the rest of the file is in ${file}`, zh: `此行编码为 ${other}，而文件其余部分为 ${file}` }, { en: `one encoding for the whole file (save it again as ${file})`, zh: `整个文件使用同一种编码（请另存为 ${file}）` }, { value: row.cells.join(',') });
}

/**
 * Reads an upload and hands each data row to `onRow` with the header above it. A CSV is decoded and
 * parsed a piece at a time and its rows are validated while the parser goes, so neither its whole text
 * nor a table of every row is held; a row past IMPORT_MAX_ROWS stops the reading. An XLSX workbook or a GeoJSON file is parsed
 * whole by its library, then its rows are handed over one at a time and let go.
 */
export async function readRows(bytes: Uint8Array, format: Table['format'], encoding: RequestedEncoding | undefined, limits: ImportLimits, onRow: (row: TableRow, header: Header) => void): Promise<ReadFile> {
  if (format === 'xlsx') return handOver(await parseXlsx(bytes, limits), limits, onRow);
  if (format === 'geojson') {
    const decoded = decodeText(bytes, encoding);
    return handOver({ ...parseGeojson(decoded.text, limits), details: detailsOf(decoded) }, limits, onRow);
  }
  const decoded = decodeTextChunks(bytes, encoding);
  const details = detailsOf(decoded);
  const read: ReadFile = { headers: [], headerRow: 0, problems: [], details, rows: 0 };
  const otherLines = decoded.otherEncodingLines && new Set(decoded.otherEncodingLines.lines);
  const { delimiter } = await readCsv(decoded.chunks(), limits, (cells, row) => {
    if (read.headerRow === 0) {
      read.headers = headerOf(cells, row, limits);
      read.headerRow = row;
    } else if (otherLines?.has(row)) {
      read.problems.push(otherEncodingProblem({ row, cells }, decoded.encoding, decoded.otherEncodingLines!.encoding));
    } else {
      read.rows++;
      onRow({ row, cells }, read);
    }
  });
  if (read.headerRow === 0) throw noRows();
  read.details = { ...details, delimiter };
  return read;
}

/** A whole table's rows to `onRow`, each let go once handed over; a table over the row limit is refused before any row. */
function handOver(table: Table, limits: ImportLimits, onRow: (row: TableRow, header: Header) => void): ReadFile {
  if (table.rows.length + table.problems.length > limits.maxRows) throw tooManyRows(limits.maxRows);
  const { headers, headerRow } = table;
  for (let i = 0; i < table.rows.length; i++) {
    onRow(table.rows[i], { headers, headerRow });
    table.rows[i] = RELEASED_ROW;
  }
  return { headers, headerRow, problems: table.problems, details: table.details, rows: table.rows.length };
}

/** What a handed-over row is replaced with, so its cells can be collected. */
const RELEASED_ROW: TableRow = { row: 0, cells: [] };
