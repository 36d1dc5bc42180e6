import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../schemas/errors.ts';
import type { StreetsArchive } from '../tiles/streets-archive.ts';
import { parseTileCoords } from '../tiles/tile-path.ts';
import { publicOrigin } from './origin.ts';

const CACHE_CONTROL = 'public, max-age=86400';

/** The user's street archive (BASEMAP_PMTILES) under our own origin: TileJSON and tiles. */
export default (async (app, { archive, publicUrl }: { archive: StreetsArchive; publicUrl?: string }) => {
  // PUBLIC_URL, else paths on whatever host served them: never the Host header (see origin.ts).
  const origin = publicOrigin(publicUrl);
  app.addHook('onClose', async () => archive.close());
  const { info } = archive;

  app.get(
    '/tiles/streets.json',
    {
      schema: {
        tags: ['tiles'],
        summary: 'TileJSON 3.0.0 of the street basemap archive given in BASEMAP_PMTILES (Protomaps basemap schema)',
        response: { 200: Type.Object({ tilejson: Type.Literal('3.0.0') }, { additionalProperties: true }) }
      }
    },
    async () => ({
      tilejson: '3.0.0' as const,
      name: 'streets',
      scheme: 'xyz',
      tiles: [`${origin}/tiles/streets/{z}/{x}/{y}.mvt`],
      minzoom: info.minZoom,
      maxzoom: info.maxZoom,
      bounds: info.bounds,
      center: info.center,
      attribution: info.attribution,
      vector_layers: info.vectorLayers
    })
  );

  app.get(
    '/tiles/streets/:z/:x/:y.mvt',
    {
      config: { helmet: { skipRoute: true } },
      schema: {
        tags: ['tiles'],
        summary: 'One vector tile of the street basemap archive; 204 where the archive has none',
        params: Type.Object({ z: Type.String(), x: Type.String(), y: Type.String() }),
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', contentMediaType: 'application/vnd.mapbox-vector-tile' }),
          204: Type.Null(),
          400: ErrorBody
        }
      }
    },
    async (req, reply) => {
      const { z, x, y } = parseTileCoords(req.params.z, req.params.x, req.params.y);
      const tile = await archive.tile(z, x, y);
      reply.header('cache-control', CACHE_CONTROL).header('x-content-type-options', 'nosniff');
      if (!tile) return reply.code(204).send(null);
      return reply.type('application/vnd.mapbox-vector-tile').send(Buffer.from(tile));
    }
  );
}) satisfies FastifyPluginAsyncTypebox<{ archive: StreetsArchive; publicUrl?: string }>;
