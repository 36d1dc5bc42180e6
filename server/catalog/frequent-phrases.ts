/**
 * The frequent phrases of a register's search texts, whose exact holders the name index finds at build
 * time: then a query like `合成机构 0` (a longer term most names hold, with a frequent short one) is
 * answered from bits alone. Without them such a term's every candidate is read with `includes` (~400k
 * names at a million), because a text holding all of a term's pairs need not hold the term.
 *
 * A phrase is a run of three or more characters with no space (query terms are split at spaces)
 * held by at least `share` of an evenly spaced sample of the texts; longer ones are found a level at
 * a time from shorter ones (a phrase's prefix and suffix are phrases too). Which phrases are kept
 * only decides which queries are fast: the index finds their holders among every text, so answers do
 * not depend on the sample.
 */

/** Texts sampled to find the phrases (evenly spaced, so the choice is deterministic). */
const SAMPLE_SIZE = 2048;
/** The longest phrase looked for: type-ahead terms longer than this are rare, and are still answered by reading. */
const MAX_PHRASE_LENGTH = 24;
const MIN_PHRASE_LENGTH = 3;

/** Whether the character before position `i` ends a word (or there is none), so a phrase at `i` is what a user types first. */
function startsWord(text: string, i: number): boolean {
  return i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]);
}

/**
 * Up to `kept` phrases held by at least `share` of the sampled texts: those that start a word somewhere
 * (how type-ahead terms begin) before the others, then the most held, then the shorter, then in code-unit order.
 */
export function frequentPhrases(texts: { readonly length: number; at(id: number): string | undefined }, share: number, kept: number): string[] {
  if (kept <= 0 || texts.length === 0) return [];
  const step = Math.max(1, Math.floor(texts.length / SAMPLE_SIZE));
  const sample: string[] = [];
  for (let id = 0; id < texts.length; id += step) sample.push(texts.at(id)!);
  const minHolders = Math.max(2, Math.ceil(sample.length * share));
  const found: { phrase: string; holders: number; wordStarts: number }[] = [];
  // Where a frequent run of the current length starts in each sampled text (all positions to begin with).
  let starts = sample.map((text) => Array.from({ length: Math.max(0, text.length - MIN_PHRASE_LENGTH + 1) }, (_, i) => i));
  let frequent: Set<string> | null = null;
  for (let length = MIN_PHRASE_LENGTH; length <= MAX_PHRASE_LENGTH; length++) {
    const holders = new Map<string, number>();
    const wordStarts = new Map<string, number>();
    const runs = sample.map((text, s) => {
      const seen = new Set<string>();
      const here: number[] = [];
      for (const i of starts[s]) {
        if (i + length > text.length) continue;
        const run = text.slice(i, i + length);
        if (run.includes(' ')) continue;
        // Both shorter runs inside it must be frequent (checked from the previous level).
        if (frequent && !(frequent.has(run.slice(0, -1)) && frequent.has(run.slice(1)))) continue;
        here.push(i);
        if (seen.has(run)) continue;
        seen.add(run);
        holders.set(run, (holders.get(run) ?? 0) + 1);
        if (startsWord(text, i)) wordStarts.set(run, (wordStarts.get(run) ?? 0) + 1);
      }
      return here;
    });
    frequent = new Set([...holders].filter(([, count]) => count >= minHolders).map(([run]) => run));
    if (frequent.size === 0) break;
    for (const phrase of frequent) found.push({ phrase, holders: holders.get(phrase)!, wordStarts: wordStarts.get(phrase) ?? 0 });
    starts = runs;
  }
  const byUse = (a: (typeof found)[number], b: (typeof found)[number]) =>
    Number(b.wordStarts > 0) - Number(a.wordStarts > 0) || b.holders - a.holders || a.phrase.length - b.phrase.length || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0);
  return found.sort(byUse).slice(0, kept).map(({ phrase }) => phrase);
}
