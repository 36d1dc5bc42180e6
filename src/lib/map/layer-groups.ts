import type { Map as MapLibreMap } from 'maplibre-gl';
import { mapLibreLayers } from './layer-registry.ts';

const byPrefix = (prefix: string) => (all: string[]) => all.filter((id) => id.startsWith(prefix));

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

/** Shows or hides each MapLibre layer of the registry and applies its opacity (0..1 of the style's own). */
export function applyLayerGroups(map: MapLibreMap, visible: string[], opacity: Record<string, number>): void {
  const style = map.getStyle();
  if (!style) return;
  const ids = style.layers.map((l) => l.id);
  const base = designed.get(map) ?? new Map<string, unknown>();
  designed.set(map, base);
  for (const group of mapLibreLayers()) {
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
