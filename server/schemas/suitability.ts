import { Type, type Static } from '@sinclair/typebox';
import { StreamParameter } from './stream.ts';
import { CRITERIA, MAX_SUITABILITY_RADIUS_KM, MAX_WEIGHT, SUITABILITY_DEFAULTS, WEIGHT_PARAMETERS, type CriterionId } from '../analytics/suitability.ts';

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const LonLat = Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[lon, lat], WGS-84' });


const WHAT: Record<CriterionId, string> = {
  organizations: 'organisations of the chosen sectors within radiusKm, with quartic distance decay',
  research: 'universities, labs and institutes within radiusKm (any sector)',
  platforms: "organisations taking part in the plan's open innovation platforms of the chosen sectors, within radiusKm",
  airport: 'straight-line distance to the nearest airport (nearer is better)',
  port: 'straight-line distance to the nearest container port (nearer is better)',
  specialisation: "the location quotient of the chosen sectors in the park's city (five-city region)",
  area: 'the park area from a cited source, km²'
};

const weight = (c: CriterionId) =>
  Type.Optional(Type.Number({ minimum: 0, maximum: MAX_WEIGHT, default: SUITABILITY_DEFAULTS.weight, description: `Weight 0–${MAX_WEIGHT} of ${WHAT[c]}` }));

export const SuitabilityQuery = Type.Object(
  {
    sector: Type.String({ minLength: 1, description: 'My sectors: a sector id or comma list (required)' }),
    radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: MAX_SUITABILITY_RADIUS_KM, default: SUITABILITY_DEFAULTS.radiusKm, description: `Catchment radius, km (0 < radiusKm ≤ ${MAX_SUITABILITY_RADIUS_KM})` })),
    park: Type.Optional(Type.String({ description: 'Compare only these parks (comma list of ids, e.g. a shortlist); default all matching city/kind' })),
    city: Type.Optional(Type.String({ description: 'Only parks in these cities (comma list)' })),
    kind: Type.Optional(Type.String({ description: 'Only parks of these kinds (comma list)' })),
    ...Object.fromEntries(CRITERIA.map((c) => [WEIGHT_PARAMETERS[c], weight(c)])),
    ...StreamParameter
  },
  { additionalProperties: false }
);
export type SuitabilityQuery = Static<typeof SuitabilityQuery> & Partial<Record<string, number>>;

const Criterion = Type.Union(CRITERIA.map((c) => Type.Literal(c)));
const Nearest = Type.Union([Type.Object({ id: Type.String(), name_zh: Type.String(), name_en: Type.String(), distance_km: Type.Number() }), Type.Null()]);

const Part = Type.Object({
  criterion: Criterion,
  weight: Type.Number(),
  raw: Type.Union([Type.Number(), Type.Null()], { description: 'The measured value behind the part; null = missing' }),
  unit: Type.String(),
  normalised: Type.Union([Type.Number(), Type.Null()], { description: '0–1 after min–max normalisation and direction; null when not scored' }),
  points: Type.Number({ description: 'This part of the score; the parts add up to `score`' }),
  status: Type.Union([Type.Literal('scored'), Type.Literal('missing'), Type.Literal('no-spread'), Type.Literal('unweighted')])
});

export const SuitabilityResult = Type.Object(
  {
    sectors: Type.Array(Type.String()),
    radiusKm: Type.Number(),
    weights: Type.Object(Object.fromEntries(CRITERIA.map((c) => [c, Type.Number()]))),
    criteria: Type.Array(
      Type.Object({
        criterion: Criterion,
        direction: Type.Union([Type.Literal('higher'), Type.Literal('lower')]),
        min: Type.Union([Type.Number(), Type.Null()]),
        max: Type.Union([Type.Number(), Type.Null()]),
        n: Type.Integer({ description: 'Places with a value' }),
        status: Type.Union([Type.Literal('scored'), Type.Literal('no-spread'), Type.Literal('unweighted'), Type.Literal('all-missing')])
      })
    ),
    kernel: Bilingual,
    normalisation: Bilingual,
    missing: Bilingual,
    caveats: Type.Array(Bilingual),
    places: Type.Array(
      Type.Object({
        id: Type.String(),
        name_zh: Type.String(),
        name_en: Type.String(),
        city: Type.String(),
        rank: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
        score: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], { description: '0–100; null when nothing could be compared' }),
        weight_redistributed: Type.Boolean({ description: "A weighted criterion was missing for this place; its weight went to the place's other criteria" }),
        parts: Type.Array(Part),
        measured_from: LonLat,
        organizations_within: Type.Integer({ description: 'Organisations of the chosen sectors within radiusKm (plain count)' }),
        nearest_airport: Nearest,
        nearest_container_port: Nearest
      })
    )
  },
  { $id: 'SuitabilityResult' }
);
