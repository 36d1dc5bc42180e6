import type { Map as MapLibreMap } from 'maplibre-gl';

/** A switchable layer of the layer panel: MapLibre style layers (by id prefix) or a deck.gl overlay. */
export interface LayerGroup {
  id: string;
  /** MapLibre style layer ids this group shows; empty for deck.gl overlays */
  styleLayers: (layerIds: string[]) => string[];
  engine: 'maplibre' | 'deck';
}

const byIds = (ids: string[]) => (all: string[]) => all.filter((id) => ids.includes(id));
const byPrefix = (prefix: string) => (all: string[]) => all.filter((id) => id.startsWith(prefix));

export const LAYER_GROUPS: LayerGroup[] = [
  { id: 'boundaries', engine: 'maplibre', styleLayers: byIds(['city-fill', 'city-line', 'district-line', 'district-label']) },
  { id: 'parks', engine: 'maplibre', styleLayers: byPrefix('park-') },
  { id: 'organizations', engine: 'maplibre', styleLayers: byPrefix('org') },
  { id: 'transport', engine: 'maplibre', styleLayers: byPrefix('transport') },
  { id: 'hexagons', engine: 'deck', styleLayers: () => [] },
  { id: 'heat', engine: 'deck', styleLayers: () => [] },
  { id: 'clusters', engine: 'deck', styleLayers: () => [] },
  { id: 'ellipses', engine: 'deck', styleLayers: () => [] }
];

const OPACITY_PROPERTY: Record<string, string[]> = {
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  symbol: ['text-opacity', 'icon-opacity'],
  heatmap: ['heatmap-opacity'],
  'fill-extrusion': ['fill-extrusion-opacity']
};

/** The base opacity a style layer was designed with, remembered so the slider scales it. */
const designed = new WeakMap<MapLibreMap, Map<string, unknown>>();

/** Shows or hides each MapLibre layer group and applies its opacity (0..1 of the style's own). */
export function applyLayerGroups(map: MapLibreMap, visible: string[], opacity: Record<string, number>): void {
  const style = map.getStyle();
  if (!style) return;
  const ids = style.layers.map((l) => l.id);
  const base = designed.get(map) ?? new Map<string, unknown>();
  designed.set(map, base);
  for (const group of LAYER_GROUPS) {
    if (group.engine !== 'maplibre') continue;
    const on = visible.includes(group.id);
    const factor = opacity[group.id] ?? 1;
    for (const id of group.styleLayers(ids)) {
      const visibility = on ? 'visible' : 'none';
      if ((map.getLayoutProperty(id, 'visibility') ?? 'visible') !== visibility) map.setLayoutProperty(id, 'visibility', visibility);
      const type = map.getLayer(id)?.type ?? '';
      for (const prop of OPACITY_PROPERTY[type] ?? []) {
        const key = `${id}|${prop}`;
        if (!base.has(key)) base.set(key, map.getPaintProperty(id, prop) ?? 1);
        const b = base.get(key);
        const value = typeof b === 'number' ? b * factor : factor === 1 ? b : factor;
        if (JSON.stringify(map.getPaintProperty(id, prop) ?? 1) !== JSON.stringify(value)) map.setPaintProperty(id, prop, value);
      }
    }
  }
}

const designedFilters = new WeakMap<MapLibreMap, Map<string, unknown>>();

/** Restricts the park layers to the parks that pass the shared filter, on top of each layer's own filter. */
export function applyParkFilter(map: MapLibreMap, parkIds: string[] | null): void {
  const ids = map.getStyle()?.layers.map((l) => l.id) ?? [];
  const base = designedFilters.get(map) ?? new Map<string, unknown>();
  designedFilters.set(map, base);
  for (const id of byPrefix('park-')(ids)) {
    if (!base.has(id)) base.set(id, map.getFilter(id) ?? null);
    const own = base.get(id);
    const idFilter = parkIds ? ['in', ['get', 'id'], ['literal', parkIds]] : null;
    const parts = [own, idFilter].filter(Boolean);
    map.setFilter(id, (parts.length === 0 ? null : parts.length === 1 ? parts[0] : ['all', ...parts]) as never);
  }
}
