/**
 * Hong Kong and Macau context (universities, science parks): drawn by MapLibre from the parks tileset's `context`
 * layer, off by default, and labelled everywhere as outside the plan's five cities — the points are never part of
 * the organisations, so no count, density or quotient includes them.
 */
import { translate } from '$lib/i18n';
import { CONTEXT_COLOR } from '$server/tiles/style.ts';
import type { Lang } from '$lib/i18n';
import type { MapLibreLayerDefinition } from '../layer-registry.ts';
import { contextDictionary } from '$lib/i18n/context-strings.ts';

/** The kind of a context record in `lang` (university or science park). */
export function contextKindName(kind: unknown, lang: Lang): string {
  return translate(lang, kind === 'science-park' ? 'contextKindSciencePark' : 'contextKindUniversity');
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
      items: (_data, { lang }) => [{ color: CONTEXT_COLOR, label: translate(lang, 'contextLegendItem'), shape: 'ring' }]
    },
    tooltip: (p, { lang }) => `${lang === 'zh' ? p.name_zh : p.name_en} · ${contextKindName(p.kind, lang)} · ${translate(lang, 'contextBadge')}`
  }
];
