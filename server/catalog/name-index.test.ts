import { readFileSync } from 'node:fs';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, test } from 'vitest';
import { normalizeForSearch, searchTextOf } from './filter.ts';
import { NameIndex } from './name-index.ts';

/** Today's search: every term a substring of the text. */
const linear = (texts: readonly string[], terms: string[]) => texts.flatMap((t, i) => (terms.every((term) => t.includes(term)) ? [i] : []));
const termsOf = (q: string) => normalizeForSearch(q).split(' ');

const shipped: string[] = JSON.parse(readFileSync(new URL('../../geodata/curated/organizations.geojson', import.meta.url), 'utf8')).features.map(
  (f: { properties: { name_zh: string; name_en: string; id: string } }) => searchTextOf(f.properties.name_zh, f.properties.name_en, f.properties.id)
);

function seededNames(count: number, seed: number): string[] {
  const rng = xoroshiro128plus(seed);
  const pick = <T>(items: readonly T[]) => items[uniformInt(rng, 0, items.length - 1)];
  const han = [...'腾讯大疆华为云从科技极飞智能机器人深圳广州珠海东莞佛山研究院实验室公司有限'];
  const latin = [...'abcdefghijklmnopqrstuvwxyz0123456789 -'];
  return Array.from({ length: count }, () => {
    const zh = Array.from({ length: uniformInt(rng, 1, 12) }, () => pick(han)).join('');
    const en = Array.from({ length: uniformInt(rng, 1, 20) }, () => pick(latin)).join('');
    return searchTextOf(zh, en, `org-${uniformInt(rng, 0, 999)}`);
  });
}

