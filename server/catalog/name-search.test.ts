import { afterEach, describe, expect, test } from 'vitest';
import { parseFilters } from '../schemas/filters.ts';
import { ORGANIZATION_TYPES, type OrganizationFeature } from '../schemas/places.ts';
import { normalizeForSearch, searchTextOf } from './filter.ts';
import { NameSearch } from './name-search.ts';
import { OrganizationIndex } from './organization-index.ts';
import { tableOf } from './organization-table.ts';

const org = (id: string, name_zh: string, name_en?: string): OrganizationFeature =>
  ({ type: 'Feature', geometry: { type: 'Point', coordinates: [114, 22.5] }, properties: { id, name_zh, name_en, type: 'firm', city: 'shenzhen', sectors: [], precision_m: 100, source: 'test', source_date: '2026-11-29' } }) as OrganizationFeature;

const features = [
  org('tencent', '腾讯科技（深圳）有限公司', 'Tencent'),
  org('dji', '深圳市大疆创新科技有限公司', 'DJI'),
  org('ubtech', '深圳市优必选科技股份有限公司', 'UBTECH Robotics'),
  ...Array.from({ length: 300 }, (_, i) => org(`synthetic-${i}`, `合成机构 ${i}`, i % 3 ? `Synthetic organisation ${i}` : undefined))
];
const vocabulary = { cities: ['shenzhen'], sectors: [], kinds: [], types: ORGANIZATION_TYPES };
const table = tableOf(features, vocabulary, null);
const QUERIES = ['腾讯', 'tencent', '大疆', 'DJI', '深圳 科技', 'organisation 1', 'synthetic-29', '机构', 'nothing-like-this'];
const linear = (q: string) => {
  const terms = normalizeForSearch(q).split(' ');
  return features.flatMap((f, i) => (terms.every((t) => searchTextOf(f.properties.name_zh, f.properties.name_en, f.properties.id).includes(t)) ? [i] : []));
};

let search: NameSearch | undefined;
afterEach(() => search?.close());

describe('NameSearch', () => {
  test('in a worker thread, finds exactly what a linear substring scan finds', async () => {
    search = new NameSearch(table, 0);
    for (const q of QUERIES) expect([...(await search.matching(normalizeForSearch(q).split(' ')))], q).toEqual(linear(q));
  });

  test('on the main thread (a small register), finds the same', async () => {
    search = new NameSearch(table);
    for (const q of QUERIES) expect([...(await search.matching(normalizeForSearch(q).split(' ')))], q).toEqual(linear(q));
  });

  test('a page from the worker is the full answer sliced, with its total, as on the main thread', async () => {
    search = new NameSearch(table, 0);
    const inline = new NameSearch(table);
    for (const q of QUERIES) {
      const terms = normalizeForSearch(q).split(' ');
      const full = linear(q);
      for (const [offset, limit] of [[0, 10], [5, 3], [290, 50]]) {
        const expected = { total: full.length, rows: full.slice(offset, offset + limit) };
        for (const answer of [await search.page(terms, offset, limit), await inline.page(terms, offset, limit)]) expect({ total: answer.total, rows: [...answer.rows] }, `${q} @${offset}`).toEqual(expected);
      }
    }
  });

  test('answers searches sent while the worker is still building, each with its own rows', async () => {
    search = new NameSearch(table, 0);
    const answers = await Promise.all(QUERIES.map((q) => search!.matching(normalizeForSearch(q).split(' '))));
    expect(answers.map((rows) => [...rows])).toEqual(QUERIES.map(linear));
  });

  test('reports what its index holds, the same in its worker as on the main thread, and the worker’s heap', async () => {
    search = new NameSearch(table, 0);
    const inline = new NameSearch(table);
    expect(await search.memory()).toBeNull();
    await Promise.all([search.matching(['腾讯']), inline.matching(['腾讯'])]);
    const [inWorker, onMain] = [await search.memory(), await inline.memory()];
    expect(inWorker!.index).toEqual(onMain!.index);
    // 303 texts of about 40 UTF-8 bytes each, and their ends.
    expect(inWorker!.index.texts).toBeGreaterThan(303 * 20);
    expect(inWorker!.heapUsed).toBeGreaterThan(0);
    expect(inWorker!.heapTotal).toBeGreaterThanOrEqual(inWorker!.heapUsed);
  });

  test('a search waiting when the organisations change fails rather than answering for the old rows', async () => {
    search = new NameSearch(table, 0);
    const waiting = search.matching(['腾讯']);
    search.close();
    await expect(waiting).rejects.toThrow(/organisations changed/);
  });
});

describe('OrganizationIndex.prepareNames (for tiles, which are made synchronously)', () => {
  test('after the name search answered for q, matches reads its rows, and they are the linear scan’s', async () => {
    const index = OrganizationIndex.of(features, vocabulary);
    try {
      for (const q of QUERIES) {
        const filters = parseFilters({ q }, vocabulary);
        expect(index.compile(filters).nameRows).toBeUndefined();
        await index.prepareNames(q);
        const compiled = index.compile(filters);
        expect(compiled.nameRows).toBeDefined();
        expect(features.flatMap((_, i) => (index.matches(i, compiled) ? [i] : [])), q).toEqual(linear(q));
      }
    } finally {
      index.close();
    }
  });
});
