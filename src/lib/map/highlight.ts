import maplibregl, { type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import { mapLibreLayers, type NameContext } from './layer-registry.ts';

const SELECTED = 'selected-organization';

/** Rings the selected organisation above every other layer (or clears the ring with `null`). */
export function showSelectedOrganization(map: MapLibreMap, lonLat: [number, number] | null): void {
  const data: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: lonLat ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: lonLat } }] : []
  };
  const source = map.getSource(SELECTED) as GeoJSONSource | undefined;
  if (source) return void source.setData(data);
  map.addSource(SELECTED, { type: 'geojson', data });
  map.addLayer({
    id: `${SELECTED}-halo`, type: 'circle', source: SELECTED,
    paint: { 'circle-radius': 16, 'circle-color': '#ffd43b', 'circle-opacity': 0.35, 'circle-stroke-color': '#e8590c', 'circle-stroke-width': 3 }
  });
}

/**
 * Hover text for the MapLibre layers of the registry that declare a tooltip (mouse only: on touch a tap
 * opens the card instead).
 */
export function attachHoverTooltips(map: MapLibreMap, names: () => NameContext): void {
  if (!matchMedia('(hover: hover)').matches) return;
  const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 10, className: 'atlas-tooltip', maxWidth: '280px' });
  map.on('mousemove', (e) => {
    const ids = map.getStyle()?.layers.map((l) => l.id) ?? [];
    for (const def of mapLibreLayers()) {
      if (!def.tooltip) continue;
      const layers = def.styleLayers(ids).filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none' && map.getLayer(id)?.type !== 'symbol');
      const hit = layers.length ? map.queryRenderedFeatures(e.point, { layers })[0] : undefined;
      if (hit) {
        popup.setLngLat(e.lngLat).setText(def.tooltip(hit.properties ?? {}, names())).addTo(map);
        return;
      }
    }
    popup.remove();
  });
  map.getCanvas().addEventListener('mouseleave', () => popup.remove());
}
