/**
 * The shipped data's Chinese text reads as Chinese: a word in Latin letters in any `*_zh` field (or `zh` of
 * a bilingual pair) is a name, unit or code on the interface's list (tests/helpers/latin-in-zh.ts), or a
 * Latin word that some Chinese name in the data carries (OPPO, vivo, XbotPark). Field names, `null`, or an
 * English phrase left in a note fail here, before any browser walks the panel that shows them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LATIN, LATIN_ALLOWED_IN_ZH, allowedLatin } from '../tests/helpers/latin-in-zh.ts';
import { GEODATA_DIR } from '../tests/helpers/synthetic-geodata.ts';

const CURATED = join(GEODATA_DIR, 'curated');
const files = [
  ...readdirSync(CURATED).filter((f) => /\.(geo)?json$/.test(f)),
  ...readdirSync(join(CURATED, 'tours')).filter((f) => f.endsWith('.json')).map((f) => join('tours', f))
];
const documents = files.map((file) => ({ file, json: JSON.parse(readFileSync(join(CURATED, file), 'utf8')) as unknown }));

/** Every Chinese string of `value` with the path to it. */
function chineseTexts(value: unknown, path: string, out: { path: string; text: string }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => chineseTexts(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    const id = (value as { id?: unknown }).id ?? (value as { properties?: { id?: unknown } }).properties?.id;
    const here = typeof id === 'string' && !path.endsWith('.properties') ? `${path}(${id})` : path;
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string' && (key === 'zh' || key.endsWith('_zh'))) out.push({ path: `${here}.${key}`, text: v });
      else chineseTexts(v, `${here}.${key}`, out);
    }
  }
  return out;
}

const texts = documents.flatMap(({ file, json }) => chineseTexts(json, file));
const namesLatin = new Set(texts.filter((t) => /\.name_zh$/.test(t.path)).flatMap((t) => t.text.match(LATIN) ?? []));
const allowed = new Set([...LATIN_ALLOWED_IN_ZH, ...namesLatin]);

describe('the Chinese text of the shipped data', () => {
  test('is read from every curated file', () => {
    expect(files).toEqual(expect.arrayContaining(['organizations.geojson', 'parks.geojson', 'context.geojson']));
    expect(texts.length).toBeGreaterThan(500);
  });

  test('has no word in Latin letters but names, units and codes shown on purpose', () => {
    const stray = texts.flatMap(({ path, text }) => (text.match(LATIN) ?? []).filter((w) => !allowedLatin(w.replace(/-+$/, ''), allowed)).map((w) => `${path}: ${w}`));
    expect(stray).toEqual([]);
  });
});
