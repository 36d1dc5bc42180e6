/**
 * A record's fields as SQLite columns (migration 3), so a restart builds the catalog's table without parsing each
 * record's JSON: at a million records that parse, with the two-byte strings SQLite hands out for its Chinese text,
 * was most of a restart's CPU. The columns hold the feature exactly: `featureOfColumns` gives back an object of the
 * same keys in the same order with the same values as `JSON.parse` of its stored text, so the table built from it
 * is the same, byte for byte. A record of any other shape (see `recordColumnsOf`) keeps NULL columns and is read
 * from its JSON, as are the rows written before migration 3. The JSON stays the record of truth for every other
 * reader (export, edits, history, the OGC API).
 *
 * What a dataset's records share beyond the core fields (source, dates, datum, dataset id …) is one "tail" row of
 * `record_tails`, stored once and parsed once per read: its `record_id` and `original_coordinates` are kept as
 * placeholders when they are the record's own id and [lon, lat], so the rows of an import share one tail.
 */
import type { ImportedOrganization } from '../schemas/datasets.ts';

/** The core properties, in the order a record must list them first to be stored as columns. */
const CORE = ['id', 'name_zh', 'name_en', 'type', 'city', 'district', 'sectors', 'precision_m'] as const;
/** Joins a record's sectors in one text column: it is not in any sector id (checked). */
const SECTOR_SEPARATOR = '\u001f';

/** One record's column values; its other properties are `properties`' keys from CORE.length on (see othersOf). */
export interface RecordColumns {
  lon: number;
  lat: number;
  id: string;
  nameZh: string;
  nameEn: string;
  type: string;
  city: string;
  district: string | null;
  sectors: string;
  precisionM: number;
  properties: Record<string, unknown>;
  keys: string[];
  /** Its record_id and original_coordinates are its own id and [lon, lat]: its tail keeps them as null. */
  placeholders: boolean;
}

/** A tail as read back: its keys and values in order, parsed once for every row that shares it. */
export interface ParsedTail {
  keys: string[];
  values: unknown[];
  placeholders: boolean;
}

/**
 * The columns of a batch of records, column by column (so a batch crosses to the writer thread as a few arrays, not
 * an object a record), with the distinct tails once each.
 */
export interface ColumnBatch {
  /** lon, lat, precision_m of each record, 3 a record. */
  numbers: Float64Array;
  /** Each record's tail, an index into `tails`; -1: the record has no columns (it is read from its JSON). */
  tailAt: Int32Array;
  id: string[];
  nameZh: string[];
  nameEn: string[];
  type: string[];
  city: string[];
  district: (string | null)[];
  sectors: string[];
  tails: { tail: string; placeholders: boolean }[];
}

// A text SQLite keeps exactly: no lone surrogate (it would become U+FFFD in UTF-8), no NUL. (Node 20 has
// String.prototype.isWellFormed; TypeScript's ES2022 library does not declare it.)
const exactText = (value: unknown): value is string => typeof value === 'string' && (value as string & { isWellFormed(): boolean }).isWellFormed() && !value.includes('\0');
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
const sameKeys = (value: Record<string, unknown>, keys: readonly string[]) => {
  const own = Object.keys(value);
  return own.length === keys.length && own.every((k, i) => k === keys[i]);
};

/**
 * `feature`'s columns when it has the shape imports and edits write: `{type, geometry: {type: 'Point', coordinates:
 * [lon, lat]}, properties}` with no feature id, its properties starting with the CORE keys in that order, each of
 * its type; undefined otherwise (the record is then read from its JSON).
 */
export function recordColumnsOf(recordId: string, feature: ImportedOrganization): RecordColumns | undefined {
  const f = feature as unknown as Record<string, unknown>;
  if (!isObject(f) || !sameKeys(f, ['type', 'geometry', 'properties']) || f.type !== 'Feature') return undefined;
  const geometry = f.geometry;
  if (!isObject(geometry) || !sameKeys(geometry, ['type', 'coordinates']) || geometry.type !== 'Point') return undefined;
  const coordinates = geometry.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length !== 2 || !coordinates.every(Number.isFinite)) return undefined;
  const p = f.properties;
  if (!isObject(p)) return undefined;
  const keys = Object.keys(p);
  if (keys.length < CORE.length || CORE.some((k, i) => keys[i] !== k)) return undefined;
  const { id, name_zh, name_en, type, city, district, sectors, precision_m } = p;
  if (!exactText(id) || !exactText(name_zh) || !exactText(name_en) || !exactText(type) || !exactText(city) || !(district === null || exactText(district))) return undefined;
  if (!Array.isArray(sectors) || !sectors.every((s) => exactText(s) && s !== '' && !s.includes(SECTOR_SEPARATOR))) return undefined;
  if (typeof precision_m !== 'number' || !Number.isFinite(precision_m)) return undefined;
  // JSON has no -0: the text reads back 0, and so must the column.
  const lon = (coordinates[0] as number) + 0;
  const lat = (coordinates[1] as number) + 0;
  // Set on a plain object, this key would change its prototype instead of adding a property.
  for (let i = CORE.length; i < keys.length; i++) if (keys[i] === '__proto__') return undefined;
  const original = p.original_coordinates;
  const placeholders =
    p.record_id === recordId && Array.isArray(original) && original.length === 2 && original[0] + 0 === lon && original[1] + 0 === lat && exactText(recordId);
  return { lon, lat, id, nameZh: name_zh, nameEn: name_en, type, city, district, sectors: sectors.join(SECTOR_SEPARATOR), precisionM: precision_m + 0, properties: p, keys, placeholders };
}

