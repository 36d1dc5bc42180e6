import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, notFound } from '../schemas/errors.ts';
import { buildTileJson } from '../tiles/tilejson.ts';
import { parseTileCoords } from '../tiles/tile-path.ts';
import { requestOrigin } from './origin.ts';

const LayerParam = Type.String({ pattern: '^[a-z][a-z0-9_-]{0,40}$', description: 'Tileset name: basemap, parks' });

const TileJson = Type.Object(
  {
    tilejson: Type.Literal('3.0.0'),
    tiles: Type.Array(Type.String()),
    vector_layers: Type.Array(Type.Object({ id: Type.String() }, { additionalProperties: true }))
  },
  { additionalProperties: true }
);

export default (async (app) => {
  const tileset = (name: string) => {
    const published = app.tiles.tilesets.get(name);
    if (!published) throw notFound('tileset', name);
    return published;
  };

  app.get(
    '/tiles/:layer.json',
    {
      schema: {
        tags: ['tiles'],
        summary: 'TileJSON 3.0.0 for one tileset',
        params: Type.Object({ layer: LayerParam }),
        response: { 200: TileJson, 400: ErrorBody, 404: ErrorBody }
      }
    },
    async (req) => {
      const published = tileset(req.params.layer);
      return buildTileJson(published.tileset, requestOrigin(req), published.layers);
    }
  );

  app.get(
    '/tiles/:layer/:z/:x/:y.mvt',
    {
      schema: {
        tags: ['tiles'],
        summary: 'One Mapbox Vector Tile 2.1; 204 when the tile is empty',
        params: Type.Object({ layer: LayerParam, z: Type.String(), x: Type.String(), y: Type.String() }),
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', contentMediaType: 'application/vnd.mapbox-vector-tile' }),
          204: Type.Null(),
          400: ErrorBody,
          404: ErrorBody
        }
      }
    },
    async (req, reply) => {
      const published = tileset(req.params.layer);
      const coords = parseTileCoords(req.params.z, req.params.x, req.params.y);
      const tile = app.tiles.tile(published.tileset.name, coords);
      reply.header('cache-control', 'public, max-age=3600');
      if (!tile) return reply.code(204).send(null);
      return reply.type('application/vnd.mapbox-vector-tile').send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
    }
  );
}) satisfies FastifyPluginAsyncTypebox;
