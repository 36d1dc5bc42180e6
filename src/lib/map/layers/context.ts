/**
 * The context layer: Hong Kong and Macau universities and science parks, and the cooperation zones the Greater Bay
 * Area plans set up with Hong Kong and Macau (Qianhai, Hengqin, Nansha, Hetao). Drawn by MapLibre from the parks
 * tileset's `context` layer, off by default, and labelled everywhere as context — none of it is an organisation, so
 * no count, density or quotient includes it.
 */
import { translate } from '$lib/i18n';
import { CONTEXT_COLOR, COOPERATION_ZONE_COLOR } from '$server/tiles/style.ts';
import type { Lang } from '$lib/i18n';
import type { MapLibreLayerDefinition } from '../layer-registry.ts';
import { contextDictionary } from '$lib/i18n/context-strings.ts';

const KIND_KEYS = {
  university: 'contextKindUniversity',
  'science-park': 'contextKindSciencePark',
  'cooperation-zone': 'contextKindCooperationZone'
} as const;

/** The kind of a context record in `lang` (university, science park or cooperation zone). */
export function contextKindName(kind: unknown, lang: Lang): string {
  return translate(lang, KIND_KEYS[kind as keyof typeof KIND_KEYS] ?? 'contextKindUniversity');
}

/** What a context record is, in `lang`: outside the plan's cities, or a zone inside `cityName` that is still no organisation. */
export function contextBadge(kind: unknown, cityName: string, lang: Lang): string {
  return kind === 'cooperation-zone' ? translate(lang, 'contextZoneBadge', { city: cityName }) : translate(lang, 'contextBadge');
}

export const CONTEXT_LAYERS: MapLibreLayerDefinition[] = [
  {
    id: 'context',
    group: 'reference',
    engine: 'maplibre',
    name: { zh: contextDictionary.contextLayerName.zh, en: contextDictionary.contextLayerName.en },
    defaultVisible: false,
    styleLayers: (all) => all.filter((id) => id.startsWith('context-')),
    legend: {
      kind: 'swatches',
      note: { zh: contextDictionary.contextLegendNote.zh, en: contextDictionary.contextLegendNote.en },
      items: (_data, { lang }) => [
        { color: CONTEXT_COLOR, label: translate(lang, 'contextLegendItem'), shape: 'ring' },
        { color: COOPERATION_ZONE_COLOR, label: translate(lang, 'contextLegendZone'), shape: 'box' }
      ]
    },
    tooltip: (p, names) =>
      `${names.lang === 'zh' ? p.name_zh : p.name_en} · ${contextKindName(p.kind, names.lang)} · ${contextBadge(p.kind, names.cityName(String(p.city)), names.lang)}`
  }
];
