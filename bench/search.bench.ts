/**
 * Type-ahead search at scale: the n-gram NameIndex against today's linear substring scan, over
 * 1,000,000 seeded SYNTHETIC names (never shipped). Same queries, same answers (checked), times
 * per query. Run: `npx tsx bench/search.bench.ts` (N=… to change the count).
 */
import { loadavg } from 'node:os';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { normalizeForSearch, searchTextOf } from '../server/catalog/filter.ts';
import { NameIndex } from '../server/catalog/name-index.ts';

const N = Number(process.env.N ?? 1_000_000);
const SEED = 20261129;
const rng = xoroshiro128plus(SEED);
const pick = <T>(items: readonly T[]) => items[uniformInt(rng, 0, items.length - 1)];

// Register-like names: a city, two to four syllables of a firm name, a kind; English as pinyin-ish words.
const CITIES = ['广州', '深圳', '珠海', '东莞', '佛山'];
const SYLLABLES = [...'腾讯大疆华为云从极飞优必选商汤旷视小马智行元戎启行文远知行汇川正浩达安科创新智能数据科技信息电子光电机器人芯片软件网络'];
const KINDS = ['科技有限公司', '智能科技有限公司', '研究院', '实验室', '电子有限公司'];
const WORDS = ['tech', 'smart', 'robot', 'data', 'cloud', 'vision', 'chip', 'micro', 'intelligent', 'systems', 'labs', 'ai', 'tencent', 'dji', 'huawei'];

const texts: string[] = Array.from({ length: N }, (_, i) => {
  const firm = Array.from({ length: uniformInt(rng, 2, 4) }, () => pick(SYLLABLES)).join('');
  const en = Array.from({ length: uniformInt(rng, 1, 3) }, () => pick(WORDS)).join(' ');
  return searchTextOf(`${pick(CITIES)}${firm}${pick(KINDS)}（合成）`, `${en} (synthetic)`, `synthetic-${i}`);
});
const queries = ['腾讯', 'tencent', '大疆', 'DJI', '深圳优必选', 'robot labs', '机器人', 'synthetic-4242', '光电芯片', 'vision chip', '华', 'a'].map((q) => normalizeForSearch(q).split(' '));

const linear = (terms: string[]) => texts.flatMap((t, i) => (terms.every((term) => t.includes(term)) ? [i] : []));

function time<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

const cpuBefore = process.cpuUsage();
const build = time(() => new NameIndex(texts));
const buildCpu = process.cpuUsage(cpuBefore);
console.log(`NameIndex over ${N.toLocaleString()} synthetic names (seed ${SEED}): built in ${build.ms.toFixed(0)} ms wall, ${((buildCpu.user + buildCpu.system) / 1000).toFixed(0)} ms CPU (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}), heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB, array buffers ${(process.memoryUsage().arrayBuffers / 1048576).toFixed(0)} MB`);
const index = build.result;

const REPEATS = 5;
console.log('query'.padEnd(18), 'matches'.padStart(9), 'examined'.padStart(9), 'index ms'.padStart(10), 'scan ms'.padStart(10), 'ratio'.padStart(8));
let indexTotal = 0;
let scanTotal = 0;
for (const terms of queries) {
  // Warm up once; then the minimum of a few runs (flatbush's habit), and the answers must agree.
  const expected = linear(terms);
  const examinedBefore = index.examined;
  const ours = index.matching(terms);
  const examined = index.examined - examinedBefore;
  if (ours.length !== expected.length || ours.some((id, k) => id !== expected[k])) throw new Error(`different answers for "${terms.join(' ')}"`);
  let indexMs = Infinity;
  let scanMs = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    indexMs = Math.min(indexMs, time(() => index.matching(terms)).ms);
    scanMs = Math.min(scanMs, time(() => linear(terms)).ms);
  }
  indexTotal += indexMs;
  scanTotal += scanMs;
  console.log(terms.join(' ').padEnd(18), String(expected.length).padStart(9), String(examined).padStart(9), indexMs.toFixed(2).padStart(10), scanMs.toFixed(1).padStart(10), `${(scanMs / indexMs).toFixed(0)}×`.padStart(8));
}
console.log(`all ${queries.length} queries: index ${indexTotal.toFixed(1)} ms, scan ${scanTotal.toFixed(0)} ms, ratio ${(scanTotal / indexTotal).toFixed(1)}× (node ${process.version}, ${process.arch})`);
