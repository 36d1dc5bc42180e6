/**
 * The per-dataset preparation at registry scale (issue #12), narrow: N seeded synthetic organisations
 * (bench/synthetic.ts, labelled synthetic, never shipped) held as the shared columns, prepared step by step
 * as an analytics worker does it after a restart. Printed: each step's wall and CPU time (a request that
 * arrives meanwhile waits for the running step at most, with one worker), and the unfiltered density and
 * nni as the first request after a restart sees them: arriving at the start of the nearest-neighbour steps
 * (the old single step's place), and once every step has run, each against nothing kept (a fresh worker)
 * and checked byte for byte. Baseline of the same run: the nearest-neighbour preparation as one step
 * (`keptNearestOfAllPoints` alone, what the single 'nearest' step ran), which a request had to wait out whole.
 *
 * Run: flock /work/bench.lock npx tsx bench/preparation.bench.ts [count=1000000]   (BENCH_SEED=1)
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { densityReport } from '../server/analytics/density-report.ts';
import { nniReport } from '../server/analytics/nni-report.ts';
import { buildEveryTime, keptNearestOfAllPoints, prepareDataset, PREPARE_STEPS, type PerDataset } from '../server/analytics/per-dataset.ts';
import { runToEnd } from '../server/analytics/progress.ts';
import { reportContext } from '../server/analytics/report-context.ts';
import { Selection } from '../server/analytics/selection.ts';
import { Catalog } from '../server/catalog/catalog.ts';
import { organizationColumns } from '../server/catalog/organization-columns.ts';
import { readGeodata } from '../server/catalog/read-geodata.ts';
import { reportData } from '../server/pool/plugin.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';
import { timedOnce } from './timing.ts';
import { perDatasetKeeper } from './per-dataset-keeper.ts';

const SEED = Number(process.env.BENCH_SEED ?? 1);
const count = Number(process.argv[2] ?? 1_000_000);
const GOAL_MS = 1500;

const catalog = new Catalog(readGeodata(join(import.meta.dirname, '..', 'geodata')));
const columns = organizationColumns(syntheticOrganizations(centresFromParks(catalog.parks), { count, seed: SEED }), catalog.vocabulary);
const ctx = reportContext(reportData(catalog));
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);



const report = (which: typeof densityReport, perDataset: PerDataset) => JSON.stringify(runToEnd(which({ selection: new Selection(columns, null, perDataset), query: {} as never, ctx, perDataset })));

console.log(`preparation bench · ${new Date().toISOString()} · N ${count} · seed ${SEED} · node ${process.version} · ${cpus().length}× ${cpus()[0]?.model ?? ''} · load ${load()}`);

// Baseline: the nearest-neighbour preparation as the one step it was.
const whole = timedOnce(() => keptNearestOfAllPoints(perDatasetKeeper(), columns));
console.log(`baseline: the nearest-neighbour step whole ${fmt(whole.wallMs)} wall / ${fmt(whole.cpuMs)} CPU (load ${load()})`);

const prepared = perDatasetKeeper();
let longest = { step: '', cpuMs: 0, wallMs: 0 };
for (const step of PREPARE_STEPS) {
  const t = timedOnce(() => prepareDataset(step, prepared, columns, ctx));
  console.log(`  step ${step}: ${fmt(t.wallMs)} wall / ${fmt(t.cpuMs)} CPU`);
  if (t.cpuMs > longest.cpuMs) longest = { step, ...t };
}
console.log(`longest step (what a request arriving meanwhile waits for at most): ${longest.step}, ${fmt(longest.wallMs)} wall / ${fmt(longest.cpuMs)} CPU, against ${fmt(whole.wallMs)} wall / ${fmt(whole.cpuMs)} CPU for the old single nearest-neighbour step (ratio of CPU, old step ÷ longest now: ${(whole.cpuMs / longest.cpuMs).toFixed(2)})`);

// The first request after a restart arriving where the nearest-neighbour steps begin (the old 'nearest' step's place): it finds the rest itself.
const early = perDatasetKeeper();
for (const step of PREPARE_STEPS.slice(0, PREPARE_STEPS.indexOf('nearest-tree'))) prepareDataset(step, early, columns, ctx);

console.log('\n| unfiltered report | nothing kept (fresh worker) | arriving before the nearest-neighbour steps | every step prepared | byte-identical | goal |\n|---|---|---|---|---|---|');
for (const [name, which] of [['density', densityReport], ['nni', nniReport]] as const) {
  const fresh = timedOnce(() => report(which, buildEveryTime));
  const ready = timedOnce(() => report(which, prepared));
  const first = timedOnce(() => report(which, early));
  const same = fresh.value === ready.value && fresh.value === first.value;
  const verdict = ready.wallMs <= GOAL_MS ? 'met (prepared)' : `**gap** (${(ready.wallMs / GOAL_MS).toFixed(1)}×)`;
  console.log(`| ${name} | ${fmt(fresh.wallMs)} / ${fmt(fresh.cpuMs)} CPU | ${fmt(first.wallMs)} / ${fmt(first.cpuMs)} CPU | ${fmt(ready.wallMs)} / ${fmt(ready.cpuMs)} CPU | ${same ? 'yes' : '**NO**'} | ≤ ${fmt(GOAL_MS)}: ${verdict} |`);
  if (!same) process.exitCode = 1;
}
console.log(`load average ${load()}`);

