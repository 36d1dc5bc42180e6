/**
 * Analytics benchmarks (issue #4), each beside its baseline in the same run, on seeded synthetic
 * organisations around the real parks (bench/synthetic.ts):
 *  1. DBSCAN: ours vs @turf/clusters-dbscan at 50k (labels asserted equal up to renumbering); ours at 1M.
 *  2. Hexagon density: ours (H3 via h3-js) vs Turf hexGrid + collect at 100k; ours at 1M.
 *  2b. Hexagon density on Turf's own planar grid: ours (hexGridDensity, arithmetic cell per point) vs Turf
 *     hexGrid + collect, same bbox and cellSide, at 100k (counts per hexagon asserted equal); ours at 1M.
 *  3. Point-in-polygon join organisations → districts at 100k: ours (Flatbush bbox prefilter) vs a
 *     plain Turf loop over every district; counts asserted identical.
 * Run: npm run bench:analytics   (BENCH_SEED=1; BENCH_PARTS=dbscan,hex,km,pip picks sections, all by default:
 * Turf's DBSCAN alone takes minutes of CPU, hours of wall time on a machine at load 40)
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { booleanPointInPolygon, clustersDbscan, collect, featureCollection, hexGrid, bbox as turfBbox } from '@turf/turf';
import { dbscan } from '../server/analytics/dbscan.ts';
import { areaIndex, countPerArea } from '../server/analytics/district-join.ts';
import { hexDensity, hexDensityOfCells } from '../server/analytics/hex-density.ts';
import { hexGridDensity } from '../server/analytics/hex-grid-density.ts';
import { runToEnd } from '../server/analytics/progress.ts';
import { pointCellsSteps } from '../server/analytics/row-cells.ts';
import { organizationColumns } from '../server/catalog/organization-columns.ts';
import { Catalog } from '../server/catalog/catalog.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { measure, report } from './timing.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';

const SEED = Number(process.env.BENCH_SEED ?? 1);
const PARTS = process.env.BENCH_PARTS?.split(',');
const part = (name: 'dbscan' | 'hex' | 'km' | 'pip') => !PARTS || PARTS.includes(name);

/** Met or the gap, read from CPU time (on a shared machine wall time is mostly waiting for a core). */
function verdict(label: string, cpuMs: number, goalMs: number): void {
  console.log(`  ${label}: CPU ${cpuMs.toFixed(0)} ms against ≤ ${goalMs} ms: ${cpuMs <= goalMs ? 'met' : `**gap** (${(cpuMs / goalMs).toFixed(1)}× the goal)`}`);
}
const DBSCAN_OPTIONS = { epsKm: 1.5, minPoints: 5 };
const HEX_RESOLUTION = 7;

/** Cluster ids renamed by first appearance, so two labellings compare up to renumbering. */
function canonical(labels: ArrayLike<number>): Int32Array {
  const names = new Map<number, number>();
  return Int32Array.from(labels, (l) => (l < 0 ? -1 : (names.get(l) ?? names.set(l, names.size).get(l)!)));
}

function assert(condition: boolean, message: string): void {
  if (!condition) throw new Error(`benchmark check failed: ${message}`);
}

