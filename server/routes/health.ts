import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const Health = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  uptime_s: Type.Number(),
  data: Type.Object({ cities: Type.Integer(), districts: Type.Integer(), parks: Type.Integer(), organizations: Type.Integer() })
});

export default (async (app) => {
  app.get('/api/health', { schema: { tags: ['meta'], summary: 'Liveness and what data is loaded', response: { 200: Health } } }, async () => {
    const c = app.catalog;
    return {
      status: 'ok' as const,
      version: process.env.npm_package_version ?? '0.1.0',
      uptime_s: Math.round(process.uptime()),
      data: { cities: c.cities.length, districts: c.districts.length, parks: c.parks.length, organizations: c.organizations.length }
    };
  });
}) satisfies FastifyPluginAsyncTypebox;
