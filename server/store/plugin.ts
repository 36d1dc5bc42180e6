import fp from 'fastify-plugin';
import { join } from 'node:path';
import { ColumnSnapshots } from './column-snapshots.ts';
import { DatasetSync } from './dataset-sync.ts';
import { openStore, type StoreLocation } from './open-store.ts';
import type { Store } from './repository.ts';
import { StoredTableReader } from './stored-table-reader.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    /** Puts a dataset's current records into the catalog; writing routes await it before they answer. */
    datasetSync: DatasetSync;
  }
}

/**
 * Opens the user-data store (SQLite in `dataDir`, or PostgreSQL at `databaseUrl`), decorates `app.store`,
 * layers every stored dataset over the catalog, and keeps following writes made by other instances.
 */
export interface StoreOptions extends StoreLocation {
  /** Datasets of at least this many records are read into columns on a worker thread (default READ_IN_WORKER_MIN_ROWS). */
  readInWorkerMinRows?: number;
  /** Datasets of at least this many records are read by two threads side by side (default READ_IN_PARTS_MIN_ROWS). */
  readInPartsMinRows?: number;
}

export default fp<StoreOptions>(
  async (app, opts) => {
    const store = await openStore(opts, app.log);
    app.decorate('store', store);
    app.addHook('onClose', () => store.close());
    const snapshots = new ColumnSnapshots(join(opts.dataDir, 'columns'), app.catalog.vocabulary, { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m) });
    const reader = new StoredTableReader(app.catalog.vocabulary, store.workerImports?.file, (err) => app.log.error({ err }, 'stored-table worker failed'), opts.readInPartsMinRows);
    app.addHook('onClose', () => reader.close());
    const sync = new DatasetSync(app.catalog, store.datasets, snapshots, (error) => app.log.warn(`column snapshot not written: ${error.message}`), reader, opts.readInWorkerMinRows, (m) => app.log.info(m));
    app.decorate('datasetSync', sync);
    const failed = (what: string) => (error: Error) => app.log.error(`could not reload ${what} after a write elsewhere: ${error.message}`);
    // Listening starts before the first load, so a write landing in between is not lost.
    await store.watchDatasets({
      changed: (id) => void sync.refresh(id).catch(failed(`dataset ${id}`)),
      missed: () => void sync.refreshAll().catch(failed('the datasets'))
    });
    await sync.refreshAll();
    app.log.info(`user data: ${store.backend}`);
  },
  { name: 'store', dependencies: ['catalog'] }
);
