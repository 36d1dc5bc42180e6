import fp from 'fastify-plugin';
import type { Catalog } from '../catalog/catalog.ts';
import type { DatasetRepository, Store } from './repository.ts';
import { openSqliteStore } from './sqlite.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/** Puts a dataset's current records into the catalog, so every endpoint, tile layer and analytic sees them. */
export function publishDataset(catalog: Catalog, datasets: DatasetRepository, datasetId: string): void {
  catalog.setImportedOrganizations(datasetId, datasets.records(datasetId).map((r) => r.feature));
}

/** Opens the user-data store in `dataDir`, decorates `app.store`, and layers every stored dataset over the catalog. */
export default fp<{ dataDir: string }>(
  async (app, opts) => {
    const store = openSqliteStore(opts.dataDir);
    app.decorate('store', store);
    app.addHook('onClose', async () => store.close());
    for (const dataset of store.datasets.list()) publishDataset(app.catalog, store.datasets, dataset.id);
  },
  { name: 'store', dependencies: ['catalog'] }
);
