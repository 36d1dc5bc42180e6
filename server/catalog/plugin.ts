import fp from 'fastify-plugin';
import type { OrganizationFeature } from '../schemas/places.ts';
import { Catalog } from './catalog.ts';
import { readGeodata } from './read-geodata.ts';

declare module 'fastify' {
  interface FastifyInstance {
    catalog: Catalog;
  }
}

export interface CatalogOptions {
  geodataDir: string;
  /** Replaces the shipped organisations (benchmarks pass synthetic ones; nothing is written to geodata/). */
  organizations?: OrganizationFeature[];
}

/** Loads and validates the embedded dataset once and exposes it as `app.catalog`. */
export default fp<CatalogOptions>(
  async (app, opts) => {
    const data = readGeodata(opts.geodataDir);
    const catalog = new Catalog(opts.organizations ? { ...data, organizations: opts.organizations } : data);
    app.decorate('catalog', catalog);
    app.addHook('onClose', async () => catalog.close());
  },
  { name: 'catalog' }
);