const catalog = new Catalog(readGeodata(join(import.meta.dirname, '..', 'geodata')));
const centres = centresFromParks(catalog.parks);
const million = syntheticOrganizations(centres, { count: 1_000_000, seed: SEED });
const first = (n: number) => million.slice(0, n);
const positions = (features: typeof million) => features.map((f) => f.geometry.coordinates);
console.log(`analytics bench · ${new Date().toISOString().slice(0, 19)}Z · seed ${SEED} · node ${process.version} · ${cpus().length}× ${cpus()[0]?.model} · load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

// 1. DBSCAN
if (part('dbscan')) {
  const points = first(50_000);
  const ours = measure(() => dbscan(positions(points), DBSCAN_OPTIONS), { warmup: 2, repeats: 5 });
  const turf = measure(() => clustersDbscan(featureCollection(points), DBSCAN_OPTIONS.epsKm, { units: 'kilometers', minPoints: DBSCAN_OPTIONS.minPoints }), { warmup: 1, repeats: 2 });
  const turfLabels = turf.result.features.map((f) => (f.properties.dbscan === 'noise' ? -1 : (f.properties.cluster as number)));
  assert(canonical(ours.result.labels).every((l, i) => l === canonical(turfLabels)[i]), 'DBSCAN labels differ from Turf');
  report(`DBSCAN eps ${DBSCAN_OPTIONS.epsKm} km, minPoints ${DBSCAN_OPTIONS.minPoints} (labels equal to Turf's)`, points.length, ours.timing, turf.timing, '≥ 20×');
  const big = measure(() => dbscan(positions(million), DBSCAN_OPTIONS), { warmup: 1, repeats: 3 });
  report(`DBSCAN (${big.result.clusterCount} clusters, ${big.result.noiseCount} noise)`, million.length, big.timing, undefined, '< 3000 ms');
}

// 2. Hexagon density
if (part('hex')) {
  const points = first(100_000);
  const edgeKm = hexDensity(points.slice(0, 1), HEX_RESOLUTION).edgeKm;
  const ours = measure(() => hexDensity(points, HEX_RESOLUTION), { warmup: 2, repeats: 5 });
  const turf = measure(() => {
    const cells = hexGrid(turfBbox(featureCollection(points)), edgeKm, { units: 'kilometers' });
    return collect(cells, featureCollection(points), 'id', 'ids');
  }, { warmup: 1, repeats: 3 });
  const turfCounted = turf.result.features.reduce((s, f) => s + (f.properties?.ids as unknown[]).length, 0);
  assert(ours.result.cells.reduce((s, c) => s + c.count, 0) === points.length, 'hexagon counts do not add up');
  assert(turfCounted <= points.length, 'Turf counted a point twice');
  report(`hexagon density, H3 res ${HEX_RESOLUTION} (edge ${edgeKm.toFixed(2)} km) vs Turf hexGrid + collect (same edge)`, points.length, ours.timing, turf.timing, '≥ 50×');
  const big = measure(() => hexDensity(million, HEX_RESOLUTION), { warmup: 1, repeats: 3 });
  report(`hexagon density, H3 res ${HEX_RESOLUTION}, each point's cell found in the request (${big.result.cells.length} cells)`, million.length, big.timing, undefined, '< 500 ms (issue 4)');
  // What /api/analytics/density does per request: every row's cell is found once per data version
  // (server/analytics/per-dataset.ts, in the worker when the data changes), and a request only counts.
  const lon = Float64Array.from(million, (f) => f.geometry.coordinates[0]), lat = Float64Array.from(million, (f) => f.geometry.coordinates[1]);
  const found = measure(() => runToEnd(pointCellsSteps(lon, lat, million.length, HEX_RESOLUTION)), { warmup: 0, repeats: 1 });
  const columns = organizationColumns(million, catalog.vocabulary);
  const sectors = { sectorBits: columns.sectorBits, sectorWords: columns.sectorWords, sectorNames: columns.vocabulary.sectors };
  const counted = measure(() => hexDensityOfCells(found.result, null, million.length, sectors, 3), { warmup: 1, repeats: 5 });
  assert(JSON.stringify(counted.result.cells.map((c) => [c.h3, c.count])) === JSON.stringify(big.result.cells.map((c) => [c.h3, c.count])), 'hexagons from kept cells differ from hexagons found point by point');
  report(`  once per data version: every row's cell (${found.result.cells.length} cells)`, million.length, found.timing);
  report(`hexagon density, H3 res ${HEX_RESOLUTION}, per request from the kept cells (counts equal), vs finding each point's cell`, million.length, counted.timing, big.timing, '≤ 100 ms (issue 12)');
  verdict('hexagon density per request, H3, 1M', counted.timing.cpuMin, 100);
}

// 2b. Hexagon density on Turf's planar grid
if (part('km')) {
  const points = first(100_000);
  const cellSideKm = hexDensity(points.slice(0, 1), HEX_RESOLUTION).edgeKm;
  const kmGrid = (features: typeof million) => {
    const bbox = turfBbox(featureCollection(features)) as [number, number, number, number];
    return hexGridDensity(positions(features), bbox, cellSideKm, { sectorLists: features.map((f) => f.properties.sectors) });
  };
  const ours = measure(() => kmGrid(points), { warmup: 2, repeats: 5 });
  const turf = measure(() => {
    const cells = hexGrid(turfBbox(featureCollection(points)), cellSideKm, { units: 'kilometers' });
    return collect(cells, featureCollection(points), 'id', 'ids');
  }, { warmup: 1, repeats: 3 });
  const turfCounts = new Map(turf.result.features.filter((f) => (f.properties?.ids as unknown[]).length > 0).map((f) => [JSON.stringify(f.geometry.coordinates[0]), (f.properties?.ids as unknown[]).length]));
  const ourCounts = new Map(ours.result.cells.map((c) => [JSON.stringify(c.ring), c.count]));
  assert(JSON.stringify([...ourCounts].sort()) === JSON.stringify([...turfCounts].sort()), 'km-grid counts per hexagon differ from Turf hexGrid + collect');
  report(`hexagon density, km grid (Turf's hexagons, side ${cellSideKm.toFixed(2)} km; counts per hexagon equal to Turf's, ${ours.result.outside} outside the grid) vs Turf hexGrid + collect`, points.length, ours.timing, turf.timing, '≥ 50×');
  const big = measure(() => kmGrid(million), { warmup: 1, repeats: 3 });
  report(`hexagon density, km grid (${big.result.cells.length} cells)`, million.length, big.timing, undefined, '< 500 ms (issue 4); ≤ 100 ms (issue 12)');
  verdict('hexagon density, km grid, 1M', big.timing.cpuMin, 100);
}

// 3. Point-in-polygon join organisations → districts
if (part('pip')) {
  const points = positions(first(100_000));
  const districts = catalog.districts;
  const ours = measure(() => countPerArea(areaIndex(districts), points), { warmup: 2, repeats: 5 });
  const naive = measure(() => {
    const counts = new Array<number>(districts.length).fill(0);
    let outside = 0;
    for (const p of points) {
      const i = districts.findIndex((d) => booleanPointInPolygon(p, d));
      if (i < 0) outside++;
      else counts[i]++;
    }
    return { counts, outside };
  }, { warmup: 0, repeats: 2 });
  assert(JSON.stringify(ours.result) === JSON.stringify(naive.result), 'district counts differ from the plain Turf loop');
  report(`point-in-polygon join → ${districts.length} districts (counts identical; ${ours.result.outside} outside all)`, points.length, ours.timing, naive.timing, '≥ 50×');
}

console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
