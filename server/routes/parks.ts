import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { badParameter, ErrorBody, notFound } from '../schemas/errors.ts';
import { parseFilters } from '../schemas/filters.ts';
import { ParkListQuery } from '../schemas/park-facts.ts';
import { parksByArea } from '../catalog/park-area.ts';
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
        { report: 'profile', query: { park: id }, ids: null, columns: app.catalog.organizationPoints.columns, dataVersion: app.catalog.version },
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
        summary: 'The places named in the plan, filtered (also by sourced area) and optionally sorted by area',
        querystring: ParkListQuery,
        response: { 200: ParkCollection, 400: ErrorBody }
      }
    },
    async (req) => {
      const { minAreaKm2, maxAreaKm2, sort } = req.query;
      for (const [name, v] of Object.entries({ minAreaKm2, maxAreaKm2 })) if (v !== undefined && !Number.isFinite(v)) throw badParameter(name, `must be a finite number; got ${v}`);
      if (minAreaKm2 !== undefined && maxAreaKm2 !== undefined && minAreaKm2 > maxAreaKm2) throw badParameter('minAreaKm2', `must not exceed maxAreaKm2; got ${minAreaKm2} > ${maxAreaKm2}`);
      const filters = parseFilters(req.query, app.catalog.vocabulary);
      const matching = parksByArea(app.catalog.parksMatching({ ...filters, limit: Number.MAX_SAFE_INTEGER, offset: 0 }).features, { minAreaKm2, maxAreaKm2, sort });
      const features = matching.slice(filters.offset, filters.offset + filters.limit);
      return { type: 'FeatureCollection' as const, features, total: matching.length, limit: filters.limit, offset: filters.offset };
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
