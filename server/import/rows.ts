import type { Bbox } from '../schemas/filters.ts';
import type { ImportedOrganization } from '../schemas/datasets.ts';
import type { ColumnMap, Field } from './columns.ts';
import { inBbox, looksSwapped, outOfChina, toWgs84, type SourceCrs } from './datum.ts';
import type { AddressLocator, LocatedAddress } from './address/locate-address.ts';
import type { ImportLimits } from './limits.ts';
import { rowProblem, type Bilingual, type RowProblem } from './problems.ts';
import type { Cell, Table, TableRow } from './table.ts';
import { LIST_SEPARATORS, organizationType } from './vocabulary.ts';

/** Everything validation needs besides the table: where the data goes and how to read values. */
export interface RowContext {
  datasetId: string;
  /** Written into every record's `source`: dataset name · file name · import date. */
  source: string;
  importDate: string;
  crs: SourceCrs;
  defaultPrecisionM: number;
  /** The map's region; points outside it are warned about. */
  region: Bbox;
  cityOf: (value: string) => string | undefined;
  sectorOf: (value: string) => string | undefined;
  knownCities: string;
  knownSectors: string;
  limits: ImportLimits;
  /** Places a row without coordinates by its address column (absent: coordinates are required). */
  locateAddress?: AddressLocator;
}

/** One valid row, ready to store. */
export interface ImportedRecord {
  recordId: string;
  row: number;
  feature: ImportedOrganization;
  /** Rows placed by address: the level of the area whose shape gave the point. */
  placedLevel?: LocatedAddress['placedLevel'];
}

const MAX_PRECISION_M = 100_000;
// Cells a spreadsheet would run as a formula when the data is exported and opened again (CSV injection, OWASP).
const FORMULA_START = /^[\t\r]*[=+\-@]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** `A-001`, `a_001` → `a-001`; the part of a record id that goes into its feature id. */
export const idSlug = (id: string) => id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

class RowReader {
  readonly problems: RowProblem[] = [];
  constructor(
    private readonly row: TableRow,
    private readonly headers: string[],
    private readonly columns: ColumnMap,
    private readonly limits: ImportLimits
  ) {}

  at(field: Field) {
    const index = this.columns[field];
    return { row: this.row.row, column: index === undefined ? field : this.headers[index] || field };
  }

  error(field: Field, code: string, problem: Bilingual, expected: Bilingual, value?: unknown) {
    this.problems.push(rowProblem(this.at(field), code, problem, expected, { value }));
  }

  warn(field: Field, code: string, problem: Bilingual, expected: Bilingual, value?: unknown) {
    this.problems.push(rowProblem(this.at(field), code, problem, expected, { severity: 'warning', value }));
  }

  /** The trimmed text of a field's cell ('' when absent), after the length check. */
  private raw(field: Field): string {
    const index = this.columns[field];
    const cell: Cell = index === undefined ? null : (this.row.cells[index] ?? null);
    const text = cell === null ? '' : String(cell).trim();
    if (text.length > this.limits.maxCellChars) {
      this.error(field, 'cell-too-long', { en: `the cell holds ${text.length} characters`, zh: `单元格有 ${text.length} 个字符` }, { en: `at most ${this.limits.maxCellChars} characters`, zh: `最多 ${this.limits.maxCellChars} 个字符` }, text);
      return '';
    }
    return text;
  }

  /** A text cell after the length and formula checks ('' when absent or refused). */
  text(field: Field): string {
    const index = this.columns[field];
    const cell: Cell = index === undefined ? null : (this.row.cells[index] ?? null);
    // Checked before trimming too: a spreadsheet runs "\t=…" and "\r+…" as formulas as well.
    if (typeof cell === 'string' && (FORMULA_START.test(cell) || FORMULA_START.test(cell.trim()))) {
      this.error(field, 'formula', { en: 'the cell starts like a spreadsheet formula (= + - @, or a tab or carriage return before one)', zh: '单元格以电子表格公式符号开头（= + - @，或其前有制表符、回车）' }, { en: 'the value itself, not a formula (paste as values; text may not start with = + - @)', zh: '数值本身而非公式（请“粘贴为数值”；文字不能以 = + - @ 开头）' }, cell);
      return '';
    }
    return this.raw(field);
  }

