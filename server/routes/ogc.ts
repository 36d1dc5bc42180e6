import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { CRS84, ogcCollections, type OgcCollectionSource } from '../ogc/collections.ts';
import { parseItemsQuery } from '../ogc/items-query.ts';
import { itemsPageLinks, landingLinks, MEDIA, type OgcLink } from '../ogc/links.ts';
import { ErrorBody, HttpError, notFound } from '../schemas/errors.ts';
import { CollectionParams, ItemParams, OgcCollection, OgcCollections, OgcConformance, OgcItem, OgcItems, OgcItemsQuery, OgcLanding } from '../schemas/ogc.ts';
import { publicOrigin, requestOrigin } from './origin.ts';

/** Conformance classes of OGC API – Features Part 1 this server meets (not oas30: our API document is OpenAPI 3.1). */
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson'
];


function queryPairs(req: FastifyRequest): [string, string][] {
  const search = req.url.indexOf('?');
  return search < 0 ? [] : [...new URLSearchParams(req.url.slice(search + 1))];
}

export default (async (app, opts: { publicUrl?: string }) => {
  // The base of every link: PUBLIC_URL, else the origin the client reached (OGC clients need absolute links).
  const configured = opts.publicUrl ? publicOrigin(opts.publicUrl) : undefined;
  const ogcOrigin = (req: FastifyRequest) => configured ?? requestOrigin(req);
  const collections = ogcCollections(app.catalog);
  const byId = new Map(collections.map((c) => [c.id, c]));
  const collectionOf = (id: string): OgcCollectionSource => {
    const c = byId.get(id);
    if (!c) throw new HttpError(404, `no collection "${id}"; the collections are ${collections.map((x) => x.id).join(', ')}`);
    return c;
  };
  const describe = (c: OgcCollectionSource, origin: string) => {
    const url = `${origin}/ogc/collections/${c.id}`;
    const links: OgcLink[] = [
      { href: url, rel: 'self', type: MEDIA.json, title: 'this collection' },
      { href: `${url}/items`, rel: 'items', type: MEDIA.geojson, title: `${c.id} as GeoJSON` }
    ];
    return { id: c.id, title: c.title, description: c.description, itemType: 'feature' as const, crs: [CRS84], extent: { spatial: { bbox: [c.extent()], crs: CRS84 } }, links };
  };
  const tags = ['ogc'];

  app.get('/ogc', { schema: { tags, summary: 'OGC API – Features landing page', response: { 200: OgcLanding } } }, async (req, reply) => {
    const origin = ogcOrigin(req);
    reply.type(MEDIA.json);
    return {
      title: 'Cluster Atlas · 人工智能集群地图 (OGC API – Features)',
      description: 'AI parks, organisations, districts and cities of the Guangdong AI action plan 2018–2020, for QGIS, ArcGIS Pro and GDAL (OAPIF).',
      links: landingLinks(`${origin}/ogc`, origin)
    };
  });

  app.get('/ogc/conformance', { schema: { tags, summary: 'Conformance classes implemented', response: { 200: OgcConformance } } }, async (_req, reply) => {
    reply.type(MEDIA.json);
    return { conformsTo: CONFORMANCE };
  });

  app.get('/ogc/collections', { schema: { tags, summary: 'The feature collections', response: { 200: OgcCollections } } }, async (req, reply) => {
    const origin = ogcOrigin(req);
    reply.type(MEDIA.json);
    return { links: [{ href: `${origin}/ogc/collections`, rel: 'self', type: MEDIA.json, title: 'this document' }], collections: collections.map((c) => describe(c, origin)) };
  });

  app.get(
    '/ogc/collections/:collectionId',
    { schema: { tags, summary: 'One feature collection', params: CollectionParams, response: { 200: OgcCollection, 404: ErrorBody } } },
    async (req, reply) => {
      const origin = ogcOrigin(req);
      const c = collectionOf(req.params.collectionId);
      reply.type(MEDIA.json);
      return describe(c, origin);
    }
  );

  app.get(
    '/ogc/collections/:collectionId/items',
    {
      schema: {
        tags,
        summary: 'Features of a collection, paged (GeoJSON)',
        description: 'Follow the `next` link to page; `numberMatched` counts every match. The shared filters are extra query parameters; unknown parameters are a 400.',
        params: CollectionParams,
        querystring: OgcItemsQuery,
        response: { 200: OgcItems, 400: ErrorBody, 404: ErrorBody }
      }
    },
    async (req, reply) => {
      const c = collectionOf(req.params.collectionId);
      const pairs = queryPairs(req);
      const query = parseItemsQuery(pairs, c.extras);
      const page = await c.page(query);
      reply.type(MEDIA.geojson);
      return {
        type: 'FeatureCollection' as const,
        features: page.features,
        links: itemsPageLinks({ itemsUrl: `${ogcOrigin(req)}/ogc/collections/${c.id}/items`, query: pairs, offset: query.offset, limit: query.limit, numberMatched: page.numberMatched }),
        numberMatched: page.numberMatched,
        numberReturned: page.features.length,
        timeStamp: new Date().toISOString()
      };
    }
  );

  app.get(
    '/ogc/collections/:collectionId/items/:featureId',
    { schema: { tags, summary: 'One feature (GeoJSON)', params: ItemParams, response: { 200: OgcItem, 404: ErrorBody } } },
    async (req, reply) => {
      const origin = ogcOrigin(req);
      const c = collectionOf(req.params.collectionId);
      const feature = c.item(req.params.featureId);
      if (!feature) throw notFound(`feature in ${c.id}`, req.params.featureId);
      const url = `${origin}/ogc/collections/${c.id}`;
      reply.type(MEDIA.geojson);
      return {
        ...feature,
        links: [
          { href: `${url}/items/${encodeURIComponent(feature.id)}`, rel: 'self', type: MEDIA.geojson, title: 'this feature' },
          { href: url, rel: 'collection', type: MEDIA.json, title: 'the collection' }
        ]
      };
    }
  );
}) satisfies FastifyPluginAsyncTypebox<{ publicUrl?: string }>;
