import { median } from 'simple-statistics';
import { parseFilters } from '../schemas/filters.ts';
import type { RipleyQuery } from '../schemas/statistics.ts';
import type { Progressive } from './progress.ts';
import type { ReportInput } from './report.ts';
import { EDGE_CORRECTION, lEnvelopeSteps, RIPLEY_DEFAULTS, type LEnvelope } from './ripley.ts';
import { seededUniform } from './seeded-random.ts';
import type { Selection } from './selection.ts';
import { studyAreaOfSelection } from './selection-study-area.ts';
import { STUDY_AREA_RULE, type StudyArea } from './study-area.ts';

type Bilingual = { zh: string; en: string };

/** Above this many records the L-function uses a seeded uniform subsample of this size. */
export const RIPLEY_MAX_POINTS = 2000;

export const SUBSAMPLE_RULE = {
  en: `with more than ${RIPLEY_MAX_POINTS} records in the study area, a uniform random sample of ${RIPLEY_MAX_POINTS} of them (records visited in a random order seeded by seed, the first ${RIPLEY_MAX_POINTS} inside the study area kept) is analysed; independent thinning leaves K and L unchanged, so the sample estimates the same function with a wider envelope`,
  zh: `研究区内记录超过 ${RIPLEY_MAX_POINTS} 条时，按 seed 的随机顺序逐条检查记录，保留最先落在研究区内的 ${RIPLEY_MAX_POINTS} 条进行分析；独立稀疏化不改变 K 与 L，故样本估计的是同一函数，只是包络更宽`
} as const;

export const MAX_DISTANCE_RULE = {
  en: "r up to the smallest of: a quarter of the shorter side of the study area's bounding box and √(1000/(πλ)) (spatstat's rmax rule), and the median distance of the records to the study area's edge (beyond it fewer than half the records can serve as centres under the border correction)",
  zh: 'r 的上限取以下三者中最小者：研究区外接矩形短边的四分之一、√(1000/(πλ))（spatstat 的 rmax 规则），以及记录到研究区边界距离的中位数（超过它，在边界校正下能作中心点的记录不足一半）'
} as const;

export interface RipleyInput {
  /** The selected records; those placed only to an area are counted in the precision report, not used. */
  selection: Selection;
  studyArea: StudyArea;
  simulations: number;
  seed: number;
  /** Overrides the rule for the largest r, km. */
  maxDistanceKm?: number;
}

const km = (v: number) => (v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2));

/** Runs of consecutive distances where `beyond(k)` holds, as [from, to] km. */
function runsWhere(distancesKm: readonly number[], beyond: (k: number) => boolean): [number, number][] {
  const runs: [number, number][] = [];
  for (let k = 1; k < distancesKm.length; k++) {
    if (!beyond(k)) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === distancesKm[k - 1]) last[1] = distancesKm[k];
    else runs.push([distancesKm[k], distancesKm[k]]);
  }
  return runs;
}

/** The plain reading of an envelope: where L(r) − r leaves the global envelope, and which way. */
export function readEnvelope(e: LEnvelope): { pattern: 'clustered' | 'dispersed' | 'random' | 'mixed'; reading: Bilingual } {
  const above = runsWhere(e.distancesKm, (k) => e.l[k] > e.upper[k]);
  const below = runsWhere(e.distancesKm, (k) => e.l[k] < e.lower[k]);
  const level = `${Math.round((1 - e.alpha) * 100)} %`;
  const test = { en: `${level} global envelope of ${e.simulations} CSR simulations, p = ${e.pValue.toFixed(3)}`, zh: `${e.simulations} 次完全空间随机模拟的 ${level} 全局包络，p = ${e.pValue.toFixed(3)}` };
  const spans = (runs: [number, number][], joiner: string) => runs.map(([a, b]) => (a === b ? `${km(a)} km` : `${km(a)}–${km(b)} km`)).join(joiner);
  const rMax = km(e.distancesKm[e.distancesKm.length - 1]);
  if (above.length === 0 && below.length === 0) {
    return { pattern: 'random', reading: { en: `no departure from complete spatial randomness up to ${rMax} km: L(r) − r stays inside the ${test.en}`, zh: `${rMax} km 以内与完全空间随机无显著差异：L(r) − r 始终在${test.zh}之内` } };
  }
  const parts: Bilingual[] = [];
  if (above.length) parts.push({ en: `clustered at ${spans(above, ', ')}`, zh: `在 ${spans(above, '、')} 显著集聚` });
  if (below.length) parts.push({ en: `dispersed at ${spans(below, ', ')}`, zh: `在 ${spans(below, '、')} 显著分散` });
  return {
    pattern: above.length && below.length ? 'mixed' : above.length ? 'clustered' : 'dispersed',
    reading: { en: `${parts.map((p) => p.en).join('; ')}, beyond the ${test.en}`, zh: `${parts.map((p) => p.zh).join('；')}，超出${test.zh}` }
  };
}

