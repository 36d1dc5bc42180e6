import type pg from 'pg';
import type { StoredTour, TourRepository } from './repository.ts';

const COLUMNS = 'id, document, created_at, created_by, updated_at, updated_by';

/** Saved tours in PostgreSQL, one row per tour holding its JSON document. */
export function postgresTours(pool: pg.Pool): TourRepository {
  return {
    list: async () => (await pool.query<StoredTour>(`SELECT ${COLUMNS} FROM tours ORDER BY created_at, id`)).rows,
    get: async (id) => (await pool.query<StoredTour>(`SELECT ${COLUMNS} FROM tours WHERE id = $1`, [id])).rows[0],
    async create(id, document, by) {
      const sql = `INSERT INTO tours (id, document, created_at, created_by, updated_at, updated_by) VALUES ($1, $2, now(), $3, now(), $3) RETURNING ${COLUMNS}`;
      return (await pool.query<StoredTour>(sql, [id, JSON.stringify(document), by.keyId])).rows[0];
    },
    async replace(id, document, by) {
      const sql = `UPDATE tours SET document = $2, updated_at = now(), updated_by = $3 WHERE id = $1 RETURNING ${COLUMNS}`;
      return (await pool.query<StoredTour>(sql, [id, JSON.stringify(document), by.keyId])).rows[0];
    },
    delete: async (id) => ((await pool.query('DELETE FROM tours WHERE id = $1', [id])).rowCount ?? 0) > 0
  };
}
