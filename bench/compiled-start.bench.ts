/**
 * The server started from source vs compiled (issue #12): the same code, in one run, started both ways on the same
 * data directory, alternately, BENCH_RUNS times each:
 * - source: `node --import tsx server/main.ts`, every thread loading its TypeScript through tsx's loader;
 * - compiled: `node server-build/main.js` (what `npm start` runs, server/compile-server.ts).
 * Each start is timed to ready (`/api/health` counts every row) and to prepared (the analytics workers' per-dataset
 * lookups, `analytics.prepared`), with the child's CPU time (all threads, the main one, and each thread at rest) and its RSS at rest
 * (3 s after prepared, as bench/restart.bench.ts reads it), after one start that is not counted. The medians are
 * printed with the ratio compiled ÷ source (the upper middle value when BENCH_RUNS is even).
 * Settings: BENCH_DIR (a kept data directory, e.g. a copy of a 1M one; default a fresh empty one), BENCH_N (the
 * rows imported into it, 0 by default), BENCH_NO_SNAPSHOT=1 (remove its column snapshot before every start, so the
 * rows are read from SQLite), BENCH_RUNS (default 3). At 1M rows run it under `flock /work/bench.lock`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../server/catalog/catalog.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { timedGet } from './http-sampling.ts';
import { cpuMs, mainThreadCpuMs, memoryMb } from './process-stats.ts';
import { startServerChild, type ServerEntry } from './server-child.ts';

const N = Number(process.env.BENCH_N ?? 0);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DIR = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'atlas-compiled-start-'));
const FROM_SQLITE = Boolean(process.env.BENCH_NO_SNAPSHOT);
const ROOT = join(import.meta.dirname, '..');
/** The goals at 1M rows, and the gain below which the brief says a compiled start is not worth it. */
const GOALS = { restartS: 8, restMb: 600 };
const WORTH_IT = { readyRatio: 0.9, restMbSaved: 50 };

const expected = new Catalog(readGeodata(join(ROOT, 'geodata'))).organizationCount + N;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Start {
  readyMs: number;
  readyCpuMs: number;
  mainCpuMs: number;
  preparedMs: number;
  preparedCpuMs: number;
  restMb: number;
  /** CPU time of each thread at rest, ms, most first (Node 20 names every thread `node`, so they are told apart by CPU). */
  threads: number[];
  load: string;
}

