import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { buildStyle, type StyleBasemap } from '../tiles/style.ts';
import { publicOrigin } from './origin.ts';

export default (async (app, opts: { publicUrl?: string; basemap?: StyleBasemap }) => {
  const origin = publicOrigin(opts.publicUrl);
  app.get(
    '/style.json',
    {
      schema: {
        tags: ['tiles'],
        summary: 'The MapLibre style; every URL in it points at this server (PUBLIC_URL, or paths on the host that served it)',
        querystring: Type.Object({
          lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en'), Type.Literal('both')], { default: 'both', description: 'Label language' }))
        }),
        response: { 200: Type.Object({ version: Type.Literal(8) }, { additionalProperties: true }) }
      }
    },
    async (req) => buildStyle(origin, req.query.lang ?? 'both', opts.basemap)
  );
}) satisfies FastifyPluginAsyncTypebox<{ publicUrl?: string; basemap?: StyleBasemap }>;
