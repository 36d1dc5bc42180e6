import { Type, type Static } from '@sinclair/typebox';
import { AnyPlaceGeometry, AreaGeometry, FeatureCollectionOf, FeatureOf, PointGeometry } from './geojson.ts';
import { ChainLayerId } from './industry-chain.ts';
import { ParkFactFields } from './park-facts.ts';

const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' });
const NameZh = Type.String({ minLength: 1, description: 'Name in simplified Chinese' });
const NameEn = Type.String({ minLength: 1, description: 'Name in English' });

/** Every shipped record says where it came from and how exact its location is. */
export const Provenance = {
  source: Type.String({ minLength: 1, description: 'Human-readable citation of the source' }),
  source_url: Type.Optional(Type.String()),
  source_date: Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'ISO date of the source' }),
  precision_m: Type.Number({ exclusiveMinimum: 0, description: 'Radius of uncertainty of the location, metres' }),
  location_note: Type.Optional(Type.String()),
  location_note_zh: Type.Optional(Type.String()),
  datum: Type.Optional(Type.Literal('WGS-84', { description: 'Datum of the stored coordinates' }))
};

/** How a shipped point was placed: from coordinates a source publishes, from an address a source gives, or unverified. */
export const LOCATION_BASES = ['source-coordinates', 'source-address', 'curator-unverified'] as const;
export const SOURCE_DATUMS = ['WGS-84', 'GCJ-02', 'BD-09', 'none'] as const;

/** What the curated records say about their site, beyond provenance (all optional, so imported records need none). */
export const CuratedSite = {
  organization_id: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'Shared by the distinct sites of one organisation' })),
  site_role: Type.Optional(Type.String({ description: 'What this site of a multi-site organisation is for (HQ, R&D campus, …)' })),
  location_basis: Type.Optional(Type.Union(LOCATION_BASES.map((b) => Type.Literal(b)), { description: 'How the point was placed' })),
  location_kind: Type.Optional(Type.String({ description: 'What the coordinate is: campus POI, HQ building, park, district …' })),
  source_datum: Type.Optional(
    Type.Union(SOURCE_DATUMS.map((d) => Type.Literal(d)), { description: 'Datum the coordinate came in before conversion to WGS-84; none = placed by hand from an address or description' })
  ),
  co_located_with: Type.Optional(Type.Array(Type.String(), { description: 'Ids of records that share this point on purpose (one campus or building)' })),
  established: Type.Optional(Type.Integer({ minimum: 1800, maximum: 2100, description: 'Year the organisation (or this site) was founded' })),
  established_source_url: Type.Optional(Type.String({ description: 'Page that states the year in `established`' })),
  high_tech_source_url: Type.Optional(Type.String({ description: 'List or filing that states `high_tech_enterprise: true`' })),
  as_of: Type.Optional(Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'Date at which the changeable attributes (sectors, type, status) were stated true' }))
};

export const CityProperties = Type.Object({
  id: Slug,
  code: Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 code' }),
  name_zh: NameZh,
  name_en: NameEn,
  focus: Type.Boolean({ description: 'One of the five cities the plan focuses on' })
});
export const CityFeature = FeatureOf(AreaGeometry, CityProperties, { $id: 'CityFeature' });
export const CityCollection = FeatureCollectionOf(CityFeature, { $id: 'CityCollection' });
export type CityFeature = Static<typeof CityFeature>;

export const DistrictProperties = Type.Object({
  id: Type.String(),
  code: Type.String({ pattern: '^\\d{6,9}$' }),
  name_zh: NameZh,
  name_en: NameEn,
  city: Slug
});
export const DistrictFeature = FeatureOf(AreaGeometry, DistrictProperties);
export type DistrictFeature = Static<typeof DistrictFeature>;

export const PARK_KINDS = [
  'value-innovation-park',
  'science-city',
  'knowledge-city',
  'tech-park',
  'high-tech-zone',
  'new-area',
  'test-field',
  'industry-park',
  'innovation-cluster'
] as const;
export const ParkKind = Type.Union(PARK_KINDS.map((k) => Type.Literal(k)));
export type ParkKind = (typeof PARK_KINDS)[number];

