/**
 * The organisations' store of record: the shared columns the filters and workers read, plus string
 * tables for the names, a dictionary for districts, and per row the JSON of whatever else a record
 * holds. Properties every record of one dataset shares (source, date, datum, dataset id …) are kept
 * once per segment, not per row. GeoJSON is built only for the rows a response returns
 * (`featureOfRow`): a million organisations cost ~100 bytes each instead of a GeoJSON object graph.
 */
import type { FilterVocabulary } from '../schemas/filters.ts';
import type { OrganizationFeature } from '../schemas/places.ts';
import {
  columnsOf,
  emptyColumns,
  sectorsOfRow,
  shared,
  stringAt,
  stringTableOf,
  UNKNOWN_CODE,
  withTree,
  type OrganizationColumns,
  type StringTable
} from './organization-columns.ts';

/** Rows [start, end) that came from one dataset (`datasetId` null: the shipped records). */
export interface TableSegment {
  datasetId: string | null;
  start: number;
  end: number;
  /** Properties with the same value on every row of the segment. */
  constants: Record<string, unknown>;
  /** Whether the features carry a top-level `id` (the curated file's do), equal to `properties.id`. */
  featureIds: boolean;
  /**
   * Set when every row's own properties began with `record_id`, its id from this character on, then
   * `original_coordinates`, its [lon, lat] (an import in WGS-84: each record says where it was and under
   * which id, both of which the columns hold): `rest` then keeps only what followed them, ~75 bytes a row less.
   */
  recordIdFrom?: number;
}

export interface OrganizationTable {
  columns: OrganizationColumns;
  nameZh: StringTable;
  nameEn: StringTable;
  /** 0: no district property; 1: district null; k + 2: `districtValues[k]`. */
  districtCode: Uint32Array;
  districtValues: string[];
  /** Per row, the JSON object of the properties the columns and constants do not give (empty: none). */
  rest: StringTable;
  segments: TableSegment[];
}

type Properties = OrganizationFeature['properties'];
const CORE_KEYS = new Set(['id', 'name_zh', 'name_en', 'type', 'city', 'sectors', 'precision_m', 'district']);

/** Whether the columns give `key` of this record back exactly (else its own JSON keeps it); `sectorCode` maps sector ids to vocabulary positions. */
function columnsHold(key: string, p: Properties, columns: OrganizationColumns, i: number, sectorCode: ReadonlyMap<string, number>): boolean {
  switch (key) {
    case 'id':
    case 'name_zh':
    case 'name_en':
      return typeof p[key] === 'string';
    case 'district':
      return p.district === null || typeof p.district === 'string';
    case 'city':
      return columns.cityCode[i] !== UNKNOWN_CODE;
    case 'type':
      return columns.typeCode[i] !== UNKNOWN_CODE;
    case 'precision_m':
      return columns.precisionM[i] === p.precision_m;
    case 'sectors': {
      // The bits read back known sectors once each, in vocabulary order: exact when the record lists them so.
      if (!Array.isArray(p.sectors)) return false;
      let previous = -1;
      for (const s of p.sectors) {
        const code = sectorCode.get(s);
        if (code === undefined || code <= previous) return false;
        previous = code;
      }
      return true;
    }
    default:
      return false;
  }
}

const sameValue = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b));

/** The properties (other than the columns') that every one of `features` has, with the same value. */
function sharedProperties(features: readonly OrganizationFeature[]): Record<string, unknown> {
  if (features.length === 0) return {};
  const candidates = new Map(Object.entries(features[0].properties).filter(([k, v]) => !CORE_KEYS.has(k) && v !== undefined));
  for (let i = 1; i < features.length && candidates.size > 0; i++) {
    const p = features[i].properties as Record<string, unknown>;
    for (const [k, v] of candidates) if (!sameValue(p[k], v)) candidates.delete(k);
  }
  return Object.fromEntries(candidates);
}

