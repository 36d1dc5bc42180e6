import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyServerOptions } from 'fastify';
import auth from './auth/plugin.ts';
import catalog from './catalog/plugin.ts';
import { importLimitsFromEnv, type ImportLimits } from './import/limits.ts';
import datasets from './routes/datasets.ts';
import store from './store/plugin.ts';
import http from './http/plugin.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, httpOptionsFromEnv, type HttpOptions } from './http/options.ts';
import docs from './routes/docs.ts';
import organizations from './routes/organizations.ts';
import ogc from './routes/ogc.ts';
import areaAnalytics from './routes/area-analytics.ts';
import areaSearch from './routes/area-search.ts';
import analytics from './routes/analytics.ts';
import statistics from './routes/statistics.ts';
import type { OrganizationFeature } from './schemas/places.ts';
import cities from './routes/cities.ts';
import frontend from './routes/frontend.ts';
import glyphs from './routes/glyphs.ts';
import health from './routes/health.ts';
import investor from './routes/investor.ts';
import parks from './routes/parks.ts';
import reference from './routes/reference.ts';
import style from './routes/style.ts';
import tileRoutes from './routes/tiles.ts';
import streetsRoutes from './routes/streets.ts';
import tours from './routes/tours.ts';
import { HttpError, type ErrorBody } from './schemas/errors.ts';
import { documentedQueryNumbers, queryNumberKeyword } from './schemas/query-number.ts';
import tiles from './tiles/plugin.ts';
import analyticsPool from './pool/plugin.ts';
import type { AnalyticsPluginOptions } from './pool/plugin.ts';
import { basemapSettingsFromEnv, type BasemapSettings } from './tiles/basemap-settings.ts';
import { StreetsArchive } from './tiles/streets-archive.ts';
import { TIANDITU_ORIGINS } from './tiles/tianditu-style.ts';
import { ResponseReplay } from './http/response-replay.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface AppOptions {
  /** Directory of the embedded dataset (default: geodata/ of this repository). */
  geodataDir?: string;
  /** Directory of the built front end (default: build/). */
  buildDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** Upper bound of the in-memory tile cache, bytes. */
  tileCacheBytes?: number;
  /** Replaces the shipped organisations (benchmarks pass seeded synthetic ones). */
  organizations?: OrganizationFeature[];
  /** CORS, rate limit (default: from CORS_ORIGINS and RATE_LIMIT_PER_MINUTE). */
  http?: HttpOptions;
  /** Where user data (imported datasets, keys) is stored (default: DATA_DIR or ./data). */
  dataDir?: string;
  /** Datasets of at least this many records are read into columns on a worker thread at start (default 20,000; tests lower it). */
  readInWorkerMinRows?: number;
  /** Datasets of at least this many records are read by two threads side by side at start (default 100,000; tests lower it). */
  readInPartsMinRows?: number;
  /** A postgres:// URL: keep user data in PostgreSQL/PostGIS, shared by every instance using it (default: DATABASE_URL; empty = SQLite in dataDir). */
  databaseUrl?: string;
  /** The editor key of EDITOR_TOKEN (default: that variable); without it and without stored keys, writes are refused. */
  editorToken?: string;
  /** Where clients reach this server, e.g. https://atlas.example.org: the origin of style and TileJSON URLs (default: PUBLIC_URL; unset = paths). */
  publicUrl?: string;
  /** Import limits (default: IMPORT_LIMITS, IMPORT_MAX_MB, IMPORT_MAX_ROWS). */
  importLimits?: Partial<ImportLimits>;
  /** Analytics worker pool: threads, queue and time budget (default: ANALYTICS_THREADS, ANALYTICS_QUEUE, ANALYTICS_BUDGET_MS); warm: start it while the datasets load. */
  analyticsPool?: AnalyticsPluginOptions;
  /** A street archive or Tianditu under the map (default: BASEMAP_PMTILES, TIANDITU_KEY, TIANDITU_REVIEW_NUMBER). */
  basemap?: BasemapSettings;
}

