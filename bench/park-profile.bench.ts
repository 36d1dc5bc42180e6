/**
 * Park profile at registry scale (issue #12): every shipped park's profile over N seeded synthetic
 * organisations (bench/synthetic.ts, labelled synthetic, never shipped) held as the shared columns,
 * as the pool's worker computes it, against the code it replaces run in the same process:
 * - baseline: the profile as before (commit 3e919ff, copied below): Turf's booleanPointInPolygon
 *   (or distance) on every organisation in the park's box, a comparator sort, one sector list per organisation;
 * - first request: profileReport with nothing kept (the outline grid built once per worker and park, timed apart);
 * - prepared: profileReport after the per-dataset preparation (the counts kept per data version).
 * Each answer is compared byte for byte with the baseline's. Also timed: each preparation step
 * (the longest a request arriving meanwhile waits for, with one worker), and hotspots with each
 * row's H3 cell kept against found per request (byte for byte too).
 * Prints wall and CPU time with the load average; goal: profile ≤ 100 ms at 1M.
 *
 * Run: flock /work/bench.lock npx tsx bench/park-profile.bench.ts [count=1000000]   (BENCH_SEED=1, BENCH_HOTSPOTS=0 to skip hotspots)
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { booleanPointInPolygon, bbox as turfBbox, distance } from '@turf/turf';
import KDBush from 'kdbush';
import { hotspotsReport } from '../server/analytics/hotspots-report.ts';
import { buildEveryTime, prepareDataset, PREPARE_STEPS, type PerDataset } from '../server/analytics/per-dataset.ts';
import { profileReport } from '../server/analytics/profile-report.ts';
import { runToEnd } from '../server/analytics/progress.ts';
import { reportContext } from '../server/analytics/report-context.ts';
import { Selection } from '../server/analytics/selection.ts';
import { Catalog } from '../server/catalog/catalog.ts';
import { idOfRow, organizationColumns, sectorsOfRow, type OrganizationColumns } from '../server/catalog/organization-columns.ts';
import { parkProfile, type ProfileCatchment } from '../server/catalog/park-profile.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { outlineOf } from '../server/geo/catchment.ts';
import { labelPoint } from '../server/geo/label-point.ts';
import { grownBbox } from '../server/geo/radius-bbox.ts';
import type { ParkFeature } from '../server/schemas/places.ts';
import { reportData } from '../server/pool/plugin.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';
import { timedOnce } from './timing.ts';
import { perDatasetKeeper } from './per-dataset-keeper.ts';

const SEED = Number(process.env.BENCH_SEED ?? 1);
const count = Number(process.argv[2] ?? 1_000_000);
const GOAL_MS = 100;

const catalog = new Catalog(readGeodata(join(import.meta.dirname, '..', 'geodata')));
const columns = organizationColumns(syntheticOrganizations(centresFromParks(catalog.parks), { count, seed: SEED }), catalog.vocabulary);
const ctx = reportContext(reportData(catalog));
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');



// ── Baseline: the profile's catchment as before this change (server/geo/catchment.ts and
// server/analytics/profile-report.ts at 3e919ff), kept here to be timed in the same run.
function baselineRowsWithin(tree: KDBush, positionOf: (row: number) => GeoJSON.Position, around: [number, number] | GeoJSON.Polygon | GeoJSON.MultiPolygon, radiusKm: number): number[] {
  const box = grownBbox(Array.isArray(around) ? [around[0], around[1], around[0], around[1]] : turfBbox(around), radiusKm);
  const inside = Array.isArray(around) ? (p: GeoJSON.Position) => distance(around, p, { units: 'kilometers' }) <= radiusKm : (p: GeoJSON.Position) => booleanPointInPolygon(p, around);
  const ids = tree.range(...box).sort((a, b) => a - b);
  return ids.filter((row) => row < tree.numItems && inside(positionOf(row)));
}
function baselineProfile(park: ParkFeature, cols: OrganizationColumns) {
  const tree = KDBush.from(cols.tree);
  const g = park.geometry;
  const from: [number, number] = g.type === 'Point' ? [g.coordinates[0], g.coordinates[1]] : labelPoint(g);
  return parkProfile(park, from, {
    catchment: (around, radiusKm, maxIds): ProfileCatchment => {
      const rows = baselineRowsWithin(tree, (i) => [cols.lon[i], cols.lat[i]], around, radiusKm);
      const bySector: Record<string, number> = {};
      for (const row of rows) for (const s of sectorsOfRow(cols, row)) bySector[s] = (bySector[s] ?? 0) + 1;
      return { total: rows.length, bySector, ids: rows.slice(0, maxIds).map((row) => idOfRow(cols, row)) };
    },
    transport: ctx.transport,
    districts: ctx.districts,
    sectors: ctx.sectors
  });
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const verdict = (ms: number) => (ms <= GOAL_MS ? 'met' : `**gap** (${(ms / GOAL_MS).toFixed(1)}× the goal)`);

console.log(`park profile bench · ${new Date().toISOString().slice(0, 19)}Z · ${count.toLocaleString('en')} synthetic organisations · seed ${SEED} · node ${process.version} · ${cpus().length}× ${cpus()[0]?.model} · load average ${load()}`);

// The outline grid: built once per worker and area park (its geometry never changes while the server runs).
const outlines = catalog.parks.filter((p) => p.geometry.type !== 'Point').map((p) => timedOnce(() => outlineOf(p.geometry as GeoJSON.Polygon)));
console.log(`outline grids of ${outlines.length} area park(s), once per worker: ${outlines.map((o) => `${fmt(o.wallMs)} wall, ${fmt(o.cpuMs)} CPU`).join('; ')}`);

// Each preparation step once, in order (as a worker runs them while the pool is idle).
const prepared = perDatasetKeeper();
const steps = PREPARE_STEPS.map((step) => ({ step, ...timedOnce(() => prepareDataset(step, prepared, columns, ctx)) }));
console.log(`preparation steps (a request arriving meanwhile waits for at most the running one): ${steps.map((s) => `${s.step} ${fmt(s.wallMs)} wall / ${fmt(s.cpuMs)} CPU`).join(' · ')} (load ${load()})`);

console.log('\n| park | kind | counted | baseline wall / CPU | first request wall / CPU | ratio (CPU) | prepared wall / CPU | byte-identical |\n|---|---|---:|---:|---:|---:|---:|---|');
const first: number[] = [], firstCpu: number[] = [], after: number[] = [], before: number[] = [], beforeCpu: number[] = [];
let identical = true;
for (const park of catalog.parks) {
  const query = { park: park.properties.id };
  const base = timedOnce(() => JSON.stringify(baselineProfile(park, columns)));
  const fresh = timedOnce(() => JSON.stringify(runToEnd(profileReport({ selection: new Selection(columns, null), query, ctx, perDataset: buildEveryTime }))));
  const kept = timedOnce(() => JSON.stringify(runToEnd(profileReport({ selection: new Selection(columns, null, prepared), query, ctx, perDataset: prepared }))));
  const same = fresh.value === base.value && kept.value === base.value;
  identical &&= same;
  before.push(base.wallMs), beforeCpu.push(base.cpuMs), first.push(fresh.wallMs), firstCpu.push(fresh.cpuMs), after.push(kept.wallMs);
  const total = (JSON.parse(base.value) as { organizations: { total: number } }).organizations.total;
  console.log(`| ${park.properties.id} | ${park.geometry.type} | ${total.toLocaleString('en')} | ${fmt(base.wallMs)} / ${fmt(base.cpuMs)} | ${fmt(fresh.wallMs)} / ${fmt(fresh.cpuMs)} | ${(base.cpuMs / Math.max(fresh.cpuMs, 0.01)).toFixed(1)}× | ${fmt(kept.wallMs)} / ${fmt(kept.cpuMs)} | ${same ? 'yes' : '**NO**'} |`);
}
const max = (values: number[]) => Math.max(...values);
console.log(`\nslowest park (p99 of ${catalog.parks.length}): baseline ${fmt(max(before))} wall / ${fmt(max(beforeCpu))} CPU → first request ${fmt(max(first))} wall / ${fmt(max(firstCpu))} CPU (${(max(beforeCpu) / max(firstCpu)).toFixed(1)}× less CPU; ${verdict(max(first))} on wall, ${verdict(max(firstCpu))} on CPU) → prepared ${fmt(max(after))} wall (${verdict(max(after))})`);
console.log(`every profile byte-identical to the baseline: ${identical ? 'yes' : '**NO**'} · load average ${load()}`);

if (process.env.BENCH_HOTSPOTS !== '0') {
  const query = {} as never;
  // One untimed run first: the study area's cells and the JIT are then ready for both timed runs.
  runToEnd(hotspotsReport({ selection: new Selection(columns, null), query, ctx, perDataset: perDatasetKeeper() }));
  const anew = timedOnce(() => JSON.stringify(runToEnd(hotspotsReport({ selection: new Selection(columns, null), query, ctx }))));
  const fromKept = timedOnce(() => JSON.stringify(runToEnd(hotspotsReport({ selection: new Selection(columns, null, prepared), query, ctx, perDataset: prepared }))));
  console.log(`hotspots (default query): each record's cell found per request ${fmt(anew.wallMs)} wall / ${fmt(anew.cpuMs)} CPU → cells kept per data version ${fmt(fromKept.wallMs)} wall / ${fmt(fromKept.cpuMs)} CPU (${(anew.cpuMs / fromKept.cpuMs).toFixed(2)}× less CPU); byte-identical: ${anew.value === fromKept.value ? 'yes' : '**NO**'} · load ${load()}`);
}
process.exit(identical ? 0 : 1);
