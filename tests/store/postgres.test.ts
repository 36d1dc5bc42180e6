import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ImportedOrganization } from '../../server/schemas/datasets.ts';
import { openPostgresStore } from '../../server/store/postgres.ts';
import { LISTENER_APPLICATION_NAME } from '../../server/store/postgres-listener.ts';
import type { Store } from '../../server/store/repository.ts';
import { freshPostgresSchema, queryOnce, type PostgresSchema } from '../helpers/postgres-schema.ts';

const databaseUrl = process.env.DATABASE_URL;
const by = { keyId: 'k_test' };
const quiet = { warn: () => undefined, error: () => undefined };

const at = (recordId: string, lon: number, lat: number): ImportedOrganization =>
  ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { id: `ds00000001-${recordId}`, name_zh: recordId, name_en: recordId, type: 'firm', city: 'guangzhou', sectors: [], precision_m: 500, source: 'test', source_date: '2026-11-25', dataset_id: 'ds00000001', record_id: recordId, original_coordinates: [lon, lat], original_crs: 'WGS84' }
  }) as ImportedOrganization;

describe.runIf(databaseUrl)('PostgreSQL specifics (DATABASE_URL set)', () => {
  let schema: PostgresSchema;
  let store: Store;

  beforeEach(async () => {
    schema = await freshPostgresSchema(databaseUrl!);
    store = await openPostgresStore(schema.url, quiet);
    await store.datasets.create({ id: 'ds00000001', name: 'n', file_name: 'f.csv', format: 'csv', crs: 'WGS84', report: {} }, [{ recordId: 'tower', feature: at('tower', 113.3245, 23.1064) }, { recordId: 'bay', feature: at('bay', 113.9437, 22.5246) }], by);
  });
  afterEach(async () => {
    await store.close();
    await schema.drop();
  });

  test('imported records get a PostGIS point in EPSG:4326, with a GiST index over the current ones', async () => {
    const [column] = await queryOnce(schema.url, "SELECT type, srid FROM geometry_columns WHERE f_table_schema = $1 AND f_table_name = 'records'", [schema.name]);
    expect(column).toEqual({ type: 'POINT', srid: 4326 });
    const indexes = await queryOnce<{ indexdef: string }>(schema.url, "SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'records'", [schema.name]);
    expect(indexes.map((i) => i.indexdef)).toContainEqual(expect.stringMatching(/USING gist \(geom\) WHERE \(valid_to IS NULL\)/));
  });

  test('the point follows the record: a bbox around Guangzhou finds the moved record only once it moved there', async () => {
    const inGuangzhou = async () =>
      (await queryOnce<{ record_id: string }>(schema.url, 'SELECT record_id FROM records WHERE valid_to IS NULL AND geom && ST_MakeEnvelope(113.2, 23.0, 113.5, 23.2, 4326) ORDER BY record_id')).map((r) => r.record_id);
    expect(await inGuangzhou()).toEqual(['tower']);
    await store.datasets.putRecord('ds00000001', { recordId: 'bay', feature: at('bay', 113.33, 23.12) }, by);
    expect(await inGuangzhou()).toEqual(['bay', 'tower']);
  });

  test('a committed write is announced to every store watching the database; a failed one is not', async () => {
    const other = await openPostgresStore(schema.url, quiet);
    const changed = vi.fn();
    try {
      await other.watchDatasets({ changed, missed: () => undefined });
      await store.datasets.deleteRecord('ds00000001', 'tower', by);
      await vi.waitFor(() => expect(changed).toHaveBeenCalledWith('ds00000001'));
      await expect(store.datasets.deleteRecord('ds00000001', 'tower', by)).rejects.toThrow(/no current record/);
      await store.datasets.putRecord('ds00000001', { recordId: 'new', feature: at('new', 113.3, 23.1) }, by);
      await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(2));
    } finally {
      await other.close();
    }
  });

  test('when the listening connection is cut, the log says so, it reconnects and asks for a full reload', async () => {
    const warnings: string[] = [];
    const watcher = await openPostgresStore(schema.url, { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
    const missed = vi.fn();
    const changed = vi.fn();
    try {
      const [{ since }] = await queryOnce<{ since: Date }>(schema.url, 'SELECT now() AS since');
      await watcher.watchDatasets({ changed, missed });
      // Listeners other test files start at this very moment may be cut too; they reconnect and reload, which is harmless.
      const cut = await queryOnce(schema.url, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND backend_start >= $2', [LISTENER_APPLICATION_NAME, since]);
      expect(cut.length).toBeGreaterThan(0);
      await vi.waitFor(() => expect(missed).toHaveBeenCalledTimes(1), { timeout: 10_000 });
      expect(warnings.join('\n')).toMatch(/lost the PostgreSQL LISTEN connection/);
      await store.datasets.deleteDataset('ds00000001', by);
      await vi.waitFor(() => expect(changed).toHaveBeenCalledWith('ds00000001'));
    } finally {
      await watcher.close();
    }
  });

  test('a database that cannot be reached stops the start with its URL, password hidden', async () => {
    const refused = openPostgresStore('postgres://atlas:secret@127.0.0.1:1/atlas', quiet);
    await expect(refused).rejects.toThrow(/cannot use the PostgreSQL database at postgres:\/\/atlas:\*\*\*@127\.0\.0\.1:1\/atlas: .*ECONNREFUSED/);
    await expect(refused).rejects.not.toThrow(/secret/);
  });
});
