import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Sector, Target } from '../schemas/places.ts';

/** Reference tables: the sector taxonomy and the plan's 2020 targets. */
export default (async (app) => {
  app.get('/api/sectors', { schema: { tags: ['reference'], summary: 'The sector taxonomy', response: { 200: Type.Array(Sector) } } }, async () => app.catalog.sectors);
  app.get('/api/targets', { schema: { tags: ['reference'], summary: "The plan's 2020 targets", response: { 200: Type.Array(Target) } } }, async () => app.catalog.targets);
}) satisfies FastifyPluginAsyncTypebox;
