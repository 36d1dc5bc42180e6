import { Type, type TSchema } from '@sinclair/typebox';

// RFC 7946 geometry shapes; coordinate order is [lon, lat] in WGS-84.
const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Ring = Type.Array(Position, { minItems: 4 });

export const PointGeometry = Type.Object({ type: Type.Literal('Point'), coordinates: Position });
export const PolygonGeometry = Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring) });
export const MultiPolygonGeometry = Type.Object({
  type: Type.Literal('MultiPolygon'),
  coordinates: Type.Array(Type.Array(Ring))
});
export const AreaGeometry = Type.Union([PolygonGeometry, MultiPolygonGeometry]);
export const AnyPlaceGeometry = Type.Union([PointGeometry, PolygonGeometry, MultiPolygonGeometry]);

/** A GeoJSON Feature whose properties follow `props`. */
export function FeatureOf<G extends TSchema, P extends TSchema>(geometry: G, props: P, options: { $id?: string } = {}) {
  return Type.Object(
    { type: Type.Literal('Feature'), id: Type.Optional(Type.String()), geometry, properties: props },
    options
  );
}

/** A GeoJSON FeatureCollection; list endpoints add `total` (matches before limit/offset) and paging fields. */
export function FeatureCollectionOf<F extends TSchema>(feature: F, options: { $id?: string } = {}) {
  return Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      features: Type.Array(feature),
      total: Type.Optional(Type.Integer({ minimum: 0, description: 'Matching features before limit/offset' })),
      limit: Type.Optional(Type.Integer()),
      offset: Type.Optional(Type.Integer())
    },
    options
  );
}
