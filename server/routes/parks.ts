import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, notFound } from '../schemas/errors.ts';
import { ListQuery, parseFilters } from '../schemas/filters.ts';
import { parkProfile } from '../catalog/park-profile.ts';
import { ParkCollection, type ParkFeature } from '../schemas/places.ts';
import { ParkProfileFeature, type ParkProfile } from '../schemas/profile.ts';
import { labelPoint } from '../geo/label-point.ts';

export default (async (app) => {
  // At most one profile per park; an organisation import drops them all, since any may change.
  const profiles = new Map<string, ParkProfile>();
  app.catalog.onChange(() => profiles.clear());
  const profileOf = (park: ParkFeature): ParkProfile => {
    let profile = profiles.get(park.properties.id);
    if (!profile) {
      const g = park.geometry;
      const from: [number, number] = g.type === 'Point' ? [g.coordinates[0], g.coordinates[1]] : labelPoint(g);
      const { organizationPoints, transport, districts, sectors } = app.catalog;
      profile = parkProfile(park, from, { organizations: organizationPoints, transport, districts, sectors });
      profiles.set(park.properties.id, profile);
    }
    return profile;
  };
  // Profiles are ready before the first visitor opens a park panel.
  app.addHook('onReady', async () => {
    for (const park of app.catalog.parks) profileOf(park);
  });

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
        response: { 200: ParkProfileFeature, 400: ErrorBody, 404: ErrorBody }
      }
    },
    async (req) => {
      const park = app.catalog.park(req.params.id);
      if (!park) throw notFound('park', req.params.id);
      return { ...park, properties: { ...park.properties, profile: profileOf(park) } };
    }
  );
}) satisfies FastifyPluginAsyncTypebox;
