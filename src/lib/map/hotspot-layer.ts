import type { GeoJsonLayer } from '@deck.gl/layers';
import type { Hotspots } from '$lib/api/statistics';

type Rgba = [number, number, number, number];
export type HotspotClassName = Hotspots['features'][number]['properties']['class'];

/** ArcGIS Hot Spot Analysis's diverging reds and blues (ColorBrewer RdBu), strongest bin darkest; none is not drawn. */
export const HOTSPOT_COLORS: Record<HotspotClassName, Rgba> = {
  hot99: [178, 24, 43, 255], hot95: [239, 138, 98, 255], hot90: [253, 219, 199, 255],
  cold99: [33, 102, 172, 255], cold95: [103, 169, 207, 255], cold90: [209, 229, 240, 255],
  none: [0, 0, 0, 0]
};

/** Legend order: hottest to coldest. */
export const HOTSPOT_LEGEND: HotspotClassName[] = ['hot99', 'hot95', 'hot90', 'none', 'cold90', 'cold95', 'cold99'];

/**
 * The hot-spot cells as a deck.gl GeoJsonLayer: significant cells filled by class, the rest left
 * out so the basemap shows through. `Layer` is passed in so deck.gl stays a lazily loaded chunk.
 */
export function hotspotLayer(Layer: typeof GeoJsonLayer, data: Hotspots, { opacity = 1, beforeId }: { opacity?: number; beforeId?: string } = {}): GeoJsonLayer {
  const significant = data.features.filter((f) => f.properties.class !== 'none');
  return new Layer({
    id: 'hotspots',
    beforeId,
    data: { type: 'FeatureCollection', features: significant } as never,
    pickable: true,
    stroked: true,
    filled: true,
    getFillColor: (f: { properties: { class: HotspotClassName } }) => {
      const [r, g, b, a] = HOTSPOT_COLORS[f.properties.class];
      return [r, g, b, Math.round(a * 0.8 * opacity)];
    },
    getLineColor: [255, 255, 255, Math.round(160 * opacity)],
    lineWidthMinPixels: 0.5,
    updateTriggers: { getFillColor: [opacity], getLineColor: [opacity] }
  });
}