/** One dataset's organisations (or the shipped ones) as a table; no KD-tree yet (`joinTables` builds it). */
export function tableOf(features: readonly OrganizationFeature[], vocabulary: FilterVocabulary, datasetId: string | null): OrganizationTable {
  const n = features.length;
  const columns = columnsOf(features, vocabulary);
  const constants = sharedProperties(features);
  const districtCode = shared(Uint32Array, n);
  const districtValues: string[] = [];
  const districtIndex = new Map<string, number>();
  const owns = new Array<Record<string, unknown> | undefined>(n);
  const sectorCode = new Map(vocabulary.sectors.map((s, k) => [s, k]));
  for (let i = 0; i < n; i++) {
    const p = features[i].properties;
    if (p.district === null) districtCode[i] = 1;
    else if (typeof p.district === 'string') {
      let k = districtIndex.get(p.district);
      if (k === undefined) districtIndex.set(p.district, (k = districtValues.push(p.district) - 1));
      districtCode[i] = k + 2;
    }
    let own: Record<string, unknown> | undefined;
    for (const key in p) {
      const value = (p as Record<string, unknown>)[key];
      if (value === undefined || key in constants || (CORE_KEYS.has(key) && columnsHold(key, p, columns, i, sectorCode))) continue;
      (own ??= {})[key] = value;
    }
    owns[i] = own;
  }
  const recordIdFrom = recordIdOffset(features, owns, columns);
  const rest = owns.map((own) => {
    if (recordIdFrom !== undefined) {
      const { record_id: _, original_coordinates: __, ...after } = own!;
      return Object.keys(after).length > 0 ? JSON.stringify(after) : '';
    }
    return own ? JSON.stringify(own) : '';
  });
  return {
    columns,
    nameZh: stringTableOf(features.map((f) => f.properties.name_zh)),
    // A name_en left out (the schema asks for one; hand-made test records may not) reads back as ''.
    nameEn: stringTableOf(features.map((f) => f.properties.name_en ?? '')),
    districtCode,
    districtValues,
    rest: stringTableOf(rest),
    segments: [{ datasetId, start: 0, end: n, constants, featureIds: n > 0 && features.every((f) => f.id === f.properties.id), ...(recordIdFrom !== undefined ? { recordIdFrom } : {}) }]
  };
}

/**
 * Where every row's `record_id` starts in its id, when every row's own properties begin with `record_id` (the
 * tail of its id, from one offset for all rows) and then `original_coordinates` (exactly its [lon, lat]); else
 * undefined. Then the columns give both back, and `featureOfRow` puts them where they were.
 */
function recordIdOffset(features: readonly OrganizationFeature[], owns: readonly (Record<string, unknown> | undefined)[], columns: OrganizationColumns): number | undefined {
  if (owns.length === 0) return undefined;
  let from: number | undefined;
  for (let i = 0; i < owns.length; i++) {
    const own = owns[i];
    if (!own) return undefined;
    const keys = Object.keys(own);
    const recordId = own.record_id;
    const original = own.original_coordinates;
    if (keys[0] !== 'record_id' || keys[1] !== 'original_coordinates' || typeof recordId !== 'string' || !Array.isArray(original)) return undefined;
    if (original.length !== 2 || original[0] !== columns.lon[i] || original[1] !== columns.lat[i]) return undefined;
    const id = features[i].properties.id;
    from ??= id.length - recordId.length;
    if (from < 0 || id.length - recordId.length !== from || !id.endsWith(recordId)) return undefined;
  }
  return from;
}

/** The segment holding row `i`. */
function segmentOf(table: OrganizationTable, i: number): TableSegment {
  let lo = 0;
  let hi = table.segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (table.segments[mid].start <= i) lo = mid;
    else hi = mid - 1;
  }
  return table.segments[lo];
}

/** Row `i` as the GeoJSON feature it was stored from. */
export function featureOfRow(table: OrganizationTable, i: number): OrganizationFeature {
  const { columns } = table;
  const segment = segmentOf(table, i);
  const code = table.districtCode[i];
  const own = table.rest.end[i] > (i === 0 ? 0 : table.rest.end[i - 1]) ? JSON.parse(stringAt(table.rest.text, table.rest.end, i)) : undefined;
  const id = stringAt(columns.idText, columns.idEnd, i);
  const properties = {
    id,
    name_zh: stringAt(table.nameZh.text, table.nameZh.end, i),
    name_en: stringAt(table.nameEn.text, table.nameEn.end, i),
    ...(columns.typeCode[i] !== UNKNOWN_CODE ? { type: columns.vocabulary.types[columns.typeCode[i]] } : {}),
    ...(columns.cityCode[i] !== UNKNOWN_CODE ? { city: columns.vocabulary.cities[columns.cityCode[i]] } : {}),
    ...(code === 0 ? {} : { district: code === 1 ? null : table.districtValues[code - 2] }),
    sectors: sectorsOfRow(columns, i),
    precision_m: columns.precisionM[i],
    ...segment.constants,
    ...(segment.recordIdFrom !== undefined ? { record_id: id.slice(segment.recordIdFrom), original_coordinates: [columns.lon[i], columns.lat[i]] } : {}),
    ...own
  } as Properties;
  const geometry = { type: 'Point' as const, coordinates: [columns.lon[i], columns.lat[i]] };
  return segment.featureIds ? { type: 'Feature', id: properties.id, geometry, properties } : { type: 'Feature', geometry, properties };
}

