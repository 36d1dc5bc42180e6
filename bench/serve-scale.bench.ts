/**
 * Search, tiles and the no-stall goals of issue #12 at registry scale, through real HTTP, without
 * the import (bench/registry.bench.ts measures that, and takes minutes at 1M): the app runs in this
 * process, the shipped organisations plus N seeded SYNTHETIC ones (bench/synthetic.ts, never
 * shipped) are layered in as one dataset, as an import would, and then measured:
 *  1. the first search after the data change (it waits for the name index, built in a worker);
 *  2. type-ahead: every prefix of a few names (腾讯, tencent, 大疆, DJI, a synthetic name) and the
 *     registry bench's 50 queries, p50/p99, each answer checked against a linear scan of the names;
 *  3. uncached organisation tiles z10–z14 around the parks, p50/p99;
 *  4. /api/health and a cached tile while 4 heavy analytics requests run, with this event loop's delay.
 * Wall time, this process's CPU time and the load average are printed: the machine may be shared.
 * Run: npx tsx bench/serve-scale.bench.ts   (BENCH_SIZE=1000000 BENCH_SEED=1)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.ts';
import { normalizeForSearch, searchTextOf } from '../server/catalog/filter.ts';
import { eventLoopDelayDuring, sampleWhile, timedGet } from './http-sampling.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';

const N = Number(process.env.BENCH_SIZE ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const GOALS = { searchMs: 30, tileMs: 30, stallMs: 50 };
const HEAVY = ['nni?studyArea=bbox', 'clusters?minPoints=6', 'density?bands=6', 'targets?minPoints=6'];

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
/** CPU time of this process's main thread and of all its other threads (workers), ms, since `from` (Linux /proc; 10 ms ticks). */
function threadCpu(from?: { main: number; others: number }): { main: number; others: number } {
  const ticks = (path: string) => {
    const f = readFileSync(path, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  };
  const total = ticks('/proc/self/stat');
  const main = ticks(`/proc/self/task/${process.pid}/stat`);
  return { main: main - (from?.main ?? 0), others: total - main - (from?.others ?? 0) };
}
const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const verdict = (value: number, goal: number) => (value <= goal ? 'met' : `**missed** (${(value / goal).toFixed(1)}× the goal)`);
const rows: string[] = [];
const row = (what: string, measured: string, goal: string, result: string) => rows.push(`| ${what} | ${measured} | ${goal} | ${result} |`);

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-serve-scale-'));
const app = await buildApp({ dataDir, databaseUrl: '', logger: false, http: { rateLimitPerMinute: false }, analyticsPool: { budgetMs: 120_000 } });
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
console.log(`serve-scale bench · ${new Date().toISOString().slice(0, 19)}Z · ${N.toLocaleString('en')} synthetic organisations, seed ${SEED} · node ${process.version} · ${cpus().length}× ${cpus()[0]?.model} · load average ${load()}`);

// The queries: every prefix of a few names a user types, and the registry bench's 50.
const typed = ['腾讯', 'tencent', '大疆', 'DJI', '合成机构 4242', 'organisation 777'].flatMap((name) => Array.from({ length: name.length }, (_, i) => name.slice(0, i + 1)).filter((q) => q.trim() === q));
const registryQueries = Array.from({ length: 50 }, (_, i) => (i % 2 ? `organisation ${(i * 7919) % N}` : `合成机构 ${(i * 104729) % N}`));
const queries = [...typed, ...registryQueries];
// Each answer's total by a linear scan of every name, worked out before the server is timed (and the names then dropped, so their memory does not slow this process's garbage collector while it serves).
const expectedTotal = new Map<string, number>();
{
  let texts: string[] = app.catalog.shippedOrganizations.map((o) => searchTextOf(o.properties.name_zh, o.properties.name_en, o.properties.id));
  let synthetic = syntheticOrganizations(centresFromParks(app.catalog.parks), { count: N, seed: SEED });
  for (const o of synthetic) texts.push(searchTextOf(o.properties.name_zh, o.properties.name_en, o.properties.id));
  for (const q of queries) {
    const terms = normalizeForSearch(q).split(' ');
    expectedTotal.set(q, texts.reduce((n, t) => n + (terms.every((term) => t.includes(term)) ? 1 : 0), 0));
  }
  texts = [];
  const start = performance.now();
  app.catalog.setImportedOrganizations('synthetic-bench', synthetic);
  console.log(`layered ${N.toLocaleString('en')} rows in ${fmt(performance.now() - start)}`);
  // Dropped here, as an import drops its parse: the server holds columns, not GeoJSON.
  synthetic = [];
}

// 1. The first search after the data change.
{
  const first = await timedGet(`${base}/api/organizations?limit=10&q=${encodeURIComponent('腾讯')}`);
  row('first search after the data change (waits for the name index build in its worker)', `${fmt(first.ms)} (status ${first.status}; ${load()})`, 'informative', '');
}

// 2. Type-ahead.
const searchTimes: number[] = [];
const wrong: string[] = [];
const searchCpu = threadCpu();
for (const q of queries) {
  const got = await timedGet(`${base}/api/organizations?limit=10&q=${encodeURIComponent(q)}`);
  searchTimes.push(got.ms);
  const total = JSON.parse(got.body).total as number;
  if (total !== expectedTotal.get(q)) wrong.push(`${q}: ${total} ≠ ${expectedTotal.get(q)}`);
}
const searchUsed = threadCpu(searchCpu);
for (const q of ['腾讯', 'tencent', '大疆', 'DJI']) if (!expectedTotal.get(q)) wrong.push(`${q} found nothing`);
row(`search (${queries.length} queries: every prefix of 6 names and the registry bench's 50; CPU a query: main thread ${fmt(searchUsed.main / queries.length)} (this bench's client included), other threads ${fmt(searchUsed.others / queries.length)}; ${load()})`, `p50 ${fmt(pct(searchTimes, 0.5))}, p99 ${fmt(pct(searchTimes, 0.99))}, max ${fmt(Math.max(...searchTimes))}`, `p99 ≤ ${GOALS.searchMs} ms`, verdict(pct(searchTimes, 0.99), GOALS.searchMs));
row('search answers equal to a linear scan of every name (total); 腾讯, tencent, 大疆, DJI found', wrong.length ? wrong.slice(0, 5).join('; ') : 'all equal', 'all equal', wrong.length ? '**wrong**' : 'met');

// 3. Uncached tiles z10–z14 around the parks.
const tiles = new Set<string>();
for (const park of app.catalog.parks) {
  const g = park.geometry;
  const [lon, lat] = g.type === 'Point' ? g.coordinates : g.type === 'Polygon' ? g.coordinates[0][0] : g.coordinates[0][0][0];
  for (let z = 10; z <= 14; z++) {
    const x = Math.floor(((lon + 180) / 360) * 2 ** z);
    const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]]) tiles.add(`/tiles/organizations/${z}/${x + dx}/${y + dy}.mvt`);
  }
}
// The first tile waits for the point grid (built in a worker after the data change); it is timed apart.
const firstTile = await timedGet(base + [...tiles][0]);
const tileTimes: number[] = [];
const tileCpuBefore = threadCpu();
for (const t of [...tiles].slice(1)) tileTimes.push((await timedGet(base + t)).ms);
const tileCpu = threadCpu(tileCpuBefore);
row(`first tile after the data change (waits for the point grid)`, fmt(firstTile.ms), 'informative', '');
row(`uncached tile (${tileTimes.length} tiles z10–z14, brotli; CPU a tile: main thread ${fmt(tileCpu.main / tileTimes.length)} (this bench's client included), other threads ${fmt(tileCpu.others / tileTimes.length)}; ${load()})`, `p50 ${fmt(pct(tileTimes, 0.5))}, p99 ${fmt(pct(tileTimes, 0.99))}, max ${fmt(Math.max(...tileTimes))}`, `p99 ≤ ${GOALS.tileMs} ms`, verdict(pct(tileTimes, 0.99), GOALS.tileMs));