const placeheld = (c: RecordColumns, key: string) => c.placeholders && (key === 'record_id' || key === 'original_coordinates');

/** A record's other properties (after the CORE ones), its placeholders as null: what its tail is the JSON of. */
function othersOf(c: RecordColumns): Record<string, unknown> {
  const others: Record<string, unknown> = {};
  for (let i = CORE.length; i < c.keys.length; i++) others[c.keys[i]] = placeheld(c, c.keys[i]) ? null : c.properties[c.keys[i]];
  return others;
}

/** Whether records `a` and `b` have the same other properties in the same order, with identical (===) values or both placeholders: then the same tail. */
function sameOthers(a: RecordColumns, b: RecordColumns): boolean {
  if (a.keys.length !== b.keys.length || a.placeholders !== b.placeholders) return false;
  for (let i = CORE.length; i < a.keys.length; i++) {
    const key = a.keys[i];
    if (key !== b.keys[i] || (a.properties[key] !== b.properties[key] && !placeheld(a, key))) return false;
  }
  return true;
}

/**
 * The columns of records `recordIds` with `features`. A record's tail is its other properties' JSON; the records of
 * an import mostly share theirs, so a record whose others are those of the one before (same keys, identical values)
 * takes its tail without a JSON.stringify.
 */
export function columnBatchOf(recordIds: readonly string[], features: readonly ImportedOrganization[]): ColumnBatch {
  const n = features.length;
  const batch: ColumnBatch = { numbers: new Float64Array(3 * n), tailAt: new Int32Array(n), id: [], nameZh: [], nameEn: [], type: [], city: [], district: [], sectors: [], tails: [] };
  const tailIndex = new Map<string, number>();
  let previous: { columns: RecordColumns; at: number } | undefined;
  for (let i = 0; i < n; i++) {
    const c = recordColumnsOf(recordIds[i], features[i]);
    batch.id.push(c?.id ?? '');
    batch.nameZh.push(c?.nameZh ?? '');
    batch.nameEn.push(c?.nameEn ?? '');
    batch.type.push(c?.type ?? '');
    batch.city.push(c?.city ?? '');
    batch.district.push(c?.district ?? null);
    batch.sectors.push(c?.sectors ?? '');
    if (!c) {
      batch.tailAt[i] = -1;
      continue;
    }
    batch.numbers[3 * i] = c.lon;
    batch.numbers[3 * i + 1] = c.lat;
    batch.numbers[3 * i + 2] = c.precisionM;
    if (!previous || !sameOthers(previous.columns, c)) {
      const tail = JSON.stringify(othersOf(c));
      const key = `${c.placeholders ? 1 : 0}${tail}`;
      let at = tailIndex.get(key);
      if (at === undefined) tailIndex.set(key, (at = batch.tails.push({ tail, placeholders: c.placeholders }) - 1));
      previous = { columns: c, at };
    } else previous = { columns: c, at: previous.at };
    batch.tailAt[i] = previous.at;
  }
  return batch;
}

/** A stored tail's keys and values. */
export function parsedTail(tail: string, placeholders: boolean): ParsedTail {
  const others = JSON.parse(tail) as Record<string, unknown>;
  return { keys: Object.keys(others), values: Object.values(others), placeholders };
}

/** The feature whose columns these are: the same keys, in the same order, with the same values as its stored JSON. */
export function featureOfColumns(
  recordId: string,
  lon: number,
  lat: number,
  id: string,
  nameZh: string,
  nameEn: string,
  type: string,
  city: string,
  district: string | null,
  sectors: string,
  precisionM: number,
  tail: ParsedTail
): ImportedOrganization {
  const properties: Record<string, unknown> = { id, name_zh: nameZh, name_en: nameEn, type, city, district, sectors: sectors === '' ? [] : sectors.split(SECTOR_SEPARATOR), precision_m: precisionM };
  const { keys, values, placeholders } = tail;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    properties[key] = placeholders && key === 'record_id' ? recordId : placeholders && key === 'original_coordinates' ? [lon, lat] : values[k];
  }
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties } as unknown as ImportedOrganization;
}
