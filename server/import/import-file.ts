import { resolveColumns, type ColumnMap, type Field } from './columns.ts';
import type { SourceCrs } from './datum.ts';
import type { RequestedEncoding } from './encoding.ts';
import { fileError, type RowProblem } from './problems.ts';
import { readRows, type Header } from './read-rows.ts';
import { rowValidator, type ImportedRecord, type RowContext, type RowValidator } from './rows.ts';
import type { Table } from './table.ts';

export type FileFormat = Table['format'];

/** What the user asked for besides the file. */
export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
  encoding?: RequestedEncoding;
  mapping?: Partial<Record<Field, string>>;
}

/** The validation report: how the file was read, which column feeds which field, and every problem. */
export interface ImportReport {
  file: { name: string; format: FileFormat | null; bytes: number; encoding?: string; delimiter?: string; sheet?: string };
  crs: SourceCrs;
  headers: string[];
  columns: Partial<Record<Field, string>>;
  rows: { total: number; valid: number; rejected: number };
  /** Valid rows by how they were placed: at their coordinates, or at the centre of a town / district / city. */
  placed: { point: number; town: number; district: number; city: number };
  defaults: { precision_m: number; type: 'firm' };
  problems: RowProblem[];
  /** The first valid rows as they will be stored, for the column-mapping preview. */
  preview: { row: number; record_id: string; name_zh: string; city: string; original?: [number, number]; wgs84: [number, number]; address_matched?: string }[];
}

const PREVIEW_ROWS = 10;

const noPlacements = (): ImportReport['placed'] => ({ point: 0, town: 0, district: 0, city: 0 });

const EXTENSIONS: Record<string, FileFormat> = { csv: 'csv', tsv: 'csv', txt: 'csv', geojson: 'geojson', json: 'geojson', xlsx: 'xlsx' };

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** The OLE2 header of legacy .xls (and .doc) files. */
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

const EXPECTED_FORMATS = { en: 'a .csv, .tsv, .geojson/.json or .xlsx file', zh: '.csv、.tsv、.geojson/.json 或 .xlsx 文件' };

/** The format a file is read as, from its extension checked against its first bytes. */
export function formatOf(fileName: string, bytes: Uint8Array): FileFormat {
  if (bytes.length === 0) {
    throw fileError(400, 'empty-file', { en: 'the file is empty (0 bytes)', zh: '文件为空（0 字节）' }, { en: 'a header row and at least one data row', zh: '一行表头和至少一行数据' });
  }
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const format = EXTENSIONS[extension];
  if (!format) {
    const hint = extension === 'xls' ? { en: 'legacy .xls workbooks are not read; save it as .xlsx', zh: '不支持旧版 .xls，请另存为 .xlsx' } : { en: `".${extension || '(none)'}" files are not imported`, zh: `不支持“.${extension || '（无扩展名）'}”文件` };
    throw fileError(415, 'unsupported-format', hint, EXPECTED_FORMATS);
  }
  if (format !== 'xlsx' && (isZip(bytes) || isOle(bytes))) {
    throw fileError(415, 'format-mismatch', { en: `the file is named .${extension} but holds a spreadsheet or archive`, zh: `文件扩展名为 .${extension}，内容却是电子表格或压缩包` }, { en: 'a .xlsx name for a workbook, or the sheet saved as CSV', zh: '工作簿使用 .xlsx 扩展名，或将表格另存为 CSV' });
  }
  if (format === 'xlsx' && !isZip(bytes)) {
    throw fileError(415, 'format-mismatch', { en: 'the file is named .xlsx but is not an .xlsx workbook', zh: '文件扩展名为 .xlsx，但内容不是 .xlsx 工作簿' }, EXPECTED_FORMATS);
  }
  return format;
}

/**
 * Reads, maps and validates an upload without touching storage: bytes in, report out. Each valid record
 * is handed to `onRecord` as it is made, with the number of rows rejected so far (an import's path: the caller encodes records a chunk at a time
 * instead of holding a million of them). The columns are resolved at the first data row, so a file with
 * a header and no rows is refused as such before its header is judged.
 */
export async function importFile(request: ImportRequest, ctx: RowContext, onRecord: (record: ImportedRecord, rejectedSoFar: number) => void): Promise<{ report: ImportReport }> {
  const format = formatOf(request.fileName, request.bytes);
  const fileBytes = request.bytes.length;
  const fixed: ColumnMap = format === 'geojson' ? { lon: 0, lat: 1 } : {};
  const placed = noPlacements();
  const preview: ImportReport['preview'] = [];
  let valid = 0;
  const take = (record: ImportedRecord, rejectedSoFar: number) => {
    valid++;
    placed[record.placedLevel ?? 'point'] += 1;
    if (preview.length < PREVIEW_ROWS) preview.push(previewOf(record));
    onRecord(record, rejectedSoFar);
  };
  let columns: ColumnMap | undefined;
  let validator: RowValidator | undefined;
  const validatorFor = ({ headers, headerRow }: Header) => {
    columns = resolveColumns(headers, headerRow, request.mapping, fixed);
    return (validator = rowValidator(headers, columns, ctx, take));
  };
  const read = await readRows(request.bytes, format, request.encoding, ctx.limits, (row, header) => (validator ?? validatorFor(header)).add(row));
  const total = read.rows + read.problems.length;
  if (total === 0) {
    throw fileError(400, 'no-data-rows', { en: 'the file has a header but no data rows', zh: '文件只有表头，没有数据行' }, { en: 'at least one data row', zh: '至少一行数据' }, { row: read.headerRow || null, column: null });
  }
  // Every row may have been refused while reading (GeoJSON geometry): the columns are still reported.
  validator ??= validatorFor(read);
  const problems = validator.problems(read.problems);
  const rejected = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.row)).size;
  return {
    report: {
      file: { name: request.fileName, format, bytes: fileBytes, ...read.details },
      crs: ctx.crs,
      headers: format === 'geojson' ? read.headers.slice(1) : read.headers,
      columns: Object.fromEntries(Object.entries(columns!).map(([field, index]) => [field, read.headers[index as number]])),
      rows: { total, valid, rejected },
      placed,
      defaults: { precision_m: ctx.defaultPrecisionM, type: 'firm' },
      problems,
      preview
    }
  };
}

function previewOf(r: ImportedRecord): ImportReport['preview'][number] {
  const p = r.feature.properties;
  return { row: r.row, record_id: r.recordId, name_zh: p.name_zh, city: p.city, original: p.original_coordinates as [number, number] | undefined, wgs84: r.feature.geometry.coordinates as [number, number], address_matched: p.address_matched };
}

/** The report of a file refused whole (nothing read past the problem). */
export function refusedReport(request: { fileName: string; bytes: { length: number } }, crs: SourceCrs, defaultPrecisionM: number, problem: RowProblem): ImportReport {
  return {
    file: { name: request.fileName, format: null, bytes: request.bytes.length },
    crs,
    headers: [],
    columns: {},
    rows: { total: 0, valid: 0, rejected: 0 },
    placed: noPlacements(),
    defaults: { precision_m: defaultPrecisionM, type: 'firm' },
    problems: [problem],
    preview: []
  };
}
