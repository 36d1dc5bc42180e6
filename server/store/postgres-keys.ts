import type pg from 'pg';
import type { ApiKey, KeyRepository } from './repository.ts';

/** API keys in PostgreSQL; only hashes are stored. */
export function postgresKeys(pool: pg.Pool): KeyRepository {
  return {
    async add(key) {
      const sql = 'INSERT INTO api_keys (id, hash, role, label, created_at) VALUES ($1, $2, $3, $4, now()) RETURNING id, role, label, created_at';
      return (await pool.query<ApiKey>(sql, [key.id, key.hash, key.role, key.label])).rows[0];
    },
    byHash: async (hash) => (await pool.query<ApiKey>('SELECT id, role, label, created_at FROM api_keys WHERE hash = $1 AND revoked_at IS NULL', [hash])).rows[0],
    revoke: async (id) => ((await pool.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id])).rowCount ?? 0) > 0,
    count: async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys WHERE revoked_at IS NULL')).rows[0].n
  };
}
