import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { CatchmentReport } from '../analytics/catchment-report.ts';
import { checkDensityQuery } from '../analytics/density-report.ts';
import { STRONG_CLUSTER_RULE } from '../analytics/location-quotient.ts';
import type { ReportName } from '../analytics/reports.ts';
import { clientGone, openEventStream } from '../http/event-stream.ts';
import { BudgetExceededError, JobCancelledError, PoolBusyError } from '../pool/analytics-pool.ts';
import {
  CatchmentQuery, CatchmentResult, ClustersQuery, ClustersResult, DensityQuery, DensityResult, EllipseQuery, EllipseResult,
  NniQuery, NniResult, SpecializationQuery, SpecializationResult, TargetsQuery, TargetsResult
} from '../schemas/analytics.ts';
import { badParameter, ErrorBody, HttpError, notFound } from '../schemas/errors.ts';
import { parseFilters, type Filters } from '../schemas/filters.ts';
import type { OrganizationFeature } from '../schemas/places.ts';

/** The reports behind /api/analytics/* (the pool also computes park profiles, for routes/parks.ts). */
type AnalyticsReport = Exclude<ReportName, 'profile'>;

const tags = ['analytics'];
const errors = { 400: ErrorBody, 404: ErrorBody, 503: ErrorBody };
/** Answers (JSON text) kept per (endpoint, query, data version), up to this many characters in all. */
const RESULT_CACHE_CHARS = 256 * 1024 * 1024;

/** What to tell a client whose job ran out of time: the parameter to change first, and how. */
const BUDGET_HINTS: Record<AnalyticsReport, { parameter: string; advice: string }> = {
  density: { parameter: 'resolution', advice: 'use a coarser grid (a lower resolution or a larger edgeKm), a larger kernelCellKm, or narrow the selection with city, sector or bbox' },
  clusters: { parameter: 'epsKm', advice: 'lower epsKm, or narrow the selection with city, sector or bbox' },
  nni: { parameter: 'city', advice: 'narrow the selection with city, sector or bbox' },
  ellipse: { parameter: 'city', advice: 'narrow the selection with city, sector or bbox' },
  specialization: { parameter: 'type', advice: 'narrow the organisations counted with type, q or bbox' },
  catchment: { parameter: 'radiusKm', advice: 'lower radiusKm, or narrow the selection with city, sector or bbox' },
  targets: { parameter: 'epsKm', advice: 'lower epsKm, or narrow the selection with city, sector or bbox' }
};

const errorBody = (err: HttpError) => ({
  statusCode: err.statusCode,
  error: err.statusCode === 503 ? 'Service Unavailable' : err.statusCode === 404 ? 'Not Found' : 'Bad Request',
  message: err.message,
  ...(err.parameter ? { parameter: err.parameter } : {})
});

/** The query as a canonical string (keys sorted, `stream` left out), for the result cache. */
function queryKey(query: object): string {
  return JSON.stringify(Object.entries(query).filter(([k]) => k !== 'stream').sort(([a], [b]) => a.localeCompare(b)));
}

/** The analytics endpoints under /api/analytics/: each validates, picks the organisations, and runs its report in the pool. */
export default (async (app) => {
  const catalog = app.catalog;
  const pool = app.analyticsPool;
  const results = new LRUCache<string, string>({ maxSize: RESULT_CACHE_CHARS, sizeCalculation: (json) => Math.max(1, json.length) });
  catalog.onChange(() => results.clear());

  interface ReportRequest {
    /** The organisations the report runs on. */
    filters: Filters;
    parkIds?: string[];
    /** Turns the worker's answer into the response (e.g. rows into GeoJSON); given the features of the same data version. */
    shape?: (value: never, features: readonly OrganizationFeature[]) => object;
  }

  /**
   * Answers from the cache, or runs report `name` in the pool: as JSON, or with `stream=sse` as
   * progress events then the result. A client that goes away cancels its job.
   */
  async function runReport(req: FastifyRequest, reply: FastifyReply, name: AnalyticsReport, { filters, parkIds, shape }: ReportRequest): Promise<FastifyReply> {
    const query = req.query as { stream?: string };
    const key = `${name}|${queryKey(query)}|${catalog.version}`;
    const cached = results.get(key);
    // Columns, rows and features are read in one turn, so they are of one data version.
    const features = catalog.organizations;
    const compute = async (signal: AbortSignal, onProgress?: (fraction: number) => void) => {
      const ids = catalog.organizationRows(filters);
      const json = await pool.run({ report: name, query, ids, columns: catalog.organizationPoints.columns, parkIds }, { signal, onProgress, budgetHint: BUDGET_HINTS[name] });
      const answer = shape ? JSON.stringify(shape(JSON.parse(json) as never, features)) : json;
      results.set(key, answer);
      return answer;
    };
    // The answer is JSON text already (made in the worker): sent as it is, past the serializer.
    const sendJson = (json: string) => reply.type('application/json; charset=utf-8').send(json);

    if (query.stream !== 'sse') {
      if (cached) return sendJson(cached);
      try {
        return sendJson(await compute(clientGone(reply)));
      } catch (err) {
        if (err instanceof JobCancelledError) return reply.code(503).send(errorBody(new HttpError(503, 'the client went away; the job was cancelled')));
        if (err instanceof PoolBusyError) reply.header('retry-after', String(err.retryAfterS));
        if (err instanceof PoolBusyError || err instanceof BudgetExceededError) return reply.code(503).send(errorBody(err));
        throw err;
      }
    }

    const events = openEventStream(reply);
    try {
      events.sendJson('result', cached ?? (await compute(events.signal, (fraction) => events.send('progress', { fraction }))));
    } catch (err) {
      if (!(err instanceof JobCancelledError)) {
        const known = err instanceof HttpError && (err.statusCode < 500 || err instanceof PoolBusyError || err instanceof BudgetExceededError);
        if (!known) req.log.error({ err }, 'analytics stream failed');
        events.send('error', known ? errorBody(err) : { statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
      }
    }
    events.end();
    return reply;
  }

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
        shape: ({ organizations: { rows, ...page }, ...rest }: CatchmentReport, features) => ({
          ...rest,
          organizations: { type: 'FeatureCollection' as const, features: rows.map((i) => features[i]), ...page }
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
