/** English district names: pinyin of the Chinese name (pinyin-pro) plus the override table. */
import { pinyin } from './sources.ts';

/**
 * English names that the pinyin rule gets wrong or that have official non-pinyin forms,
 * keyed by GB code. Hong Kong uses its official (Cantonese-based) district names; Macau's
 * source units are the seven parishes plus the Cotai reclamation, named in their usual
 * English forms.
 */
export const NAME_EN_OVERRIDES: Record<string, string> = {
  // pinyin-pro reads 都 as "dou" here; the district is Huadu.
  '440114': 'Huadu District',
  // Autonomous counties: ethnic designation translated rather than transliterated.
  '441825': 'Lianshan Zhuang and Yao Autonomous County',
  '441826': 'Liannan Yao Autonomous County',
  // Hong Kong SAR
  '810001': 'Central and Western District',
  '810002': 'Wan Chai District',
  '810003': 'Eastern District',
  '810004': 'Southern District',
  '810005': 'Yau Tsim Mong District',
  '810006': 'Sham Shui Po District',
  '810007': 'Kowloon City District',
  '810008': 'Wong Tai Sin District',
  '810009': 'Kwun Tong District',
  '810010': 'Tsuen Wan District',
  '810011': 'Tuen Mun District',
  '810012': 'Yuen Long District',
  '810013': 'North District',
  '810014': 'Tai Po District',
  '810015': 'Sai Kung District',
  '810016': 'Sha Tin District',
  '810017': 'Kwai Tsing District',
  '810018': 'Islands District',
  // Macau SAR
  '820001': 'Our Lady of Fátima Parish',
  '820002': 'St. Anthony Parish',
  '820003': 'St. Lazarus Parish',
  '820004': 'Cathedral Parish',
  '820005': 'St. Lawrence Parish',
  '820006': 'Our Lady of Carmel Parish (Taipa)',
  '820007': 'Cotai',
  '820008': 'St. Francis Xavier Parish (Coloane)',
};

const SUFFIXES: [string, string][] = [
  ['自治县', 'Autonomous County'],
  ['区', 'District'],
  ['县', 'County'],
  ['市', 'City'],
];

/**
 * Hanyu Pinyin place-name spelling: syllables written together, first letter capitalised,
 * and an apostrophe before a syllable starting with a, o or e (宝安 → Bao'an).
 */
export function pinyinPlaceName(zh: string): string {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array' }) as string[];
  const joined = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** English district name: override table first, else pinyin of the stem + type suffix. */
export function englishDistrictName(code: string, zh: string): string {
  const override = NAME_EN_OVERRIDES[code];
  if (override) return override;
  for (const [suffix, en] of SUFFIXES) {
    if (zh.endsWith(suffix) && zh.length > suffix.length) {
      return `${pinyinPlaceName(zh.slice(0, -suffix.length))} ${en}`;
    }
  }
  return pinyinPlaceName(zh);
}
