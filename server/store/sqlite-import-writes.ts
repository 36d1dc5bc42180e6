import type Database from 'better-sqlite3';

/** Imports of at least this many rows checkpoint the WAL when they are finished. */
const WAL_CHECKPOINT_ROWS = 10_000;
/** Rows deleted per statement when an unfinished import is dropped, so no one DELETE holds the thread for long. */
const DROP_SLICE_ROWS = 5_000;

/** The dataset row of an import, before its report is known. */
export interface UnfinishedDataset {
  id: string;
  name: string;
  file_name: string;
  crs: string;
}

/**
 * The writes of one import into SQLite, shared by the store (records handed over by the import worker,
 * inserted on the main thread for `createEncoded`) and the import worker itself (records inserted on its
 * own connection as it validates them, while the main thread keeps reading through WAL).
 *
 * An import is written at version 0, which no query sees (`begin`, `insert`), and made version 1 with
 * its report in one last transaction (`finish`), so readers see all of it or none of it. A failure
 * removes what was written (`drop`); a crash leaves version 0 for the next start to remove.
 */
export function sqliteImportWrites(db: Database.Database) {
  const q = {
    begin: db.prepare(`INSERT INTO datasets (id, name, file_name, format, crs, created_at, created_by, version, report) VALUES (?, ?, ?, '', ?, ?, ?, 0, '{}')`),
    insertRecord: db.prepare('INSERT INTO records (dataset_id, record_id, valid_from, feature) VALUES (?, ?, 1, ?)'),
    finish: db.prepare('UPDATE datasets SET version = 1, format = ?, report = ? WHERE id = ? AND version = 0'),
    createdAt: db.prepare<[string], { created_at: string; created_by: string }>('SELECT created_at, created_by FROM datasets WHERE id = ? AND version = 0'),
    insertVersion: db.prepare(`INSERT INTO dataset_versions (dataset_id, version, action, key_id, created_at, detail) VALUES (?, 1, 'import', ?, ?, ?)`),
    dropRecords: db.prepare(`DELETE FROM records WHERE rowid IN (SELECT rowid FROM records WHERE dataset_id = ? LIMIT ${DROP_SLICE_ROWS})`),
    dropDataset: db.prepare('DELETE FROM datasets WHERE id = ? AND version = 0')
  };
  /** Inserts records from `start` in one transaction until `until()` says stop; the index of the next record. */
  const insertFrom = db.transaction((id: string, ids: readonly string[], features: readonly string[], start: number, until: (inserted: number) => boolean): number => {
    let i = start;
    while (i < ids.length) {
      q.insertRecord.run(id, ids[i], features[i]);
      i++;
      if (until(i - start)) break;
    }
    return i;
  });
  return {
    begin(dataset: UnfinishedDataset, keyId: string, now = new Date().toISOString()): void {
      q.begin.run(dataset.id, dataset.name, dataset.file_name, dataset.crs, now, keyId);
    },
    /** Inserts `ids[start…]` with their features (JSON text) in one transaction, stopping early when `until` says so; the index of the next record. */
    insert(id: string, ids: readonly string[], features: readonly string[], start = 0, until: (inserted: number) => boolean = () => false): number {
      return insertFrom.immediate(id, ids, features, start, until);
    },
    /** Makes the written records version 1 of the dataset, with its report, in one transaction. */
    finish(id: string, format: string, reportJson: string, records: number, fileName: string): void {
      db.transaction(() => {
        const unfinished = q.createdAt.get(id);
        if (!unfinished) throw new Error(`no unfinished import "${id}"`);
        q.finish.run(format, reportJson, id);
        q.insertVersion.run(id, unfinished.created_by, unfinished.created_at, JSON.stringify({ file_name: fileName, records }));
      }).immediate();
      // Commits in slices let SQLite's automatic checkpoints keep the WAL small; truncating it after a big
      // import returns the disk space, so the next start does not replay it and the disk holds the rows once.
      if (records >= WAL_CHECKPOINT_ROWS) db.pragma('wal_checkpoint(TRUNCATE)');
    },
    /** Removes an unfinished import, DROP_SLICE_ROWS records a statement, yielding to `pause` between them. */
    async drop(id: string, pause: () => Promise<void> = async () => undefined): Promise<void> {
      while (q.dropRecords.run(id).changes > 0) await pause();
      q.dropDataset.run(id);
    }
  };
}

export type SqliteImportWrites = ReturnType<typeof sqliteImportWrites>;

/** What an import worker writes through: these writes on its own connection, or with the inserts on a thread of their own (threadedImportWrites). */
export interface ImportWrites {
  begin(dataset: UnfinishedDataset, keyId: string): void;
  insert(id: string, ids: readonly string[], features: readonly string[]): void;
  finish(id: string, format: string, reportJson: string, records: number, fileName: string): void;
  drop(id: string, pause?: () => Promise<void>): Promise<void>;
}