/** A run of rows [start, end) of a table. */
export interface TableRange {
  table: OrganizationTable;
  start: number;
  end: number;
}

function joinStrings(parts: { table: StringTable; start: number; end: number }[]): StringTable {
  let rows = 0;
  let bytes = 0;
  for (const { table, start, end } of parts) {
    rows += end - start;
    bytes += (end > start ? table.end[end - 1] : 0) - (start > 0 ? table.end[start - 1] : 0);
  }
  const out = { text: shared(Uint8Array, bytes), end: shared(Uint32Array, rows) };
  let row = 0;
  let at = 0;
  for (const { table, start, end } of parts) {
    const from = start > 0 ? table.end[start - 1] : 0;
    const to = end > start ? table.end[end - 1] : from;
    out.text.set(table.text.subarray(from, to), at);
    for (let i = start; i < end; i++) out.end[row++] = table.end[i] - from + at;
    at += to - from;
  }
  return out;
}

/**
 * Rows of several tables, one after another, as one new table (on new shared memory), with the
 * KD-tree built when `tree` is set: the catalog's table is always a join of the shipped rows and
 * each dataset's, so replacing one dataset copies the others' rows instead of rebuilding them.
 */
export function joinTables(parts: readonly TableRange[], vocabulary: FilterVocabulary, { tree }: { tree: boolean }): OrganizationTable {
  const size = parts.reduce((sum, p) => sum + p.end - p.start, 0);
  const columns = emptyColumns(size, vocabulary);
  const words = columns.sectorWords;
  const districtCode = shared(Uint32Array, size);
  const districtValues: string[] = [];
  const districtIndex = new Map<string, number>();
  const segments: TableSegment[] = [];
  let row = 0;
  for (const { table, start, end } of parts) {
    const c = table.columns;
    if (c.sectorWords !== words) throw new Error('tables over different sector vocabularies cannot be joined');
    for (const key of ['lon', 'lat', 'cityCode', 'typeCode', 'highTech', 'areaPlaced', 'precisionM'] as const) columns[key].set(c[key].subarray(start, end), row);
    columns.sectorBits.set(c.sectorBits.subarray(start * words, end * words), row * words);
    // District codes are renumbered into the joined dictionary.
    const recode = table.districtValues.map((d) => {
      let k = districtIndex.get(d);
      if (k === undefined) districtIndex.set(d, (k = districtValues.push(d) - 1));
      return k + 2;
    });
    for (let i = start; i < end; i++) {
      const code = table.districtCode[i];
      districtCode[row + i - start] = code < 2 ? code : recode[code - 2];
    }
    for (const s of table.segments) {
      const from = Math.max(s.start, start);
      const to = Math.min(s.end, end);
      if (to > from) {
        segments.push({ ...s, start: row + from - start, end: row + to - start });
      }
    }
    row += end - start;
  }
  const ids = joinStrings(parts.map((p) => ({ table: { text: p.table.columns.idText, end: p.table.columns.idEnd }, start: p.start, end: p.end })));
  const joined: OrganizationTable = {
    columns: { ...columns, idText: ids.text, idEnd: ids.end },
    nameZh: joinStrings(parts.map((p) => ({ table: p.table.nameZh, start: p.start, end: p.end }))),
    nameEn: joinStrings(parts.map((p) => ({ table: p.table.nameEn, start: p.start, end: p.end }))),
    districtCode,
    districtValues,
    rest: joinStrings(parts.map((p) => ({ table: p.table.rest, start: p.start, end: p.end }))),
    segments
  };
  return tree ? { ...joined, columns: withTree(joined.columns) } : joined;
}

/** Rows per chunk when a large dataset is turned into a table piece by piece (`tableOf` per chunk, then `concatTables`). */
export const TABLE_CHUNK_ROWS = 8192;

