import fp from 'fastify-plugin';
import { Catalog } from './catalog.ts';
import { readGeodata } from './read-geodata.ts';

declare module 'fastify' {
  interface FastifyInstance {
    catalog: Catalog;
  }
}

/** Loads and validates the embedded dataset once and exposes it as `app.catalog`. */
export default fp<{ geodataDir: string }>(
  async (app, opts) => {
    app.decorate('catalog', new Catalog(readGeodata(opts.geodataDir)));
  },
  { name: 'catalog' }
);