/** /api/analytics/ripley: Besag's L over the study area the request's filters give. */
export function* ripleyReport({ selection, query: q, ctx }: ReportInput<RipleyQuery>): Progressive<unknown> {
  const studyArea = studyAreaOfSelection(selection, parseFilters(q, ctx.vocabulary).cities, ctx);
  return yield* ripleySteps({ selection, studyArea, simulations: q.simulations ?? RIPLEY_DEFAULTS.simulations, seed: q.seed ?? RIPLEY_DEFAULTS.seed, maxDistanceKm: q.maxDistanceKm });
}

/** The L-function answer: L(r) − r with its envelopes, the reading, the study area, subsample and precision. */
export function* ripleySteps(input: RipleyInput) {
  const { studyArea, simulations, seed } = input;
  const window = studyArea.window;
  const records = input.selection.pointsOnly();
  const { lon, lat } = records.columns;
  // Visit the records in a seeded random order (lazy Fisher–Yates) and keep the first RIPLEY_MAX_POINTS
  // inside the study area: a uniform sample of the records inside, without testing every record.
  const random = seededUniform(seed);
  const order = Int32Array.from({ length: records.size }, (_, i) => i);
  const kept: number[] = [];
  let examined = 0;
  for (; examined < records.size && kept.length < 2 * RIPLEY_MAX_POINTS; examined++) {
    const r = examined + Math.floor(random() * (records.size - examined));
    const i = order[r];
    order[r] = order[examined];
    order[examined] = i;
    const row = records.row(i);
    const [x, y] = studyArea.toPlane(lon[row], lat[row]);
    if (window.contains(x, y)) kept.push(x, y);
  }
  const xy = Float64Array.from(kept);
  const outside = examined - kept.length / 2;
  const subsampled = examined < records.size;
  const n = xy.length / 2;
  const [x0, y0, x1, y1] = window.bbox;
  const shortSide = Math.min(x1 - x0, y1 - y0);
  const ruleMax = Math.min(shortSide / 4, Math.sqrt(1000 / (Math.PI * (n / window.areaKm2))));
  const edgeDistances = Array.from({ length: n }, (_, i) => window.distanceToEdge(xy[2 * i], xy[2 * i + 1], ruleMax));
  const maxDistanceKm = input.maxDistanceKm ?? Math.min(ruleMax, n ? median(edgeDistances) : ruleMax);
  const common = {
    simulations,
    seed,
    edgeCorrection: EDGE_CORRECTION,
    maxDistanceKm,
    maxDistanceRule: input.maxDistanceKm === undefined ? MAX_DISTANCE_RULE : { en: 'maxDistanceKm as given', zh: '按给定的 maxDistanceKm' },
    studyArea: { cities: [...studyArea.cities], areaKm2: window.areaKm2, rule: STUDY_AREA_RULE },
    points: {
      used: n,
      examined,
      outsideStudyArea: outside,
      subsample: subsampled ? { of: records.size, size: n, seed, rule: SUBSAMPLE_RULE } : null
    },
    precision: input.selection.precisionReport({ name: 'r', km: maxDistanceKm })
  };
  if (n < 3 || !(maxDistanceKm > 0)) {
    return {
      ...common,
      distancesKm: [], l: [], lower: [], upper: [], pointwiseLower: [], pointwiseUpper: [],
      envelope: null,
      pattern: 'undetermined' as const,
      reading: { en: 'undetermined: needs at least three records inside the study area', zh: '无法判断：研究区内至少需要三条记录' }
    };
  }
  const distancesKm = Array.from({ length: RIPLEY_DEFAULTS.distances + 1 }, (_, k) => (k * maxDistanceKm) / RIPLEY_DEFAULTS.distances);
  const e: LEnvelope = yield* lEnvelopeSteps(xy, window, distancesKm, { simulations, seed });
  const finite = (values: number[]) => values.map((v) => (Number.isFinite(v) ? v : null));
  const { pattern, reading } = readEnvelope(e);
  return {
    ...common,
    distancesKm: e.distancesKm,
    l: finite(e.l),
    lower: finite(e.lower),
    upper: finite(e.upper),
    pointwiseLower: finite(e.pointwiseLower),
    pointwiseUpper: finite(e.pointwiseUpper),
    envelope: { kind: 'global' as const, level: 1 - e.alpha, nrank: e.nrank, pValue: e.pValue },
    pattern,
    reading
  };
}
