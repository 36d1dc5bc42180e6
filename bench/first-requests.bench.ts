/**
 * The first analytics requests after a restart (issue #12), narrow: the real server (`server/main.ts`)
 * restarted from a kept data directory (BENCH_DIR: an imported register with its column snapshot, e.g. a
 * copy of a registry bench's directory), twice per run:
 * 1. at ready, a light analytics request (`ellipse?city=zhuhai`), then the time until the per-dataset
 *    preparation has finished (/api/health analytics.prepared), then density, nni and every park profile;
 * 2. 2 s after ready (as the registry bench does), density and nni as the first requests;
 * first without the per-dataset lookups file (columns/analytics-lookups.bin, removed), then with the one
 * that start wrote (server/analytics/kept-lookups-file.ts).
 * Each with wall and server CPU time and the load average; the answers' hashes are printed so runs of two
 * versions of the server can be compared byte for byte. The baseline of the same run is a start with no
 * imported rows (the shipped organisations only).
 * Settings: BENCH_DIR=<kept data directory> (required) BENCH_RUNS=1
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../server/catalog/catalog.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { HEALTH_WAIT_MS, timedGet, untilHealth, untilHealthOrFail } from './http-sampling.ts';
import { cpuMs } from './process-stats.ts';
import { startServerChild, type ServerChild } from './server-child.ts';

const DIR = process.env.BENCH_DIR;
if (!DIR) throw new Error('BENCH_DIR: a data directory with an imported register (e.g. a copy of /work/data-1m)');
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const ROOT = join(import.meta.dirname, '..');
const GOALS = { analyticsMs: 1500, profileMs: 100 };

const catalog = new Catalog(readGeodata(join(ROOT, 'geodata')));
const fmt = (ms: number) => `${Math.round(ms)} ms`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const hash = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 12);
const verdict = (ms: number, goal: number) => (ms <= goal ? 'met' : `**gap** (${(ms / goal).toFixed(2)}×)`);
const p99 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(times.length * 0.99))];

async function ready(dir: string): Promise<{ server: ServerChild; readyMs: number }> {
  const begin = performance.now();
  const server = await startServerChild(dir, {});
  // Ready: /api/health answers with the data loaded (buildApp loads every dataset before listening).
  return { server, readyMs: performance.now() - begin };
}

async function timed(server: ServerChild, path: string, label: string, goal: number): Promise<void> {
  const pid = server.child.pid!;
  const cpuBefore = cpuMs(pid);
  const { ms, status, body } = await timedGet(`${server.url}${path}`);
  const cpu = cpuMs(pid) - cpuBefore;
  console.log(`| ${label} | ${status === 200 ? fmt(ms) : `${status} after ${fmt(ms)}`} wall, ${fmt(cpu)} server CPU | ${verdict(ms, goal)} | ${hash(body)} | ${load()} |`);
}

/** Until /api/health says the analytics preparation has finished: the wait in ms, or undefined after HEALTH_WAIT_MS. */
const untilPrepared = (server: ServerChild): Promise<number | undefined> => untilHealth(server.url, (h) => h.analytics?.prepared === true, 50);

async function profiles(server: ServerChild, label: string): Promise<void> {
  const pid = server.child.pid!;
  const cpuBefore = cpuMs(pid);
  const times = [];
  for (const park of catalog.parks) times.push((await timedGet(`${server.url}api/parks/${park.properties.id}`)).ms);
  const cpuEach = (cpuMs(pid) - cpuBefore) / catalog.parks.length;
  console.log(`| ${label} (${catalog.parks.length} parks, p99; max ${fmt(Math.max(...times))}) | ${fmt(p99(times))} wall, ${fmt(cpuEach)} server CPU a profile | ${verdict(p99(times), GOALS.profileMs)} | | ${load()} |`);
}

const LOOKUPS = 'columns/analytics-lookups.bin';

async function atReady(dir: string, how: string, withLookupsFile: boolean): Promise<void> {
  const lookups = join(dir, LOOKUPS);
  if (!withLookupsFile) rmSync(lookups, { force: true });
  else if (!existsSync(lookups)) {
    // A start that prepares the data writes it (after the last preparation step).
    const writer = await ready(dir);
    await untilHealthOrFail(writer.server.url, 'the analytics preparation finished (it writes the lookups file)', (h) => h.analytics?.prepared === true, 50);
    const deadline = performance.now() + HEALTH_WAIT_MS;
    while (!existsSync(lookups) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (!existsSync(lookups)) throw new Error(`${lookups} was not written within ${HEALTH_WAIT_MS / 60_000} min of the preparation finishing; the bench stops here`);
    await writer.server.stop();
  }
  const { server, readyMs } = await ready(dir);
  console.log(`| **${how}**: ready | ${fmt(readyMs)} wall, ${fmt(cpuMs(server.child.pid!))} server CPU | | | ${load()} |`);
  await timed(server, 'api/analytics/ellipse?city=zhuhai', 'a light request (ellipse?city=zhuhai) at ready', GOALS.analyticsMs);
  const preparedMs = await untilPrepared(server);
  console.log(`| preparation finished | ${preparedMs === undefined ? `**gap**: not finished after ${HEALTH_WAIT_MS / 60_000} min (HEALTH_WAIT_MS); what follows ran without it` : `${fmt(preparedMs)} after the light request`} | | | ${load()} |`);
  await timed(server, 'api/analytics/density', 'density, after the preparation', GOALS.analyticsMs);
  await timed(server, 'api/analytics/nni', 'nni, after the preparation', GOALS.analyticsMs);
  await profiles(server, 'park profiles, after the preparation');
  await server.stop();

  // The first start prepared the data and (re)wrote the lookups file: remove it again to start without it.
  if (!withLookupsFile) rmSync(lookups, { force: true });
  const again = await ready(dir);
  await new Promise((r) => setTimeout(r, 2000));
  await timed(again.server, 'api/analytics/density', 'density, first request 2 s after ready', GOALS.analyticsMs);
  await timed(again.server, 'api/analytics/nni', 'nni, next request', GOALS.analyticsMs);
  await again.server.stop();
}

console.log(`first-requests bench · ${new Date().toISOString()} · ${DIR} · node ${process.version} · load ${load()}\n`);
console.log('| measure | measured | goal | answer hash | load |\n|---|---|---|---|---|');
const empty = mkdtempSync(join(tmpdir(), 'atlas-first-requests-empty-'));
await atReady(empty, 'no imported rows (baseline)', false);
rmSync(empty, { recursive: true, force: true });
for (let run = 0; run < RUNS; run++) {
  await atReady(DIR, 'the kept register from its column snapshot, without the analytics lookups file', false);
  await atReady(DIR, 'the same, with the analytics lookups file the start before wrote', true);
}
