import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerCsv } from '../../bench/synthetic-register.ts';
import { Catalog } from '../../server/catalog/catalog.ts';
import { readGeodata } from '../../server/catalog/read-geodata.ts';
import type { ImportJob } from '../../server/import/import-job.ts';
import { IMPORT_LIMITS } from '../../server/import/limits.ts';
import { ImportMemoryError, ImportPool, ImportsBusyError } from '../../server/pool/import-pool.ts';
import { GEODATA_DIR, syntheticOrganizationsAroundParks } from '../helpers/synthetic-geodata.ts';
import { appWithTempData, editor, upload } from './datasets-upload.ts';

const csv = registerCsv(syntheticOrganizationsAroundParks(20_000, 3));

describe('an import past its time budget', () => {
  let env: Awaited<ReturnType<typeof appWithTempData>>;
  // 1 ms: the worker's start alone takes longer, so every import here runs out of time.
  beforeAll(async () => {
    env = await appWithTempData({ importLimits: { budgetMs: 1, maxRows: 20_000 } });
  });
  afterAll(() => env.dispose());

  test('is stopped and answers 422 naming the file and what to change, and stores nothing', async () => {
    const res = await upload(env.app, 'register.csv', { bytes: csv });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { parameter: string; message: string };
    expect(body.parameter).toBe('file');
    expect(body.message).toMatch(/split the file/);
    expect(body.message).toMatch(/IMPORT_BUDGET_MS/);
    expect((await env.app.inject({ url: '/api/datasets', headers: editor })).json()).toEqual([]);
  });
});

describe('the import pool with one worker and no queue', () => {
  const catalog = new Catalog(readGeodata(GEODATA_DIR));
  const pool = new ImportPool({ vocabulary: { cities: catalog.cities, districts: catalog.districts, towns: catalog.towns, sectors: catalog.sectors, geodataDir: GEODATA_DIR }, filterVocabulary: catalog.vocabulary, limits: IMPORT_LIMITS }, { threads: 1, queue: 0, budgetMs: 120_000, heapMb: 1024 });
  afterAll(() => pool.close());
  const job = (): ImportJob => ({ fileName: 'register.csv', bytes: new TextEncoder().encode(csv), datasetId: 'dstest', importDate: '2026-11-29', crs: 'WGS84', defaultPrecisionM: 500, source: 'test' });

  test('refuses a second import while the first is read (503 with a retry time), then reads the next one', { timeout: 180_000 }, async () => {
    const first = pool.run(job());
    await expect(pool.run(job())).rejects.toSatisfy((e) => e instanceof ImportsBusyError && e.statusCode === 503 && e.retryAfterS === 60);
    const outcome = await first;
    expect(outcome.ok && outcome.rows).toEqual({ total: 20_000, valid: 20_000, rejected: 0 });
    const again = await pool.run(job());
    expect(again.ok && again.batches.length).toBe(4);
    // A small import keeps its thread for the next one.
    expect(pool.importThreads).toBe(1);
  });
});

describe('the import pool after a large import', () => {
  const catalog = new Catalog(readGeodata(GEODATA_DIR));
  // 20,000 rows count as large here, as 50,000 do by default.
  const pool = new ImportPool({ vocabulary: { cities: catalog.cities, districts: catalog.districts, towns: catalog.towns, sectors: catalog.sectors, geodataDir: GEODATA_DIR }, filterVocabulary: catalog.vocabulary, limits: IMPORT_LIMITS }, { threads: 1, queue: 0, budgetMs: 120_000, heapMb: 1024, recycleAfterRows: 20_000 });
  afterAll(() => pool.close());
  const job = (): ImportJob => ({ fileName: 'register.csv', bytes: new TextEncoder().encode(csv), datasetId: 'dstest', importDate: '2026-11-30', crs: 'WGS84', defaultPrecisionM: 500, source: 'test' });

  test('stops its import thread, so the memory of the file goes back at once, and reads the next file on a new one', { timeout: 180_000 }, async () => {
    const outcome = await pool.run(job());
    expect(outcome.ok && outcome.rows.total).toBe(20_000);
    expect(pool.importThreads).toBe(0);
    const next = await pool.run(job());
    expect(next.ok && next.rows.valid).toBe(20_000);
  });

  test('starts an import thread while an upload is received, and the file is then read on it', { timeout: 180_000 }, async () => {
    expect(pool.importThreads).toBe(0);
    pool.prestart();
    await expect.poll(() => pool.importThreads).toBe(1);
    const outcome = await pool.run(job());
    expect(outcome.ok && outcome.rows.valid).toBe(20_000);
  });
});

describe('an import worker past its memory cap', () => {
  const catalog = new Catalog(readGeodata(GEODATA_DIR));
  const limits = { ...IMPORT_LIMITS, maxRows: 1_000_000 };
  // 96 MB is enough for the worker's start and for a clean file of 20,000 rows, not for a problem report of 300,000 rows.
  const pool = new ImportPool({ vocabulary: { cities: catalog.cities, districts: catalog.districts, towns: catalog.towns, sectors: catalog.sectors, geodataDir: GEODATA_DIR }, filterVocabulary: catalog.vocabulary, limits }, { threads: 1, queue: 0, budgetMs: 600_000, heapMb: 96 });
  afterAll(() => pool.close());

  test('fails alone with 422 naming IMPORT_WORKER_HEAP_MB, and the pool reads the next file', { timeout: 300_000 }, async () => {
    // Every row lacks its city: one problem per row, all kept for the report.
    const bad = `name,lon,lat,city\n${Array.from({ length: 300_000 }, (_, i) => `n${i},113.3,23.1,`).join('\n')}`;
    const job = (text: string): ImportJob => ({ fileName: 'register.csv', bytes: new TextEncoder().encode(text), datasetId: 'dstest', importDate: '2026-11-30', crs: 'WGS84', defaultPrecisionM: 500, source: 'test' });
    await expect(pool.run(job(bad))).rejects.toSatisfy((e) => e instanceof ImportMemoryError && e.statusCode === 422 && /IMPORT_WORKER_HEAP_MB/.test(e.message));
    const next = await pool.run(job(csv));
    expect(next.ok && next.rows.valid).toBe(20_000);
  });
});
