/**
 * Tile benchmarks (issue #3), each beside its baseline in the same run:
 *  1. index build for N seeded synthetic organisations — vs supercluster's load() of the same points;
 *  2. uncached organisation tiles z0–z14, p50/p99 — vs supercluster getTile + vt-pbf on the same tiles;
 *  3. cached-tile throughput with autocannon (server on core 0, load on core 1) — vs nginx serving
 *     the same bytes as static files on core 0.
 * Run: npm run bench:tiles   (BENCH_SIZES=100000,1000000 BENCH_SEED=1 BENCH_SECONDS=10)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Supercluster from 'supercluster';
import vtpbf from 'vt-pbf';
import { buildApp } from '../server/app.ts';
import { OrganizationIndex } from '../server/catalog/organization-index.ts';
import type { Filters } from '../server/schemas/filters.ts';
import { OrganizationGrids } from '../server/tiles/organization-grids.ts';
import { encodeOrganizationTile } from '../server/tiles/organization-tiles.ts';
import { centresFromParks, syntheticOrganizations, type SyntheticCentre } from './synthetic.ts';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
function summary(times: number[]): { p50: number; p99: number; max: number } {
  const s = [...times].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] };
}

/** The fixed tile list: the tile under each park centre and its east and south neighbours, z0–z14. */
function tileList(centres: SyntheticCentre[]): [number, number, number][] {
  const seen = new Set<string>();
  const out: [number, number, number][] = [];
  for (const { lonLat: [lon, lat] } of centres) {
    for (let z = 0; z <= 14; z++) {
      const n = 2 ** z;
      const x = Math.floor(((lon + 180) / 360) * n);
      const rad = (lat * Math.PI) / 180;
      const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
      for (const [tx, ty] of [[x, y], [x + 1, y], [x, y + 1]]) {
        const key = `${z}/${tx}/${ty}`;
        if (!seen.has(key)) out.push([z, tx, ty]), seen.add(key);
      }
    }
  }
  return out;
}

async function benchIndexBuild(features: ReturnType<typeof syntheticOrganizations>, vocabulary: ConstructorParameters<typeof OrganizationIndex>[1]) {
  global.gc?.();
  const before = process.memoryUsage();
  const start = process.hrtime.bigint();
  const index = OrganizationIndex.of(features, vocabulary);
  // Built on this thread here, to time it (the server builds it in a worker).
  const grids = new OrganizationGrids(index, { inlineMax: Infinity });
  await grids.ready();
  const buildMs = ms(start);
  const after = process.memoryUsage();
  const indexBytes = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;

  const scStart = process.hrtime.bigint();
  const supercluster = new Supercluster({ maxZoom: 14, radius: 40, extent: 4096 }).load(features as never);
  const superclusterMs = ms(scStart);
  return { index, grids, buildMs, indexBytes, supercluster, superclusterMs };
}

function benchUncached(tiles: [number, number, number][], built: Awaited<ReturnType<typeof benchIndexBuild>>) {
  const ours: number[] = [];
  const oursFiltered: number[] = [];
  const baseline: number[] = [];
  // A filter not seen before: its first large tile cuts the filter's own grid, and that time is counted.
  const robots: Filters = { sectors: new Set(['industrial-robots', 'drones']), limit: 1, offset: 0 };
  const encode = (coords: { z: number; x: number; y: number }, filters?: Filters) => encodeOrganizationTile(built.grids.tileFeatures(coords, filters), built.index);
  // Warm up the JIT on other tiles first, so the first measured tile is not the compiler's.
  for (const [z, x, y] of tiles.slice(0, 20)) encode({ z: z - 1, x: x >> 1, y: y >> 1 });
  for (const [z, x, y] of tiles) {
    let t = process.hrtime.bigint();
    encode({ z, x, y });
    ours.push(ms(t));
    t = process.hrtime.bigint();
    encode({ z, x, y }, robots);
    oursFiltered.push(ms(t));
    t = process.hrtime.bigint();
    const tile = built.supercluster.getTile(z, x, y);
    if (tile) vtpbf.fromGeojsonVt({ organizations: tile } as never, { version: 2, extent: 4096 });
    baseline.push(ms(t));
  }
  return { ours: summary(ours), oursFiltered: summary(oursFiltered), baseline: summary(baseline) };
}

async function load(url: string, paths: string[]) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: paths.map((path) => ({ method: 'GET', path }))
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const loadLine = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`;

function lines(child: ChildProcess): AsyncIterable<string> {
  return createInterface({ input: child.stdout! });
}

async function startServer(count: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn('taskset', ['-c', '0', process.execPath, '--import', 'tsx', 'bench/tile-server.ts'], {
    env: { ...process.env, BENCH_COUNT: String(count), BENCH_SEED: String(SEED) },
    stdio: ['ignore', 'pipe', 'inherit']
  });
  for await (const line of lines(child)) {
    if (line.startsWith('{')) return { child, url: `http://127.0.0.1:${JSON.parse(line).port}` };
  }
  throw new Error('the benchmark server exited before listening');
}