  /** A numeric cell, or undefined after recording why not. */
  number(field: Field, required: boolean, what: Bilingual): number | undefined {
    const index = this.columns[field];
    const cell = index === undefined ? null : (this.row.cells[index] ?? null);
    if (typeof cell === 'number') return cell;
    const raw = this.raw(field);
    // Full-width digits (１１３．３) are read as numbers too; most cells are plain ASCII and skip the normalising.
    const text = NUMBER.test(raw) ? raw : raw.normalize('NFKC');
    if (text === '') {
      if (required) this.error(field, 'missing-value', { en: `the ${what.en} is empty`, zh: `${what.zh}为空` }, { en: `a ${what.en} as a decimal number`, zh: `十进制数字形式的${what.zh}` });
      return undefined;
    }
    if (!NUMBER.test(text)) {
      this.error(field, 'not-a-number', { en: `the ${what.en} is not a number`, zh: `${what.zh}不是数字` }, { en: `a decimal number such as 113.3245`, zh: '十进制数字，如 113.3245' }, text);
      return undefined;
    }
    return Number(text);
  }
}

const LON = { en: 'longitude', zh: '经度' };
const LAT = { en: 'latitude', zh: '纬度' };

function position(r: RowReader, ctx: RowContext): { original: [number, number]; wgs84: [number, number] } | undefined {
  const lon = r.number('lon', true, LON);
  const lat = r.number('lat', true, LAT);
  if (lon === undefined || lat === undefined) return undefined;
  const original: [number, number] = [lon, lat];
  const swappedHint = { en: 'longitude (about 111–116 here) in the longitude column and latitude (about 21–25) in the latitude column', zh: '经度列填经度（本地区约 111–116），纬度列填纬度（约 21–25）' };
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    if (looksSwapped(original, ctx.region)) {
      r.error('lat', 'swapped', { en: 'longitude and latitude look swapped', zh: '经度和纬度似乎填反了' }, swappedHint, `${lon}, ${lat}`);
    } else {
      const field = Math.abs(lon) > 180 ? 'lon' : 'lat';
      r.error(field, 'out-of-range', { en: `the ${field === 'lon' ? 'longitude' : 'latitude'} is out of range`, zh: `${field === 'lon' ? '经度' : '纬度'}超出范围` }, field === 'lon' ? { en: 'a longitude between -180 and 180', zh: '-180 到 180 之间的经度' } : { en: 'a latitude between -90 and 90', zh: '-90 到 90 之间的纬度' }, field === 'lon' ? lon : lat);
    }
    return undefined;
  }
  if (lon === 0 && lat === 0) {
    r.error('lon', 'zero-coordinates', { en: 'the coordinates are 0, 0 (usually a missing location)', zh: '坐标为 0, 0（通常表示缺少位置）' }, { en: 'the real location', zh: '真实位置' });
    return undefined;
  }
  // GCJ-02 and BD-09 exist only inside China; elsewhere the offset is undefined and the datum is wrong.
  if (ctx.crs !== 'WGS84' && outOfChina(original)) {
    r.error('lon', 'outside-china', { en: `a ${ctx.crs} point must lie in China, but this one does not`, zh: `${ctx.crs} 坐标只在中国境内有效，该点不在境内` }, { en: 'a point in China, or crs=WGS84 for coordinates elsewhere', zh: '中国境内的点；境外坐标请用 crs=WGS84' }, `${lon}, ${lat}`);
    return undefined;
  }
  const wgs84 = toWgs84(original, ctx.crs);
  if (looksSwapped(original, ctx.region)) {
    r.warn('lat', 'swapped', { en: 'longitude and latitude look swapped', zh: '经度和纬度似乎填反了' }, swappedHint, `${lon}, ${lat}`);
  } else if (!inBbox(wgs84, ctx.region)) {
    r.warn('lon', 'outside-region', { en: 'the point lies outside the Pearl River Delta region of this map', zh: '该点位于本地图的珠三角范围之外' }, { en: `a point within ${ctx.region.join(', ')} (WGS-84)`, zh: `位于 ${ctx.region.join(', ')}（WGS-84）范围内的点` }, `${lon}, ${lat}`);
  }
  return { original, wgs84 };
}

/** Whether the row has a non-blank cell for `field`. */
const given = (row: TableRow, columns: ColumnMap, field: Field) => columns[field] !== undefined && String(row.cells[columns[field]!] ?? '').trim() !== '';

