import maplibregl, { type Map as MapLibreMap, type MapGeoJSONFeature } from 'maplibre-gl';
import type { Camera, LabelMode } from '$lib/state/url-state';

/** Layers a click on which opens a park's profile. */
export const PARK_LAYERS = ['park-point', 'park-area', 'park-label'];

export interface AtlasMapOptions {
  container: HTMLElement;
  labels: LabelMode;
  camera: Camera | null;
  onParkClick: (parkId: string) => void;
  /** A click that hit no park (used to pick a point for the distance filter). */
  onMapClick: (lonLat: [number, number]) => void;
}

declare global {
  interface Window {
    /** The live map, for end-to-end tests and debugging in the console. */
    __clusterAtlas?: { map: MapLibreMap; deck?: import("@deck.gl/mapbox").MapboxOverlay };
  }
}

export const INITIAL_BOUNDS: [number, number, number, number] = [112.4, 21.85, 114.65, 23.75];

function styleUrl(labels: LabelMode): string {
  return `${location.origin}/style.json?lang=${labels}`;
}

/** The atlas map on the server's own style; CJK glyphs come from the server too (no local font fallback). */
export function createAtlasMap({ container, labels, camera, onParkClick, onMapClick }: AtlasMapOptions): MapLibreMap {
  const map = new maplibregl.Map({
    container,
    style: styleUrl(labels),
    ...(camera
      ? { center: [camera.lon, camera.lat] as [number, number], zoom: camera.zoom, bearing: camera.bearing, pitch: camera.pitch }
      : { bounds: INITIAL_BOUNDS, fitBoundsOptions: { padding: 24 } }),
    maxBounds: [109.5, 20.3, 117.5, 25.6],
    localIdeographFontFamily: false,
    // Without PUBLIC_URL the server's style and TileJSON hold paths; tiles load in a worker, which cannot resolve them.
    transformRequest: (url) => ({ url: new URL(url, location.href).href }),
    attributionControl: { compact: false },
    canvasContextAttributes: { preserveDrawingBuffer: true }
  });
  map.addControl(new maplibregl.NavigationControl({ visualizePitch: true }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');

  map.on('click', (e) => {
    const layers = PARK_LAYERS.filter((id) => map.getLayer(id));
    const hit: MapGeoJSONFeature | undefined = map.queryRenderedFeatures(e.point, { layers })[0];
    const id = hit?.properties?.id;
    if (typeof id === 'string') onParkClick(id);
    else onMapClick([e.lngLat.lng, e.lngLat.lat]);
  });
  for (const layer of PARK_LAYERS) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }
  window.__clusterAtlas = { map };
  return map;
}

/** Switches label language by diffing to the server's style in that language (no reload of sources). */
export function setLabelMode(map: MapLibreMap, labels: LabelMode): Promise<void> {
  const applied = new Promise<void>((resolve) => map.once('styledata', () => resolve()));
  map.setStyle(styleUrl(labels), { diff: true });
  return applied;
}

/** Centres the map on a park: points at district scale, areas fitted whole. */
export function flyToPark(map: MapLibreMap, geometry: GeoJSON.Geometry): void {
  if (geometry.type === 'Point') {
    map.flyTo({ center: geometry.coordinates as [number, number], zoom: Math.max(map.getZoom(), 11), essential: true });
    return;
  }
  const bounds = new maplibregl.LngLatBounds();
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') bounds.extend(c as [number, number]);
    else (c as unknown[]).forEach(visit);
  };
  visit((geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon).coordinates);
  map.fitBounds(bounds, { padding: 80, essential: true });
}
