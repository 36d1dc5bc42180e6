/**
 * Restart at registry scale (issue #12), narrow: one seeded synthetic register (bench/synthetic.ts,
 * labelled synthetic, never shipped) imported once into a kept data directory through the real
 * `POST /api/datasets`, then the real server (compiled, or from source with BENCH_SERVER=source: bench/server-child.ts) restarted from it:
 * with the column snapshot removed (records read from SQLite) and from the snapshot, each timed to
 * ready (every row served) with the server's CPU time (all threads, and the main thread alone), the
 * load average, and RSS at rest (3 s after ready, as the registry bench measures it, and again once the name
 * index has answered a first search). The baseline of the same run is a start with no imported rows.
 * Settings: BENCH_N=1000000 BENCH_SEED=1 BENCH_DIR=<kept data directory> BENCH_RUNS=1
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../server/catalog/catalog.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { postFormWithoutTimeout, sampleWhile, timedGet } from './http-sampling.ts';
import { cpuMs, mainThreadCpuMs, memoryMb } from './process-stats.ts';
import { BENCH_SERVER, startServerChild, type ServerChild } from './server-child.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';
import { registerCsv } from './synthetic-register.ts';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const DIR = process.env.BENCH_DIR ?? join(tmpdir(), `atlas-restart-bench-${N}`);
const ROOT = join(import.meta.dirname, '..');
const TOKEN = 'bench-editor-token';
const GOALS = { restartS: 8, restMb: 600, lightMs: 50 };
/** A tile over Shenzhen's centre, dense at any N: requested once at ready, then served from the tile cache. */
const TILE = 'tiles/organizations/12/3345/1786.mvt';

const catalog = new Catalog(readGeodata(join(ROOT, 'geodata')));
const p99 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(times.length * 0.99))];
const fmt = (ms: number) => `${Math.round(ms)} ms`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

const startServer = (dataDir: string): Promise<ServerChild> =>
  startServerChild(dataDir, { EDITOR_TOKEN: TOKEN, IMPORT_MAX_MB: '200', IMPORT_MAX_ROWS: String(N), IMPORT_BUDGET_MS: '1800000' });

/** Imports the register once; later runs restart from what it left. */
async function prepare(): Promise<void> {
  if (existsSync(join(DIR, 'atlas.sqlite'))) return;
  const csv = registerCsv(syntheticOrganizations(centresFromParks(catalog.parks), { count: N, seed: SEED }));
  const server = await startServer(DIR);
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), `synthetic-register-${N}.csv`);
  const answer = await postFormWithoutTimeout(`${server.url}api/datasets`, form, { authorization: `Bearer ${TOKEN}` });
  await server.stop();
  if (answer.status !== 201) throw new Error(`import answered ${answer.status}: ${answer.text.slice(0, 300)}`);
}

async function restart(how: string, dir: string, expected: number): Promise<void> {
  const loadBefore = load();
  const begin = performance.now();
  const server = await startServer(dir);
  for (;;) {
    const health = await timedGet(`${server.url}api/health`).catch(() => undefined);
    if (health?.status === 200 && JSON.parse(health.body).data?.organizations === expected) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const ms = performance.now() - begin;
  const pid = server.child.pid!;
  const [cpu, mainCpu, peak] = [cpuMs(pid) / 1000, mainThreadCpuMs(pid) / 1000, memoryMb(pid).peak];
  // Light requests from ready until the analytics workers have prepared this data (and at least 3 s, when RSS at rest is read).
  await timedGet(`${server.url}${TILE}`);
  const preparedAt = (async () => {
    while (!JSON.parse((await timedGet(`${server.url}api/health`)).body).analytics?.prepared) await new Promise((r) => setTimeout(r, 100));
    return performance.now() - begin - ms;
  })();
  const settled = Promise.all([preparedAt, new Promise((r) => setTimeout(r, 3000))]);
  const [health, tile] = await Promise.all([sampleWhile(`${server.url}api/health`, settled), sampleWhile(`${server.url}${TILE}`, settled)]);
  const rest = memoryMb(pid).rss;
  const lightLine = `health p99 ${fmt(p99(health))} (max ${fmt(Math.max(...health))}), cached tile p99 ${fmt(p99(tile))} (max ${fmt(Math.max(...tile))}) over the ${((await preparedAt) / 1000).toFixed(1)} s to prepared`;
  const lightMet = Math.max(p99(health), p99(tile)) <= GOALS.lightMs;
  // Later, once the name index (built in its worker after every start) has answered a search.
  await timedGet(`${server.url}api/organizations?limit=10&q=${encodeURIComponent('合成机构 4242')}`);
  const searched = memoryMb(pid).rss;
  await server.stop();
  const met = (ok: boolean) => (ok ? 'met' : '**gap**');
  console.log(`| ${how} | ${(ms / 1000).toFixed(2)} s wall, ${cpu.toFixed(1)} s CPU (main thread ${mainCpu.toFixed(1)} s) | ${met(ms <= GOALS.restartS * 1000)} | ${rest} MB at rest (peak ${peak} MB at ready; ${searched} MB after the first search) | ${met(rest <= GOALS.restMb)} | ${lightLine} | ${met(lightMet)} | ${loadBefore} |`);
}

await prepare();
const total = catalog.organizationCount + N;
console.log(`restart bench · ${new Date().toISOString()} · N ${N} · seed ${SEED} · server ${BENCH_SERVER} · node ${process.version} · load ${load()}\n`);
console.log(`| start | to ready (goal ≤ ${GOALS.restartS} s) | | RSS (goal ≤ ${GOALS.restMb} MB) | | light requests from ready to prepared (goal p99 ≤ ${GOALS.lightMs} ms) | | load before |\n|---|---|---|---|---|---|---|---|`);
const empty = mkdtempSync(join(tmpdir(), 'atlas-restart-bench-empty-'));
await restart('no imported rows (baseline)', empty, catalog.organizationCount);
rmSync(empty, { recursive: true, force: true });
for (let run = 0; run < RUNS; run++) {
  rmSync(join(DIR, 'columns'), { recursive: true, force: true });
  await restart('records read from SQLite (no snapshot)', DIR, total);
  await restart('from the column snapshot', DIR, total);
}
