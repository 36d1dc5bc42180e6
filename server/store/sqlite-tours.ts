import type Database from 'better-sqlite3';
import type { TourDocument } from '../schemas/tours.ts';
import type { StoredTour, TourRepository } from './repository.ts';

interface TourRow {
  id: string;
  document: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

const toTour = (row: TourRow): StoredTour => ({ ...row, document: JSON.parse(row.document) as TourDocument });

/** Saved tours in SQLite, one row per tour holding its JSON document. */
export function sqliteTours(db: Database.Database): TourRepository {
  const q = {
    list: db.prepare<[], TourRow>('SELECT * FROM tours ORDER BY created_at, id'),
    get: db.prepare<[string], TourRow>('SELECT * FROM tours WHERE id = ?'),
    insert: db.prepare('INSERT INTO tours (id, document, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)'),
    update: db.prepare('UPDATE tours SET document = ?, updated_at = ?, updated_by = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM tours WHERE id = ?')
  };
  return {
    list: async () => q.list.all().map(toTour),
    async get(id) {
      const row = q.get.get(id);
      return row ? toTour(row) : undefined;
    },
    async create(id, document, by) {
      const now = new Date().toISOString();
      q.insert.run(id, JSON.stringify(document), now, by.keyId, now, by.keyId);
      return toTour(q.get.get(id)!);
    },
    async replace(id, document, by) {
      if (q.update.run(JSON.stringify(document), new Date().toISOString(), by.keyId, id).changes === 0) return undefined;
      return toTour(q.get.get(id)!);
    },
    delete: async (id) => q.remove.run(id).changes > 0
  };
}
