/**
 * The one way a route runs an analytics report: from the result cache, or in the pool (time
 * budget, bounded queue → 503 + Retry-After, cancellation when the client goes away), answered as
 * JSON or, with `stream=sse`, as progress events then the result. Routes in routes/analytics.ts,
 * routes/statistics.ts and routes/investor.ts call it as `app.runReport(…)`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { ReportName } from '../analytics/reports.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { featureOfRow } from '../catalog/organization-table.ts';
import { clientGone, openEventStream } from '../http/event-stream.ts';
import { HttpError } from '../schemas/errors.ts';
import type { Filters } from '../schemas/filters.ts';
import type { OrganizationFeature } from '../schemas/places.ts';
import { BudgetExceededError, JobCancelledError, PoolBusyError, type AnalyticsPool } from './analytics-pool.ts';

/** Answers (JSON text) kept per (endpoint, query, data version), up to this many characters in all. */
const RESULT_CACHE_CHARS = 256 * 1024 * 1024;

/** What to tell a client whose job ran out of time: the parameter to change first, and how. */
const BUDGET_HINTS: Record<Exclude<ReportName, 'profile'>, { parameter: string; advice: string }> = {
  density: { parameter: 'resolution', advice: 'use a coarser grid (a lower resolution or a larger edgeKm), a larger kernelCellKm, or narrow the selection with city, sector or bbox' },
  clusters: { parameter: 'epsKm', advice: 'lower epsKm, or narrow the selection with city, sector or bbox' },
  nni: { parameter: 'city', advice: 'narrow the selection with city, sector or bbox' },
  ellipse: { parameter: 'city', advice: 'narrow the selection with city, sector or bbox' },
  specialization: { parameter: 'type', advice: 'narrow the organisations counted with type, q or bbox' },
  catchment: { parameter: 'radiusKm', advice: 'lower radiusKm, or narrow the selection with city, sector or bbox' },
  targets: { parameter: 'epsKm', advice: 'lower epsKm, or narrow the selection with city, sector or bbox' },
  hotspots: { parameter: 'permutations', advice: 'use fewer permutations, a coarser res (or a larger cellKm), or fewer cities' },
  ripley: { parameter: 'simulations', advice: 'use fewer simulations or a smaller maxDistanceKm, or narrow the selection with city' },
  suitability: { parameter: 'radiusKm', advice: 'lower radiusKm, or compare fewer parks with park, city or kind' },
  chain: { parameter: 'radiusKm', advice: 'lower radiusKm, or report fewer parks and cities with park and city' }
};

export interface ReportRequest {
  /** The organisations the report runs on; absent: every organisation (records placed to an area included). */
  filters?: Filters;
  parkIds?: string[];
  /** Turns the worker's answer into the response (e.g. rows into GeoJSON); `organization(row)` reads the same data version. */
  shape?: (value: never, organization: (row: number) => OrganizationFeature) => object;
}

export type RunReport = (req: FastifyRequest, reply: FastifyReply, name: Exclude<ReportName, 'profile'>, request: ReportRequest) => Promise<FastifyReply>;

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

/** A runReport over this catalog and pool, with its own result cache (emptied on every data change). */
export function reportRunner(catalog: Catalog, pool: AnalyticsPool): RunReport {
  const results = new LRUCache<string, string>({ maxSize: RESULT_CACHE_CHARS, sizeCalculation: (json) => Math.max(1, json.length) });
  catalog.onChange(() => results.clear());

  return async function runReport(req, reply, name, { filters, parkIds, shape }) {
    const query = req.query as { stream?: string };
    const key = `${name}|${queryKey(query)}|${catalog.version}`;
    const cached = results.get(key);
    // Table, columns and version are read in one turn, so they are of one data version (rows may
    // come a turn later, from the name search: a data change in between fails the search).
    const table = catalog.organizationTable;
    const columns = table.columns;
    const dataVersion = catalog.version;
    const compute = async (signal: AbortSignal, onProgress?: (fraction: number) => void) => {
      const ids = filters ? await catalog.organizationRows(filters) : null;
      const json = await pool.run({ report: name, query, ids, columns, parkIds, dataVersion }, { signal, onProgress, budgetHint: BUDGET_HINTS[name] });
      const answer = shape ? JSON.stringify(shape(JSON.parse(json) as never, (row) => featureOfRow(table, row))) : json;
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
  };
}
