/**
 * Where a restarted server's memory goes at registry scale (issue #12): the real app built in this process
 * (`buildApp`) on a data directory that bench/restart.bench.ts prepared (a seeded synthetic register,
 * labelled synthetic, never shipped), then its resident memory split by component:
 * - the catalog's table, array by array (exact bytes of its SharedArrayBuffers), and the KD-tree;
 * - V8's heap on the main thread vs its external memory vs array buffers (process.memoryUsage);
 * - what the worker threads hold, as RSS differences: before and after the name-search index is built,
 *   the analytics worker's per-dataset lookups are prepared, and a full GC of the main thread;
 * - then by thread at the end: the name index's arrays (exact bytes) and its worker's V8 heap, each analytics
 *   worker's live V8 heap (a heap snapshot's objects), the main thread's heap and external memory, and the
 *   rest of RSS that none of these explain (compiled code, each isolate's reserved spaces, malloc arenas).
 * MALLOC_ARENA_MAX (set in the environment, as `npm start` sets it) shows its effect on that rest.
 * Run with `node --expose-gc --import tsx bench/memory-at-rest.bench.ts`; settings BENCH_DIR (the kept data
 * directory), BENCH_N (its rows, default 1000000), BENCH_NO_SNAPSHOT=1 (remove the column snapshot first).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { buildApp } from '../server/app.ts';
import type { OrganizationTable } from '../server/catalog/organization-table.ts';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const DIR = process.env.BENCH_DIR ?? join(tmpdir(), `atlas-restart-bench-${N}`);
const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const mb = (bytes: number) => (bytes / MB).toFixed(1);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
/** The names of this process's threads (main, libuv, V8 and the worker threads), counted. */
const threads = () => {
  const names = readdirSync('/proc/self/task').map((t) => readFileSync(`/proc/self/task/${t}/comm`, 'utf8').trim());
  return Object.entries(names.reduce<Record<string, number>>((all, n) => ((all[n] = (all[n] ?? 0) + 1), all), {})).map(([n, c]) => `${n}×${c}`).join(' ');
};
/**
 * Bytes of the live objects in a worker's V8 heap (its heap snapshot's self sizes): JavaScript objects, and
 * array buffers' data apart (these include the shared arrays of the catalog's table that the worker sees).
 */
async function liveHeapBytes(worker: Worker): Promise<{ objects: number; buffers: number }> {
  let text = '';
  for await (const chunk of await worker.getHeapSnapshot()) text += chunk;
  const { snapshot, nodes, strings } = JSON.parse(text) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[]; strings: string[] };
  const fields = snapshot.meta.node_fields;
  const [size, name] = [fields.indexOf('self_size'), fields.indexOf('name')];
  const bytes = { objects: 0, buffers: 0 };
  for (let i = 0; i < nodes.length; i += fields.length) {
    if (strings[nodes[i + name]] === 'system / JSArrayBufferData') bytes.buffers += nodes[i + size];
    else bytes.objects += nodes[i + size];
  }
  return bytes;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function usage(stage: string): number {
  const u = process.memoryUsage();
  console.log(`| ${stage} | ${mb(u.rss)} | ${mb(u.heapUsed)} / ${mb(u.heapTotal)} | ${mb(u.external)} | ${mb(u.arrayBuffers)} | ${load()} |`);
  return u.rss;
}

/** Bytes of each part of the catalog's table (every array is on its own SharedArrayBuffer). */
function tableBytes(table: OrganizationTable): [string, number][] {
  const c = table.columns;
  return [
    ['coordinates (lon, lat: Float64)', c.lon.byteLength + c.lat.byteLength],
    ['codes, flags, precision, sector bits', c.cityCode.byteLength + c.typeCode.byteLength + c.highTech.byteLength + c.areaPlaced.byteLength + c.precisionM.byteLength + c.sectorBits.byteLength],
    ['KD-tree (KDBush: ids and coordinates)', c.tree.byteLength],
    ['ids (text and ends)', c.idText.byteLength + c.idEnd.byteLength],
    ['names zh + en (text and ends)', table.nameZh.text.byteLength + table.nameZh.end.byteLength + table.nameEn.text.byteLength + table.nameEn.end.byteLength],
    ['districts (codes)', table.districtCode.byteLength],
    ['rest: each row’s own JSON (text and ends)', table.rest.text.byteLength + table.rest.end.byteLength]
  ];
}

