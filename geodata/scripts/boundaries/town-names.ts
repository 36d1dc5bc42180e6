/** English names and levels of Dongguan's towns, subdistricts and functional areas. */
import { pinyinPlaceName } from './names.ts';

/**
 * Names the pinyin rule reads wrong, keyed by NBS code: Cantonese place-name characters whose
 * official romanisation differs from the common reading, and the functional areas' usual names.
 */
const TOWN_NAME_EN_OVERRIDES: Record<string, string> = {
  // 涌 is "chong" (a creek) in Pearl River delta place names, not "yong".
  '441900126': 'Machong Town',
  // 厦 is "xia" here, as in 厦门 Xiamen.
  '441900116': 'Tangxia Town',
  '441900401': 'Songshan Lake',
  '441900402': 'Dongguan Port',
  '441900403': 'Dongguan Eco-Industrial Park',
  '441900404': 'Binhaiwan New Area',
};

export function townLevel(zh: string): 'subdistrict' | 'town' | 'area' {
  if (zh.endsWith('街道')) return 'subdistrict';
  if (zh.endsWith('镇')) return 'town';
  return 'area';
}

export function englishTownName(code: string, zh: string): string {
  const override = TOWN_NAME_EN_OVERRIDES[code];
  if (override) return override;
  if (zh.endsWith('街道')) return `${pinyinPlaceName(zh.slice(0, -2))} Subdistrict`;
  if (zh.endsWith('镇')) return `${pinyinPlaceName(zh.slice(0, -1))} Town`;
  return pinyinPlaceName(zh);
}
