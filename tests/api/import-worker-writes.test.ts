import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerCsv } from '../../bench/synthetic-register.ts';
import { DATABASE_FILE } from '../../server/store/sqlite.ts';
import { syntheticOrganizationsAroundParks } from '../helpers/synthetic-geodata.ts';
import { appWithTempData, editor, upload } from './datasets-upload.ts';

// Three chunks of records (5,000 each) are written before the last row, whose city is unknown, is read.
const ROWS = 12_000;
const lines = registerCsv(syntheticOrganizationsAroundParks(ROWS, 5)).trimEnd().split('\n');
lines[ROWS] = lines[ROWS].replace(/,(guangzhou|shenzhen|zhuhai|dongguan|foshan),/, ',atlantis,');
const lateError = lines.join('\n');

describe('an import stored as the worker reads it', () => {
  let env: Awaited<ReturnType<typeof appWithTempData>>;
  beforeAll(async () => {
    env = await appWithTempData({ importLimits: { maxRows: ROWS } });
  });
  afterAll(() => env.dispose());

  /** Rows in the SQLite file, version-0 imports included (no query of the store sees those). */
  const rowsInFile = () => {
    const db = new Database(join(env.dataDir, DATABASE_FILE), { readonly: true });
    try {
      return { records: (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n, datasets: (db.prepare('SELECT count(*) AS n FROM datasets').get() as { n: number }).n };
    } finally {
      db.close();
    }
  };

  test('refused for an error on its last row, leaves no record behind, not even unseen ones', { timeout: 180_000 }, async () => {
    const res = await upload(env.app, 'register.csv', { bytes: lateError });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'rows-rejected', report: { rows: { total: ROWS, valid: ROWS - 1, rejected: 1 } } });
    expect(res.json().report.problems).toContainEqual(expect.objectContaining({ row: ROWS + 1, column: 'city', code: 'unknown-city' }));
    expect((await env.app.inject({ url: '/api/datasets', headers: editor })).json()).toEqual([]);
    if (!env.storage.databaseUrl) expect(rowsInFile()).toEqual({ records: 0, datasets: 0 });
  });

  test('with valid_rows_only=true, stores every valid row once, as one version', { timeout: 180_000 }, async () => {
    const res = await upload(env.app, 'register.csv', { bytes: lateError, fields: { valid_rows_only: 'true' } });
    expect(res.statusCode).toBe(201);
    const { dataset } = res.json() as { dataset: { id: string; records: number; version: number } };
    expect(dataset).toMatchObject({ records: ROWS - 1, version: 1 });
    expect((await env.app.inject({ url: `/api/datasets/${dataset.id}/history`, headers: editor })).json()).toMatchObject([{ version: 1, action: 'import', detail: { records: ROWS - 1 } }]);
    if (!env.storage.databaseUrl) expect(rowsInFile()).toEqual({ records: ROWS - 1, datasets: 1 });
  });
});
