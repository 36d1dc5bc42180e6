/**
 * Records as SQLite columns (issue #12), narrow: the first BENCH_N records of a kept data directory's largest dataset
 * (import one with bench/restart.bench.ts), written as an import writes them, into two fresh stores: as JSON only (the
 * baseline: the layout before migration 3, which its rows keep) and with their columns (server/store/record-columns.ts).
 * Prints, each beside its baseline: the import thread's encoding (JSON.stringify, + the columns), the writer's
 * inserts, the file size, and a restart's read of the records into the catalog's columns (one thread, the reader
 * threads' code), with wall and CPU time, the load average, and whether both reads give the same table.
 * Settings: BENCH_DIR=<data directory with atlas.sqlite> BENCH_N=200000
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../server/catalog/catalog.ts';
import { concatTables, TABLE_CHUNK_ROWS } from '../server/catalog/organization-table.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { tablePayloadHash } from '../server/catalog/table-file.ts';
import type { ImportedOrganization } from '../server/schemas/datasets.ts';
import { RECORD_BATCH_SIZE } from '../server/store/encoded-records.ts';
import { columnBatchOf, type ColumnBatch } from '../server/store/record-columns.ts';
import { openSqliteStore, DATABASE_FILE } from '../server/store/sqlite.ts';
import { openSqliteConnection } from '../server/store/sqlite-connection.ts';
import { sqliteImportWrites } from '../server/store/sqlite-import-writes.ts';
import { readPartChunks } from '../server/store/stored-table-parts.ts';

const DIR = process.env.BENCH_DIR ?? join(tmpdir(), 'atlas-restart-bench-1000000');
const N = Number(process.env.BENCH_N ?? 200_000);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const catalog = new Catalog(readGeodata(join(import.meta.dirname, '..', 'geodata')));

const source = new Database(join(DIR, DATABASE_FILE), { readonly: true });
const datasetId = source.prepare<[], string>('SELECT dataset_id FROM records GROUP BY dataset_id ORDER BY count(*) DESC LIMIT 1').pluck().get()!;
const rows = source.prepare<[string, number], { record_id: string; feature: string }>('SELECT record_id, feature FROM records WHERE dataset_id = ? AND valid_to IS NULL ORDER BY rowid LIMIT ?').all(datasetId, N);
source.close();
const batches: { ids: string[]; features: ImportedOrganization[] }[] = [];
for (let i = 0; i < rows.length; i += RECORD_BATCH_SIZE) {
  const slice = rows.slice(i, i + RECORD_BATCH_SIZE);
  batches.push({ ids: slice.map((r) => r.record_id), features: slice.map((r) => JSON.parse(r.feature)) });
}
rows.length = 0;

/** `work`'s wall and CPU time (this process; it runs on this thread only), ms. */
function timed<T>(work: () => T): { result: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = work();
  const used = process.cpuUsage(cpu);
  return { result, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`record columns bench · ${new Date().toISOString()} · ${batches.reduce((n, b) => n + b.ids.length, 0)} records of ${DIR} · node ${process.version} · load ${load()}\n`);
console.log('| step | JSON only (baseline) | with columns | ratio | load |\n|---|---|---|---|---|');
const line = (step: string, before: string, after: string, ratio: number) => console.log(`| ${step} | ${before} | ${after} | ${ratio.toFixed(2)}× | ${load()} |`);

// The import thread: each batch's features as JSON text, and with the columns also their column batch (both
// compiled first on one batch, so neither pays for the other's warm-up).
for (let k = 0; k < 20; k++) {
  columnBatchOf(batches[0].ids, batches[0].features);
  batches[0].features.map((f) => JSON.stringify(f));
}
const json = timed(() => batches.map((b) => b.features.map((f) => JSON.stringify(f))));
const withColumns = timed(() => batches.map((b) => ({ texts: b.features.map((f) => JSON.stringify(f)), columns: columnBatchOf(b.ids, b.features) })));
line('import thread: encode (CPU)', s(json.cpuMs), s(withColumns.cpuMs), withColumns.cpuMs / json.cpuMs);
// What crosses to the writer thread: structured clones of the batch.
const cloneJson = timed(() => json.result.map((texts, k) => structuredClone({ ids: batches[k].ids, texts })));
const cloneColumns = timed(() => withColumns.result.map((b, k) => structuredClone({ ids: batches[k].ids, texts: b.texts, columns: b.columns })));
line('to the writer thread: clone (CPU)', s(cloneJson.cpuMs), s(cloneColumns.cpuMs), cloneColumns.cpuMs / cloneJson.cpuMs);

/** A fresh store with the batches written as an import writes them; its file and the writes' wall and CPU time. */
function written(columns: (ColumnBatch | undefined)[]): { file: string; dir: string; wallMs: number; cpuMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-columns-bench-'));
  void openSqliteStore(dir).close();
  const file = join(dir, DATABASE_FILE);
  const db = openSqliteConnection(file);
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -32768');
  const writes = sqliteImportWrites(db);
  writes.begin({ id: datasetId, name: 'bench', file_name: 'bench.csv', crs: 'WGS84' }, 'bench');
  const { wallMs, cpuMs } = timed(() => {
    batches.forEach((b, k) => writes.insert(datasetId, b.ids, json.result[k], columns[k]));
    writes.finish(datasetId, 'csv', '{}', N, 'bench.csv');
  });
  db.close();
  return { file, dir, wallMs, cpuMs };
}
const plain = written(batches.map(() => undefined));
const columned = written(withColumns.result.map((b) => b.columns));
line('writer thread: insert + commit (CPU)', s(plain.cpuMs), s(columned.cpuMs), columned.cpuMs / plain.cpuMs);
line('writer thread: insert + commit (wall)', s(plain.wallMs), s(columned.wallMs), columned.wallMs / plain.wallMs);
const mb = (file: string) => statSync(file).size / 1e6;
line('file size', `${mb(plain.file).toFixed(0)} MB`, `${mb(columned.file).toFixed(0)} MB`, mb(columned.file) / mb(plain.file));

// A restart's read (one reader thread's work): the records into chunk tables, joined.
const read = (file: string) =>
  timed(() => {
    const records = batches.reduce((n, b) => n + b.ids.length, 0);
    const chunks = readPartChunks({ file, datasetId, version: 1, records, part: 0, parts: 1, chunkRows: TABLE_CHUNK_ROWS }, catalog.vocabulary)!;
    return tablePayloadHash(concatTables(chunks, catalog.vocabulary, datasetId));
  });
for (let run = 0; run < 2; run++) {
  const before = read(plain.file);
  const after = read(columned.file);
  line(`restart read, run ${run + 1} (CPU)`, s(before.cpuMs), s(after.cpuMs), before.cpuMs / after.cpuMs);
  line(`restart read, run ${run + 1} (wall)`, s(before.wallMs), s(after.wallMs), before.wallMs / after.wallMs);
  console.log(`\nsame table from both layouts: ${before.result === after.result ? 'yes' : '**NO**'}\n`);
}
for (const { dir } of [plain, columned]) rmSync(dir, { recursive: true, force: true });
