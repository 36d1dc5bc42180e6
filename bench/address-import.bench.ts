/**
 * Address-only import benchmark (issue #15): N seeded synthetic rows (names labelled synthetic,
 * addresses built from the official division names: city + district + town + a made-up street
 * number) uploaded to POST /api/datasets, once with only the address and once with coordinates
 * (the same rows, each at the point its address is placed at), each into a fresh SQLite store, in
 * one run. Prints wall time (upload → 201, stored and in the catalog) and the ratio. Target: 100k
 * address-only rows ≤ 10 s. Settings: BENCH_ROWS=100000 BENCH_SEED=1 BENCH_REPEATS=3
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { buildApp } from '../server/app.ts';
import { loadGazetteer } from '../server/import/address/gazetteer.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const TOKEN = 'bench-editor';
const GEODATA = join(import.meta.dirname, '..', 'geodata');

/** Synthetic rows: `合成企业 i`, and an address "市 + 区 + 镇街 + 路 + 号" from the official names. */
function syntheticAddresses(n: number, seed: number): { name: string; address: string; city: string }[] {
  const g = loadGazetteer(GEODATA)!;
  const towns = [...g.byCode.values()].filter((d) => d.level === 'town');
  const rng = xoroshiro128plus(seed);
  const pick = <T>(list: T[]) => list[Math.floor(uniformFloat64(rng) * list.length)];
  return Array.from({ length: n }, (_, i) => {
    const town = pick(towns);
    const city = g.cityBySlug.get(town.city!)!;
    const district = g.byCode.get(town.parent!)!;
    const road = `${pick(['科技', '工业', '创新', '高新', '沿江'])}${pick(['一', '二', '三', '南', '北'])}路${1 + Math.floor(uniformFloat64(rng) * 300)}号`;
    // Some write the province, some leave out the city (as registers do); Dongguan towns have no district.
    const prefix = uniformFloat64(rng) < 0.3 ? '广东省' : '';
    const cityPart = uniformFloat64(rng) < 0.2 && district.level === 'district' ? '' : city.name;
    const districtPart = district.level === 'district' ? district.name : '';
    return { name: `合成企业${i}（SYNTHETIC）`, address: `${prefix}${cityPart}${districtPart}${town.name}${road}`, city: town.city! };
  });
}

function multipart(fileName: string, text: string): Promise<{ headers: Record<string, string>; payload: Buffer }> {
  const form = new FormData();
  form.append('file', new Blob([text]), fileName);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return request.arrayBuffer().then((b) => ({ headers: { 'content-type': request.headers.get('content-type')! }, payload: Buffer.from(b) }));
}

async function timeUpload(csv: string): Promise<{ ms: number; report: { placed?: Record<string, number>; rows: { valid: number; rejected: number } } }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  const app = await buildApp({ dataDir, databaseUrl: '', editorToken: TOKEN, logger: false });
  await app.ready();
  try {
    const body = await multipart('synthetic.csv', csv);
    const start = process.hrtime.bigint();
    const res = await app.inject({ method: 'POST', url: '/api/datasets', headers: { ...body.headers, authorization: `Bearer ${TOKEN}` }, payload: body.payload });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (res.statusCode !== 201) throw new Error(`upload answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
    return { ms, report: res.json().report };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`address-import bench · ${new Date().toISOString().slice(0, 10)} · N ${ROWS} · seed ${SEED} · node ${process.version} · ${cpus().length}× ${cpus()[0]?.model}`);
const rows = syntheticAddresses(ROWS, SEED);
const addressCsv = ['名称,地址', ...rows.map((r) => `${r.name},${r.address}`)].join('\n');

// The same rows with coordinates: a first address import tells where each one is placed.
const placedDataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
const placer = await buildApp({ dataDir: placedDataDir, databaseUrl: '', editorToken: TOKEN });
await placer.ready();
const placedBody = await multipart('synthetic.csv', addressCsv);
const placedRes = await placer.inject({ method: 'POST', url: '/api/datasets', headers: { ...placedBody.headers, authorization: `Bearer ${TOKEN}` }, payload: placedBody.payload });
if (placedRes.statusCode !== 201) throw new Error(`address upload answered ${placedRes.statusCode}: ${placedRes.body.slice(0, 500)}`);
const placedAt = new Map(Array.from({ length: placer.catalog.organizationCount }, (_, row) => placer.catalog.organization(row)).filter((f) => f.properties.dataset_id).map((f) => [f.properties.name_zh, f.geometry.coordinates]));
await placer.close();
rmSync(placedDataDir, { recursive: true, force: true });
const pointCsv = ['名称,城市,经度,纬度', ...rows.map((r) => {
  const [lon, lat] = placedAt.get(r.name)!;
  return `${r.name},${r.city},${lon},${lat}`;
})].join('\n');

const results: { address: number[]; point: number[] } = { address: [], point: [] };
let lastReport: Awaited<ReturnType<typeof timeUpload>>['report'] | undefined;
for (let i = 0; i < REPEATS; i++) {
  const a = await timeUpload(addressCsv);
  lastReport = a.report;
  results.address.push(a.ms);
  results.point.push((await timeUpload(pointCsv)).ms);
}
const min = (xs: number[]) => Math.min(...xs);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
console.log(`placed per level (address import): ${JSON.stringify(lastReport?.placed)} · valid ${lastReport?.rows.valid} · rejected ${lastReport?.rows.rejected}`);
console.log(`address-only: min ${(min(results.address) / 1000).toFixed(2)} s · mean ${(mean(results.address) / 1000).toFixed(2)} s`);
console.log(`coordinates:  min ${(min(results.point) / 1000).toFixed(2)} s · mean ${(mean(results.point) / 1000).toFixed(2)} s`);
console.log(`ratio address/coordinates (min): ${(min(results.address) / min(results.point)).toFixed(2)} · target address-only ≤ 10 s: ${min(results.address) <= 10_000 ? 'met' : 'NOT met'}`);
