import type pg from 'pg';
import type { ImportedOrganization } from '../schemas/datasets.ts';
import { changedFields } from './changed-fields.ts';
import { inTransaction, notifyChange } from './postgres-pool.ts';
import { decodedBatch, encodedBatches } from './encoded-records.ts';
import type { DatasetRepository, DatasetSummary, DatasetVersion, EncodedRecords, NewDataset, StoredRecord, WriteAction, Writer } from './repository.ts';

const SUMMARY = `
  SELECT d.id, d.name, d.file_name, d.format, d.crs, d.created_at, d.created_by, d.version,
         (SELECT created_at FROM dataset_versions v WHERE v.dataset_id = d.id AND v.version = d.version) AS updated_at,
         (SELECT count(*)::int FROM records r WHERE r.dataset_id = d.id AND r.valid_to IS NULL) AS records
  FROM datasets d`;

const SQL = {
  features: 'SELECT feature FROM records WHERE dataset_id = $1 AND valid_to IS NULL ORDER BY seq',
  records: 'SELECT record_id, feature FROM records WHERE dataset_id = $1 AND valid_to IS NULL ORDER BY seq',
  record: 'SELECT record_id, feature FROM records WHERE dataset_id = $1 AND record_id = $2 AND valid_to IS NULL',
  // FOR UPDATE: concurrent writers to one dataset, from any instance, take turns and number their versions in order.
  lockVersion: 'SELECT version FROM datasets WHERE id = $1 FOR UPDATE',
  bump: 'UPDATE datasets SET version = $1 WHERE id = $2',
  insertVersion: 'INSERT INTO dataset_versions (dataset_id, version, action, key_id, created_at, detail) VALUES ($1, $2, $3, $4, now(), $5) RETURNING created_at',
  insertRecords: `INSERT INTO records (dataset_id, record_id, valid_from, feature)
    SELECT $1, r.record_id, $2, r.feature FROM unnest($3::text[], $4::json[]) WITH ORDINALITY AS r(record_id, feature, n) ORDER BY r.n`,
  closeRecord: 'UPDATE records SET valid_to = $1 WHERE dataset_id = $2 AND record_id = $3 AND valid_to IS NULL',
  closeAll: 'UPDATE records SET valid_to = $1 WHERE dataset_id = $2 AND valid_to IS NULL',
  // Rollback to $2 as version $3: current rows born after $2 close…
  closeBornAfter: 'UPDATE records SET valid_to = $3 WHERE dataset_id = $1 AND valid_to IS NULL AND valid_from > $2',
  // …then rows that were live at $2 but closed since come back as copies.
  reopenLiveAt: `INSERT INTO records (dataset_id, record_id, valid_from, feature)
    SELECT dataset_id, record_id, $3, feature FROM records
    WHERE dataset_id = $1 AND valid_from <= $2 AND valid_to IS NOT NULL AND valid_to > $2 ORDER BY seq`,
  history: 'SELECT version, action, key_id, created_at, detail FROM dataset_versions WHERE dataset_id = $1 ORDER BY version'
};

const toRecord = (row: { record_id: string; feature: ImportedOrganization }): StoredRecord => ({ recordId: row.record_id, feature: row.feature });

async function insertRecords(client: pg.PoolClient, datasetId: string, version: number, records: StoredRecord[]): Promise<void> {
  for (const batch of encodedBatches(records)) await insertEncoded(client, datasetId, version, batch);
}

/** One INSERT per batch; the feature texts go in as they are. */
async function insertEncoded(client: pg.PoolClient, datasetId: string, version: number, batch: EncodedRecords): Promise<number> {
  const { ids, features } = decodedBatch(batch);
  await client.query(SQL.insertRecords, [datasetId, version, ids, features]);
  return ids.length;
}

