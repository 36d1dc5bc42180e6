import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LRUCache } from 'lru-cache';
import type { Page } from '../catalog/catalog.ts';
import { ErrorBody, notFound } from '../schemas/errors.ts';
import { filtersKey, ListQuery, parseFilters } from '../schemas/filters.ts';
import { OrganizationCollection, OrganizationFeature } from '../schemas/places.ts';

/** Pages kept per distinct query; each holds at most `limit` references into the catalog. */
const RESULT_CACHE_ENTRIES = 500;

export default (async (app) => {
  const results = new LRUCache<string, Page<OrganizationFeature>>({ max: RESULT_CACHE_ENTRIES });
  // The name index of each data version is built as soon as it exists (off the main thread), not on the first type-ahead.
  app.catalog.organizationPoints.warmNames();
  app.catalog.onChange(() => {
    results.clear();
    app.catalog.organizationPoints.warmNames();
  });

  app.get(
    '/api/organizations',
    {
      schema: {
        tags: ['places'],
        summary: 'Organisations (firms, universities, labs, institutes, platforms), filtered and paginated',
        description: '`q` searches Chinese and English names (`腾讯` and `tencent` both find Tencent); `total` counts every match before `limit`/`offset`.',
        querystring: ListQuery,
        response: { 200: OrganizationCollection, 400: ErrorBody }
      }
    },
    async (req) => {
      const filters = parseFilters(req.query, app.catalog.vocabulary);
      const key = `${filtersKey(filters)}|${filters.limit}|${filters.offset}`;
      let page = results.get(key);
      if (!page) {
        page = await app.catalog.organizationsMatching(filters);
        results.set(key, page);
      }
      return { type: 'FeatureCollection' as const, ...page, limit: filters.limit, offset: filters.offset };
    }
  );

  app.get(
    '/api/organizations/:id',
    {
      schema: {
        tags: ['places'],
        summary: 'One organisation with its provenance (what the map card shows); 404 if unknown',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: OrganizationFeature, 404: ErrorBody }
      }
    },
    async (req) => {
      const found = app.catalog.organizationById(req.params.id);
      if (!found) throw notFound('organisation', req.params.id);
      return found;
    }
  );
}) satisfies FastifyPluginAsyncTypebox;
