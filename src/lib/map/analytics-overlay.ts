import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { deckLayers, layerOfDeckId, type AnalyticsParams, type DeckContext, type NameContext } from './layer-registry.ts';

export interface AnalyticsView {
  /** Analytics results by the registry's data key (`density`, `clusters`, …) */
  data: Record<string, unknown>;
  layers: string[];
  opacity: Record<string, number>;
  params: AnalyticsParams;
  names: NameContext;
}

/** deck.gl drawn inside MapLibre (interleaved), loaded on first use so the first view stays light. */
export interface AnalyticsOverlay {
  overlay: MapboxOverlay;
  update(view: AnalyticsView): void;
}

const PAGE_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";

/** The deck.gl overlay of every registry layer drawn by deck.gl; tooltips come from the registry too. */
export async function createAnalyticsOverlay(map: MapLibreMap): Promise<AnalyticsOverlay> {
  const [{ MapboxOverlay }, { GeoJsonLayer, TextLayer }, { CollisionFilterExtension }] = await Promise.all([
    import('@deck.gl/mapbox'),
    import('@deck.gl/layers'),
    import('@deck.gl/extensions')
  ]);
  let names: NameContext | undefined;
  const overlay = new MapboxOverlay({
    interleaved: true,
    layers: [],
    getTooltip: ({ object, layer }) => {
      const def = layer && layerOfDeckId(layer.id);
      if (!object || !layer || !def?.tooltip || !names || layer.id.includes(':')) return null;
      return { text: def.tooltip(object.properties ?? object, names), style: { fontFamily: PAGE_FONT, fontSize: '13px', borderRadius: '6px' } };
    }
  });
  map.addControl(overlay);
  // Analytic layers sit under the labels so names stay readable.
  const beforeId = map.getLayer('district-label') ? 'district-label' : undefined;

  return {
    overlay,
    update(view) {
      names = view.names;
      const layers = deckLayers().flatMap((def) => {
        const ctx: DeckContext = { deck: { GeoJsonLayer, TextLayer, CollisionFilterExtension }, alpha: view.opacity[def.id] ?? 1, params: view.params, names: view.names, beforeId, fontFamily: PAGE_FONT };
        const on = view.layers.includes(def.id) && view.data[def.data.key] !== undefined;
        return def.deckLayers(view.data[def.data.key], ctx).map((l) => l.clone({ visible: on }));
      });
      overlay.setProps({ layers });
    }
  };
}
