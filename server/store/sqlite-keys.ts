import type Database from 'better-sqlite3';
import type { ApiKey, KeyRepository, KeyRole } from './repository.ts';

/** API keys in SQLite; only hashes are stored. */
export function sqliteKeys(db: Database.Database): KeyRepository {
  const insert = db.prepare('INSERT INTO api_keys (id, hash, role, label, created_at) VALUES (?, ?, ?, ?, ?)');
  const byHash = db.prepare<[string], ApiKey>('SELECT id, role, label, created_at FROM api_keys WHERE hash = ? AND revoked_at IS NULL');
  const revoke = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL');
  return {
    async add(key: { id: string; hash: string; role: KeyRole; label: string }): Promise<ApiKey> {
      const created_at = new Date().toISOString();
      insert.run(key.id, key.hash, key.role, key.label, created_at);
      return { id: key.id, role: key.role, label: key.label, created_at };
    },
    byHash: async (hash) => byHash.get(hash),
    revoke: async (id) => revoke.run(new Date().toISOString(), id).changes > 0,
    count: async () => count.get()!.n
  };
}
