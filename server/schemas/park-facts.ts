import { Type, type Static } from '@sinclair/typebox';
import { ListQuery } from './filters.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'ISO date (year, year-month or full date)' });

/** Where a fact comes from and how current it is: every fact carries both. */
const Cited = {
  as_of: Type.String({ pattern: IsoDate.pattern, description: 'The date of the source: the fact held then' }),
  source: Type.String({ minLength: 1, description: 'Human-readable citation' }),
  source_urls: Type.Optional(Type.Array(Type.String(), { description: 'Pages actually consulted' })),
  note: Type.Optional(Type.String({ description: 'What the figure means and its caveats' }))
};

/** A number with its source; `null` where no citable source was found (never a guess). */
export const NumberFact = Type.Union([Type.Object({ value: Type.Number({ exclusiveMinimum: 0 }), ...Cited }), Type.Null()]);
export const YearFact = Type.Union([Type.Object({ value: Type.Integer({ minimum: 1900, maximum: 2100 }), ...Cited }), Type.Null()]);
export const BodyFact = Type.Union([Type.Object({ name_zh: Type.String(), name_en: Type.String(), ...Cited }), Type.Null()]);

export const OutlineFact = Type.Object({
  status: Type.Union([Type.Literal('not-published'), Type.Literal('districts'), Type.Literal('polygon')], {
    description: '`not-published`: no citable outline was found and the map keeps a point; `districts`: the union of whole districts'
  }),
  note: Type.String()
});

/** The investor's facts about one place, each with its source and date. */
export const ParkFacts = Type.Object(
  {
    area_km2: NumberFact,
    established: YearFact,
    designated: Type.Object({ value: Type.Integer(), ...Cited }, { description: 'The year the plan named the place' }),
    administrator: BodyFact,
    outline: OutlineFact
  },
  { description: 'Each fact with its source and date; a null fact was not found in any citable source' }
);
export type ParkFacts = Static<typeof ParkFacts>;

/** The stored file geodata/curated/park-facts.json. */
export const ParkFactsFile = Type.Object({
  about: Type.String(),
  consulted: IsoDate,
  designation: Type.Object({ year: Type.Integer(), as_of: IsoDate, source: Type.String() }),
  parks: Type.Array(
    Type.Object({
      park: Type.String(),
      area_km2: NumberFact,
      established: YearFact,
      administrator: BodyFact,
      outline: OutlineFact
    })
  )
});
export type ParkFactsFile = Static<typeof ParkFactsFile>;

/** What parks gain (API.md): flat `area_km2`, `established`, `as_of` for filters and tables, and `facts` with every source. */
export const ParkFactFields = {
  area_km2: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'Area in km² from `facts.area_km2`; null when no citable source gives one' })),
  established: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'Year established, from `facts.established`; null when unknown' })),
  as_of: Type.Optional(Type.Union([IsoDate, Type.Null()], { description: 'The newest source date among the facts given' })),
  facts: Type.Optional(ParkFacts)
};

/** Largest area a park filter accepts: the whole province is under 180,000 km². */
export const MAX_AREA_KM2 = 200_000;

/** `/api/parks` query: the shared filters plus area bounds and order. */
export const ParkListQuery = Type.Object(
  {
    ...ListQuery.properties,
    minAreaKm2: Type.Optional(Type.Number({ minimum: 0, maximum: MAX_AREA_KM2, description: 'Only parks of at least this sourced area (km²); parks of unknown area are left out' })),
    maxAreaKm2: Type.Optional(Type.Number({ minimum: 0, maximum: MAX_AREA_KM2, description: 'Only parks of at most this sourced area (km²); parks of unknown area are left out' })),
    sort: Type.Optional(Type.Union([Type.Literal('area'), Type.Literal('-area')], { description: '`area` smallest first, `-area` largest first; unknown areas last' }))
  },
  { additionalProperties: false }
);
