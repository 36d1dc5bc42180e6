import { Type, type Static } from '@sinclair/typebox';

/** The `format` marker of a tour file, so an imported file is recognisably a tour. */
export const TOUR_FORMAT = 'cluster-atlas-tour';
/** The newest tour format this program reads and writes; older versions are read, newer ones refused. */
export const TOUR_FORMAT_VERSION = 1;

/** Layer ids of the explorer's layer panel (MapLibre groups and deck.gl analytics). */
export const TOUR_LAYERS = ['boundaries', 'parks', 'organizations', 'transport', 'context', 'hexagons', 'heat', 'clusters', 'ellipses', 'hotspots'] as const;

export const TourId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'Tour id; `plan` is the built-in tour' });
const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' });

const Bilingual = (maxLength: number, description: string) =>
  Type.Object(
    {
      zh: Type.String({ minLength: 1, maxLength, description: `${description}, simplified Chinese` }),
      en: Type.String({ minLength: 1, maxLength, description: `${description}, English` })
    },
    { additionalProperties: false }
  );

export const TourCamera = Type.Object(
  {
    lon: Type.Number({ minimum: -180, maximum: 180, description: 'Centre longitude, WGS-84 degrees' }),
    lat: Type.Number({ minimum: -85, maximum: 85, description: 'Centre latitude, WGS-84 degrees' }),
    zoom: Type.Number({ minimum: 0, maximum: 22 }),
    bearing: Type.Number({ minimum: -360, maximum: 360, description: 'Degrees clockwise from north' }),
    pitch: Type.Number({ minimum: 0, maximum: 85, description: 'Degrees from straight down' })
  },
  { additionalProperties: false }
);

/** The explorer's filters (the share link's `city`, `sector`, `kind`, `type`, `q`, `near`); absent = no filter. */
export const TourFilters = Type.Object(
  {
    cities: Type.Optional(Type.Array(Slug, { maxItems: 40 })),
    sectors: Type.Optional(Type.Array(Slug, { maxItems: 40 })),
    kinds: Type.Optional(Type.Array(Slug, { maxItems: 20 })),
    types: Type.Optional(Type.Array(Slug, { maxItems: 20 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    near: Type.Optional(
      Type.Union([
        Type.Object(
          {
            lon: Type.Number({ minimum: -180, maximum: 180 }),
            lat: Type.Number({ minimum: -85, maximum: 85 }),
            radiusKm: Type.Number({ exclusiveMinimum: 0, maximum: 500 })
          },
          { additionalProperties: false }
        ),
        Type.Null()
      ])
    )
  },
  { additionalProperties: false }
);

export const TourStep = Type.Object(
  {
    title: Bilingual(200, 'Step title'),
    caption: Bilingual(2000, 'Caption read from 5 m away'),
    camera: TourCamera,
    layers: Type.Array(Type.Union(TOUR_LAYERS.map((l) => Type.Literal(l))), { uniqueItems: true, description: 'Layers switched on' }),
    opacity: Type.Optional(Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 }), { description: 'Opacity per layer id, 0..1, where not 1' })),
    filters: Type.Optional(TourFilters),
    park: Type.Optional(Type.Union([Slug, Type.Null()], { description: 'The selected place of the plan (a park id)' })),
    organizations: Type.Optional(Type.Array(Slug, { maxItems: 40, uniqueItems: true, description: 'Organisations the caption names (ids): ringed and labelled on the map' })),
    targets: Type.Optional(Type.Array(Slug, { maxItems: 8, uniqueItems: true, description: 'Plan targets the caption cites (ids of GET /api/targets): shown as figures, the target beside what the data shows' })),
    duration_s: Type.Optional(Type.Number({ minimum: 2, maximum: 600, description: 'Seconds this step stays on screen when the tour plays by itself (default 12)' }))
  },
  { additionalProperties: false }
);

/** A tour file: what GET returns, export downloads, and POST/PUT (import) accept. */
export const TourDocument = Type.Object(
  {
    format: Type.Literal(TOUR_FORMAT),
    version: Type.Integer({ minimum: 1, description: `Tour format version; this server reads up to ${TOUR_FORMAT_VERSION}` }),
    id: Type.Optional(TourId),
    title: Bilingual(200, 'Tour title'),
    steps: Type.Array(TourStep, { minItems: 1, maxItems: 200 })
  },
  { $id: 'TourDocument', title: 'Tour', additionalProperties: false }
);

export const TourSummary = Type.Object(
  {
    id: TourId,
    title: Bilingual(200, 'Tour title'),
    steps: Type.Integer({ description: 'Number of steps' }),
    builtin: Type.Boolean({ description: 'Shipped with the product (read-only)' }),
    updated_at: Type.Union([Type.String(), Type.Null()], { description: 'Last save, ISO time; null for the built-in tour' })
  },
  { $id: 'TourSummary' }
);

export const TourParams = Type.Object({ id: TourId });
export const TourQuery = Type.Object(
  { download: Type.Optional(Type.Boolean({ description: 'Answer as a file download (export)' })) },
  { additionalProperties: false }
);

export type TourCamera = Static<typeof TourCamera>;
export type TourFilters = Static<typeof TourFilters>;
export type TourStep = Static<typeof TourStep>;
export type TourDocument = Static<typeof TourDocument>;
export type TourSummary = Static<typeof TourSummary>;
export type TourLayer = (typeof TOUR_LAYERS)[number];
