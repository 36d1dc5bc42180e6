import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { checkHotspotsQuery } from '../analytics/hotspots-report.ts';
import { ErrorBody } from '../schemas/errors.ts';
import { parseFilters } from '../schemas/filters.ts';
import { HotspotsQuery, HotspotsResult, RipleyQuery, RipleyResult } from '../schemas/statistics.ts';

const tags = ['analytics'];
const errors = { 400: ErrorBody, 503: ErrorBody };

/** Significance statistics: Getis-Ord Gi* hot spots and Ripley's L with its CSR envelope, run in the analytics pool. */
export default (async (app) => {
  const catalog = app.catalog;
  const runReport = app.runReport;

  app.get(
    '/api/analytics/hotspots',
    { schema: { tags, summary: 'Is a hot spot more than chance? Getis-Ord Gi* over hexagon cells with permutation and FDR-corrected p-values', querystring: HotspotsQuery, response: { 200: HotspotsResult, ...errors } } },
    async (req, reply) => {
      checkHotspotsQuery(req.query);
      return runReport(req, reply, 'hotspots', { filters: parseFilters(req.query, catalog.vocabulary) });
    }
  );

  app.get(
    '/api/analytics/ripley',
    { schema: { tags, summary: "Clustered at which distances? Besag's L(r) − r with a Monte Carlo envelope of complete spatial randomness inside the cities' land", querystring: RipleyQuery, response: { 200: RipleyResult, ...errors } } },
    async (req, reply) => runReport(req, reply, 'ripley', { filters: parseFilters(req.query, catalog.vocabulary) })
  );
}) satisfies FastifyPluginAsyncTypebox;
