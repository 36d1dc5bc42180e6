import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PostgresSchema {
  /** The schema's name (for catalog queries). */
  name: string;
  /** DATABASE_URL whose connections use only this schema (and the one PostGIS lives in). */
  url: string;
  drop(): Promise<void>;
}

/** Runs `sql` on a short-lived connection to `databaseUrl`. */
export async function queryOnce<R extends pg.QueryResultRow>(databaseUrl: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A new, empty schema in the database of `databaseUrl`, so test runs and test files never see each other's data. */
export async function freshPostgresSchema(databaseUrl: string): Promise<PostgresSchema> {
  const name = `atlas_test_${randomBytes(6).toString('hex')}`;
  const [postgis] = await queryOnce<{ schema: string }>(
    databaseUrl,
    "SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'"
  );
  await queryOnce(databaseUrl, `CREATE SCHEMA ${name}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${name},${postgis?.schema ?? 'public'}`);
  return { name, url: url.toString(), drop: async () => void (await queryOnce(databaseUrl, `DROP SCHEMA ${name} CASCADE`)) };
}
