import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CityCollection } from '../schemas/places.ts';

export default (async (app) => {
  app.get(
    '/api/cities',
    { schema: { tags: ['places'], summary: 'City boundaries (focus and context cities)', response: { 200: CityCollection } } },
    async () => ({ type: 'FeatureCollection' as const, features: app.catalog.cities })
  );
}) satisfies FastifyPluginAsyncTypebox;