/**
 * `chunk`'s rest strings with `extra` properties added to each row's own JSON (a row's own value wins), and
 * with the record id and original coordinates its segment gives back (`recordIdFrom`) when `expand` is set.
 */
function restWith(chunk: OrganizationTable, extra: Record<string, unknown>, expand: boolean): StringTable {
  const n = chunk.columns.size;
  const from = expand ? chunk.segments[0]?.recordIdFrom : undefined;
  const rest = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const own = chunk.rest.end[i] > (i === 0 ? 0 : chunk.rest.end[i - 1]) ? JSON.parse(stringAt(chunk.rest.text, chunk.rest.end, i)) : {};
    const lead = from !== undefined ? { record_id: stringAt(chunk.columns.idText, chunk.columns.idEnd, i).slice(from), original_coordinates: [chunk.columns.lon[i], chunk.columns.lat[i]] } : {};
    rest[i] = JSON.stringify({ ...extra, ...lead, ...own });
  }
  return stringTableOf(rest);
}

/**
 * Tables of consecutive chunks of one dataset's rows (each from `tableOf`) as one table with one
 * segment, so a million records are turned into columns a chunk at a time and never all exist as
 * objects. What every chunk shares stays a segment constant; a constant of some chunks only moves
 * into those rows' own JSON (rare: a chunk whose rows happen to agree on a value).
 */
export function concatTables(chunks: readonly OrganizationTable[], vocabulary: FilterVocabulary, datasetId: string | null): OrganizationTable {
  if (chunks.length === 0) return tableOf([], vocabulary, datasetId);
  const constantsOf = (t: OrganizationTable) => t.segments[0]?.constants ?? {};
  const constants = { ...constantsOf(chunks[0]) };
  for (const chunk of chunks) for (const key of Object.keys(constants)) if (!sameValue(constantsOf(chunk)[key], constants[key])) delete constants[key];
  const extras = chunks.map((chunk) => Object.fromEntries(Object.entries(constantsOf(chunk)).filter(([key]) => !(key in constants))));
  // The record ids and original coordinates stay with the columns when every chunk's rows give them back from the
  // same offset and no chunk has properties of its own to put before them.
  const froms = new Set(chunks.filter((c) => c.columns.size > 0).map((c) => c.segments[0]?.recordIdFrom));
  const recordIdFrom = froms.size === 1 && extras.every((extra) => Object.keys(extra).length === 0) ? [...froms][0] : undefined;
  const parts: TableRange[] = chunks.map((chunk, k) => {
    const expand = recordIdFrom === undefined && chunk.segments[0]?.recordIdFrom !== undefined;
    const table = Object.keys(extras[k]).length === 0 && !expand ? chunk : { ...chunk, rest: restWith(chunk, extras[k], expand) };
    return { table, start: 0, end: chunk.columns.size };
  });
  const joined = joinTables(parts, vocabulary, { tree: false });
  const featureIds = joined.columns.size > 0 && chunks.every((c) => c.columns.size === 0 || (c.segments[0]?.featureIds ?? false));
  return { ...joined, segments: [{ datasetId, start: 0, end: joined.columns.size, constants, featureIds, ...(recordIdFrom !== undefined ? { recordIdFrom } : {}) }] };
}

/**
 * The parts a table is joined from once dataset `datasetId` holds `table`'s rows instead of what `current` holds of
 * it: the dataset keeps its place among the others; a new one comes last.
 */
export function partsWithDataset(current: OrganizationTable, datasetId: string, table: OrganizationTable): TableRange[] {
  const incoming: TableRange = { table: { ...table, segments: table.segments.map((s) => ({ ...s, datasetId })) }, start: 0, end: table.columns.size };
  const parts: TableRange[] = [];
  let placed = false;
  for (const segment of current.segments) {
    if (segment.datasetId !== datasetId) parts.push({ table: current, start: segment.start, end: segment.end });
    else if (!placed) {
      placed = true;
      parts.push(incoming);
    }
  }
  if (!placed) parts.push(incoming);
  return parts.filter((p) => p.end > p.start);
}

/** The rows of dataset `datasetId` (`null`: the shipped ones), or undefined when the table has none. */
export function rangeOf(table: OrganizationTable, datasetId: string | null): TableRange | undefined {
  const segment = table.segments.find((s) => s.datasetId === datasetId);
  return segment && { table, start: segment.start, end: segment.end };
}
