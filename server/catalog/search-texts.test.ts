import { describe, expect, test } from 'vitest';
import { searchTextOf } from './filter.ts';
import { SearchTexts, termBytes, termPattern } from './search-texts.ts';

// ASCII, Latin-1, Chinese, a character outside the BMP (a surrogate pair), lone surrogates, and an empty text.
const texts = ['tencent | 腾讯', 'café ñandú', '深圳市大疆创新科技有限公司 | dji', '𠀀𠀁 rare 𩸽', 'lone \ud800 high and \udc00 low', '\udbff\udfff edge', '', 'a'];

describe('SearchTexts', () => {
  const stored = SearchTexts.from(texts.length, (id) => texts[id]);

  test('gives every text back exactly, code unit for code unit', () => {
    expect(stored.length).toBe(texts.length);
    for (let id = 0; id < texts.length; id++) expect(stored.at(id)).toBe(texts[id]);
    const units = new Uint16Array(stored.longest());
    for (let id = 0; id < texts.length; id++) expect([...units.subarray(0, stored.unitsOf(id, units))]).toEqual(Array.from({ length: texts[id].length }, (_, k) => texts[id].charCodeAt(k)));
  });

  test('holds a term exactly when the text includes it, for every piece of every text and for pieces that split a surrogate pair', () => {
    const terms = new Set<string>(['', 'zz', '腾讯x', '\ud840', '\udc00', '\udc01 rare', 'ñ', 'é ñ']);
    for (const text of texts) for (let i = 0; i < text.length; i++) for (let j = i + 1; j <= Math.min(text.length, i + 6); j++) terms.add(text.slice(i, j));
    for (const term of terms) {
      const pattern = termPattern(term);
      for (let id = 0; id < texts.length; id++) expect(stored.holds(id, term, pattern), `${JSON.stringify(term)} in ${JSON.stringify(texts[id])}`).toBe(texts[id].includes(term));
    }
  });

  test('a term that is not well-formed UTF-16 has no bytes, and is looked for in the decoded text', () => {
    expect(termBytes('\ud800')).toBeNull();
    expect(termPattern('\ud800')).toBeNull();
    expect(termBytes('a\udc00')).toBeNull();
    expect(termBytes('𠀀')).toEqual(new Uint8Array([0xf0, 0xa0, 0x80, 0x80]));
    expect(termBytes('腾讯')).toEqual(new Uint8Array(Buffer.from('腾讯')));
  });

  test('a register of Chinese and English names takes about half the bytes of two-byte strings', () => {
    const names = Array.from({ length: 5_000 }, (_, i) => searchTextOf(`合成机构 ${i}`, `Synthetic organisation ${i}`, `synthetic-${i}`));
    const compact = SearchTexts.from(names.length, (id) => names[id]);
    const twoByte = names.reduce((sum, name) => sum + 2 * name.length, 0);
    expect(compact.byteLength).toBeLessThan(0.65 * twoByte);
    expect(compact.at(4_321)).toBe(names[4_321]);
  });
});
