import pg from 'pg';
import { postgresDatasets } from './postgres-datasets.ts';
import { postgresKeys } from './postgres-keys.ts';
import { listenForChanges, type ChangeSubscription } from './postgres-listener.ts';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.ts';
import { connectionConfig, inTransaction, redactedUrl, type StoreLog } from './postgres-pool.ts';
import { postgresTours } from './postgres-tours.ts';
import type { Store } from './repository.ts';

/** Any fixed number: instances starting together take turns migrating by locking it. */
const MIGRATION_LOCK = 7_305_531;

/** Makes sure PostGIS is there, creating it when this role may; otherwise says who has to. */
async function requirePostgis(client: pg.ClientBase): Promise<void> {
  const installed = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'postgis'");
  if (installed.rowCount) return;
  try {
    await client.query('CREATE EXTENSION postgis');
  } catch (error) {
    throw new Error(
      `PostGIS is not installed in this database and this role cannot install it (${(error as Error).message}); ` +
        'as a superuser run `CREATE EXTENSION postgis;` in it (Debian: apt-get install postgresql-15-postgis-3)'
    );
  }
}

/** Brings the schema up to the newest migration, each in its own transaction; returns the version. */
export async function migratePostgres(pool: pg.Pool): Promise<number> {
  const newest = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;
  for (const migration of POSTGRES_MIGRATIONS) {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await requirePostgis(client);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const current = (await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM schema_migrations')).rows[0].version;
      if (current > newest) {
        throw new Error(`the database has schema version ${current}, newer than this program knows (${newest}); run a newer Cluster Atlas or point DATABASE_URL elsewhere`);
      }
      if (current >= migration.version) return;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
    });
  }
  return newest;
}

/** Invariants of the versioned tables; each query returns the rows that break one. */
const INTEGRITY_CHECKS: { problem: string; sql: string }[] = [
  {
    problem: 'datasets whose current version has no history row',
    sql: 'SELECT d.id FROM datasets d LEFT JOIN dataset_versions v ON v.dataset_id = d.id AND v.version = d.version WHERE v.dataset_id IS NULL'
  },
  { problem: 'record rows closed before they were born', sql: 'SELECT seq FROM records WHERE valid_to IS NOT NULL AND valid_to <= valid_from' },
  {
    problem: 'records outside WGS-84 longitude/latitude',
    sql: 'SELECT seq FROM records WHERE ST_X(geom) NOT BETWEEN -180 AND 180 OR ST_Y(geom) NOT BETWEEN -90 AND 90'
  }
];

async function integrityCheck(pool: pg.Pool): Promise<string> {
  const problems: string[] = [];
  for (const check of INTEGRITY_CHECKS) {
    const { rowCount } = await pool.query(`${check.sql} LIMIT 1`);
    if (rowCount) problems.push(check.problem);
  }
  return problems.length ? problems.join('; ') : 'ok';
}

/** Connects to `databaseUrl` (a postgres:// URL), migrates it, and returns the store; many processes may share it. */
export async function openPostgresStore(databaseUrl: string, log: StoreLog): Promise<Store> {
  const pool = new pg.Pool(connectionConfig(databaseUrl, 'cluster-atlas'));
  // A pooled connection that dies while idle is replaced on next use; without a handler it would crash the process.
  pool.on('error', (error) => log.warn(`an idle PostgreSQL connection failed: ${error.message}`));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw new Error(`cannot use the PostgreSQL database at ${redactedUrl(databaseUrl)}: ${(error as Error).message}`, { cause: error });
  }
  let subscription: ChangeSubscription | undefined;
  return {
    backend: 'postgres',
    datasets: postgresDatasets(pool),
    keys: postgresKeys(pool),
    tours: postgresTours(pool),
    async watchDatasets(listener) {
      subscription = await listenForChanges(databaseUrl, listener, log);
    },
    integrityCheck: () => integrityCheck(pool),
    async close() {
      await subscription?.close();
      await pool.end();
    }
  };
}
