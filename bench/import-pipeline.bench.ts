/**
 * The import pipeline at registry scale (issue #12), narrow and in one process: a seeded synthetic register
 * (bench/synthetic.ts, labelled synthetic, never shipped) read, validated, encoded into columns and stored
 * into a fresh SQLite store by the import worker's own job (`runImportJob`), without HTTP, the upload or
 * the catalog's join. Each run times wall and CPU (all threads) of the job and checks what it stored.
 *
 * Compared in the same run, alternating: the records inserted on the job's own thread (`sqliteImportWrites`,
 * the way before), and on a writer thread of their own (`threadedImportWrites`, what the import worker uses),
 * plus the job with no store at all (the reading and encoding alone: the floor the writes are added to).
 * Also printed: the CPU time of the job's own thread alone, the import's critical path when a second core is
 * free (on a loaded machine wall time mostly measures the wait for a core).
 * Settings: BENCH_N=1000000 BENCH_SEED=1 BENCH_RUNS=1
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../server/catalog/catalog.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { runImportJob } from '../server/import/import-job.ts';
import { importVocabulary } from '../server/import/import-vocabulary.ts';
import { IMPORT_LIMITS } from '../server/import/limits.ts';
import { openSqliteConnection } from '../server/store/sqlite-connection.ts';
import { sqliteImportWrites, type ImportWrites } from '../server/store/sqlite-import-writes.ts';
import { DATABASE_FILE, openSqliteStore } from '../server/store/sqlite.ts';
import { threadedImportWrites } from '../server/store/threaded-import-writes.ts';
import { mainThreadCpuMs } from './process-stats.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';
import { registerCsv } from './synthetic-register.ts';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const ROOT = join(import.meta.dirname, '..');

const catalog = new Catalog(readGeodata(join(ROOT, 'geodata')));
const { cities, districts, towns, sectors } = catalog;
const limits = { ...IMPORT_LIMITS, maxRows: N, maxFileBytes: 400 * 1024 * 1024, budgetMs: 3_600_000 };
const vocabulary = importVocabulary({ cities, districts, towns, sectors, geodataDir: join(ROOT, 'geodata') }, limits);
const csv = new TextEncoder().encode(registerCsv(syntheticOrganizations(centresFromParks(catalog.parks), { count: N, seed: SEED })));
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

type Way = 'own thread' | 'writer thread' | 'no store';
const WAYS: Way[] = ['own thread', 'writer thread', 'no store'];

async function importOnce(way: Way): Promise<{ wallMs: number; cpuMs: number; jobThreadCpuMs: number; stored: number; load: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-import-pipeline-bench-'));
  const store = openSqliteStore(dir);
  const file = join(dir, DATABASE_FILE);
  const connection = way === 'own thread' ? openSqliteConnection(file) : undefined;
  const writes: ImportWrites | undefined = connection ? sqliteImportWrites(connection) : way === 'writer thread' ? threadedImportWrites(file) : undefined;
  const loadBefore = load();
  const cpuBefore = process.cpuUsage();
  const threadBefore = mainThreadCpuMs(process.pid);
  const start = performance.now();
  // The job takes the bytes over (the pool moves them to the worker): each run gets its own copy.
  const outcome = await runImportJob(
    { fileName: 'synthetic-register.csv', bytes: csv.slice(), datasetId: 'dsbench', importDate: '2026-11-30', crs: 'WGS84', defaultPrecisionM: 100, source: 'bench (synthetic)', store: writes && { name: 'synthetic-register', keyId: 'bench', validRowsOnly: false } },
    vocabulary,
    catalog.vocabulary,
    writes
  );
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const jobThreadCpuMs = mainThreadCpuMs(process.pid) - threadBefore;
  if (!outcome.ok || outcome.rows.valid !== N) throw new Error(`the import did not read every row: ${JSON.stringify(outcome.ok ? outcome.rows : outcome.problem)}`);
  const stored = writes ? ((await store.datasets.get('dsbench'))?.records ?? 0) : N;
  connection?.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, jobThreadCpuMs, stored, load: `${loadBefore} → ${load()}` };
}

console.log(`import pipeline bench · ${new Date().toISOString()} · N ${N} · seed ${SEED} · node ${process.version} · ${cpus().length}× ${cpus()[0]?.model ?? ''} · load ${load()}`);
const results = new Map<Way, { wallMs: number; cpuMs: number; jobThreadCpuMs: number }[]>(WAYS.map((w) => [w, []]));
for (let run = 0; run < RUNS; run++) {
  for (const way of WAYS) {
    const r = await importOnce(way);
    if (r.stored !== N) throw new Error(`${way}: ${r.stored} records stored, expected ${N}`);
    results.get(way)!.push(r);
    console.log(`  run ${run + 1} · ${way}: ${fmt(r.wallMs)} wall, ${fmt(r.cpuMs)} CPU (every thread), ${fmt(r.jobThreadCpuMs)} CPU on the job's thread, ${r.stored} records stored · load ${r.load}`);
  }
}
const best = (way: Way) => Math.min(...results.get(way)!.map((r) => r.wallMs));
const bestCpu = (way: Way) => Math.min(...results.get(way)!.map((r) => r.cpuMs));
const bestThread = (way: Way) => Math.min(...results.get(way)!.map((r) => r.jobThreadCpuMs));
console.log('\n| import job, N = ' + N + ' | wall (best) | CPU, every thread (best) | CPU, the job\'s thread (best) |\n|---|---|---|---|');
for (const way of WAYS) console.log(`| ${way} | ${fmt(best(way))} | ${fmt(bestCpu(way))} | ${fmt(bestThread(way))} |`);
console.log(`\nwriter thread / own thread: ${(best('writer thread') / best('own thread')).toFixed(2)} (wall), ${(bestThread('writer thread') / bestThread('own thread')).toFixed(2)} (CPU of the job's thread) · load ${load()}`);
