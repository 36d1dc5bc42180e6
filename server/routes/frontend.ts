import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

const API_PREFIXES = ['/api/', '/tiles/', '/glyphs/', '/style.json', '/openapi.json', '/docs'];

/** Serves the built SvelteKit app; any other GET path falls back to its index.html (client-side routing). */
const frontend: FastifyPluginAsync<{ buildDir: string }> = async (app, opts) => {
  const built = existsSync(join(opts.buildDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: opts.buildDir, wildcard: false, index: ['index.html'], maxAge: '1h' });
  }
  app.setNotFoundHandler((req, reply) => {
    const isApi = API_PREFIXES.some((p) => req.url.startsWith(p));
    if (req.method === 'GET' && !isApi && built) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route for ${req.method} ${req.url.split('?')[0]}` });
  });
};

export default frontend;
