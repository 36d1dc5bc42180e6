import type Database from 'better-sqlite3';
import type { ImportedOrganization } from '../schemas/datasets.ts';
import { changedFields } from './changed-fields.ts';
import { decodedBatch, encodedBatches } from './encoded-records.ts';
import { sqliteImportWrites } from './sqlite-import-writes.ts';
import type { DatasetRepository, DatasetSummary, DatasetVersion, EncodedRecords, NewDataset, StoredRecord, WriteAction, Writer } from './repository.ts';

/** How long one slice of an import's inserts may hold the event loop, ms. */
const INSERT_SLICE_MS = 20;
/** Rows inserted between two looks at the clock. */
const ROWS_PER_CLOCK_CHECK = 256;

/** A dataset's current records in the order they were stored. */
export const CURRENT_FEATURES_SQL = 'SELECT feature FROM records WHERE dataset_id = ? AND valid_to IS NULL ORDER BY rowid';

/** Passes dataset `id`'s current records (`statement`: CURRENT_FEATURES_SQL) to `onChunk`, `chunkSize` parsed features at a time, in one synchronous pass. */
export function featureChunksOf(statement: Database.Statement<[string], { feature: string }>, id: string, chunkSize: number, onChunk: (features: ImportedOrganization[]) => void): void {
  let chunk: ImportedOrganization[] = [];
  for (const row of statement.iterate(id)) {
    chunk.push(JSON.parse(row.feature));
    if (chunk.length === chunkSize) {
      onChunk(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) onChunk(chunk);
}

interface VersionRow {
  version: number;
  action: WriteAction;
  key_id: string;
  created_at: string;
  detail: string;
}

const SUMMARY = `
  SELECT d.id, d.name, d.file_name, d.format, d.crs, d.created_at, d.created_by, d.version,
         (SELECT created_at FROM dataset_versions v WHERE v.dataset_id = d.id AND v.version = d.version) AS updated_at,
         (SELECT count(*) FROM records r WHERE r.dataset_id = d.id AND r.valid_to IS NULL) AS records
  FROM datasets d`;

/**
 * Datasets in SQLite with row versioning: a write closes rows (valid_to) and adds rows, never overwrites.
 * A dataset at version 0 is an import still being written (see sqliteImportWrites): no query sees it, and
 * one left behind by a crash is removed when the store opens.
 */
export function sqliteDatasets(db: Database.Database): DatasetRepository {
  db.transaction(() => {
    for (const table of ['records', 'dataset_versions']) db.prepare(`DELETE FROM ${table} WHERE dataset_id IN (SELECT id FROM datasets WHERE version = 0)`).run();
    db.prepare('DELETE FROM datasets WHERE version = 0').run();
  })();
  const imports = sqliteImportWrites(db);
  const q = {
    list: db.prepare<[], DatasetSummary>(`${SUMMARY} WHERE d.version > 0 ORDER BY d.created_at`),
    get: db.prepare<[string], DatasetSummary>(`${SUMMARY} WHERE d.version > 0 AND d.id = ?`),
    version: db.prepare<[string], { version: number }>('SELECT version FROM datasets WHERE id = ? AND version > 0'),
    report: db.prepare<[string], { report: string }>('SELECT report FROM datasets WHERE id = ? AND version > 0'),
    records: db.prepare<[string], { record_id: string; feature: string }>('SELECT record_id, feature FROM records WHERE dataset_id = ? AND valid_to IS NULL ORDER BY rowid'),
    features: db.prepare<[string], { feature: string }>(CURRENT_FEATURES_SQL),
    record: db.prepare<[string, string], { record_id: string; feature: string }>('SELECT record_id, feature FROM records WHERE dataset_id = ? AND record_id = ? AND valid_to IS NULL'),
    bump: db.prepare('UPDATE datasets SET version = ? WHERE id = ?'),
    insertVersion: db.prepare('INSERT INTO dataset_versions (dataset_id, version, action, key_id, created_at, detail) VALUES (?, ?, ?, ?, ?, ?)'),
    insertRecord: db.prepare('INSERT INTO records (dataset_id, record_id, valid_from, feature) VALUES (?, ?, ?, ?)'),
    closeRecord: db.prepare('UPDATE records SET valid_to = ? WHERE dataset_id = ? AND record_id = ? AND valid_to IS NULL'),
    closeAll: db.prepare('UPDATE records SET valid_to = ? WHERE dataset_id = ? AND valid_to IS NULL'),
    // Rollback to r as version n: current rows born after r close…
    closeBornAfter: db.prepare('UPDATE records SET valid_to = @n WHERE dataset_id = @id AND valid_to IS NULL AND valid_from > @r'),
    // …then rows that were live at r but closed since come back as copies.
    reopenLiveAt: db.prepare(`INSERT INTO records (dataset_id, record_id, valid_from, feature)
      SELECT dataset_id, record_id, @n, feature FROM records
      WHERE dataset_id = @id AND valid_from <= @r AND valid_to IS NOT NULL AND valid_to > @r`),
    history: db.prepare<[string], VersionRow>('SELECT version, action, key_id, created_at, detail FROM dataset_versions WHERE dataset_id = ? ORDER BY version')
  };

  const toRecord = (row: { record_id: string; feature: string }): StoredRecord => ({ recordId: row.record_id, feature: JSON.parse(row.feature) });

  /** Runs `change` inside one transaction as version n+1 of the dataset, recording who and what. */
  const write = (id: string, action: WriteAction, by: Writer, change: (n: number) => Record<string, unknown>): DatasetVersion =>
    db.transaction(() => {
      const current = q.version.get(id);
      if (!current) throw new Error(`no dataset "${id}"`);
      const n = current.version + 1;
      const detail = change(n);
      const created_at = new Date().toISOString();
      q.bump.run(n, id);
      q.insertVersion.run(id, n, action, by.keyId, created_at, JSON.stringify(detail));
      return { version: n, action, key_id: by.keyId, created_at, detail };
    }).immediate();

  /**
   * An import, written without holding the event loop for long (see sqliteImportWrites): the records
   * go in at version 0 in slices of about INSERT_SLICE_MS with the loop yielded between them, and one
   * last transaction makes them version 1. (One transaction across yields is not possible: other
   * statements on this connection would join it.)
   */
  const createEncoded = async (dataset: NewDataset, batches: EncodedRecords[], by: Writer): Promise<DatasetSummary> => {
    imports.begin(dataset, by.keyId);
    let records = 0;
    try {
      for (let b = 0; b < batches.length; b++) {
        const { ids, features } = decodedBatch(batches[b]);
        // Let go of each batch once read: a million records' text is not held until the last is written.
        batches[b] = { idsJson: '[]', featuresJsonl: '' };
        for (let i = 0; i < ids.length; ) {
          const until = performance.now() + INSERT_SLICE_MS;
          i = imports.insert(dataset.id, ids, features, i, (n) => n % ROWS_PER_CLOCK_CHECK === 0 && performance.now() > until);
          await new Promise((resolve) => setImmediate(resolve));
        }
        records += ids.length;
      }
      imports.finish(dataset.id, dataset.format, dataset.reportJson ?? JSON.stringify(dataset.report), records, dataset.file_name);
    } catch (error) {
      await imports.drop(dataset.id);
      throw error;
    }
    return q.get.get(dataset.id)!;
  };

  // better-sqlite3 is synchronous; the async methods only match the shared interface.
  return {
    list: async () => q.list.all(),
    get: async (id) => q.get.get(id),
    records: async (id) => q.records.all(id).map(toRecord),
    // One synchronous pass over the rows (no await inside, so no write of this connection can land mid-read).
    featureChunks: async (id, chunkSize, onChunk) => featureChunksOf(q.features, id, chunkSize, onChunk),
    async record(id, recordId) {
      const row = q.record.get(id, recordId);
      return row ? toRecord(row) : undefined;
    },
    report: async (id) => {
      const row = q.report.get(id);
      return row ? JSON.parse(row.report) : undefined;
    },
    create: (dataset: NewDataset, records: StoredRecord[], by: Writer) => createEncoded(dataset, encodedBatches(records), by),
    createEncoded,
    async putRecord(id, record, by) {
      return write(id, 'update-record', by, (n) => {
        const before = q.record.get(id, record.recordId);
        q.closeRecord.run(n, id, record.recordId);
        q.insertRecord.run(id, record.recordId, n, JSON.stringify(record.feature));
        return before ? { record_id: record.recordId, changed: changedFields(JSON.parse(before.feature), record.feature) } : { record_id: record.recordId, created: true };
      });
    },
    async deleteRecord(id, recordId, by) {
      return write(id, 'delete-record', by, (n) => {
        if (q.closeRecord.run(n, id, recordId).changes === 0) throw new Error(`no current record "${recordId}" in dataset "${id}"`);
        return { record_id: recordId };
      });
    },
    deleteDataset: async (id, by) => write(id, 'delete-dataset', by, (n) => ({ records: q.closeAll.run(n, id).changes })),
    async rollback(id, version, by) {
      return write(id, 'rollback', by, (n) => {
        const removed = q.closeBornAfter.run({ id, r: version, n }).changes;
        const restored = q.reopenLiveAt.run({ id, r: version, n }).changes;
        return { to_version: version, restored, removed };
      });
    },
    history: async (id) => q.history.all(id).map((row) => ({ ...row, detail: JSON.parse(row.detail) }))
  };
}
