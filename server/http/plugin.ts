import compress from '@fastify/compress';
import cors from '@fastify/cors';
import etag from '@fastify/etag';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { constants } from 'node:zlib';
import { HttpError } from '../schemas/errors.ts';
import { cspDirectives, inlineScriptHashes } from './csp.ts';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, type HttpOptions } from './options.ts';

/** Tiles, TileJSON, the style and glyphs: public map assets any origin may load. */
const PUBLIC_MAP_ASSET = /^\/(tiles|glyphs)\/|^\/style\.json(\?|$)/;

/** Caching validators, compression, CORS, security headers and a per-client rate limit, for every route registered after it. */
export default fp<HttpOptions>(
  async (app, opts) => {
    const apiOrigins = opts.corsOrigins?.length ? (opts.corsOrigins.includes('*') ? '*' : opts.corsOrigins) : false;
    await app.register(cors, {
      hook: 'onRequest',
      delegator: (req: FastifyRequest, callback) => callback(null, { origin: PUBLIC_MAP_ASSET.test(req.url) ? '*' : apiOrigins, maxAge: 600 })
    });

    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: true, directives: cspDirectives(inlineScriptHashes(opts.buildDir), opts.mapOrigins) },
      // The booth runs plain HTTP: HSTS would lock browsers out of it.
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false
    });
    app.addHook('onRequest', async (req, reply) => {
      if (PUBLIC_MAP_ASSET.test(req.url)) reply.header('cross-origin-resource-policy', 'cross-origin');
    });

    if (opts.rateLimitPerMinute !== false) {
      await app.register(rateLimit, {
        max: opts.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
        timeWindow: 60_000,
        errorResponseBuilder: (_req, ctx) =>
          new HttpError(429, `too many requests: at most ${ctx.max} per minute; retry in ${ctx.after} / 请求过多：每分钟最多 ${ctx.max} 次，请 ${ctx.after} 后重试`)
      });
    }

    // JSON answers may change when data is imported: browsers keep them but revalidate with the ETag.
    app.addHook('onSend', async (req, reply, payload) => {
      if (req.method === 'GET' && reply.statusCode === 200 && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
      return payload;
    });

    // ETag runs before compression, so a JSON body's tag is computed once on its plain bytes.
    await app.register(etag);
    await app.register(compress, {
      global: true,
      threshold: 1024,
      encodings: ['br', 'gzip'],
      // Per-request compression of JSON: a fast brotli level keeps latency low.
      brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }
    });
  },
  { name: 'http' }
);
