/**
 * OGC API – Features benchmark (issue #15): `/ogc/collections/organizations/items?limit=1000` at N
 * seeded synthetic organisations (bench/synthetic.ts, labelled synthetic), through app.inject, against
 * the JSON API's `/api/organizations?limit=1000` on the same app in the same run (a distinct offset
 * each time, so its result cache never answers). Target: ≤ 100 ms per page at 1M.
 * Settings: BENCH_SIZES=100000,1000000 BENCH_SEED=1
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.ts';
import { Catalog } from '../server/catalog/catalog.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';

const SEED = Number(process.env.BENCH_SEED ?? 1);
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const REPEATS = 15;

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  return { min: sorted[0], p50: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], mean };
}

const fmt = (s: ReturnType<typeof stats>) => `min ${s.min.toFixed(1)} · p50 ${s.p50.toFixed(1)} · max ${s.max.toFixed(1)} ms`;

console.log(`ogc bench · ${new Date().toISOString().slice(0, 10)} · seed ${SEED} · node ${process.version} · ${cpus().length}× ${cpus()[0]?.model}`);
const centres = centresFromParks(new Catalog(readGeodata(join(import.meta.dirname, '..', 'geodata'))).parks);
for (const n of SIZES) {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  const app = await buildApp({ organizations: syntheticOrganizations(centres, { count: n, seed: SEED }), dataDir, databaseUrl: '' });
  await app.ready();
  const time = async (url: string) => {
    const start = process.hrtime.bigint();
    const res = await app.inject(url);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    return { ms, bytes: res.rawPayload.length };
  };
  const cases: [string, (i: number) => string, (i: number) => string][] = [
    ['first pages', (i) => `/ogc/collections/organizations/items?limit=1000&offset=${i * 1000}`, (i) => `/api/organizations?limit=1000&offset=${i * 1000}`],
    ['deep pages (offset n/2)', (i) => `/ogc/collections/organizations/items?limit=1000&offset=${n / 2 + i * 1000}`, (i) => `/api/organizations?limit=1000&offset=${n / 2 + i * 1000}`],
    // Offsets step by 100 so every page is full (Shenzhen holds about 1/12 of the points).
    ['city=shenzhen', (i) => `/ogc/collections/organizations/items?city=shenzhen&limit=1000&offset=${i * 100}`, (i) => `/api/organizations?city=shenzhen&limit=1000&offset=${i * 100}`]
  ];
  for (const [label, ogcUrl, jsonUrl] of cases) {
    // Warm-up: JIT, and the first bbox/filter structures.
    await time(ogcUrl(99));
    await time(jsonUrl(98));
    const ogc: number[] = [];
    const json: number[] = [];
    let bytes = 0;
    for (let i = 0; i < REPEATS; i++) {
      const o = await time(ogcUrl(i));
      ogc.push(o.ms);
      bytes = o.bytes;
      json.push((await time(jsonUrl(i + REPEATS))).ms);
    }
    const so = stats(ogc);
    const sj = stats(json);
    console.log(`N=${n} ${label}: /ogc items ${fmt(so)} (${(bytes / 1024).toFixed(0)} KiB) · /api/organizations ${fmt(sj)} · ratio p50 ogc/json ${(so.p50 / sj.p50).toFixed(2)}${n >= 1_000_000 ? ` · target p50 ≤ 100 ms: ${so.p50 <= 100 ? 'met' : 'NOT met'}` : ''}`);
  }
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
