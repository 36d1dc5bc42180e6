import { describe, expect, test } from 'vitest';
import { ATTRIBUTION } from '../../../server/tiles/tilejson.ts';
import { STREETS_ATTRIBUTION } from '../../../server/tiles/streets-archive.ts';
import { tiandituAttribution } from '../../../server/tiles/tianditu-style.ts';
import { attributionLines, attributionText } from './attribution';

const LATIN_WORD = /[A-Za-z]{4,}/g;
/** Names of projects and licences, which stay names in Chinese too. */
const NAMES = new Set(['echarts', 'china', 'cities', 'GSHHG', 'LGPL', 'OpenStreetMap', 'maps', 'ODbL', 'Protomaps']);

describe('the map credits in the interface language', () => {
  test('the shipped basemap is credited in Chinese in the Chinese interface, with only names left in Latin letters', () => {
    const [line] = attributionLines({ basemap: { attribution: ATTRIBUTION }, parks: {} }, 'zh');
    expect(line.text).toContain('海岸线');
    expect(line.original).toBeUndefined();
    expect((line.text.match(LATIN_WORD) ?? []).filter((w) => !NAMES.has(w))).toEqual([]);
  });

  test('the English interface gets the English credit', () => {
    expect(attributionLines({ basemap: { attribution: ATTRIBUTION } }, 'en')[0].text).toContain('Coast: GSHHG');
  });

  test('a street archive with the default credit and Tianditu with its review number are translated', () => {
    const lines = attributionLines({ streets: { attribution: STREETS_ATTRIBUTION }, 'tianditu-base': { attribution: tiandituAttribution('GS(2024)1234号') } }, 'zh');
    expect(lines.map((l) => l.text)).toEqual(['街道底图：© OpenStreetMap 贡献者（ODbL 许可）· Protomaps 底图结构', '© 国家地理信息公共服务平台 天地图 · 审图号：GS(2024)1234号']);
  });

  test('a credit we do not know is shown in its own words, tagged with its language', () => {
    const lines = attributionLines({ streets: { attribution: '© Example Maps Ltd' } }, 'zh');
    expect(lines).toEqual([{ text: '© Example Maps Ltd', original: 'en' }]);
    expect(attributionText({ streets: { attribution: '© Example Maps Ltd' } }, 'zh')).toBe('© Example Maps Ltd (原文)');
    expect(attributionText({ streets: { attribution: '© Example Maps Ltd' } }, 'en')).toBe('© Example Maps Ltd');
  });
});