/** Datasets in PostgreSQL with the SQLite store's row versioning; every write is one transaction that ends in a NOTIFY. */
export function postgresDatasets(pool: pg.Pool): DatasetRepository {
  const get = async (id: string) => (await pool.query<DatasetSummary>(`${SUMMARY} WHERE d.id = $1`, [id])).rows[0];

  /** Runs `change` inside one transaction as version n+1 of the dataset, recording who and what. */
  const write = (id: string, action: WriteAction, by: Writer, change: (client: pg.PoolClient, n: number) => Promise<Record<string, unknown>>): Promise<DatasetVersion> =>
    inTransaction(pool, async (client) => {
      const current = (await client.query<{ version: number }>(SQL.lockVersion, [id])).rows[0];
      if (!current) throw new Error(`no dataset "${id}"`);
      const n = current.version + 1;
      const detail = await change(client, n);
      await client.query(SQL.bump, [n, id]);
      const { created_at } = (await client.query<{ created_at: string }>(SQL.insertVersion, [id, n, action, by.keyId, JSON.stringify(detail)])).rows[0];
      await notifyChange(client, id);
      return { version: n, action, key_id: by.keyId, created_at, detail };
    });

  /** One transaction of one INSERT per batch; the client talks to the database asynchronously, so the event loop is free between batches. */
  const createEncoded = async (dataset: NewDataset, batches: EncodedRecords[], by: Writer): Promise<DatasetSummary> => {
    await inTransaction(pool, async (client) => {
      await client.query('INSERT INTO datasets (id, name, file_name, format, crs, created_at, created_by, version, report) VALUES ($1, $2, $3, $4, $5, now(), $6, 1, $7)', [
        dataset.id, dataset.name, dataset.file_name, dataset.format, dataset.crs, by.keyId, dataset.reportJson ?? JSON.stringify(dataset.report)
      ]);
      let records = 0;
      for (let b = 0; b < batches.length; b++) {
        records += await insertEncoded(client, dataset.id, 1, batches[b]);
        batches[b] = { idsJson: '[]', featuresJsonl: '' };
      }
      await client.query(SQL.insertVersion, [dataset.id, 1, 'import', by.keyId, JSON.stringify({ file_name: dataset.file_name, records })]);
      await notifyChange(client, dataset.id);
    });
    return (await get(dataset.id))!;
  };

  return {
    list: async () => (await pool.query<DatasetSummary>(`${SUMMARY} ORDER BY d.created_at`)).rows,
    get,
    records: async (id) => (await pool.query(SQL.records, [id])).rows.map(toRecord),
    // One query (one consistent snapshot of the rows); the features are handed on a chunk at a time.
    async featureChunks(id, chunkSize, onChunk) {
      const { rows } = await pool.query<{ feature: ImportedOrganization }>(SQL.features, [id]);
      for (let start = 0; start < rows.length; start += chunkSize) {
        onChunk(rows.slice(start, start + chunkSize).map((r) => r.feature));
        rows.fill(undefined as never, start, start + chunkSize);
      }
    },
    async record(id, recordId) {
      const row = (await pool.query(SQL.record, [id, recordId])).rows[0];
      return row ? toRecord(row) : undefined;
    },
    report: async (id) => (await pool.query<{ report: unknown }>('SELECT report FROM datasets WHERE id = $1', [id])).rows[0]?.report,
    create: (dataset, records, by) => createEncoded(dataset, encodedBatches(records), by),
    createEncoded: (dataset, batches, by) => createEncoded(dataset, batches, by),
    putRecord: (id, record, by) =>
      write(id, 'update-record', by, async (client, n) => {
        const before = (await client.query(SQL.record, [id, record.recordId])).rows[0];
        await client.query(SQL.closeRecord, [n, id, record.recordId]);
        await insertRecords(client, id, n, [record]);
        return before ? { record_id: record.recordId, changed: changedFields(before.feature, record.feature) } : { record_id: record.recordId, created: true };
      }),
    deleteRecord: (id, recordId, by) =>
      write(id, 'delete-record', by, async (client, n) => {
        if ((await client.query(SQL.closeRecord, [n, id, recordId])).rowCount === 0) throw new Error(`no current record "${recordId}" in dataset "${id}"`);
        return { record_id: recordId };
      }),
    deleteDataset: (id, by) => write(id, 'delete-dataset', by, async (client, n) => ({ records: (await client.query(SQL.closeAll, [n, id])).rowCount })),
    rollback: (id, version, by) =>
      write(id, 'rollback', by, async (client, n) => {
        const removed = (await client.query(SQL.closeBornAfter, [id, version, n])).rowCount;
        const restored = (await client.query(SQL.reopenLiveAt, [id, version, n])).rowCount;
        return { to_version: version, restored, removed };
      }),
    history: async (id) => (await pool.query<DatasetVersion>(SQL.history, [id])).rows
  };
}
