import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Clusters, Density, Ellipses } from '$lib/api/analytics';

type Rgba = [number, number, number, number];

/** ColorBrewer YlOrRd without its palest step, which vanishes on the cream land colour. */
export const HEX_RAMP: Rgba[] = [
  [254, 217, 118, 255], [254, 178, 76, 255], [253, 141, 60, 255], [252, 78, 42, 255], [227, 26, 28, 255], [177, 0, 38, 255]
];
/** ColorBrewer YlGn for kernel density bands. */
export const KERNEL_RAMP: Rgba[] = [[247, 252, 185, 255], [217, 240, 163, 255], [173, 221, 142, 255], [120, 198, 121, 255], [49, 163, 84, 255], [0, 104, 55, 255]];

/** The ramp colour for `value` within 0..max, with alpha 0..1. */
export function rampColor(ramp: Rgba[], value: number, max: number, alpha = 1): Rgba {
  const i = max <= 0 ? 0 : Math.min(ramp.length - 1, Math.floor((value / max) * ramp.length));
  const [r, g, b] = ramp[i];
  return [r, g, b, Math.round(255 * alpha)];
}

/** The ramp as a CSS gradient, so the legend shows exactly the colours the map uses. */
export function rampCss(ramp: Rgba[]): string {
  return `linear-gradient(90deg, ${ramp.map(([r, g, b]) => `rgb(${r} ${g} ${b})`).join(', ')})`;
}

export interface AnalyticsView {
  density: Density | null;
  clusters: Clusters | null;
  ellipses: Ellipses | null;
  layers: string[];
  opacity: Record<string, number>;
  extruded: boolean;
}

/** deck.gl drawn inside MapLibre (interleaved), loaded on first use so the first view stays light. */
export interface AnalyticsOverlay {
  overlay: MapboxOverlay;
  update(view: AnalyticsView): void;
}

export async function createAnalyticsOverlay(map: MapLibreMap, describe: (object: Record<string, unknown>, layer: string) => string): Promise<AnalyticsOverlay> {
  const [{ MapboxOverlay }, { GeoJsonLayer }] = await Promise.all([import('@deck.gl/mapbox'), import('@deck.gl/layers')]);
  const overlay = new MapboxOverlay({
    interleaved: true,
    layers: [],
    getTooltip: ({ object, layer }) => (object && layer ? { text: describe(object.properties ?? object, layer.id) } : null)
  });
  map.addControl(overlay);
  // Analytic layers sit under the labels so names stay readable.
  const beforeId = map.getLayer('district-label') ? 'district-label' : undefined;

  return {
    overlay,
    update(view) {
      const on = (id: string) => view.layers.includes(id);
      const alpha = (id: string) => view.opacity[id] ?? 1;
      const hexes = view.density?.hexagons.cells.features ?? [];
      const maxCount = Math.max(1, ...hexes.map((f) => f.properties.count));
      const bands = view.density?.kernel.bands.features ?? [];
      const maxBand = Math.max(1e-9, ...bands.map((f) => f.properties.upper_per_km2));
      overlay.setProps({
        layers: [
          new GeoJsonLayer({
            id: 'heat', beforeId, visible: on('heat') && bands.length > 0, data: { type: 'FeatureCollection', features: bands } as never,
            pickable: true, stroked: false, filled: true,
            getFillColor: (f: { properties: { upper_per_km2: number } }) => rampColor(KERNEL_RAMP, f.properties.upper_per_km2 * 0.999, maxBand, 0.55 * alpha('heat')),
            updateTriggers: { getFillColor: [maxBand, alpha('heat')] }
          }),
          new GeoJsonLayer({
            id: 'hexagons', beforeId, visible: on('hexagons') && hexes.length > 0, data: { type: 'FeatureCollection', features: hexes } as never,
            pickable: true, stroked: true, filled: true, extruded: view.extruded, wireframe: false,
            getElevation: (f: { properties: { count: number } }) => (f.properties.count / maxCount) * 6000,
            getFillColor: (f: { properties: { count: number } }) => rampColor(HEX_RAMP, f.properties.count - 1, maxCount, 0.85 * alpha('hexagons')),
            getLineColor: [177, 0, 38, Math.round(200 * alpha('hexagons'))], lineWidthMinPixels: 1,
            updateTriggers: { getFillColor: [maxCount, alpha('hexagons')], getElevation: [maxCount], getLineColor: [alpha('hexagons')] }
          }),
          new GeoJsonLayer({
            id: 'clusters', beforeId, visible: on('clusters') && !!view.clusters, data: (view.clusters?.clusters ?? { type: 'FeatureCollection', features: [] }) as never,
            pickable: true, stroked: true, filled: true, pointType: 'circle',
            getFillColor: [28, 126, 214, Math.round(50 * alpha('clusters'))], getLineColor: [28, 126, 214, Math.round(230 * alpha('clusters'))],
            lineWidthMinPixels: 2, getPointRadius: 300, pointRadiusMinPixels: 6,
            updateTriggers: { getFillColor: [alpha('clusters')], getLineColor: [alpha('clusters')] }
          }),
          new GeoJsonLayer({
            id: 'ellipses', beforeId, visible: on('ellipses') && !!view.ellipses,
            data: { type: 'FeatureCollection', features: (view.ellipses?.features ?? []).filter((f) => f.geometry) } as never,
            pickable: true, stroked: true, filled: false,
            getLineColor: [232, 89, 12, Math.round(220 * alpha('ellipses'))], lineWidthMinPixels: 2,
            updateTriggers: { getLineColor: [alpha('ellipses')] }
          })
        ]
      });
    }
  };
}