if (process.env.BENCH_NO_SNAPSHOT) rmSync(join(DIR, 'columns'), { recursive: true, force: true });
console.log(`memory at rest · ${new Date().toISOString()} · N ${N} · ${process.env.BENCH_NO_SNAPSHOT ? 'records read from SQLite' : 'from the column snapshot'} · node ${process.version}\n`);
console.log('| stage | RSS MB | V8 heap used / total MB | external MB | array buffers MB | load |\n|---|---|---|---|---|---|');
const start = usage('before the app (Node, tsx, this script)');
const app = await buildApp({ dataDir: DIR, logger: false, databaseUrl: '', http: { rateLimitPerMinute: false } });
await app.listen({ host: '127.0.0.1', port: 0 });
const ready = usage(`ready: ${app.catalog.organizationCount} organisations`);
const readyAt = performance.now();
app.analyticsPool.warm();
await sleep(3000);
const rest = usage(`at rest (3 s later; threads: ${threads()})`);
gc!();
await sleep(500);
const collected = usage('after a full GC of the main thread');
// Answered once the name index is built (its worker reads questions only then).
await app.catalog.organizationPoints.nameSearchMemory();
const builtS = (performance.now() - readyAt) / 1000;
const search = await app.inject('/api/organizations?limit=10&q=合成机构 4242');
await sleep(1000);
const named = usage(`after the first search (${search.statusCode}): the name index built in its worker, ${builtS.toFixed(1)} s after ready`);
const density = await app.inject('/api/analytics/density');
await sleep(1000);
const analysed = usage(`after the first analytics request (${density.statusCode}) and the lookups' preparation`);
gc!();
await sleep(500);
const final = usage(`after a full GC of the main thread (threads: ${threads()})`);
const main = process.memoryUsage();
const names = await app.catalog.organizationPoints.nameSearchMemory();
// The pool's threads are private to it; a bench may look (piscina's Worker objects).
const analyticsThreads = (app.analyticsPool as unknown as { pool?: { threads: Worker[] } }).pool?.threads ?? [];
const analyticsHeaps = [];
// Taken last: parsing a snapshot grows this thread's heap.
for (const worker of analyticsThreads) analyticsHeaps.push(await liveHeapBytes(worker));

const parts = tableBytes(app.catalog.organizationTable);
console.log('\n| component | MB |\n|---|---|');
for (const [what, bytes] of parts) console.log(`| ${what} | ${mb(bytes)} |`);
console.log(`| **the catalog's table, all** | ${mb(parts.reduce((s, [, b]) => s + b, 0))} |`);
console.log(`| start: Node, tsx, geodata, tiles, workers' code (ready − before − table) | ${mb(ready - start - parts.reduce((s, [, b]) => s + b, 0))} |`);
console.log(`| grew between ready and rest (workers starting, grids, lookups begun) | ${mb(rest - ready)} |`);
console.log(`| garbage a full GC of the main thread gave back | ${mb(rest - collected)} |`);
console.log(`| name index (search worker) | ${mb(named - collected)} |`);
console.log(`| analytics: first request and per-dataset lookups | ${mb(analysed - named)} |`);

// By thread, at the end (the last row above): what each holds, and what none of it explains.
const indexParts = Object.entries(names?.index ?? {});
const explained: [string, number][] = [
  ["the catalog's table (shared memory, above)", parts.reduce((s, [, b]) => s + b, 0)],
  ...indexParts.map(([part, bytes]): [string, number] => [`name index: ${part}`, bytes]),
  [`name-search worker: V8 heap reserved (${mb(names?.heapUsed ?? 0)} MB used)`, names?.heapTotal ?? 0],
  ...analyticsHeaps.map(({ objects, buffers }, i): [string, number] => [`analytics worker ${i + 1}: live V8 heap objects (heap snapshot; array buffers it sees, the table's shared columns among them: ${mb(buffers)} MB, not added)`, objects]),
  [`main thread: V8 heap reserved (${mb(main.heapUsed)} MB used)`, main.heapTotal],
  ['main thread: external memory (buffers; shared arrays not counted)', main.external]
];
console.log(`\n| at the end, by thread (RSS ${mb(final)} MB; MALLOC_ARENA_MAX ${process.env.MALLOC_ARENA_MAX ?? 'unset'}) | MB |\n|---|---|`);
for (const [what, bytes] of explained) console.log(`| ${what} | ${mb(bytes)} |`);
console.log(`| **rest of RSS: code, isolates' other spaces, tsx's loader thread, malloc arenas** | ${mb(final - explained.reduce((s, [, b]) => s + b, 0))} |`);
await app.close();
