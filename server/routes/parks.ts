import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { badParameter, ErrorBody, notFound } from '../schemas/errors.ts';
import { parseFilters } from '../schemas/filters.ts';
import { ParkListQuery } from '../schemas/park-facts.ts';
import { parksByArea } from '../catalog/park-area.ts';
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
