import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { AreaStats } from '$lib/api/areas';

const SOURCE = 'area-choropleth';
const FILL = `${SOURCE}-fill`;
const LINE = `${SOURCE}-line`;

/** ColorBrewer YlOrRd, 9 classes (Cynthia Brewer, colorbrewer2.org, Apache-2.0): a sequential ramp for ordered classes. */
const YL_OR_RD = ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#bd0026', '#800026'];

/** k colours light → dark, spread across the ramp so every k uses its full range. */
export function classColors(k: number): string[] {
  if (k <= 1) return [YL_OR_RD[4]];
  return Array.from({ length: k }, (_, i) => YL_OR_RD[Math.round((i * (YL_OR_RD.length - 1)) / (k - 1))]);
}

/** Draws (or updates) the districts shaded by class, under the labels; `null` removes it. */
export function showAreaChoropleth(map: MapLibreMap, stats: AreaStats | null): void {
  if (!stats) {
    for (const id of [LINE, FILL]) if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    return;
  }
  const colors = classColors(Math.max(1, stats.breaks.length - 1));
  const fillColor = ['match', ['coalesce', ['get', 'class'], -1], ...colors.flatMap((c, i) => [i, c]), '#d9d9d9'] as unknown as string;
  const source = map.getSource(SOURCE) as GeoJSONSource | undefined;
  if (source) source.setData(stats as unknown as GeoJSON.FeatureCollection);
  else map.addSource(SOURCE, { type: 'geojson', data: stats as unknown as GeoJSON.FeatureCollection });
  // Under the first label layer, so names stay readable over the shading.
  const before = map.getStyle().layers.find((l) => l.type === 'symbol')?.id;
  if (!map.getLayer(FILL)) map.addLayer({ id: FILL, type: 'fill', source: SOURCE, paint: { 'fill-color': fillColor, 'fill-opacity': 0.7 } }, before);
  else map.setPaintProperty(FILL, 'fill-color', fillColor);
  if (!map.getLayer(LINE)) map.addLayer({ id: LINE, type: 'line', source: SOURCE, paint: { 'line-color': '#7f2704', 'line-width': 0.6, 'line-opacity': 0.6 } }, before);
}

export const AREA_CHOROPLETH_LAYER = FILL;
