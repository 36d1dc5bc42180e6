import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, notFound } from '../schemas/errors.ts';
import { ListQuery, parseFilters } from '../schemas/filters.ts';
import { ParkCollection, ParkFeature } from '../schemas/places.ts';

export default (async (app) => {
  app.get(
    '/api/parks',
    {
      schema: {
        tags: ['places'],
        summary: 'The places named in the plan, filtered',
        querystring: ListQuery,
        response: { 200: ParkCollection, 400: ErrorBody }
      }
    },
    async (req) => {
      const filters = parseFilters(req.query, app.catalog.vocabulary);
      const page = app.catalog.parksMatching(filters);
      return { type: 'FeatureCollection' as const, ...page, limit: filters.limit, offset: filters.offset };
    }
  );

  app.get(
    '/api/parks/:id',
    {
      schema: {
        tags: ['places'],
        summary: 'One park',
        params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
        response: { 200: ParkFeature, 404: ErrorBody }
      }
    },
    async (req) => {
      const park = app.catalog.park(req.params.id);
      if (!park) throw notFound('park', req.params.id);
      return park;
    }
  );
}) satisfies FastifyPluginAsyncTypebox;
