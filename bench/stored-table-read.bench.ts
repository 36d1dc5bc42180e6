/**
 * Restart from SQLite, narrow (issue #12): a kept data directory's largest dataset (import one with
 * bench/restart.bench.ts) read into the catalog's next table by the server's own StoredTableReader, without a
 * snapshot, by one thread (the baseline: the records as one run) and by two threads side by side (each half of
 * them), alternately, in this process. Prints wall and CPU time (every thread of this process) per read, the
 * ratio of the medians, and whether both give the same table (the hash of the snapshot payload).
 * Settings: BENCH_DIR=<data directory with atlas.sqlite> BENCH_RUNS=2
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../server/catalog/catalog.ts';
import { rangeOf, joinTables } from '../server/catalog/organization-table.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { tablePayloadHash } from '../server/catalog/table-file.ts';
import { StoredTableReader } from '../server/store/stored-table-reader.ts';

const DIR = process.env.BENCH_DIR ?? join(tmpdir(), 'atlas-restart-bench-1000000');
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const ROOT = join(import.meta.dirname, '..');
const file = join(DIR, 'atlas.sqlite');
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

const db = new Database(file, { readonly: true });
const dataset = db
  .prepare<[], { id: string; version: number; records: number }>('SELECT d.id, d.version, (SELECT count(*) FROM records r WHERE r.dataset_id = d.id AND r.valid_to IS NULL) AS records FROM datasets d ORDER BY records DESC LIMIT 1')
  .get();
db.close();
if (!dataset) throw new Error(`no dataset in ${file}`);
const catalog = new Catalog(readGeodata(join(ROOT, 'geodata')));

/** CPU time of each thread of this process, ms, by thread id (Linux /proc; clock ticks of 10 ms). */
function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  for (const task of readdirSync('/proc/self/task')) {
    const fields = readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1].split(' ');
    out.set(task, (Number(fields[11]) + Number(fields[12])) * 10);
  }
  return out;
}

/**
 * One read: wall and CPU time, the CPU of its busiest thread (on a machine with a free core per reader thread, the
 * wall time is about this: the measure the machine's load does not distort), and the dataset's table hash.
 */
async function read(parts: 1 | 2): Promise<{ wallMs: number; cpuMs: number; busiestMs: number; hash: string }> {
  const threadsBefore = threadCpuMs();
  const snapshotDir = mkdtempSync(join(tmpdir(), 'atlas-read-bench-'));
  const reader = new StoredTableReader(catalog.vocabulary, file, (err) => console.error(err), parts === 2 ? 0 : Infinity);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const answer = await reader.load({ datasetId: dataset!.id, version: dataset!.version, records: dataset!.records, key: 'bench', snapshotDir, current: catalog.organizationTable });
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  // Read before the pool is closed: an idle reader thread is kept a second.
  const busiestMs = Math.max(...[...threadCpuMs()].map(([task, ms]) => ms - (threadsBefore.get(task) ?? 0)));
  await reader.close();
  rmSync(snapshotDir, { recursive: true, force: true });
  if (!('joined' in answer)) throw new Error(`not read: ${answer.notes.join('; ')}`);
  const own = joinTables([rangeOf(answer.joined, dataset!.id)!], catalog.vocabulary, { tree: false });
  return { wallMs, cpuMs: (used.user + used.system) / 1000, busiestMs, hash: tablePayloadHash(own) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`stored-table read bench · ${new Date().toISOString()} · ${dataset.records} records · node ${process.version} · load ${load()}\n`);
console.log('| read | wall | CPU, all threads | CPU of the busiest thread | load |\n|---|---|---|---|---|');
const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
const busiest: Record<1 | 2, number[]> = { 1: [], 2: [] };
const hashes = new Set<string>();
for (let run = 0; run < RUNS; run++) {
  for (const parts of [1, 2] as const) {
    const r = await read(parts);
    times[parts].push(r.wallMs);
    busiest[parts].push(r.busiestMs);
    hashes.add(r.hash);
    console.log(`| ${parts === 1 ? 'one thread (baseline)' : 'two threads, half each'} | ${(r.wallMs / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(1)} s | ${(r.busiestMs / 1000).toFixed(1)} s | ${load()} |`);
  }
}
const ratio = (values: Record<1 | 2, number[]>) => (median(values[1]) / median(values[2])).toFixed(2);
console.log(`\ntwo threads vs one: ${ratio(times)}× faster by median wall time (at this load), ${ratio(busiest)}× by the busiest thread's CPU (the wall time with a free core per thread); same table: ${hashes.size === 1 ? 'yes' : '**NO**'}`);
