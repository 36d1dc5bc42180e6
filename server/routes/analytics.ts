import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CatchmentReport } from '../analytics/catchment-report.ts';
import { checkDensityQuery } from '../analytics/density-report.ts';
import { STRONG_CLUSTER_RULE } from '../analytics/location-quotient.ts';
import {
  CatchmentQuery, CatchmentResult, ClustersQuery, ClustersResult, DensityQuery, DensityResult, EllipseQuery, EllipseResult,
  NniQuery, NniResult, SpecializationQuery, SpecializationResult, TargetsQuery, TargetsResult
} from '../schemas/analytics.ts';
import { badParameter, ErrorBody, notFound } from '../schemas/errors.ts';
import { parseFilters } from '../schemas/filters.ts';

/** The reports behind /api/analytics/* (the pool also computes park profiles, for routes/parks.ts). */

const tags = ['analytics'];
const errors = { 400: ErrorBody, 404: ErrorBody, 503: ErrorBody };

/** The analytics endpoints under /api/analytics/: each validates, picks the organisations, and runs its report in the pool. */
export default (async (app) => {
  const catalog = app.catalog;
  const runReport = app.runReport;

  app.get(
    '/api/analytics/density',
    { schema: { tags, summary: 'Where is it dense? H3 hexagon counts, a kernel density surface with contour bands, and counts per district', querystring: DensityQuery, response: { 200: DensityResult, ...errors } } },
    async (req, reply) => {
      checkDensityQuery(req.query);
      return runReport(req, reply, 'density', { filters: parseFilters(req.query, catalog.vocabulary) });
    }
  );

  app.get(
    '/api/analytics/clusters',
    { schema: { tags, summary: 'Where are the clusters? DBSCAN with hulls, sizes, areas, parks overlapped and sector mix', querystring: ClustersQuery, response: { 200: ClustersResult, ...errors } } },
    async (req, reply) => runReport(req, reply, 'clusters', { filters: parseFilters(req.query, catalog.vocabulary) })
  );

  app.get(
    '/api/analytics/nni',
    { schema: { tags, summary: 'Clustered or dispersed? Nearest-neighbour index with z-score and p-value, overall and per sector', querystring: NniQuery, response: { 200: NniResult, ...errors } } },
    async (req, reply) => runReport(req, reply, 'nni', { filters: parseFilters(req.query, catalog.vocabulary) })
  );

  app.get(
    '/api/analytics/ellipse',
    { schema: { tags, summary: 'Which way does it spread? Standard deviational ellipse per sector or per city', querystring: EllipseQuery, response: { 200: EllipseResult, ...errors } } },
    async (req, reply) => runReport(req, reply, 'ellipse', { filters: parseFilters(req.query, catalog.vocabulary) })
  );

  app.get(
    '/api/analytics/specialization',
    { schema: { tags, summary: 'What is each city specialised in? Location quotient per city × sector with the strong-cluster flag', description: STRONG_CLUSTER_RULE.en, querystring: SpecializationQuery, response: { 200: SpecializationResult, ...errors } } },
    async (req, reply) => {
      // Shares are of the whole five-city region: the city and sector filters pick rows, not the population.
      const filters = { ...parseFilters(req.query, catalog.vocabulary), cities: undefined, sectors: undefined };
      return runReport(req, reply, 'specialization', { filters });
    }
  );

  app.get(
    '/api/analytics/catchment',
    { schema: { tags, summary: 'What is near this park or point? Organisations within radiusKm, by sector', querystring: CatchmentQuery, response: { 200: CatchmentResult, ...errors } } },
    async (req, reply) => {
      const q = req.query;
      if (q.park === undefined && (q.lon === undefined || q.lat === undefined)) throw badParameter(q.lon === undefined ? 'lon' : 'lat', 'give a park id, or both lon and lat');
      if (q.park !== undefined && (q.lon !== undefined || q.lat !== undefined)) throw badParameter('park', 'give a park id or lon/lat, not both');
      if (q.park !== undefined && !catalog.park(q.park)) throw notFound('park', q.park);
      return runReport(req, reply, 'catchment', {
        filters: parseFilters(q, catalog.vocabulary),
        shape: ({ organizations: { rows, ...page }, ...rest }: CatchmentReport, organization) => ({
          ...rest,
          organizations: { type: 'FeatureCollection' as const, features: rows.map((row) => organization(row)), ...page }
        })
      });
    }
  );

  app.get(
    '/api/analytics/targets',
    { schema: { tags, summary: "Against the plan: for each 2020 target the data can speak to, the count it supports by city", querystring: TargetsQuery, response: { 200: TargetsResult, ...errors } } },
    async (req, reply) => {
      const filters = parseFilters(req.query, catalog.vocabulary);
      const parks = catalog.parksMatching({ ...filters, kinds: undefined, types: undefined, limit: Number.MAX_SAFE_INTEGER, offset: 0 }).features;
      return runReport(req, reply, 'targets', { filters, parkIds: parks.map((p) => p.properties.id) });
    }
  );
}) satisfies FastifyPluginAsyncTypebox;
