import { openPostgresStore } from './postgres.ts';
import type { StoreLog } from './postgres-pool.ts';
import type { Store } from './repository.ts';
import { openSqliteStore } from './sqlite.ts';

export interface StoreLocation {
  /** Directory of the embedded SQLite database, used when there is no `databaseUrl`. */
  dataDir: string;
  /** A postgres:// URL (DATABASE_URL): PostgreSQL with PostGIS instead of SQLite. */
  databaseUrl?: string;
}

/** Opens the store the settings name: PostgreSQL when a database URL is given, else SQLite in the data directory. */
export async function openStore(location: StoreLocation, log: StoreLog): Promise<Store> {
  return location.databaseUrl ? openPostgresStore(location.databaseUrl, log) : openSqliteStore(location.dataDir);
}