/** Turns any thrown error into the contract's error body; only a real bug becomes a 500. */
function errorBody(error: FastifyError | HttpError): ErrorBody {
  if (error instanceof HttpError) {
    return { statusCode: error.statusCode, error: reason(error.statusCode), message: error.message, ...(error.parameter ? { parameter: error.parameter } : {}) };
  }
  if ('validation' in error && error.validation) {
    const first = error.validation[0];
    const path = (first?.instancePath ?? '').replace(/^\//, '');
    const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
    const parameter = path || missing || error.validationContext || 'request';
    return { statusCode: 400, error: 'Bad Request', message: `${parameter}: ${first?.message ?? error.message}`, parameter };
  }
  const statusCode = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  return { statusCode, error: reason(statusCode), message: statusCode === 500 ? 'internal error' : error.message };
}

function reason(status: number): string {
  return ({ 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 503: 'Service Unavailable' } as Record<number, string>)[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}

/** Builds the whole product (API, tiles, style, glyphs, front end) without listening; tests call inject(). */
export async function buildApp(options: AppOptions = {}) {
  const geodataDir = options.geodataDir ?? join(ROOT, 'geodata');
  // Cached tiles are replayed by the HTTP server itself; Fastify records them (routes/tiles.ts).
  const replay = new ResponseReplay(options.tileCacheBytes ?? 64 * 1024 * 1024);
  const httpOptions = { ...httpOptionsFromEnv(process.env), ...options.http };
  const requestTimeout = httpOptions.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // A body that trickles in is cut off after requestTimeout (Node answers 408); connections are checked often enough to notice.
  const serverOptions = { requestTimeout, headersTimeout: Math.min(requestTimeout, 30_000), connectionsCheckingInterval: Math.min(5_000, Math.max(100, requestTimeout / 4)) };
  const app = Fastify({
    serverFactory: (handler) => createServer(serverOptions, (req, res) => replay.tryServe(req, res) || handler(req, res)),
    logger: options.logger ?? false,
    // Loading a large imported register without its column snapshot (first start after an upgrade, or a
    // corrupt snapshot) can take longer than Fastify's 10 s plugin limit on a loaded machine; it must finish, not abort the start.
    pluginTimeout: 10 * 60_000,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: true, useDefaults: true }, plugins: [queryNumberKeyword] }
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const body = errorBody(error);
    if (body.statusCode >= 500) req.log.error({ err: error }, 'unhandled error');
    return reply.code(body.statusCode).send(body);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Cluster Atlas API', version: '0.1.0', description: 'AI parks and clusters of the Guangdong AI action plan 2018–2020' }
    },
    transform: ({ schema, url }) => ({ schema: documentedQueryNumbers(schema), url })
  });
  const buildDir = options.buildDir ?? join(ROOT, 'build');
  const basemap = options.basemap ?? basemapSettingsFromEnv(process.env);
  // Only Tianditu, when the user configures it, makes the browser fetch from another origin.
  const mapOrigins = basemap.tianditu ? TIANDITU_ORIGINS : [];
  await app.register(http, { ...httpOptions, buildDir, mapOrigins });
  await app.register(catalog, { geodataDir, organizations: options.organizations });
  // Before the store: a warm pool's workers start while the datasets load.
  const dataDir = options.dataDir ?? process.env.DATA_DIR ?? './data';
  await app.register(analyticsPool, { lookupsFile: join(dataDir, 'columns', 'analytics-lookups.bin'), ...options.analyticsPool });
  await app.register(store, { dataDir, databaseUrl: (options.databaseUrl ?? process.env.DATABASE_URL) || undefined, readInWorkerMinRows: options.readInWorkerMinRows, readInPartsMinRows: options.readInPartsMinRows });
  await app.register(auth, { editorToken: options.editorToken ?? process.env.EDITOR_TOKEN });
  await app.register(tiles, { tileCacheBytes: options.tileCacheBytes });
  await app.register(datasets, { limits: { ...importLimitsFromEnv(process.env), ...options.importLimits }, geodataDir });
  const publicUrl = options.publicUrl ?? (process.env.PUBLIC_URL || undefined);
  for (const routes of [health, cities, parks, organizations, reference, analytics, areaAnalytics, investor, statistics]) await app.register(routes);
  await app.register(ogc, { publicUrl });
  await app.register(areaSearch, { geodataDir });
  const streets = basemap.pmtilesPath ? await StreetsArchive.open(basemap.pmtilesPath) : null;
  if (streets) await app.register(streetsRoutes, { archive: streets, publicUrl });
  await app.register(style, {
    publicUrl,
    basemap: { ...(streets ? { streets: { attribution: streets.info.attribution } } : {}), ...(basemap.tianditu ? { tianditu: basemap.tianditu } : {}) }
  });
  await app.register(tileRoutes, { replay, publicUrl });
  await app.register(tours, { builtinTourFile: join(geodataDir, 'curated', 'tours', 'plan.json') });
  // A street archive's labels are not in our tiles: serve whole glyph ranges rather than our labels' subset.
  await app.register(glyphs, { glyphsDir: join(geodataDir, 'glyphs'), subset: streets === null });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(docs);
  await app.register(frontend, { buildDir });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