export const ParkProperties = Type.Object({
  id: Slug,
  name_zh: NameZh,
  name_en: NameEn,
  city: Slug,
  district: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'District name (zh); null when the place spans or is unsure of one' })),
  kind: ParkKind,
  sectors: Type.Array(Slug),
  aim_zh: Type.String(),
  aim_en: Type.String(),
  plan_section: Type.String(),
  geometry_kind: Type.Union([Type.Literal('point'), Type.Literal('districts')]),
  districts: Type.Optional(Type.Array(Type.String(), { description: 'GB codes of the districts that make up the place' })),
  ...Provenance,
  // How the place was located, in the organisations' vocabulary (the shipped file states all three; tested).
  location_basis: CuratedSite.location_basis,
  location_kind: CuratedSite.location_kind,
  source_datum: CuratedSite.source_datum,
  // The file's `as_of` (when kind, sectors and placement were stated true) is served as `attributes_as_of`; the served
  // `as_of` is the facts' newest date, as API.md names it.
  attributes_as_of: Type.Optional(
    Type.Union([Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' }), Type.Null()], { description: 'Date at which the kind, sectors and placement were stated true' })
  ),
  ...ParkFactFields
});
export const ParkFeature = FeatureOf(AnyPlaceGeometry, ParkProperties, { $id: 'ParkFeature' });
export const ParkCollection = FeatureCollectionOf(ParkFeature, { $id: 'ParkCollection' });
export type ParkProperties = Static<typeof ParkProperties>;
export type ParkFeature = Static<typeof ParkFeature>;

export const ORGANIZATION_TYPES = ['firm', 'university', 'lab', 'institute', 'platform'] as const;
export const OrganizationType = Type.Union(ORGANIZATION_TYPES.map((t) => Type.Literal(t)));

export const OrganizationProperties = Type.Object({
  id: Slug,
  name_zh: NameZh,
  name_en: NameEn,
  type: OrganizationType,
  city: Slug,
  district: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'District name (zh); null when the place spans or is unsure of one' })),
  sectors: Type.Array(Slug),
  platform: Type.Optional(
    Type.Object(
      { platform: Type.String({ description: 'Open innovation platform of plan 三(二), e.g. medical-imaging' }), role: Type.String() },
      { description: "The organisation's part in one of the plan's open innovation platforms" }
    )
  ),
  high_tech_enterprise: Type.Optional(
    Type.Union([Type.Boolean(), Type.Null()], { description: 'National high-tech enterprise status: true only from a cited list; null = unknown; false for non-firms' })
  ),
  ...Provenance,
  ...CuratedSite,
  // Present on records a user imported, so their origin stays visible wherever they are served.
  dataset_id: Type.Optional(Type.String({ description: 'Imported records: the dataset they belong to' })),
  record_id: Type.Optional(Type.String({ description: 'Imported records: the record id within the dataset' })),
  original_coordinates: Type.Optional(Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: 'Imported records: [lon, lat] as given, before datum conversion' })),
  original_crs: Type.Optional(Type.String({ description: 'Imported records: the datum the file was in (WGS84, GCJ02 or BD09)' })),
  // Imported records placed by address: the point stands for an area, not a location.
  located_by: Type.Optional(Type.Union([Type.Literal('point'), Type.Literal('admin-area')], { description: '`admin-area`: placed at the centre of the area its address names (precision_m = that area\'s radius); absent or `point`: a located point' })),
  area_code: Type.Optional(Type.String({ pattern: '^\\d{6}(\\d{3})?$', description: 'Area-placed records: GB/T 2260 (6 digits) or NBS town (9 digits) code of the smallest area the address named' })),
  area_name: Type.Optional(Type.String()),
  area_level: Type.Optional(Type.Union([Type.Literal('city'), Type.Literal('district'), Type.Literal('town')])),
  address_matched: Type.Optional(Type.String({ description: 'Area-placed records: the leading text of the address that named the area' }))
});
export const OrganizationFeature = FeatureOf(PointGeometry, OrganizationProperties, { $id: 'OrganizationFeature' });
export type OrganizationFeature = Static<typeof OrganizationFeature>;
export const OrganizationCollection = FeatureCollectionOf(OrganizationFeature, { $id: 'OrganizationCollection' });

