import type Database from 'better-sqlite3';
import type { ColumnBatch } from './record-columns.ts';

/**
 * Inserts records with their columns (see record-columns.ts): the one INSERT of a record row, shared by imports
 * and edits. A record without columns (none given, or of another shape) gets NULL ones and is read from its JSON.
 */
export function sqliteRecordInserts(db: Database.Database) {
  const insert = db.prepare(`INSERT INTO records (dataset_id, record_id, valid_from, feature, lon, lat, org_id, name_zh, name_en, type, city, district, sectors, precision_m, tail_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const addTail = db.prepare('INSERT INTO record_tails (placeholders, tail) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const tailId = db.prepare<[number, string], number>('SELECT id FROM record_tails WHERE placeholders = ? AND tail = ?').pluck();
  return {
    /**
     * The ids in record_tails of `batch`'s tails, added if new. Not cached between calls: a tail added in a
     * transaction that is then rolled back is gone again. A batch has a few distinct tails (usually one).
     */
    tailIds(batch: ColumnBatch | undefined): number[] {
      return (batch?.tails ?? []).map(({ tail, placeholders }) => {
        addTail.run(placeholders ? 1 : 0, tail);
        return tailId.get(placeholders ? 1 : 0, tail)!;
      });
    },
    /** Inserts record `i` of a batch (`tailIds`: the batch's, from `tailIds`). */
    insert(datasetId: string, recordId: string, validFrom: number, feature: string, batch: ColumnBatch | undefined, tailIds: readonly number[], i: number): void {
      const at = batch ? batch.tailAt[i] : -1;
      if (at < 0) {
        insert.run(datasetId, recordId, validFrom, feature, null, null, null, null, null, null, null, null, null, null, null);
        return;
      }
      const { numbers } = batch!;
      insert.run(
        datasetId,
        recordId,
        validFrom,
        feature,
        numbers[3 * i],
        numbers[3 * i + 1],
        batch!.id[i],
        batch!.nameZh[i],
        batch!.nameEn[i],
        batch!.type[i],
        batch!.city[i],
        batch!.district[i],
        batch!.sectors[i],
        numbers[3 * i + 2],
        tailIds[at]
      );
    }
  };
}