/** A row with an address and no coordinates, placed at its area; coordinates, when given, always win. */
function byAddress(r: RowReader, row: TableRow, columns: ColumnMap, ctx: RowContext): LocatedAddress | 'no-address' | undefined {
  // No closure made per row here: a million rows would make (and, under tsx, name) a million of them.
  if (!ctx.locateAddress || columns.address === undefined || given(row, columns, 'lon') || given(row, columns, 'lat')) return 'no-address';
  const cell = row.cells[columns.address] ?? null;
  const problemsBefore = r.problems.length;
  const text = cell === null ? '' : typeof cell === 'string' ? r.text('address') : cell;
  const result = text === '' ? undefined : ctx.locateAddress(text);
  if (result?.ok) return result.located;
  if (result) r.error('address', result.error.code, result.error.problem, result.error.expected, cell);
  else if (r.problems.length === problemsBefore) r.error('address', 'missing-value', { en: 'neither coordinates nor an address', zh: '既无坐标也无地址' }, { en: 'longitude and latitude, or an address in the five cities', zh: '经纬度，或五个城市内的地址' });
  return undefined;
}

/** The city an address names (for a point row without a city cell). */
function cityOfAddress(row: TableRow, columns: ColumnMap, ctx: RowContext): string | undefined {
  const cell = row.cells[columns.address!] ?? null;
  const result = cell === null || !ctx.locateAddress ? undefined : ctx.locateAddress(cell);
  return result?.ok ? result.located.city : undefined;
}

function sectorsOf(r: RowReader, ctx: RowContext): string[] {
  const values = r.text('sector').split(LIST_SEPARATORS).map((s) => s.trim()).filter(Boolean);
  const sectors: string[] = [];
  for (const value of values) {
    const id = ctx.sectorOf(value);
    if (id) sectors.push(id);
    else r.error('sector', 'unknown-sector', { en: `unknown sector "${value}"`, zh: `未知行业“${value}”` }, { en: `sector ids or names: ${ctx.knownSectors}`, zh: `行业编号或名称：${ctx.knownSectors}` }, value);
  }
  return [...new Set(sectors)];
}

