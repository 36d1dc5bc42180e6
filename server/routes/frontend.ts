import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

const API_PREFIXES = ['/api/', '/tiles/', '/glyphs/', '/style.json', '/openapi.json', '/docs'];
const ASSETS = '/_app/';

/**
 * Serves the built SvelteKit app; any other GET path falls back to its index.html (client-side
 * routing). Files are routed at boot for speed; an asset that appeared later (a rebuild while the
 * server runs) is still found on disk, and a missing asset is a 404, never index.html, which a
 * browser would refuse as a script.
 */
const frontend: FastifyPluginAsync<{ buildDir: string }> = async (app, opts) => {
  const root = resolve(opts.buildDir);
  const built = () => existsSync(join(root, 'index.html'));
  if (built()) {
    await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'], maxAge: '1h' });
  } else {
    await app.register(fastifyStatic, { root, serve: false });
  }
  const notFound = (method: string, url: string) => ({ statusCode: 404, error: 'Not Found', message: `no route for ${method} ${url.split('?')[0]}` });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    if (req.method === 'GET' && path.startsWith(ASSETS)) {
      const file = resolve(root, `.${decodeURIComponent(path)}`);
      if (file.startsWith(root + sep) && existsSync(file)) return reply.sendFile(file.slice(root.length + 1));
      return reply.code(404).send(notFound(req.method, req.url));
    }
    const isApi = API_PREFIXES.some((p) => req.url.startsWith(p));
    if (req.method === 'GET' && !isApi && built()) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send(notFound(req.method, req.url));
  });
};

export default frontend;
