/**
 * Significance statistics (issue 14), each beside a plain baseline in the same run, on seeded
 * synthetic organisations around the real parks (bench/synthetic.ts), over the five focus cities' land:
 *  1. Gi* conditional permutations: ours (partial Fisher–Yates, k draws per permutation) vs a plain
 *     implementation that shuffles all other cells for every permutation; same cells, 5 permutations;
 *     then the whole hot-spot answer at 1M organisations, H3 res 7, 999 permutations (goal ≤ 1.5 s).
 *  2. Ripley's L with the border correction: ours (KD-tree pairs, gridded edge distances) vs the
 *     O(n²) pair loop with every edge tested, 2000 points, 9 simulations (L asserted equal); then the
 *     whole Ripley answer at 1M organisations, 99 simulations (goal ≤ 2 s; seeded 2000-point subsample).
 * Run: npx tsx bench/statistics.bench.ts   (BENCH_SEED=1)
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { giStar, giStarZ } from '../server/analytics/getis-ord.ts';
import { hotspotsSteps } from '../server/analytics/hotspots-report.ts';
import { runToEnd } from '../server/analytics/progress.ts';
import { besagL } from '../server/analytics/ripley.ts';
import { ripleySteps } from '../server/analytics/ripley-report.ts';
import { seededSample, seededUniform } from '../server/analytics/seeded-random.ts';
import { Selection } from '../server/analytics/selection.ts';
import { StudyArea } from '../server/analytics/study-area.ts';
import { Catalog } from '../server/catalog/catalog.ts';
import { organizationColumns } from '../server/catalog/organization-columns.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';
import { assert, measure, report } from './timing.ts';

const SEED = Number(process.env.BENCH_SEED ?? 1);
const catalog = new Catalog(readGeodata(join(import.meta.dirname, '..', 'geodata')));
const focus = catalog.cities.filter((c) => c.properties.focus);
const land = catalog.land.map((f) => f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon);
const million = syntheticOrganizations(centresFromParks(catalog.parks), { count: 1_000_000, seed: SEED });
const everyOne = new Selection(organizationColumns(million, catalog.vocabulary), null);
console.log(`statistics bench · ${new Date().toISOString().slice(0, 10)} · seed ${SEED} · node ${process.version} · ${cpus().length}× ${cpus()[0]?.model} · load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const built = measure(() => new StudyArea(focus.map((c) => c.properties.id), focus.map((c) => c.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon), land), { warmup: 0, repeats: 1 });
const studyArea = built.result;
report(`study area: five cities ∩ land (${studyArea.areaKm2.toFixed(0)} km², built once per city set and cached by the server)`, 5, built.timing);

// 1. Gi*
{
  const hotspots = (permutations: number) => runToEnd(hotspotsSteps({ selection: everyOne, studyArea, grid: { kind: 'h3', resolution: 7 }, permutations, seed: SEED }));
  const cold = measure(() => hotspots(999), { warmup: 0, repeats: 1 });
  const cells = cold.result.features;
  const counts = Float64Array.from(cells, (f) => f.properties.count);
  // The same neighbour lists the report used, rebuilt from the cells' H3 indexes.
  const { gridDisk } = await import('h3-js');
  const index = new Map(cells.map((f, i) => [f.properties.cell, i]));
  const neighbours = cells.map((f) => gridDisk(f.properties.cell, 1).filter((h) => h !== f.properties.cell && index.has(h)).map((h) => index.get(h)!));
  const plain = measure(() => {
    // Every permutation shuffles all other cells (Fisher–Yates over n − 1), then reads the first k.
    const random = seededUniform(SEED);
    const n = counts.length;
    const z = giStarZ(counts, neighbours);
    return Array.from(neighbours, (list, i) => {
      const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
      let extreme = 0;
      const observed = list.reduce((s, j) => s + counts[j], 0);
      for (let p = 0; p < 5; p++) {
        for (let t = others.length - 1; t > 0; t--) {
          const r = Math.floor(random() * (t + 1));
          [others[t], others[r]] = [others[r], others[t]];
        }
        const drawn = list.reduce((s, _, t) => s + counts[others[t]], 0);
        if (z[i] >= 0 ? drawn >= observed : drawn <= observed) extreme++;
      }
      return extreme;
    });
  }, { warmup: 0, repeats: 1 });
  const ours = measure(() => giStar(counts, neighbours, { permutations: 5, seed: SEED }), { warmup: 1, repeats: 3 });
  report(`Gi* conditional permutations, ${cells.length} cells × 5 permutations`, cells.length, ours.timing, plain.timing);
  const warm = measure(() => hotspots(999), { warmup: 0, repeats: 3 });
  const hot = Object.entries(warm.result.classCounts).filter(([k, v]) => k !== 'none' && v > 0).map(([k, v]) => `${k} ${v}`).join(', ');
  report(`hot spots, H3 res 7, 999 permutations, ${cells.length} cells (${hot}); first call (H3 cells of the area not yet cached) ${cold.timing.min.toFixed(0)} ms`, million.length, warm.timing, undefined, '≤ 1500 ms');
}

// 2. Ripley's L
{
  const inside: number[] = [];
  for (const o of million) {
    const [x, y] = studyArea.toPlane(o.geometry.coordinates[0], o.geometry.coordinates[1]);
    if (studyArea.window.contains(x, y)) inside.push(x, y);
  }
  const picked = seededSample(inside.length / 2, 2000, SEED);
  const xy = Float64Array.from([...picked].flatMap((i) => [inside[2 * i], inside[2 * i + 1]]));
  const distances = Array.from({ length: 51 }, (_, k) => (k * 5) / 50);
  const edges = [studyArea.window.a.edges, studyArea.window.b.edges];
  const plainL = (points: Float64Array) => {
    // Every edge of both outlines for each point's border distance; every pair for the counts.
    const n = points.length / 2;
    const numerator = new Float64Array(distances.length), centres = new Float64Array(distances.length);
    for (let i = 0; i < n; i++) {
      const x = points[2 * i], y = points[2 * i + 1];
      let b = Infinity;
      for (const list of edges) for (let e = 0; e < list.length; e += 4) {
        const dx = list[e + 2] - list[e], dy = list[e + 3] - list[e + 1];
        const t = Math.max(0, Math.min(1, ((x - list[e]) * dx + (y - list[e + 1]) * dy) / (dx * dx + dy * dy)));
        b = Math.min(b, Math.hypot(x - list[e] - t * dx, y - list[e + 1] - t * dy));
      }
      for (let k = 0; k < distances.length; k++) if (distances[k] <= b) centres[k]++;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const d = Math.hypot(points[2 * j] - x, points[2 * j + 1] - y);
        for (let k = 0; k < distances.length; k++) if (d <= distances[k] && distances[k] <= b) numerator[k]++;
      }
    }
    const lambda = n / studyArea.areaKm2;
    return Float64Array.from(distances, (_, k) => (centres[k] > 0 ? Math.sqrt(numerator[k] / (lambda * centres[k]) / Math.PI) : NaN));
  };
  const simulate = (lOf: (p: Float64Array) => Float64Array) => {
    const random = seededUniform(SEED);
    const out = [lOf(xy)];
    for (let s = 0; s < 9; s++) out.push(lOf(studyArea.window.randomPoints(2000, random)));
    return out;
  };
  const plain = measure(() => simulate(plainL), { warmup: 0, repeats: 1 });
  const ours = measure(() => simulate((p) => besagL(p, studyArea.window, distances)), { warmup: 1, repeats: 3 });
  plain.result.forEach((l, s) => l.forEach((v, k) => assert(Math.abs(v - ours.result[s][k]) < 1e-9 || (Number.isNaN(v) && Number.isNaN(ours.result[s][k])), `L differs at pattern ${s}, r = ${distances[k]}`)));
  report("Ripley's L (border correction), 2000 points, the pattern + 9 CSR simulations, r ≤ 5 km (L equal)", 2000, ours.timing, plain.timing);
  const full = measure(() => runToEnd(ripleySteps({ selection: everyOne, studyArea, simulations: 99, seed: SEED })), { warmup: 0, repeats: 3 });
  report(`Ripley answer, 99 simulations, r ≤ ${full.result.maxDistanceKm.toFixed(1)} km, subsample ${full.result.points.used} of ${full.result.points.subsample?.of ?? full.result.points.used} (${full.result.pattern})`, million.length, full.timing, undefined, '≤ 2000 ms');
}
