/**
 * Gives a kept data directory's records their columns (see server/store/record-columns.ts), as an import of today
 * writes them, so the restart benches can measure the columns' read on an older directory (issue #12). The server
 * migrates the schema; rows written before that keep NULL columns and are read from their JSON. Usage:
 * BENCH_DIR=<data directory with atlas.sqlite> npx tsx bench/record-columns-backfill.ts
 */
import { join } from 'node:path';
import { columnBatchOf } from '../server/store/record-columns.ts';
import { openSqliteConnection } from '../server/store/sqlite-connection.ts';
import { migrate } from '../server/store/sqlite.ts';
import { RECORD_BATCH_SIZE } from '../server/store/encoded-records.ts';

const DIR = process.env.BENCH_DIR;
if (!DIR) throw new Error('BENCH_DIR: the data directory whose records get their columns');
const db = openSqliteConnection(join(DIR, 'atlas.sqlite'));
migrate(db);
const rows = db.prepare<[number, number], { rowid: number; record_id: string; feature: string }>('SELECT rowid, record_id, feature FROM records WHERE rowid > ? AND tail_id IS NULL ORDER BY rowid LIMIT ?');
const addTail = db.prepare('INSERT INTO record_tails (placeholders, tail) VALUES (?, ?) ON CONFLICT DO NOTHING');
const tailId = db.prepare<[number, string], number>('SELECT id FROM record_tails WHERE placeholders = ? AND tail = ?').pluck();
const set = db.prepare('UPDATE records SET lon = ?, lat = ?, org_id = ?, name_zh = ?, name_en = ?, type = ?, city = ?, district = ?, sectors = ?, precision_m = ?, tail_id = ? WHERE rowid = ?');
const start = performance.now();
let after = 0;
let done = 0;
for (;;) {
  const batch = rows.all(after, RECORD_BATCH_SIZE);
  if (batch.length === 0) break;
  db.transaction(() => {
    const columns = columnBatchOf(batch.map((r) => r.record_id), batch.map((r) => JSON.parse(r.feature)));
    const ids = columns.tails.map(({ tail, placeholders }) => (addTail.run(placeholders ? 1 : 0, tail), tailId.get(placeholders ? 1 : 0, tail)!));
    batch.forEach((r, i) => {
      const at = columns.tailAt[i];
      if (at < 0) return;
      const n = columns.numbers;
      set.run(n[3 * i], n[3 * i + 1], columns.id[i], columns.nameZh[i], columns.nameEn[i], columns.type[i], columns.city[i], columns.district[i], columns.sectors[i], n[3 * i + 2], ids[at], r.rowid);
      done++;
    });
  })();
  after = batch.at(-1)!.rowid;
}
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
console.log(`${done} records given their columns in ${((performance.now() - start) / 1000).toFixed(1)} s`);