export const Sector = Type.Object(
  { id: Slug, name_zh: NameZh, name_en: NameEn, description_en: Type.Optional(Type.String()), chain_layer: Type.Optional(ChainLayerId) },
  { $id: 'Sector' }
);
export type Sector = Static<typeof Sector>;

export const TransportProperties = Type.Object({
  id: Slug,
  name_zh: NameZh,
  name_en: NameEn,
  kind: Type.Union([Type.Literal('airport'), Type.Literal('container-port')]),
  city: Slug,
  iata: Type.Optional(Type.String()),
  ...Provenance
});
export const TransportFeature = FeatureOf(PointGeometry, TransportProperties);
export type TransportFeature = Static<typeof TransportFeature>;

/**
 * Context outside the plan's statistics, kept apart from the organisations so that no count, density or quotient of
 * the plan's cities includes it (layer off by default): Hong Kong and Macau universities and science parks, and the
 * cooperation zones the Greater Bay Area plans set up with Hong Kong and Macau (Qianhai, Hengqin, Nansha, Hetao) — these
 * lie inside the focus cities, so they are context of another kind, never organisations.
 */
export const CONTEXT_KINDS = ['university', 'science-park', 'cooperation-zone'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];
export const ContextProperties = Type.Object({
  id: Slug,
  name_zh: NameZh,
  name_en: NameEn,
  kind: Type.Union(CONTEXT_KINDS.map((k) => Type.Literal(k))),
  city: Slug,
  context: Type.Literal(true, { description: 'Context outside the plan: never counted with the organisations' }),
  ai_activity: Type.Optional(Type.String({ description: 'The AI activity a cited page states (English)' })),
  ai_activity_zh: Type.Optional(Type.String({ description: 'The same in Chinese' })),
  ai_activity_source_url: Type.Optional(Type.String({ description: 'The page that states the AI activity' })),
  zone_plan_en: Type.Optional(Type.String({ description: 'Cooperation zones: the central plan that sets the zone and its extent (English)' })),
  zone_plan_zh: Type.Optional(Type.String({ description: 'Cooperation zones: the same plan by its Chinese title' })),
  zone_plan_year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'Cooperation zones: the year that plan was issued' })),
  area_km2: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Cooperation zones: the area the cited source gives' })),
  geometry_kind: Type.Optional(Type.Union([Type.Literal('point'), Type.Literal('districts')], { description: '`districts`: the outline is the union of `districts`, filled at build time' })),
  districts: Type.Optional(Type.Array(Type.String(), { description: 'GB codes of the districts that make up the zone' })),
  ...Provenance,
  ...CuratedSite
});
export const ContextFeature = FeatureOf(AnyPlaceGeometry, ContextProperties, { $id: 'ContextFeature' });
export type ContextFeature = Static<typeof ContextFeature>;
export const ContextCollection = FeatureCollectionOf(ContextFeature, { $id: 'ContextCollection' });

export const Target = Type.Object(
  {
    id: Slug,
    indicator_zh: Type.String(),
    indicator_en: Type.String(),
    comparator: Type.Union([Type.Literal('>'), Type.Literal('>='), Type.Literal('=')]),
    value: Type.Number(),
    unit_zh: Type.String(),
    unit_en: Type.String(),
    year: Type.Integer(),
    section: Type.String(),
    quote_zh: Type.String({ description: 'The words of the plan this target comes from' }),
    measurable_by: Type.Union([Type.String(), Type.Null()])
  },
  { $id: 'Target' }
);
export type Target = Static<typeof Target>;
