import { Type, type Static } from '@sinclair/typebox';
import { badParameter } from './errors.ts';
import { decimalOrNaN, QueryNumber } from './query-number.ts';

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** The query filters every list, tile and analytics route shares (API.md "Filters"). */
export const ListQuery = Type.Object(
  {
    city: Type.Optional(Type.String({ description: 'City id or comma list, e.g. `shenzhen,dongguan`' })),
    sector: Type.Optional(Type.String({ description: 'Sector id or comma list' })),
    kind: Type.Optional(Type.String({ description: 'Park kind or comma list' })),
    type: Type.Optional(Type.String({ description: 'Organisation type or comma list' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Text search over Chinese and English names' })),
    bbox: Type.Optional(Type.String({ description: '`minLon,minLat,maxLon,maxLat` in WGS-84' })),
    near: Type.Optional(Type.String({ description: '`lon,lat,radiusKm`: only what lies within radiusKm (great-circle) of the point' })),
    limit: Type.Optional(QueryNumber({ integer: true, minimum: 1, maximum: 5000 }, { default: 1000, description: 'Features per page' })),
    offset: Type.Optional(QueryNumber({ integer: true, minimum: 0, maximum: 1_000_000 }, { default: 0, description: 'Features to skip' }))
  },
  { additionalProperties: false }
);
export type ListQuery = Static<typeof ListQuery>;

/** Filters after parsing: absent means "no constraint". */
export interface Filters {
  cities?: ReadonlySet<string>;
  sectors?: ReadonlySet<string>;
  kinds?: ReadonlySet<string>;
  types?: ReadonlySet<string>;
  q?: string;
  bbox?: Bbox;
  near?: Near;
  limit: number;
  offset: number;
}

/** The closed vocabularies a filter value must come from. */
export interface FilterVocabulary {
  cities: readonly string[];
  sectors: readonly string[];
  kinds: readonly string[];
  types: readonly string[];
}

/** "Within radiusKm of a point". */
export interface Near {
  lonLat: [number, number];
  radiusKm: number;
}

/** Largest radius `near` accepts: beyond it the filter would cover the whole region anyway. */
export const MAX_NEAR_KM = 500;

/** `lon,lat,radiusKm` → a Near, or a 400 naming `near` and what is wrong. */
export function parseNear(text: string): Near {
  const parts = text.split(',');
  const nums = parts.map(decimalOrNaN);
  if (parts.length !== 3 || nums.some((n) => !Number.isFinite(n))) {
    throw badParameter('near', `must be three numbers lon,lat,radiusKm; got "${text}"`);
  }
  const [lon, lat, radiusKm] = nums;
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) throw badParameter('near', `lon must be within -180..180 and lat within -90..90; got "${text}"`);
  if (radiusKm <= 0 || radiusKm > MAX_NEAR_KM) throw badParameter('near', `radiusKm must be > 0 and ≤ ${MAX_NEAR_KM}; got ${radiusKm}`);
  return { lonLat: [lon, lat], radiusKm };
}

/** `minLon,minLat,maxLon,maxLat` → numbers, or a 400 naming `bbox` and what is wrong. */
export function parseBbox(text: string): Bbox {
  const parts = text.split(',');
  const nums = parts.map(decimalOrNaN);
  if (parts.length !== 4 || nums.some((n) => !Number.isFinite(n))) {
    throw badParameter('bbox', `must be four numbers minLon,minLat,maxLon,maxLat; got "${text}"`);
  }
  const [minLon, minLat, maxLon, maxLat] = nums;
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
    throw badParameter('bbox', `longitudes must be within -180..180 and latitudes within -90..90; got "${text}"`);
  }
  if (minLon > maxLon || minLat > maxLat) {
    throw badParameter('bbox', `min must not exceed max (minLon ≤ maxLon, minLat ≤ maxLat); got "${text}"`);
  }
  return [minLon, minLat, maxLon, maxLat];
}

function parseList(name: string, text: string | undefined, known: readonly string[]): Set<string> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const values = text.split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = values.filter((v) => !known.includes(v));
  if (unknown.length > 0) {
    throw badParameter(name, `unknown value${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; expected one of ${known.join(', ')}`);
  }
  return new Set(values);
}

/** Turns a validated query string into Filters, checking list values against the catalog's vocabularies. */
export function parseFilters(query: ListQuery, vocabulary: FilterVocabulary): Filters {
  const q = query.q?.trim();
  return {
    cities: parseList('city', query.city, vocabulary.cities),
    sectors: parseList('sector', query.sector, vocabulary.sectors),
    kinds: parseList('kind', query.kind, vocabulary.kinds),
    types: parseList('type', query.type, vocabulary.types),
    q: q ? q : undefined,
    bbox: query.bbox === undefined ? undefined : parseBbox(query.bbox),
    near: query.near === undefined ? undefined : parseNear(query.near),
    limit: query.limit ?? 1000,
    offset: query.offset ?? 0
  };
}

const nearText = (near: Near | undefined) => (near ? `${near.lonLat[0]},${near.lonLat[1]},${near.radiusKm}` : '');

/** A canonical text for the filters a tile or result depends on (lists sorted), for cache keys and URLs. */
export function filtersKey(filters: Filters): string {
  const list = (s: ReadonlySet<string> | undefined) => (s ? [...s].sort().join(',') : '');
  return [list(filters.cities), list(filters.sectors), list(filters.kinds), list(filters.types), filters.q ?? '', filters.bbox?.join(',') ?? '', nearText(filters.near)].join('|');
}

/** The filters as a canonical query string (`?city=…&sector=a,b`, empty when none), to carry into tile URLs. */
export function filtersQuery(filters: Filters): string {
  // Commas stay literal so the URL reads like the one the user typed.
  const param = (name: string, value: string) => `${name}=${encodeURIComponent(value).replace(/%2C/g, ',')}`;
  const list = (name: string, s: ReadonlySet<string> | undefined) => (s ? [param(name, [...s].sort().join(','))] : []);
  const parts = [
    ...list('city', filters.cities),
    ...list('sector', filters.sectors),
    ...list('kind', filters.kinds),
    ...list('type', filters.types),
    ...(filters.q ? [param('q', filters.q)] : []),
    ...(filters.bbox ? [param('bbox', filters.bbox.join(','))] : []),
    ...(filters.near ? [param('near', nearText(filters.near))] : [])
  ];
  return parts.length ? `?${parts.join('&')}` : '';
}
