/** Reference layers drawn by MapLibre from the server's style.json (the style owns their paint). */
import { ORGANIZATION_TYPE_NAMES, PARK_KIND_NAMES } from '$lib/i18n/dictionary';
import { PARK_KIND_COLORS, TRANSPORT_COLORS } from '$server/tiles/style.ts';
import type { MapLibreLayerDefinition } from '../layer-registry.ts';

const byIds = (ids: string[]) => (all: string[]) => all.filter((id) => ids.includes(id));
const byPrefix = (prefix: string) => (all: string[]) => all.filter((id) => id.startsWith(prefix));

const typeName = (type: unknown, lang: 'zh' | 'en') => ORGANIZATION_TYPE_NAMES[String(type)]?.[lang] ?? String(type);

export const BASE_LAYERS: MapLibreLayerDefinition[] = [
  {
    id: 'boundaries',
    group: 'reference',
    engine: 'maplibre',
    name: { zh: '市、区、镇街边界', en: 'City, district & town boundaries' },
    defaultVisible: true,
    styleLayers: byIds(['city-fill', 'city-line', 'district-line', 'district-label', 'town-line', 'town-area-line', 'town-label']),
    legend: {
      kind: 'swatches',
      note: {
        zh: '区界约 2017 年，光明区、东莞镇街约 2020 年（均转为 WGS-84）',
        en: 'Districts c. 2017; Guangming and Dongguan towns c. 2020 (all in WGS-84)'
      },
      items: (_data, { lang }) => [
        { color: '#fff8ec', label: lang === 'zh' ? '重点城市' : 'Focus city', shape: 'box' },
        { color: '#ece8df', label: lang === 'zh' ? '周边城市' : 'Neighbouring city', shape: 'box' },
        { color: '#a39e93', label: lang === 'zh' ? '区界' : 'District boundary', shape: 'line' },
        { color: '#9a9488', label: lang === 'zh' ? '镇街界（东莞）' : 'Town boundary (Dongguan)', shape: 'line' },
        { color: '#5b8a72', label: lang === 'zh' ? '功能区（松山湖）' : 'Functional area (Songshan Lake)', shape: 'line' }
      ]
    }
  },
  {
    id: 'parks',
    group: 'reference',
    engine: 'maplibre',
    name: { zh: '规划园区', en: 'Places of the plan' },
    defaultVisible: true,
    styleLayers: byPrefix('park-'),
    legend: {
      kind: 'swatches',
      note: { zh: '行动计划（2018）所列 12 处；点位精度见详情', en: '12 places of the plan (2018); precision per place' },
      items: (_data, { lang }) =>
        Object.entries(PARK_KIND_COLORS).map(([kind, color]) => ({ color, label: PARK_KIND_NAMES[kind]?.[lang] ?? kind, shape: 'dot' as const }))
    },
    tooltip: (p, { lang }) => `${lang === 'zh' ? p.name_zh : p.name_en} · ${PARK_KIND_NAMES[String(p.kind)]?.[lang] ?? p.kind}`
  },
  {
    id: 'organizations',
    group: 'reference',
    engine: 'maplibre',
    name: { zh: '企业与机构', en: 'Organisations' },
    defaultVisible: true,
    styleLayers: byPrefix('organization'),
    legend: {
      kind: 'swatches',
      note: { zh: '点击查看机构卡片；缩小时按格聚合（数据 2026-11）', en: 'Click for the organisation card; grouped when zoomed out (data 2026-11)' },
      items: (_data, { lang }) => [
        { color: '#7048e8', label: lang === 'zh' ? '一家机构' : 'One organisation', shape: 'dot' },
        { color: 'rgb(95 61 196 / 0.55)', label: lang === 'zh' ? '多家（数字为家数，点击放大）' : 'Several (count; click to zoom in)', shape: 'dot' }
      ]
    },
    tooltip: (p, { lang, cityName }) =>
      p.cluster ? (lang === 'zh' ? `${p.point_count} 家机构 · 点击放大` : `${p.point_count} organisations · click to zoom in`) : `${lang === 'zh' ? p.name_zh : p.name_en} · ${typeName(p.type, lang)} · ${cityName(String(p.city))}`
  },
  {
    id: 'transport',
    group: 'reference',
    engine: 'maplibre',
    name: { zh: '机场与港口', en: 'Airports & ports' },
    defaultVisible: false,
    styleLayers: byPrefix('transport'),
    legend: {
      kind: 'swatches',
      note: { zh: '数据 2026-11；放大后显示名称', en: 'Data 2026-11; names show when zoomed in' },
      items: (_data, { lang }) => [
        { color: TRANSPORT_COLORS.airport, label: lang === 'zh' ? '机场' : 'Airport', shape: 'ring' },
        { color: TRANSPORT_COLORS['container-port'], label: lang === 'zh' ? '集装箱港口' : 'Container port', shape: 'ring' }
      ]
    },
    tooltip: (p, { lang }) => `${lang === 'zh' ? p.name_zh : p.name_en} · ${p.kind === 'airport' ? (lang === 'zh' ? '机场' : 'Airport') : lang === 'zh' ? '集装箱港口' : 'Container port'}`
  }
];
