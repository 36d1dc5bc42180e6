import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { FeatureCollectionOf, FeatureOf, MultiPolygonGeometry, PointGeometry, PolygonGeometry } from './geojson.ts';
import { ListQuery } from './filters.ts';
import { QueryNumber } from './query-number.ts';
import { StreamParameter } from './stream.ts';
import { OrganizationCollection, Target } from './places.ts';
import { CATCHMENT_DEFAULTS } from '../analytics/catchment-report.ts';
import { HULL_DEFAULTS } from '../analytics/clusters.ts';
import { DBSCAN_DEFAULTS, DBSCAN_EPS_RANGE_KM } from '../analytics/dbscan.ts';
import { ELLIPSE_DEFAULTS } from '../analytics/ellipse-report.ts';
import { HEX_DEFAULTS } from '../analytics/hex-density.ts';
import { HEX_GRID_DEFAULTS } from '../analytics/hex-grid-density.ts';
import { KERNEL_DEFAULTS } from '../analytics/kernel-density.ts';
import { NNI_DEFAULTS } from '../analytics/nni-report.ts';
import { PrecisionReport } from './statistics.ts';

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const LonLat = Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[lon, lat], WGS-84' });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const SectorCount = Type.Object({ sector: Type.String(), count: Type.Integer({ minimum: 0 }) });

/** Every analytics route: the organisation filters, plus `stream=sse` for progress events. */
const AnalyticsQuery = { ...ListQuery.properties, ...StreamParameter };
const query = <P extends TProperties>(own: P) => Type.Object({ ...AnalyticsQuery, ...own }, { additionalProperties: false });

const EpsKm = QueryNumber({ minimum: DBSCAN_EPS_RANGE_KM.min, maximum: DBSCAN_EPS_RANGE_KM.max }, { default: DBSCAN_DEFAULTS.epsKm, description: `DBSCAN neighbourhood radius, km (${DBSCAN_EPS_RANGE_KM.min} ≤ epsKm ≤ ${DBSCAN_EPS_RANGE_KM.max}; below 1 m no location is known well enough to tell points apart)` });
const MinPoints = QueryNumber({ integer: true, minimum: 1, maximum: 1000 }, { default: DBSCAN_DEFAULTS.minPoints, description: 'DBSCAN: organisations within epsKm (itself included) that make a core point' });

export const DensityQuery = query({
  resolution: Type.Optional(QueryNumber({ integer: true, minimum: 0, maximum: 15 }, { description: `H3 resolution of the hexagons (default ${HEX_DEFAULTS.resolution}, ~1.4 km edges); give this or edgeKm` })),
  edgeKm: Type.Optional(QueryNumber({ minimum: 0.001, maximum: 1500 }, { description: `Wanted hexagon edge, km: with grid=h3 the H3 resolution with the nearest mean edge is used; with grid=km it is the exact cell side (default ${HEX_GRID_DEFAULTS.cellSideKm})` })),
  grid: Type.Optional(
    Type.Union([Type.Literal('h3'), Type.Literal('km')], {
      default: HEX_DEFAULTS.grid,
      description: 'Hexagons: `h3` (H3 cells) or `km` (the planar grid of Turf `hexGrid` with cell side edgeKm over the bbox filter, or the selection\'s bbox, grown by 3 cell sides so every organisation falls in a hexagon)'
    })
  ),
  topSectors: Type.Optional(QueryNumber({ integer: true, minimum: 1, maximum: 32 }, { default: HEX_DEFAULTS.topSectors, description: 'Sectors listed per hexagon' })),
  bandwidthKm: Type.Optional(QueryNumber({ minimum: 0.05, maximum: 50 }, { description: `Kernel density: quartic kernel radius, km (default: from the data by the spatial Silverman rule ArcGIS uses; ${KERNEL_DEFAULTS.bandwidthKm} with fewer than two distinct points)` })),
  kernelCellKm: Type.Optional(QueryNumber({ minimum: 0.05, maximum: 20 }, { default: KERNEL_DEFAULTS.cellKm, description: `Kernel density: grid spacing, km (widened if the grid would exceed ${KERNEL_DEFAULTS.maxNodes} nodes)` })),
  bands: Type.Optional(QueryNumber({ integer: true, minimum: 1, maximum: 12 }, { default: KERNEL_DEFAULTS.bands, description: 'Kernel density: number of equal-interval contour bands' }))
});
export type DensityQuery = Static<typeof DensityQuery>;

const HexProperties = Type.Object({ h3: Type.Optional(Type.String({ description: 'H3 index (grid=h3 only)' })), count: Type.Integer(), share: Type.Number({ description: 'count ÷ organisations counted' }), top_sectors: Type.Array(SectorCount) });
const BandProperties = Type.Object({ lower_per_km2: Type.Number(), upper_per_km2: Type.Number() });
const DistrictCount = Type.Object({ code: Type.String(), name_zh: Type.String(), name_en: Type.String(), city: Type.String(), count: Type.Integer() });