/** Validates one row into a record, or returns only its problems. */
function recordOf(row: TableRow, headers: string[], columns: ColumnMap, ctx: RowContext, seenIds: Map<string, number>): { record?: ImportedRecord; problems: RowProblem[] } {
  const r = new RowReader(row, headers, columns, ctx.limits);
  const recordId = columns.id === undefined ? `r${row.row}` : r.text('id');
  const slug = idSlug(recordId);
  if (columns.id !== undefined && !slug) {
    r.error('id', recordId ? 'invalid-id' : 'missing-value', { en: recordId ? 'the id has no letters or digits' : 'the id is empty', zh: recordId ? '编号中没有字母或数字' : '编号为空' }, { en: 'an id with Latin letters or digits, unique in the file', zh: '由字母或数字组成、在文件中唯一的编号' }, recordId);
  } else if (seenIds.has(slug)) {
    r.error('id', 'duplicate-id', { en: `the id "${recordId}" is used again`, zh: `编号“${recordId}”重复` }, { en: `a unique id (first used on row ${seenIds.get(slug)})`, zh: `唯一编号（已在第 ${seenIds.get(slug)} 行使用）` }, recordId);
  } else seenIds.set(slug, row.row);
  const name = r.text('name');
  if (!name && columns.name !== undefined) r.error('name', 'missing-value', { en: 'the name is empty', zh: '名称为空' }, { en: 'the organisation’s name', zh: '机构名称' });
  const nameEn = r.text('name_en');
  const located = byAddress(r, row, columns, ctx);
  const area = located === 'no-address' ? undefined : located;
  const cityText = r.text('city');
  let city = cityText ? ctx.cityOf(cityText) : undefined;
  if (area && city && area.city !== city) r.error('city', 'address-conflict', { en: `the city column says ${cityText}, the address another city`, zh: `城市列为“${cityText}”，地址却在另一城市` }, { en: 'a city column that agrees with the address', zh: '与地址一致的城市' }, cityText);
  if (located !== 'no-address') city = area?.city;
  else {
    // A point row without a city cell takes the city its address names, if any.
    if (!cityText && columns.address !== undefined) city = cityOfAddress(row, columns, ctx);
    if (!city && !cityText) r.error('city', 'missing-value', { en: 'the city is empty', zh: '城市为空' }, { en: `one of: ${ctx.knownCities}`, zh: `以下之一：${ctx.knownCities}` });
    else if (!city) r.error('city', 'unknown-city', { en: `unknown city "${cityText}"`, zh: `未知城市“${cityText}”` }, { en: `one of: ${ctx.knownCities}`, zh: `以下之一：${ctx.knownCities}` }, cityText);
  }
  const typeText = r.text('type');
  const type = typeText ? organizationType(typeText) : 'firm';
  if (!type) r.error('type', 'unknown-type', { en: `unknown organisation type "${typeText}"`, zh: `未知机构类型“${typeText}”` }, { en: 'firm/企业, university/高校, lab/实验室, institute/研究院, platform/平台', zh: '企业、高校、实验室、研究院、平台（或英文 firm/university/lab/institute/platform）' }, typeText);
  const precision = r.number('precision_m', false, { en: 'precision in metres', zh: '精度（米）' });
  if (precision !== undefined && !(precision > 0 && precision <= MAX_PRECISION_M)) {
    r.error('precision_m', 'out-of-range', { en: 'the precision is out of range', zh: '精度超出范围' }, { en: `metres, more than 0 and at most ${MAX_PRECISION_M}`, zh: `大于 0 且不超过 ${MAX_PRECISION_M} 的米数` }, precision);
  }
  const sectors = sectorsOf(r, ctx);
  const district = r.text('district');
  const at = located === 'no-address' ? position(r, ctx) : area && { original: undefined, wgs84: area.lonLat };
  // A rejected row reports only why it was rejected; warnings matter for rows that get stored.
  if (r.problems.some((p) => p.severity === 'error') || !at || !city || !type || !name) return { problems: r.problems.filter((p) => p.severity === 'error') };
  // An area-placed record is as precise as its area is large, whatever the file says.
  const precisionM = area?.precisionM ?? precision ?? ctx.defaultPrecisionM;
  const feature: ImportedOrganization = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: at.wgs84 },
    properties: {
      id: `${ctx.datasetId}-${slug}`,
      name_zh: name,
      name_en: nameEn || name,
      type,
      city,
      district: district || null,
      sectors,
      precision_m: precisionM,
      source: ctx.source,
      source_date: ctx.importDate,
      datum: 'WGS-84',
      dataset_id: ctx.datasetId,
      record_id: recordId,
      ...(area ? area.fields : { original_coordinates: at.original, original_crs: ctx.crs })
    }
  };
  return { record: { recordId, row: row.row, feature, placedLevel: area?.placedLevel }, problems: r.problems };
}

/** Validates rows one at a time as a reader yields them (see `rowValidator`). */
export interface RowValidator {
  /** Validates one data row: a valid one goes to `onRecord` at once, its problems are kept. */
  add(row: TableRow): void;
  /** Every problem, `readProblems` (found while reading the file) included, in row order. */
  problems(readProblems: readonly RowProblem[]): RowProblem[];
}

/**
 * A validator for the rows under one header: each row becomes a record (handed to `onRecord` as soon as
 * it is made, with the number of rows rejected before it) or its problems, with its row and column. Ids are checked for repeats across all rows.
 * Nothing of a row is kept after `add` but its problems, so a reader that streams rows into it never
 * holds a large file's rows, cells or records at once.
 */
export function rowValidator(headers: string[], columns: ColumnMap, ctx: RowContext, onRecord: (record: ImportedRecord, rejectedSoFar: number) => void): RowValidator {
  const seenIds = new Map<string, number>();
  const found: RowProblem[] = [];
  let rejected = 0;
  return {
    add(row) {
      const result = recordOf(row, headers, columns, ctx, seenIds);
      if (result.record) onRecord(result.record, rejected);
      else rejected++;
      for (const problem of result.problems) found.push(problem);
    },
    problems: (readProblems) => [...readProblems, ...found].sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
  };
}

/** Validates every row of a table: the valid ones become records, every problem is reported with its row and column. */
export function validateRows(table: Table, columns: ColumnMap, ctx: RowContext): { records: ImportedRecord[]; problems: RowProblem[] } {
  const records: ImportedRecord[] = [];
  const validator = rowValidator(table.headers, columns, ctx, (record) => records.push(record));
  for (const row of table.rows) validator.add(row);
  return { records, problems: validator.problems(table.problems) };
}
