import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, notFound } from '../schemas/errors.ts';
import { ListQuery, parseFilters } from '../schemas/filters.ts';
import { ParkCollection, type ParkFeature } from '../schemas/places.ts';
import { ParkProfileFeature, type ParkProfile } from '../schemas/profile.ts';
import { PoolBusyError } from '../pool/analytics-pool.ts';

export default (async (app) => {
  // At most one profile per park (pending or done); an organisation import drops them all, since any may change.
  const profiles = new Map<string, Promise<ParkProfile>>();
  app.catalog.onChange(() => profiles.clear());
  // Counting a park's organisations is a scan of its area: it runs in the analytics pool, never on the main thread.
  const profileOf = (park: ParkFeature): Promise<ParkProfile> => {
    const id = park.properties.id;
    let profile = profiles.get(id);
    if (!profile) {
      const run = app.analyticsPool.run(
        { report: 'profile', query: { park: id }, ids: null, columns: app.catalog.organizationPoints.columns },
        { budgetHint: { parameter: 'id', advice: 'the park holds too many organisations to count within the budget; try again later' } }
      );
      profile = run.then((json) => JSON.parse(json) as ParkProfile);
      profile.catch(() => profiles.delete(id));
      profiles.set(id, profile);
    }
    return profile;
  };

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
        summary: 'One park with its profile: organisations inside / within 5 km by sector, nearest airport and container port, district',
        params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
        response: { 200: ParkProfileFeature, 400: ErrorBody, 404: ErrorBody, 503: ErrorBody }
      }
    },
    async (req, reply) => {
      const park = app.catalog.park(req.params.id);
      if (!park) throw notFound('park', req.params.id);
      try {
        return { ...park, properties: { ...park.properties, profile: await profileOf(park) } };
      } catch (err) {
        if (err instanceof PoolBusyError) reply.header('retry-after', String(err.retryAfterS));
        throw err;
      }
    }
  );
}) satisfies FastifyPluginAsyncTypebox;
