import { Type } from '@sinclair/typebox';
import { OGC_LIMIT } from '../ogc/items-query.ts';

// OGC API – Features Part 1 (OGC 17-069r4) response shapes, as far as we serve them.

export const OgcLink = Type.Object({
  href: Type.String(),
  rel: Type.String(),
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String())
});

export const OgcLanding = Type.Object(
  { title: Type.String(), description: Type.String(), links: Type.Array(OgcLink) },
  { $id: 'OgcLanding' }
);

export const OgcConformance = Type.Object({ conformsTo: Type.Array(Type.String()) }, { $id: 'OgcConformance' });

export const OgcCollection = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Type.String(),
    itemType: Type.Literal('feature'),
    crs: Type.Array(Type.String()),
    extent: Type.Object({
      spatial: Type.Object({ bbox: Type.Array(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 })), crs: Type.String() })
    }),
    links: Type.Array(OgcLink)
  },
  { $id: 'OgcCollection' }
);

export const OgcCollections = Type.Object({ links: Type.Array(OgcLink), collections: Type.Array(OgcCollection) }, { $id: 'OgcCollections' });

const featureFields = {
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Any()) }, { additionalProperties: true }),
  properties: Type.Object({}, { additionalProperties: true }),
  links: Type.Optional(Type.Array(OgcLink))
};
export const OgcItem = Type.Object(featureFields, { $id: 'OgcItem' });

export const OgcItems = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Type.Object(featureFields)),
    links: Type.Array(OgcLink),
    numberMatched: Type.Integer({ minimum: 0 }),
    numberReturned: Type.Integer({ minimum: 0 }),
    timeStamp: Type.String()
  },
  { $id: 'OgcItems' }
);

export const CollectionParams = Type.Object({ collectionId: Type.String({ maxLength: 100 }) });
export const ItemParams = Type.Object({ collectionId: Type.String({ maxLength: 100 }), featureId: Type.String({ maxLength: 300 }) });

/**
 * Documents the items query for OpenAPI. Checking happens in parseItemsQuery, which also refuses
 * unknown names (this schema alone would drop them silently); each collection takes only its filters.
 */
export const OgcItemsQuery = Type.Object(
  {
    limit: Type.Optional(Type.String({ description: `Features per page, 1–${OGC_LIMIT.maximum} (default ${OGC_LIMIT.default}); larger values are lowered to ${OGC_LIMIT.maximum}` })),
    offset: Type.Optional(Type.String({ description: 'Features to skip (the `next`/`prev` links carry it)' })),
    bbox: Type.Optional(Type.String({ description: '`minLon,minLat,maxLon,maxLat` (or 6 numbers with heights), CRS84' })),
    datetime: Type.Optional(Type.String({ description: 'RFC 3339 instant or interval; accepted, but no collection has a temporal extent, so it selects every feature' })),
    f: Type.Optional(Type.String({ description: '`json` (GeoJSON), the only format' })),
    city: Type.Optional(Type.String({ description: 'parks, organizations, districts: city id or comma list' })),
    sector: Type.Optional(Type.String({ description: 'parks, organizations: sector id or comma list' })),
    kind: Type.Optional(Type.String({ description: 'parks: park kind or comma list' })),
    type: Type.Optional(Type.String({ description: 'organizations: organisation type or comma list' })),
    q: Type.Optional(Type.String({ description: 'parks, organizations: text search over Chinese and English names' }))
  },
  { additionalProperties: true }
);