export const DensityResult = Type.Object({
  total: Type.Integer({ description: 'Organisations counted (placed as points)' }),
  precision: PrecisionReport,
  hexagons: Type.Object({
    grid: Type.Union([Type.Literal('h3'), Type.Literal('km')]),
    resolution: Type.Optional(Type.Integer({ description: 'H3 resolution (grid=h3 only)' })),
    edgeKm: Type.Number({ description: 'grid=h3: mean H3 edge length at this resolution; grid=km: the cell side; km' }),
    cells: FeatureCollectionOf(FeatureOf(PolygonGeometry, HexProperties))
  }),
  kernel: Type.Object({
    bandwidthKm: Type.Number(),
    bandwidthSource: Type.Union([Type.Literal('data'), Type.Literal('given')], { description: '`data`: chosen by the rule in bandwidthRule; `given`: the bandwidthKm parameter' }),
    suggestedBandwidthKm: Type.Union([Type.Number(), Type.Null()], { description: 'What the rule gives for these records, km' }),
    bandwidthRule: Bilingual,
    cellKm: Type.Number(),
    maxPerKm2: Type.Number({ description: 'Peak density, organisations per km²' }),
    bands: FeatureCollectionOf(FeatureOf(MultiPolygonGeometry, BandProperties))
  }),
  districts: Type.Object({
    counts: Type.Array(DistrictCount, { description: 'Districts holding at least one organisation, most first' }),
    outside: Type.Integer({ description: 'Organisations in no district of the boundary data' })
  })
});

export const ClustersQuery = query({
  epsKm: Type.Optional(EpsKm),
  minPoints: Type.Optional(MinPoints),
  hull: Type.Optional(Type.Union([Type.Literal('convex'), Type.Literal('concave')], { default: HULL_DEFAULTS.hull, description: 'Cluster outline' })),
  concavity: Type.Optional(QueryNumber({ minimum: 1, maximum: 20 }, { default: HULL_DEFAULTS.concavity, description: 'Concave hulls only: 1 hugs the members, larger is looser (concaveman)' }))
});
export type ClustersQuery = Static<typeof ClustersQuery>;

const LineStringGeometry = Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(Type.Array(Type.Number())) });
const ClusterProperties = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('cluster'), Type.Literal('co-located')], { description: '`co-located`: the members occupy fewer than 3 distinct locations: records placed together, not a cluster' }),
  distinct_locations: Type.Integer(),
  member_count: Type.Integer(),
  centre: LonLat,
  area_km2: Type.Number(),
  city: Type.String({ description: 'City of most members' }),
  park_ids: Type.Array(Type.String(), { description: 'Parks the outline overlaps' }),
  sectors: Type.Array(SectorCount)
});
export const ClustersResult = Type.Object({
  total: Type.Integer(),
  epsKm: Type.Number(),
  minPoints: Type.Integer(),
  precision: PrecisionReport,
  colocatedCount: Type.Integer({ description: 'Groups among clusterCount whose members occupy fewer than 3 distinct locations (kind: co-located)' }),
  clusterCount: Type.Integer({ description: 'Groups DBSCAN found, co-located ones included' }),
  noiseCount: Type.Integer({ description: 'Organisations in no cluster' }),
  clusters: FeatureCollectionOf(FeatureOf(Type.Union([PolygonGeometry, LineStringGeometry, PointGeometry], { description: 'Hull; a Point or LineString when members are at one place or on one line' }), ClusterProperties))
});

export const NniQuery = query({
  studyArea: Type.Optional(
    Type.Union([Type.Literal('city'), Type.Literal('bbox')], {
      default: NNI_DEFAULTS.studyArea,
      description: '`city`: the outlines of the `city` filter\'s cities (without one, the cities the selected organisations are in); `bbox`: the `bbox` filter (without one, the bounding box of the selected organisations, as Turf does)'
    })
  )
});
export type NniQuery = Static<typeof NniQuery>;

const Nni = Type.Object({
  n: Type.Integer(),
  observedKm: Type.Union([Type.Number(), Type.Null()]),
  expectedKm: Type.Union([Type.Number(), Type.Null()]),
  ratio: Type.Union([Type.Number(), Type.Null()], { description: 'Clark–Evans ratio: < 1 clustered, > 1 dispersed' }),
  z: Type.Union([Type.Number(), Type.Null()]),
  p: Type.Union([Type.Number(), Type.Null()], { description: 'Two-sided p-value' }),
  pattern: Type.Union([Type.Literal('clustered'), Type.Literal('random'), Type.Literal('dispersed'), Type.Literal('undetermined')]),
  reading: Bilingual
});
export const NniResult = Type.Object({
  studyArea: Type.Object({ kind: Type.Union([Type.Literal('city'), Type.Literal('bbox')]), areaKm2: Type.Number(), cities: Type.Optional(Type.Array(Type.String())), bbox: Type.Optional(Type.Array(Type.Number())) }),
  significance: Type.Number(),
  overall: Nni,
  bySector: Type.Array(Type.Object({ sector: Type.String(), ...Nni.properties })),
  precision: PrecisionReport
});

