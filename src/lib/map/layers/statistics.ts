/** Significance layers: Getis-Ord Gi* hot spots of the selection, computed by /api/analytics/hotspots. */
import { getHotspots, type Hotspots } from '$lib/api/statistics';
import { organizationQuery } from '$lib/api/query';
import { translate } from '$lib/i18n';
import type { DeckLayerDefinition } from '../layer-registry.ts';
import { HOTSPOT_COLORS, HOTSPOT_LEGEND, hotspotLayer } from '../hotspot-layer.ts';

const css = ([r, g, b]: readonly number[]) => `rgb(${r} ${g} ${b})`;

export const STATISTICS_LAYERS: DeckLayerDefinition[] = [
  {
    id: 'hotspots',
    group: 'analysis',
    engine: 'deck',
    name: { zh: '热点（Getis-Ord Gi*）', en: 'Hot spots (Getis-Ord Gi*)' },
    defaultVisible: false,
    legend: {
      kind: 'swatches',
      note: {
        zh: 'H3 第 7 级六边形；999 次条件置换，Benjamini–Hochberg 校正；不显著的单元不着色',
        en: 'H3 resolution-7 cells; 999 conditional permutations, Benjamini–Hochberg corrected; cells that are not significant are not filled'
      },
      items: (_data, names) =>
        HOTSPOT_LEGEND.filter((c) => c !== 'none').map((c) => ({ color: css(HOTSPOT_COLORS[c]), label: translate(names.lang, c), shape: 'box' as const }))
    },
    tooltip: (p, { lang }) =>
      lang === 'zh'
        ? `${translate('zh', p.class as 'hot99')}：${p.count} 家机构，z = ${(p.gi_z as number).toFixed(2)}，校正 p = ${(p.p_fdr as number).toFixed(3)}`
        : `${translate('en', p.class as 'hot99')}: ${p.count} organisations, z = ${(p.gi_z as number).toFixed(2)}, adjusted p = ${(p.p_fdr as number).toFixed(3)}`,
    data: { key: 'hotspots', load: (filters, _params, { signal }) => getHotspots(organizationQuery(filters), signal) },
    deckLayers: (data, ctx) => (data ? [hotspotLayer(ctx.deck.GeoJsonLayer, data as Hotspots, { opacity: ctx.alpha, beforeId: ctx.beforeId })] : [])
  }
];
