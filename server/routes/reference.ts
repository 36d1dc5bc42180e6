import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ContextCollection, Sector, Target } from '../schemas/places.ts';

/** Reference tables: the sector taxonomy, the plan's 2020 targets, and the Hong Kong / Macau context. */
export default (async (app) => {
  app.get('/api/sectors', { schema: { tags: ['reference'], summary: 'The sector taxonomy', response: { 200: Type.Array(Sector) } } }, async () => app.catalog.sectors);
  app.get('/api/targets', { schema: { tags: ['reference'], summary: "The plan's 2020 targets", response: { 200: Type.Array(Target) } } }, async () => app.catalog.targets);
  app.get(
    '/api/context',
    {
      schema: {
        tags: ['reference'],
        summary: "Hong Kong and Macau context (universities, science parks): outside the plan's five cities, never counted with the organisations",
        response: { 200: ContextCollection }
      }
    },
    async () => ({ type: 'FeatureCollection' as const, features: app.catalog.context, total: app.catalog.context.length })
  );
}) satisfies FastifyPluginAsyncTypebox;