export const EllipseQuery = query({
  groupBy: Type.Optional(Type.Union([Type.Literal('sector'), Type.Literal('city')], { default: ELLIPSE_DEFAULTS.groupBy, description: 'One ellipse per sector or per city' }))
});
export type EllipseQuery = Static<typeof EllipseQuery>;

const EllipseProperties = Type.Object({
  group_by: Type.String(),
  group: Type.String(),
  n: Type.Integer(),
  centre: LonLat,
  major_axis_km: Type.Number(),
  minor_axis_km: Type.Number(),
  bearing_deg: Type.Number({ description: 'Major axis, degrees clockwise from north, 0–180' }),
  note: Type.Optional(Bilingual)
});
export const EllipseResult = FeatureCollectionOf(FeatureOf(Type.Union([PolygonGeometry, Type.Null()]), EllipseProperties));

export const SpecializationQuery = query({});
export type SpecializationQuery = Static<typeof SpecializationQuery>;
export const SpecializationResult = Type.Object({
  region: Type.Array(Type.String(), { description: 'The cities whose totals make the regional shares (the five focus cities)' }),
  basis: Bilingual,
  rule: Bilingual,
  minCount: Type.Integer({ description: 'Fewest records a cell needs for a star or the strong-cluster flag' }),
  intervalRule: Bilingual,
  starRule: Bilingual,
  hotSpotRule: Bilingual,
  cells: Type.Array(
    Type.Object({
      city: Type.String(),
      sector: Type.String(),
      count: Type.Integer(),
      lq: NullableNumber,
      expected: Type.Union([Type.Number(), Type.Null()], { description: "The count the city would have at the sector's regional share" }),
      lqLower: Type.Union([Type.Number(), Type.Null()], { description: 'Exact 95 % Poisson interval of the LQ, lower end (intervalRule)' }),
      lqUpper: NullableNumber,
      enough: Type.Boolean({ description: 'count ≥ minCount; below it: too few records to say' }),
      strongCluster: Type.Boolean()
    })
  ),
  cards: Type.Array(
    Type.Object({
      city: Type.String(),
      sector: Type.String(),
      count: Type.Integer(),
      lq: NullableNumber,
      lqLower: NullableNumber,
      lqUpper: NullableNumber,
      enough: Type.Boolean(),
      strongCluster: Type.Boolean({ description: 'The CMP rule (rule)' }),
      stars: Type.Union([Type.Object({ size: Type.Boolean(), specialisation: Type.Boolean(), focus: Type.Boolean() }), Type.Null()], { description: 'European Cluster Observatory stars (starRule); null below minCount' }),
      hotSpot: Type.Union([Type.Boolean(), Type.Null()], { description: 'Whether a Gi* hot spot of the sector lies in the city; null when not computed' }),
      disagreements: Type.Array(Bilingual)
    }),
    { description: 'Cluster-strength card per city × sector' }
  )
});

export const CatchmentQuery = query({
  park: Type.Optional(Type.String({ maxLength: 200, description: 'Park id: organisations in or within radiusKm of the park' })),
  lon: Type.Optional(QueryNumber({ minimum: -180, maximum: 180 }, { description: 'Centre longitude (with lat, instead of park)' })),
  lat: Type.Optional(QueryNumber({ minimum: -90, maximum: 90 }, { description: 'Centre latitude (with lon, instead of park)' })),
  radiusKm: Type.Optional(QueryNumber({ minimum: 0, maximum: 200 }, { default: CATCHMENT_DEFAULTS.radiusKm, description: 'Catchment radius, km' }))
});
export type CatchmentQuery = Static<typeof CatchmentQuery>;
export const CatchmentResult = Type.Object({
  park: Type.Optional(Type.String()),
  centre: Type.Optional(LonLat),
  radiusKm: Type.Number(),
  total: Type.Integer(),
  bySector: Type.Array(SectorCount),
  organizations: OrganizationCollection
});

// epsKm and minPoints are still accepted so old links work, but no target is counted with DBSCAN any more.
export const TargetsQuery = query({
  epsKm: Type.Optional(Type.Number({ ...EpsKm, description: 'Accepted for old links; unused (the cluster target is a policy count the data cannot measure)' })),
  minPoints: Type.Optional(Type.Integer({ ...MinPoints, description: 'Accepted for old links; unused' }))
});
export type TargetsQuery = Static<typeof TargetsQuery>;
export const TargetsResult = Type.Array(
  Type.Object({
    target: Target,
    supported: Type.Union([Type.Integer(), Type.Null()], { description: 'The count the data supports; null when no data here speaks to the target' }),
    byCity: Type.Record(Type.String(), Type.Integer()),
    met: Type.Union([Type.Boolean(), Type.Null()], { description: 'null when no data here measures the target, or when unknown records could still change the answer' }),
    coverage: Type.Union([
      Type.Object({ confirmed: Type.Integer(), unknown: Type.Integer(), not: Type.Integer(), of: Type.Integer(), reading: Bilingual }, { description: 'For a yes/no property of records: how many are confirmed, unknown and not, of how many' }),
      Type.Null()
    ]),
    basis: Bilingual
  })
);
