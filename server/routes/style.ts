import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { buildStyle, type StyleBasemap } from '../tiles/style.ts';
import { requestOrigin } from './origin.ts';

export default (async (app, { basemap }: { basemap?: StyleBasemap }) => {
  app.get(
    '/style.json',
    {
      schema: {
        tags: ['tiles'],
        summary: 'The MapLibre style; every URL in it points at this server',
        querystring: Type.Object({
          lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en'), Type.Literal('both')], { default: 'both', description: 'Label language' }))
        }),
        response: { 200: Type.Object({ version: Type.Literal(8) }, { additionalProperties: true }) }
      }
    },
    async (req) => buildStyle(requestOrigin(req), req.query.lang ?? 'both', basemap)
  );
}) satisfies FastifyPluginAsyncTypebox<{ basemap?: StyleBasemap }>;