describe('NameIndex', () => {
  const index = new NameIndex(shipped);

  test.each([
    ['腾讯', /腾讯/],
    ['tencent', /tencent/],
    ['大疆', /大疆/],
    ['DJI', /dji/]
  ])('finds %s in the shipped names', (q, expected) => {
    const ids = index.matching(termsOf(q));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(shipped[id]).toMatch(expected);
  });

  test('answers exactly as the substring scan for every 1–4 character piece of every shipped name', () => {
    const queries = new Set<string>();
    for (const text of shipped) for (let len = 1; len <= 4; len++) for (let i = 0; i + len <= text.length; i++) queries.add(text.slice(i, i + len));
    expect(queries.size).toBeGreaterThan(1000);
    for (const q of queries) {
      const terms = q.split(' ').filter(Boolean);
      if (terms.length) expect([...index.matching(terms)], q).toEqual(linear(shipped, terms));
    }
  });

  test('answers exactly as the substring scan on 5 000 seeded random names, for random and multi-term queries', () => {
    const names = seededNames(5_000, 7);
    const random = new NameIndex(names);
    for (const terms of [['公司'], ['a'], ['zzzz'], ['腾讯', 'a'], ['org-1'], ['|']]) expect([...random.matching(terms)], terms.join(' ')).toEqual(linear(names, terms));
    const rng = xoroshiro128plus(8);
    for (let k = 0; k < 300; k++) {
      const source = names[uniformInt(rng, 0, names.length - 1)];
      const start = uniformInt(rng, 0, source.length - 1);
      const piece = source.slice(start, start + uniformInt(rng, 1, 6)).trim();
      const other = names[uniformInt(rng, 0, names.length - 1)].slice(0, 2).trim();
      for (const terms of [[piece], [piece, other]].map((t) => t.filter(Boolean))) {
        if (terms.length) expect([...random.matching(terms)], terms.join(' ')).toEqual(linear(names, terms));
      }
    }
  });

  test('a search examines only the names holding its rarest key, never every name, and answers as the scan does', () => {
    // Register-like names as the registry bench makes them: every one holds 合成机构 and organisation, and a number.
    const names = Array.from({ length: 60_000 }, (_, i) => searchTextOf(`合成机构 ${i}`, `Synthetic organisation ${i}`, `synthetic-${i}`));
    const big = new NameIndex(names);
    const examinedBy = (terms: string[]) => {
      const before = big.examined;
      expect([...big.matching(terms)], terms.join(' ')).toEqual(linear(names, terms));
      return big.examined - before;
    };
    // A selective query looks at the holders of its rarest pair (`42`: ~4 % of the names), a scan at all 60 000.
    for (const terms of [['4242'], ['synthetic-4242'], ['合成机构', '4242'], ['organisation', '59999'], ['腾讯']]) expect(examinedBy(terms), terms.join(' ')).toBeLessThan(names.length / 10);
    // Terms made only of keys most names hold (bitmaps, not lists): only the names holding all of them are looked at.
    for (const terms of [['7', '9'], ['合成', '5']]) expect(examinedBy(terms), terms.join(' ')).toBe(linear(names, terms).length);
    expect(linear(names, ['7', '9']).length).toBeLessThan(names.length / 4);
  });

  test('a page is the full answer sliced at offset and limit, with its total the full count, on every search path', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => searchTextOf(`合成机构 ${i}`, i % 5 ? `Synthetic organisation ${i}` : undefined, `synthetic-${i}`));
    const big = new NameIndex(names);
    // Bitmaps only with no text to read (counted a word at a time), bitmaps with a longer term, lists, lists with a longer term, none.
    const queries = [['7'], ['合成', '5'], ['合成机构', '0'], ['organisation'], ['4242'], ['synthetic-1999'], ['19', 'organisation'], ['腾讯'], ['|']];
    const pages = [[0, 10], [0, 1], [3, 10], [31, 2], [32, 33], [95, 100], [4_000, 50], [19_990, 20], [25_000, 10]];
    for (const terms of queries) {
      const full = [...big.matching(terms)];
      expect(full, terms.join(' ')).toEqual(linear(names, terms));
      for (const [offset, limit] of pages) {
        const { total, rows } = big.page(terms, offset, limit);
        expect({ total, rows: [...rows] }, `${terms.join(' ')} @${offset}+${limit}`).toEqual({ total: full.length, rows: full.slice(offset, offset + limit) });
      }
    }
  });

  test('a page of terms every name holds counts the matches without looking at each of them', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => searchTextOf(`合成机构 ${i}`, undefined, `synthetic-${i}`));
    const big = new NameIndex(names);
    const before = big.examined;
    expect(big.page(['合成', '构'], 0, 10).total).toBe(names.length);
    expect(big.examined - before).toBeLessThanOrEqual(64);
  });

  test('a longer term searched alone is not read again in the names when a later search repeats it, and answers the same', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => searchTextOf(`合成机构 ${i}`, i % 7 ? `Synthetic organisation ${i}` : undefined, `synthetic-${i}`));
    // Without build-time phrases, which would hold `organisation` from the start (tested below).
    const big = new NameIndex(names, { phrasesKept: 0 });
    const examinedBy = (run: () => unknown) => {
      const before = big.examined;
      run();
      return big.examined - before;
    };
    // `organisation` alone: every name holding its pairs is read once.
    expect(examinedBy(() => expect([...big.matching(['organisation'])]).toEqual(linear(names, ['organisation'])))).toBe(linear(names, ['synthetic organisation']).length);
    // Then with a one-character term (both frequent): counted from bits, only the page's names looked at.
    expect(examinedBy(() => expect(big.page(['organisation', '5'], 0, 10).total).toBe(linear(names, ['organisation', '5']).length))).toBeLessThanOrEqual(64);
    for (const terms of [['organisation'], ['organisation', '5'], ['5', 'organisation'], ['organisation', '4242'], ['organisation', 'organisation']]) {
      expect([...big.matching(terms)], terms.join(' ')).toEqual(linear(names, terms));
      expect([...big.page(terms, 7, 9).rows], terms.join(' ')).toEqual(linear(names, terms).slice(7, 16));
    }
  });

  test('a frequent phrase beside a frequent short term is counted from bits on its first search, and answers as the scan does', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => searchTextOf(`合成机构 ${i}`, i % 7 ? `Synthetic organisation ${i}` : undefined, `synthetic-${i}`));
    const big = new NameIndex(names);
    const before = big.examined;
    for (const terms of [['合成机构', '0'], ['organisation', '5'], ['0', 'synthetic']]) {
      const { total, rows } = big.page(terms, 0, 10);
      expect({ total, rows: [...rows] }, terms.join(' ')).toEqual({ total: linear(names, terms).length, rows: linear(names, terms).slice(0, 10) });
    }
    // Only the words holding the three pages' ids are looked at; without the phrases ~10 000 names each would be read.
    expect(big.examined - before).toBeLessThanOrEqual(3 * 64);
  });

  test('a phrase whose pairs a name holds apart is not found in that name: phrase answers equal the scan and the index without phrases', () => {
    // A quarter of the names hold 合成, 成机 and 机构 but not 合成机构, and `organisation`'s pairs without the word.
    const names = Array.from({ length: 12_000 }, (_, i) =>
      i % 4 === 0 ? searchTextOf(`机构合成 成机 ${i}`, `nisation organ is ${i}`, `x-${i}`) : searchTextOf(`合成机构 ${i}`, `Synthetic organisation ${i}`, `synthetic-${i}`)
    );
    const withPhrases = new NameIndex(names);
    const without = new NameIndex(names, { phrasesKept: 0 });
    const queries = [['合成机构'], ['合成机构', '0'], ['organisation'], ['organisation', '7'], ['合成机'], ['成机构', '1'], ['ganisa'], ['synthetic-1'], ['机构合成']];
    for (const terms of queries) {
      const scan = linear(names, terms);
      expect(scan.length, terms.join(' ')).toBeLessThan(names.length);
      expect([...withPhrases.matching(terms)], terms.join(' ')).toEqual(scan);
      for (const [offset, limit] of [[0, 10], [31, 2], [5_000, 40]]) {
        const page = withPhrases.page(terms, offset, limit);
        expect({ total: page.total, rows: [...page.rows] }, `${terms.join(' ')} @${offset}`).toEqual({ total: scan.length, rows: scan.slice(offset, offset + limit) });
        const old = without.page(terms, offset, limit);
        expect([...page.rows]).toEqual([...old.rows]);
      }
    }
  });

  test('an empty index and a term in no name find nothing', () => {
    expect([...new NameIndex([]).matching(['腾讯'])]).toEqual([]);
    expect(new NameIndex([]).page(['腾讯'], 0, 10)).toEqual({ total: 0, rows: new Uint32Array(0) });
    expect([...index.matching(['不存在的名字'])]).toEqual([]);
  });
});