/** CPU time of each of a process's live threads, ms, most first. */
function cpuByThread(pid: number): number[] {
  const times: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8').split(') ')[1].split(' ');
      times.push((Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return times.sort((a, b) => b - a);
}

async function start(entry: ServerEntry): Promise<Start> {
  if (FROM_SQLITE) rmSync(join(DIR, 'columns'), { recursive: true, force: true });
  const loadBefore = load();
  const begin = performance.now();
  const server = await startServerChild(DIR, {}, entry);
  const pid = server.child.pid!;
  const health = async () => JSON.parse((await timedGet(`${server.url}api/health`)).body);
  while ((await health()).data?.organizations !== expected) await sleep(50);
  const readyMs = performance.now() - begin;
  const [readyCpuMs, mainCpuMs] = [cpuMs(pid), mainThreadCpuMs(pid)];
  while (!(await health()).analytics?.prepared) await sleep(100);
  const preparedMs = performance.now() - begin;
  const preparedCpuMs = cpuMs(pid);
  await sleep(3000);
  const result = { readyMs, readyCpuMs, mainCpuMs, preparedMs, preparedCpuMs, restMb: memoryMb(pid).rss, threads: cpuByThread(pid), load: loadBefore };
  await server.stop();
  return result;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`compiled start bench · ${new Date().toISOString()} · ${N} imported rows (${FROM_SQLITE ? 'read from SQLite' : 'from the column snapshot, when there is one'}) · ${RUNS} runs each · node ${process.version} · load ${load()}\n`);
console.log('| run | started | to ready (CPU, main thread) | to prepared (CPU) | RSS at rest | CPU by live thread at rest | load before |\n|---|---|---|---|---|---|---|');
// One start first, not counted: it leaves the data directory as a server that ran a while does (its analytics lookups
// file written for this data version) and the files in the page cache, so the first counted start is not the odd one out.
await start('compiled');
const starts: Record<ServerEntry, Start[]> = { source: [], compiled: [] };
for (let run = 1; run <= RUNS; run++) {
  // Alternating, so a change of load during the run falls on both.
  for (const entry of (run % 2 ? ['source', 'compiled'] : ['compiled', 'source']) as ServerEntry[]) {
    const r = await start(entry);
    starts[entry].push(r);
    const threads = `${r.threads.length} threads: ${r.threads.filter((ms) => ms >= 100).map((ms) => (ms / 1000).toFixed(1)).join(' · ')} s (those ≥ 0.1 s)`;
    console.log(`| ${run} | ${entry} | ${s(r.readyMs)} (${s(r.readyCpuMs)}, ${s(r.mainCpuMs)}) | ${s(r.preparedMs)} (${s(r.preparedCpuMs)}) | ${r.restMb} MB | ${threads} | ${r.load} |`);
  }
}
if (!process.env.BENCH_DIR) rmSync(DIR, { recursive: true, force: true });

const medians = (entry: ServerEntry) => {
  const all = starts[entry];
  return {
    ready: median(all.map((r) => r.readyMs)), readyCpu: median(all.map((r) => r.readyCpuMs)), mainCpu: median(all.map((r) => r.mainCpuMs)),
    prepared: median(all.map((r) => r.preparedMs)), preparedCpu: median(all.map((r) => r.preparedCpuMs)), rest: median(all.map((r) => r.restMb))
  };
};
const [source, compiled] = [medians('source'), medians('compiled')];
const ratio = (a: number, b: number) => (a / b).toFixed(2);
console.log(`\n| median of ${RUNS} | source (tsx) | compiled | compiled ÷ source |\n|---|---|---|---|`);
console.log(`| to ready, wall | ${s(source.ready)} | ${s(compiled.ready)} | ${ratio(compiled.ready, source.ready)} |`);
console.log(`| to ready, CPU (all threads) | ${s(source.readyCpu)} | ${s(compiled.readyCpu)} | ${ratio(compiled.readyCpu, source.readyCpu)} |`);
console.log(`| to ready, CPU (main thread) | ${s(source.mainCpu)} | ${s(compiled.mainCpu)} | ${ratio(compiled.mainCpu, source.mainCpu)} |`);
console.log(`| to prepared, wall | ${s(source.prepared)} | ${s(compiled.prepared)} | ${ratio(compiled.prepared, source.prepared)} |`);
console.log(`| to prepared, CPU (all threads) | ${s(source.preparedCpu)} | ${s(compiled.preparedCpu)} | ${ratio(compiled.preparedCpu, source.preparedCpu)} |`);
console.log(`| RSS at rest | ${source.rest} MB | ${compiled.rest} MB | ${ratio(compiled.rest, source.rest)} (${source.rest - compiled.rest} MB less) |`);
const worthIt = compiled.ready <= source.ready * WORTH_IT.readyRatio || source.rest - compiled.rest >= WORTH_IT.restMbSaved;
console.log(`\ncompiled worth it (ready ≥ 10 % sooner or ≥ ${WORTH_IT.restMbSaved} MB less at rest): ${worthIt ? 'yes' : 'no'}`);
if (N >= 1_000_000) {
  const met = (ok: boolean) => (ok ? 'met' : 'gap');
  console.log(`goals at 1M, compiled: restart ≤ ${GOALS.restartS} s ${met(compiled.ready <= GOALS.restartS * 1000)} (${s(compiled.ready)}); RSS at rest ≤ ${GOALS.restMb} MB ${met(compiled.rest <= GOALS.restMb)} (${compiled.rest} MB)`);
}
console.log(`load at the end ${load()}`);
