import { describe, expect, test } from 'vitest';
import { searchTextOf } from './filter.ts';
import { frequentPhrases } from './frequent-phrases.ts';

const register = Array.from({ length: 10_000 }, (_, i) => searchTextOf(`合成机构 ${i}`, i % 3 ? `Synthetic organisation ${i}` : undefined, `synthetic-${i}`));

describe('frequentPhrases', () => {
  test('finds the runs most names hold, words and the prefixes a user types first before runs inside words', () => {
    const phrases = frequentPhrases(register, 1 / 4, 32);
    expect(phrases).toHaveLength(32);
    for (const phrase of ['合成机构', '合成机', 'synthetic', 'synthetic-', 'organisation', 'org']) expect(phrases).toContain(phrase);
    // Every name holds `syn…`; two thirds hold `org…`; word beginnings come before `ynt`, which starts inside a word.
    expect(phrases.indexOf('syn')).toBeLessThan(phrases.indexOf('org'));
    expect(phrases.indexOf('organisation')).toBeLessThan(phrases.indexOf('ynt') === -1 ? Infinity : phrases.indexOf('ynt'));
  });

  test('a phrase has three or more characters and no space, and is held by at least the share of the names', () => {
    const phrases = frequentPhrases(register, 1 / 4, 1_000);
    expect(phrases.length).toBeGreaterThan(32);
    for (const phrase of phrases) {
      expect(phrase.length).toBeGreaterThanOrEqual(3);
      expect(phrase).not.toContain(' ');
      expect(register.filter((text) => text.includes(phrase)).length, phrase).toBeGreaterThanOrEqual(register.length / 5);
    }
    // Numbers are in few names each.
    expect(phrases.some((phrase) => /^\d+$/.test(phrase))).toBe(false);
  });

  test('keeps none when asked for none, or when no run is frequent', () => {
    expect(frequentPhrases(register, 1 / 4, 0)).toEqual([]);
    expect(frequentPhrases([], 1 / 4, 32)).toEqual([]);
    expect(frequentPhrases(Array.from({ length: 1_000 }, (_, i) => `${i * 7919}`), 1 / 4, 32)).toEqual([]);
    // The only frequent runs here: word beginnings first, then by length.
    expect(frequentPhrases(Array.from({ length: 1_000 }, (_, i) => `name-${i * 7919}`), 1 / 4, 32)).toEqual(['nam', 'name', 'name-', 'ame', 'me-', 'ame-']);
  });
});