/** nginx on core 0 serving `root` (tiles written as static files) from a config in a temp dir. */
async function startNginx(root: string, dir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1; daemon off; master_process off; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  types { application/vnd.mapbox-vector-tile mvt; }
  server { listen 127.0.0.1:${port}; root ${root}; add_header Cache-Control "public, max-age=60"; }
}`
  );
  const child = spawn('taskset', ['-c', '0', 'nginx', '-c', conf, '-p', dir], { stdio: 'inherit' });
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return { child, url: `http://127.0.0.1:${port}` };
    } catch {
      // not listening yet
    }
  }
  throw new Error('nginx did not start; is it installed (apt-get install -y nginx)?');
}

async function benchThroughput(count: number, tiles: [number, number, number][]) {
  const server = await startServer(count);
  const dir = mkdtempSync(join(tmpdir(), 'atlas-nginx-'));
  try {
    // Warm our cache and copy the very same bytes out for nginx; empty (204) tiles are left out of the list.
    const paths: string[] = [];
    for (const [z, x, y] of tiles) {
      const path = `/tiles/organizations/${z}/${x}/${y}.mvt`;
      const res = await fetch(server.url + path, { headers: { 'accept-encoding': 'identity' } });
      if (res.status !== 200) continue;
      mkdirSync(join(dir, 'www', `tiles/organizations/${z}/${x}`), { recursive: true });
      writeFileSync(join(dir, 'www', path), Buffer.from(await res.arrayBuffer()));
      paths.push(path);
    }
    const ours = await load(server.url, paths);
    const nginx = await startNginx(join(dir, 'www'), dir);
    try {
      const theirs = await load(nginx.url, paths);
      return { tiles: paths.length, ours, nginx: theirs };
    } finally {
      nginx.child.kill('SIGQUIT');
    }
  } finally {
    server.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

// The load generator (this process) stays on core 1; servers run on core 0.
execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
console.log(`# tile benchmarks · ${new Date().toISOString().slice(0, 10)} · seed ${SEED} · ${cpus()[0].model} × ${cpus().length} · ${mb(totalmem())} MB · Node ${process.version}`);

const probe = await buildApp({ http: { rateLimitPerMinute: false } });
const centres = centresFromParks(probe.catalog.parks);
const vocabulary = probe.catalog.vocabulary;
await probe.close();
const tiles = tileList(centres);

for (const count of SIZES) {
  const features = syntheticOrganizations(centres, { count, seed: SEED });
  const built = await benchIndexBuild(features, vocabulary);
  console.log(`\n## ${count.toLocaleString('en')} synthetic organisations`);
  console.log(`index build: ${built.buildMs.toFixed(0)} ms (kdbush + columns + Morton grid with prefix sums), ~${mb(built.indexBytes)} MB; baseline supercluster.load: ${built.superclusterMs.toFixed(0)} ms → ours/supercluster ${(built.buildMs / built.superclusterMs).toFixed(2)}`);
  console.log(`peak RSS so far: ${mb(process.resourceUsage().maxRSS * 1024)} MB (includes the ${count.toLocaleString('en')} GeoJSON features themselves)`);
  const cpuBefore = process.cpuUsage();
  const uncached = benchUncached(tiles, built);
  const cpu = process.cpuUsage(cpuBefore);
  const f = (s: { p50: number; p99: number; max: number }) => `p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, max ${s.max.toFixed(2)} ms`;
  console.log(`uncached tiles (${tiles.length} tiles z0–z14): ${f(uncached.ours)}; filtered by sector: ${f(uncached.oursFiltered)}`);
  console.log(`  baseline supercluster.getTile + vt-pbf (unfiltered only): ${f(uncached.baseline)} → ours/supercluster p99 ${(uncached.ours.p99 / uncached.baseline.p99).toFixed(2)}`);
  console.log(`  CPU of the three passes together ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; ${loadLine()}`);
  const thr = await benchThroughput(count, tiles);
  const r = (x: { rps: number; p50: number; p99: number; errors: number }) => `${x.rps.toFixed(0)} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms, errors ${x.errors}`;
  console.log(`cached tiles (${thr.tiles} tiles, ${CONNECTIONS} connections, ${SECONDS} s): ours ${r(thr.ours)}`);
  console.log(`  baseline nginx static: ${r(thr.nginx)} → ours/nginx ${(thr.ours.rps / thr.nginx.rps).toFixed(2)}; ${loadLine()}`);
}
