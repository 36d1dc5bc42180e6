import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { etagMatches, preferredEncoding } from '../http/encoding.ts';
import type { OutgoingHttpHeaders } from 'node:http';
import type { ResponseReplay } from '../http/response-replay.ts';
import { ErrorBody, notFound } from '../schemas/errors.ts';
import { filtersQuery, ListQuery, parseFilters } from '../schemas/filters.ts';
import { buildTileJson } from '../tiles/tilejson.ts';
import { parseTileCoords } from '../tiles/tile-path.ts';
import { publicOrigin } from './origin.ts';

const LayerParam = Type.String({ pattern: '^[a-z][a-z0-9_-]{0,40}$', description: 'Tileset name: basemap, parks, organizations' });

/** Filters that only the organisations tileset applies; paging makes no sense for tiles. */
const TileQuery = Type.Omit(ListQuery, ['limit', 'offset'], { additionalProperties: false });

const TileJson = Type.Object(
  {
    tilejson: Type.Literal('3.0.0'),
    tiles: Type.Array(Type.String()),
    vector_layers: Type.Array(Type.Object({ id: Type.String() }, { additionalProperties: true }))
  },
  { additionalProperties: true }
);

// The shipped layers change only with a release; organisations change on import, so browsers revalidate sooner.
const CACHE_CONTROL = { static: 'public, max-age=3600', organizations: 'public, max-age=60' };

export default (async (app, { replay, publicUrl }: { replay?: ResponseReplay; publicUrl?: string }) => {
  const origin = publicOrigin(publicUrl);
  // A data change can touch any tileset that carries organisations; recordings are cheap to remake.
  app.catalog.onChange(() => replay?.clear());

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
        summary: 'TileJSON 3.0.0 for one tileset; for organizations the filters are carried into the `tiles` URL',
        params: Type.Object({ layer: LayerParam }),
        querystring: TileQuery,
        response: { 200: TileJson, 400: ErrorBody, 404: ErrorBody }
      }
    },
    async (req) => {
      const published = tileset(req.params.layer);
      const query = published.filterable ? filtersQuery(parseFilters(req.query, app.catalog.vocabulary)) : '';
      return buildTileJson(published, origin, published.layers, query);
    }
  );

  app.get(
    '/tiles/:layer/:z/:x/:y.mvt',
    {
      // @fastify/helmet rebuilds its headers on every request; a tile is no document, so it gets only nosniff (below).
      config: { helmet: { skipRoute: true } },
      onSend: async (req, reply, payload) => {
        if (replay && req.headers.origin === undefined) {
          if (reply.statusCode === 200 && Buffer.isBuffer(payload)) replay.record(req.url, req.headers['accept-encoding'], reply.getHeaders() as OutgoingHttpHeaders, payload);
          if (reply.statusCode === 204) replay.recordEmpty(req.url, req.headers['accept-encoding'], reply.getHeaders() as OutgoingHttpHeaders);
        }
        return payload;
      },
      schema: {
        tags: ['tiles'],
        summary: 'One Mapbox Vector Tile 2.1; 204 when the tile is empty. organizations takes the list filters and clusters up to z14',
        params: Type.Object({ layer: LayerParam, z: Type.String(), x: Type.String(), y: Type.String() }),
        querystring: TileQuery,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', contentMediaType: 'application/vnd.mapbox-vector-tile' }),
          204: Type.Null(),
          304: Type.Null(),
          400: ErrorBody,
          404: ErrorBody
        }
      }
    },
    async (req, reply) => {
      const published = tileset(req.params.layer);
      const coords = parseTileCoords(req.params.z, req.params.x, req.params.y);
      const filters = published.filterable ? parseFilters(req.query, app.catalog.vocabulary) : undefined;
      // A name search is answered off the main thread first; the tile then reads its rows.
      if (filters?.q) await app.catalog.organizationPoints.prepareNames(filters.q);
      await app.tiles.ready(published.name, coords, filters);
      const tile = app.tiles.tile(published.name, coords, filters);
      reply.header('cache-control', published.filterable ? CACHE_CONTROL.organizations : CACHE_CONTROL.static).header('x-content-type-options', 'nosniff');
      if (!tile) return reply.code(204).send(null);
      reply.header('etag', tile.etag).header('vary', 'Accept-Encoding');
      if (etagMatches(req.headers['if-none-match'], tile.etag)) return reply.code(304).send(null);
      const encoding = preferredEncoding(req.headers['accept-encoding']);
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return reply.type('application/vnd.mapbox-vector-tile').send(app.tiles.body(published.name, coords, tile, encoding, filters));
    }
  );
}) satisfies FastifyPluginAsyncTypebox<{ replay?: ResponseReplay; publicUrl?: string }>;
