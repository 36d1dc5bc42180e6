import pg from 'pg';

/** The NOTIFY channel every write announces its dataset id on. */
export const CHANGES_CHANNEL = 'atlas_changes';

/** Where the store reports trouble it survives (a dropped connection); Fastify's logger and `console` both fit. */
export interface StoreLog {
  warn(message: string): void;
  error(message: string): void;
}

// Timestamps leave the database as ISO strings, the form the SQLite store and the API use.
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.TIMESTAMPTZ && format !== 'binary' ? (value: string) => new Date(value).toISOString() : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser']
};

/** Connection settings shared by the pool and the listening connection. */
export function connectionConfig(databaseUrl: string, applicationName: string): pg.ClientConfig {
  return { connectionString: databaseUrl, application_name: applicationName, types: TYPES };
}

/** `DATABASE_URL` without its password, for messages. */
export function redactedUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/** Runs `work` in one transaction on one connection: all of it commits, or none of it does. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Announces a write to every instance listening; inside a transaction it is delivered only if the transaction commits. */
export async function notifyChange(client: pg.PoolClient, datasetId: string): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, datasetId]);
}