// 4. No stall: 4 heavy analytics requests at once.
const cachedTile = base + [...tiles][1];
const loop = await eventLoopDelayDuring(() => {
  const heavy = Promise.all(HEAVY.map((h) => timedGet(`${base}/api/analytics/${h}`)));
  return Promise.all([heavy, sampleWhile(`${base}/api/health`, heavy), sampleWhile(cachedTile, heavy)]);
}, 3000);
const [heavyAnswers, healthTimes, tileWhile] = loop.result;
const heavyMs = Math.max(...heavyAnswers.map((h) => h.ms));
const refused = heavyAnswers.find((h) => h.status !== 200);
if (refused) console.log(`a heavy request answered ${refused.status}: ${refused.body.slice(0, 300)}`);
row(`/api/health during 4 heavy requests (${fmt(heavyMs)}, statuses ${heavyAnswers.map((h) => h.status).join(' ')}; ${healthTimes.length} samples; ${load()})`, `p99 ${fmt(pct(healthTimes, 0.99))}, max ${fmt(Math.max(...healthTimes))}`, `≤ ${GOALS.stallMs} ms`, verdict(pct(healthTimes, 0.99), GOALS.stallMs));
row(`cached tile during the same (${tileWhile.length} samples)`, `p99 ${fmt(pct(tileWhile, 0.99))}, max ${fmt(Math.max(...tileWhile))}`, `≤ ${GOALS.stallMs} ms`, verdict(pct(tileWhile, 0.99), GOALS.stallMs));
row(
  `event-loop delay during the same (main thread busy ${Math.round(loop.busyMs)} ms = ${(loop.utilization * 100).toFixed(1)} %, this bench's fetches included)`,
  `p99 ${fmt(loop.p99Ms)}, max ${fmt(loop.maxMs)} (idle baseline p99 ${fmt(loop.idleP99Ms)})`,
  `≤ ${GOALS.stallMs} ms`,
  verdict(loop.p99Ms, GOALS.stallMs)
);

console.log(`\n| measure | measured | goal | |\n|---|---|---|---|\n${rows.join('\n')}`);
console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (the bench's own ${N.toLocaleString('en')} GeoJSON features and names included)`);
await app.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
