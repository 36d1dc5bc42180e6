import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';
import type { Store } from './repository.ts';
import { openSqliteConnection } from './sqlite-connection.ts';
import { sqliteDatasets } from './sqlite-datasets.ts';
import { sqliteImportWrites } from './sqlite-import-writes.ts';
import { sqliteKeys } from './sqlite-keys.ts';
import { sqliteTours } from './sqlite-tours.ts';

export const DATABASE_FILE = 'atlas.sqlite';

/** Brings the schema up to the newest migration, each in its own transaction. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = MIGRATIONS.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(`the database in this DATA_DIR has schema version ${current}, newer than this program knows (${newest}); run a newer Cluster Atlas or point DATA_DIR elsewhere`);
  }
  for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return newest;
}

/** Opens (creating and migrating) the SQLite store in `dataDir`. */
export function openSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const db = openSqliteConnection(join(dataDir, DATABASE_FILE));
  migrate(db);
  const imports = sqliteImportWrites(db);
  return {
    backend: 'sqlite',
    datasets: sqliteDatasets(db),
    keys: sqliteKeys(db),
    tours: sqliteTours(db),
    // One process owns the file, so no write can come from elsewhere.
    watchDatasets: async () => undefined,
    workerImports: { file: join(dataDir, DATABASE_FILE), drop: (id) => imports.drop(id, () => new Promise((resolve) => setImmediate(resolve))) },
    integrityCheck: async () => (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; '),
    close: async () => void db.close()
  };
}
