import { Type, type Static } from '@sinclair/typebox';
import { ListQuery } from './filters.ts';
import { AreaGeometry, FeatureOf } from './geojson.ts';

export const AreasQuery = Type.Object(
  {
    ...ListQuery.properties,
    measure: Type.Optional(
      Type.Union([Type.Literal('count'), Type.Literal('per_km2'), Type.Literal('lq')], { default: 'per_km2', description: 'What the classes (and a choropleth) show: organisations, organisations per km², or the location quotient of `lq_sector`' })
    ),
    lq_sector: Type.Optional(Type.String({ description: 'Sector id whose location quotient by area is computed (needed for measure=lq); the `sector` filter instead narrows which organisations count' })),
    classes: Type.Optional(Type.Integer({ minimum: 2, maximum: 9, default: 5, description: 'Number of classes (fewer when there are fewer distinct values)' })),
    method: Type.Optional(
      Type.Union([Type.Literal('ckmeans'), Type.Literal('quantile')], { default: 'ckmeans', description: '`ckmeans`: natural breaks (optimal 1-D k-means, the successor of Jenks); `quantile`: equal-count classes' })
    )
  },
  { additionalProperties: false }
);
export type AreasQuery = Static<typeof AreasQuery>;

const AreaStatProperties = Type.Object({
  code: Type.String({ description: 'GB/T 2260 code of the district (or of Dongguan, which has none)' }),
  name_zh: Type.String(),
  name_en: Type.String(),
  city: Type.String(),
  area_km2: Type.Number(),
  count: Type.Integer({ minimum: 0, description: 'Organisations in the area: points inside it plus records placed here by address' }),
  points: Type.Integer({ minimum: 0, description: 'Of count: located by a point inside the area' }),
  area_placed: Type.Integer({ minimum: 0, description: 'Of count: placed by an address naming this area or a town inside it (located_by = admin-area)' }),
  per_km2: Type.Number(),
  lq: Type.Union([Type.Number(), Type.Null()], { description: 'Location quotient of lq_sector; null without lq_sector or with no organisations here' }),
  class: Type.Union([Type.Integer(), Type.Null()], { description: 'Class 0…k−1 of the measure (breaks[class] ≤ value ≤ breaks[class+1])' })
});

export const AreasResult = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(FeatureOf(AreaGeometry, AreaStatProperties)),
    measure: Type.String(),
    method: Type.String(),
    lq_sector: Type.Union([Type.String(), Type.Null()]),
    breaks: Type.Array(Type.Number(), { description: 'k+1 ascending class limits of the measure' }),
    total: Type.Integer({ description: 'Organisations selected by the filters' }),
    city_only: Type.Record(Type.String(), Type.Integer(), { description: 'Per city: records whose address named only a city that has districts; they are in no area' }),
    outside: Type.Integer({ description: 'Point records inside none of the areas' }),
    towns: Type.String({ description: 'Why there is no town level (town outlines ship for Dongguan only)' })
  },
  { $id: 'AreasResult' }
);
