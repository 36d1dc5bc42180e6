import { badParameter } from '../schemas/errors.ts';
import { parseBbox, type Bbox, type ListQuery } from '../schemas/filters.ts';
import type { QueryPairs } from './links.ts';

/** Paging defaults of OGC API – Features Part 1 (§7.15.3 example: default 10, maximum 10 000). */
export const OGC_LIMIT = { default: 10, maximum: 10_000 } as const;

/** The parameters every items request may carry; a collection adds its own filters (ListQuery names). */
const CORE_PARAMETERS = ['limit', 'offset', 'bbox', 'datetime', 'f'] as const;

export type ExtraFilter = 'city' | 'sector' | 'kind' | 'type' | 'q';

export interface ItemsQuery {
  limit: number;
  offset: number;
  bbox?: Bbox;
  /** The `datetime` value as sent; valid, but no collection has a temporal extent, so it selects everything. */
  datetime?: string;
  /** The collection's own filters, in the shape parseFilters reads. */
  filters: Pick<ListQuery, ExtraFilter>;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i;

/** RFC 3339 date, date-time, or an interval `a/b` with `..` or empty for an open end (§7.15.4). */
export function isOgcDatetime(text: string): boolean {
  const parts = text.split('/');
  if (parts.length === 1) return INSTANT.test(text) && !Number.isNaN(Date.parse(text));
  if (parts.length !== 2) return false;
  const open = (p: string) => p === '' || p === '..';
  if (open(parts[0]) && open(parts[1])) return false;
  return parts.every((p) => open(p) || (INSTANT.test(p) && !Number.isNaN(Date.parse(p))));
}

function integer(name: string, text: string, min: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min) throw badParameter(name, `must be an integer ≥ ${min}; got "${text}"`);
  return n;
}

/** OGC bbox: 4 numbers, or 6 (3D) whose heights we drop; WGS-84 lon/lat (CRS84). */
function ogcBbox(text: string): Bbox {
  const parts = text.split(',');
  if (parts.length === 6) {
    const [minLon, minLat, , maxLon, maxLat] = parts;
    return ogcBbox([minLon, minLat, maxLon, maxLat].join(','));
  }
  const nums = parts.map(Number);
  if (parts.length === 4 && nums[0] > nums[2] && nums.every(Number.isFinite)) {
    throw badParameter('bbox', `crosses the antimeridian (minLon > maxLon), which this server does not support: its data lies within 111–116°E; got "${text}"`);
  }
  return parseBbox(text);
}

/**
 * Checks an items request's query (§7.15): unknown parameters are a 400 (/req/core/query-param-unknown),
 * a limit above the maximum is lowered to it (/per/core/limit-override), a bad value names its parameter.
 */
export function parseItemsQuery(pairs: QueryPairs, extras: readonly ExtraFilter[]): ItemsQuery {
  const allowed = new Set<string>([...CORE_PARAMETERS, ...extras]);
  const seen = new Map<string, string>();
  for (const [name, value] of pairs) {
    if (!allowed.has(name)) throw badParameter(name, `unknown parameter; this collection accepts ${[...allowed].join(', ')}`);
    if (seen.has(name)) throw badParameter(name, 'given more than once; give it once (lists are comma-separated)');
    seen.set(name, value);
  }
  const f = seen.get('f');
  if (f !== undefined && f !== 'json' && f !== 'geojson') throw badParameter('f', `only json (GeoJSON) is served; got "${f}"`);
  const datetime = seen.get('datetime');
  if (datetime !== undefined && !isOgcDatetime(datetime)) {
    throw badParameter('datetime', `must be an RFC 3339 date-time or an interval like 2018-01-01/..; got "${datetime}"`);
  }
  const limitText = seen.get('limit');
  const offsetText = seen.get('offset');
  const bboxText = seen.get('bbox');
  const filters: ItemsQuery['filters'] = {};
  for (const name of extras) {
    const value = seen.get(name);
    if (value !== undefined) filters[name] = value;
  }
  if (filters.q !== undefined && filters.q.length > 200) throw badParameter('q', `must be at most 200 characters; got ${filters.q.length}`);
  return {
    limit: limitText === undefined ? OGC_LIMIT.default : Math.min(integer('limit', limitText, 1), OGC_LIMIT.maximum),
    offset: offsetText === undefined ? 0 : integer('offset', offsetText, 0),
    bbox: bboxText === undefined ? undefined : ogcBbox(bboxText),
    datetime,
    filters
  };
}
