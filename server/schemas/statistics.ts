import { QueryNumber } from './query-number.ts';
import { Type, type Static } from '@sinclair/typebox';
import { GI_STAR_DEFAULTS, GI_STAR_LIMITS, HOTSPOT_CLASSES } from '../analytics/getis-ord.ts';
import { HOTSPOT_DEFAULTS, HOTSPOT_LIMITS } from '../analytics/hotspots-report.ts';
import { RIPLEY_DEFAULTS, RIPLEY_LIMITS } from '../analytics/ripley.ts';
import { ListQuery } from './filters.ts';
import { FeatureCollectionOf, FeatureOf, PolygonGeometry } from './geojson.ts';
import { StreamParameter } from './stream.ts';

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const Seed = QueryNumber({ integer: true, minimum: 0, maximum: 2 ** 31 - 1 }, { default: 1, description: 'Seed of the pseudo-random numbers: the same seed gives the same answer' });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

/** The precision and duplicate report every point statistic carries. */
export const PrecisionReport = Type.Object({
  used: Type.Integer({ description: 'Records the statistic used (placed as points)' }),
  areaPlaced: Type.Integer({ description: "Records placed only to an administrative area (located_by: 'admin-area'): left out of point statistics" }),
  sharingCoordinate: Type.Integer({ description: 'Used records sharing their exact coordinate with another' }),
  distinctLocations: Type.Integer(),
  medianPrecisionM: Type.Union([Type.Number(), Type.Null()], { description: 'Median precision_m of the used records, metres' }),
  scale: Type.Object({ name: Type.String(), km: Type.Number() }, { description: 'The scale asked for (eps, bandwidth, cell size, r), km' }),
  warnings: Type.Array(Bilingual, { description: 'E.g. the scale is finer than the median precision' })
});

/** The organisation filters, plus `stream=sse` for progress events (both run in the analytics pool). */
const StatisticsQuery = { ...ListQuery.properties, ...StreamParameter };

export const HotspotsQuery = Type.Object(
  {
    ...StatisticsQuery,
    grid: Type.Optional(Type.Union([Type.Literal('h3'), Type.Literal('km')], { default: 'h3', description: '`h3`: H3 cells of resolution `res`; `km`: Turf hexGrid cells of side `cellKm`' })),
    res: Type.Optional(QueryNumber({ integer: true, minimum: 0, maximum: 15 }, { description: `H3 resolution (grid=h3; default ${HOTSPOT_DEFAULTS.resolution}); at most ${HOTSPOT_LIMITS.maxCells} cells over the study area` })),
    cellKm: Type.Optional(QueryNumber({ minimum: HOTSPOT_LIMITS.minCellKm, maximum: HOTSPOT_LIMITS.maxCellKm }, { description: `Hexagon side, km (grid=km; default ${HOTSPOT_DEFAULTS.cellKm})` })),
    permutations: Type.Optional(QueryNumber({ integer: true, minimum: GI_STAR_LIMITS.minPermutations, maximum: GI_STAR_LIMITS.maxPermutations }, { default: GI_STAR_DEFAULTS.permutations, description: 'Conditional permutations per cell for p_sim' })),
    seed: Type.Optional(Seed)
  },
  { additionalProperties: false }
);
export type HotspotsQuery = Static<typeof HotspotsQuery>;

const HotspotProperties = Type.Object({
  cell: Type.String({ description: 'H3 index (grid=h3) or "column,row" of the Turf grid (grid=km)' }),
  count: Type.Integer({ description: 'Point-placed records of the selection in the cell' }),
  gi_z: Type.Number({ description: 'Getis-Ord Gi* z-score' }),
  p_value: Type.Number({ description: 'Two-sided p of gi_z under the standard normal' }),
  p_sim: Type.Number({ description: 'Two-sided conditional-permutation pseudo p-value' }),
  p_fdr: Type.Number({ description: 'Benjamini–Hochberg adjusted p_sim over all cells' }),
  class: Type.Union(HOTSPOT_CLASSES.map((c) => Type.Literal(c)))
});
const Cells = FeatureCollectionOf(FeatureOf(PolygonGeometry, HotspotProperties));
export const HotspotsResult = Type.Object({
  ...Cells.properties,
  studyArea: Type.Object({
    cities: Type.Array(Type.String()),
    areaKm2: Type.Number(),
    cells: Type.Integer(),
    cellsAddedForRecords: Type.Integer({ description: 'Cells outside the study area kept because records lie in them' }),
    recordsOutsideGrid: Type.Integer(),
    rule: Bilingual
  }),
  parameters: Type.Object({
    grid: Type.Union([Type.Literal('h3'), Type.Literal('km')]),
    resolution: Type.Optional(Type.Integer()),
    cellKm: Type.Optional(Type.Number()),
    edgeKm: Type.Number({ description: 'Mean cell edge, km' }),
    permutations: Type.Integer(),
    seed: Type.Integer()
  }),
  rule: Bilingual,
  classCounts: Type.Record(Type.String(), Type.Integer()),
  precision: PrecisionReport
});

export const RipleyQuery = Type.Object(
  {
    ...StatisticsQuery,
    simulations: Type.Optional(QueryNumber({ integer: true, minimum: RIPLEY_LIMITS.minSimulations, maximum: RIPLEY_LIMITS.maxSimulations }, { default: RIPLEY_DEFAULTS.simulations, description: 'CSR simulations for the envelope' })),
    seed: Type.Optional(Seed),
    maxDistanceKm: Type.Optional(QueryNumber({ minimum: 0.1, maximum: 100 }, { description: 'Largest r, km (default: the stated rule)' }))
  },
  { additionalProperties: false }
);
export type RipleyQuery = Static<typeof RipleyQuery>;

export const RipleyResult = Type.Object({
  distancesKm: Type.Array(Type.Number()),
  l: Type.Array(NullableNumber, { description: "L(r) − r, Besag's L centred (0 under complete spatial randomness); null where no record is r inside the edge" }),
  lower: Type.Array(NullableNumber, { description: 'Global envelope, lower bound of L(r) − r' }),
  upper: Type.Array(NullableNumber, { description: 'Global envelope, upper bound of L(r) − r' }),
  pointwiseLower: Type.Array(NullableNumber),
  pointwiseUpper: Type.Array(NullableNumber),
  simulations: Type.Integer(),
  seed: Type.Integer(),
  envelope: Type.Union([Type.Object({ kind: Type.Literal('global'), level: Type.Number(), nrank: Type.Integer(), pValue: Type.Number({ description: 'Maximum-absolute-deviation test of CSR' }) }), Type.Null()]),
  pattern: Type.Union(['clustered', 'dispersed', 'random', 'mixed', 'undetermined'].map((p) => Type.Literal(p))),
  reading: Bilingual,
  edgeCorrection: Type.Object({ name: Type.String(), zh: Type.String(), en: Type.String() }),
  maxDistanceKm: Type.Number(),
  maxDistanceRule: Bilingual,
  studyArea: Type.Object({ cities: Type.Array(Type.String()), areaKm2: Type.Number(), rule: Bilingual }),
  points: Type.Object({
    used: Type.Integer({ description: 'Records the L-function was computed from' }),
    examined: Type.Integer({ description: 'Records looked at (all of them unless subsampled)' }),
    outsideStudyArea: Type.Integer({ description: 'Examined records off the study area (e.g. placed in the sea): left out' }),
    subsample: Type.Union([Type.Object({ of: Type.Integer({ description: 'Point-placed records in the selection' }), size: Type.Integer(), seed: Type.Integer(), rule: Bilingual }), Type.Null()])
  }),
  precision: PrecisionReport
});
