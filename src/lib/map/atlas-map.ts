import maplibregl, { type Map as MapLibreMap, type MapGeoJSONFeature } from 'maplibre-gl';
import { translate, type Lang } from '$lib/i18n';
import type { Camera, LabelMode } from '$lib/state/url-state';
import { LocalizedAttribution } from './attribution-control';
import { localCjkFontFamily } from './local-cjk-font';
import { bundledGlyphUrl, GLYPH_PROTOCOL, glyphRangeLoader } from './glyph-bundle';

/** Layers a click on which opens a park's profile. */
export const PARK_LAYERS = ['park-point', 'park-area', 'park-label'];
/** An organisation's dot (opens its card) and a grouped count (zooms in). */
export const ORGANIZATION_POINT = 'organization-point';
export const ORGANIZATION_GROUP = 'organization-cluster';
/** How far around a tap a dot still counts as hit: a fingertip is wider than a dot. */
const HIT_SLOP_PX = { mouse: 4, touch: 12 };

export interface AtlasMapOptions {
  container: HTMLElement;
  labels: LabelMode;
  camera: Camera | null;
  onParkClick: (parkId: string) => void;
  /** A click on one organisation's dot */
  onOrganizationClick?: (organizationId: string, lonLat: [number, number]) => void;
  /** A click that hit no park (used to pick a point for the distance filter). */
  onMapClick: (lonLat: [number, number]) => void;
  /** The interface language, read whenever the credits are drawn (see setMapLanguage). */
  lang: () => Lang;
}

declare global {
  interface Window {
    /** The live map, for end-to-end tests and debugging in the console. */
    __clusterAtlas?: { map: MapLibreMap; deck?: import("@deck.gl/mapbox").MapboxOverlay };
  }
}

/**
 * Where the labels' Chinese glyphs come from: `server`, the server's SDF glyphs, one bundle per font
 * (see glyph-bundle.ts); `device`, drawn on this page from the device's Chinese font (MapLibre's
 * TinySDF, on the main thread, glyph by glyph). `?glyphs=device|server` picks one; read when the module
 * loads, because the app rewrites the address bar with its own state before the map starts.
 */
const GLYPHS_PARAM = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('glyphs');

if (typeof window !== 'undefined') {
  const loadRange = glyphRangeLoader((url) => fetch(url));
  maplibregl.addProtocol(GLYPH_PROTOCOL, async (request) => ({ data: await loadRange(request.url) }));
}

export const INITIAL_BOUNDS: [number, number, number, number] = [112.4, 21.85, 114.65, 23.75];

function styleUrl(labels: LabelMode): string {
  return `${location.origin}/style.json?lang=${labels}`;
}

/** MapLibre's own control labels (zoom, compass, the canvas's name) from the dictionaries. */
function mapUiStrings(lang: Lang): Record<string, string> {
  return {
    'Map.Title': translate(lang, 'mapTitle'),
    'NavigationControl.ZoomIn': translate(lang, 'mapZoomIn'),
    'NavigationControl.ZoomOut': translate(lang, 'mapZoomOut'),
    'NavigationControl.ResetBearing': translate(lang, 'mapResetBearing'),
    'Popup.Close': translate(lang, 'mapCloseTooltip'),
    'AttributionControl.ToggleAttribution': translate(lang, 'attributionToggle')
  };
}

/**
 * The atlas map on the server's own style. Labels are drawn from the server's glyphs, one request per
 * font (measured faster than drawing Han characters from the device's font: bench/README.md, First view).
 */
export function createAtlasMap({ container, labels, camera, onParkClick, onOrganizationClick, onMapClick, lang }: AtlasMapOptions): MapLibreMap {
  const narrow = container.clientWidth < 600;
  const deviceFont = GLYPHS_PARAM === 'device' ? localCjkFontFamily() : false;
  const map = new maplibregl.Map({
    container,
    style: styleUrl(labels),
    ...(camera
      ? { center: [camera.lon, camera.lat] as [number, number], zoom: camera.zoom, bearing: camera.bearing, pitch: camera.pitch }
      : { bounds: INITIAL_BOUNDS, fitBoundsOptions: { padding: 24 } }),
    maxBounds: [109.5, 20.3, 117.5, 25.6],
    locale: mapUiStrings(lang()),
    localIdeographFontFamily: deviceFont,
    // Without PUBLIC_URL the server's style and TileJSON hold paths; tiles load in a worker, which cannot resolve them.
    transformRequest: (url, resourceType) => {
      const href = new URL(url, location.href).href;
      // With a device font only a few Latin ranges are asked for: no need for the bundle of every label glyph.
      return { url: resourceType === 'Glyphs' && !deviceFont ? bundledGlyphUrl(href) : href };
    },
    // Our own control: the credits come from the dictionaries, in the interface's language.
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true }
  });
  // Folded on a phone (behind MapLibre's "i" button): unfolded it would cover a quarter of the map.
  const attribution = new LocalizedAttribution({ compact: narrow, lang });
  map.addControl(attribution, 'bottom-right');
  const navigation = new maplibregl.NavigationControl({ visualizePitch: true });
  map.addControl(navigation, 'top-right');
  controls.set(map, { attribution, navigation });
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');

  map.on('click', (e) => {
    const slop = (e.originalEvent as PointerEvent).pointerType === 'touch' ? HIT_SLOP_PX.touch : HIT_SLOP_PX.mouse;
    const box: [[number, number], [number, number]] = [[e.point.x - slop, e.point.y - slop], [e.point.x + slop, e.point.y + slop]];
    const hitIn = (layers: string[]): MapGeoJSONFeature | undefined => {
      const present = layers.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
      return present.length ? map.queryRenderedFeatures(box, { layers: present })[0] : undefined;
    };
    const park = hitIn(PARK_LAYERS);
    if (typeof park?.properties?.id === 'string') return onParkClick(park.properties.id);
    const org = hitIn([ORGANIZATION_POINT]);
    if (org && typeof org.properties?.id === 'string' && onOrganizationClick) {
      return onOrganizationClick(org.properties.id, (org.geometry as GeoJSON.Point).coordinates as [number, number]);
    }
    const group = hitIn([ORGANIZATION_GROUP]);
    if (group) {
      map.easeTo({ center: (group.geometry as GeoJSON.Point).coordinates as [number, number], zoom: Math.min(map.getZoom() + 2, 16) });
      return;
    }
    onMapClick([e.lngLat.lng, e.lngLat.lat]);
  });
  for (const layer of [...PARK_LAYERS, ORGANIZATION_POINT, ORGANIZATION_GROUP]) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }
  window.__clusterAtlas = { map };
  return map;
}

const controls = new WeakMap<MapLibreMap, { attribution: LocalizedAttribution; navigation: maplibregl.NavigationControl }>();

/** Redraws the map's credits and control labels in the interface's current language. */
export function setMapLanguage(map: MapLibreMap, lang: Lang): void {
  const own = controls.get(map);
  if (!own) return;
  own.attribution.refresh();
  // MapLibre reads its UI strings when a control is added and has no public setter: swap the table, re-add the buttons.
  (map as unknown as { _locale: Record<string, string> })._locale = { ...(map as unknown as { _locale: Record<string, string> })._locale, ...mapUiStrings(lang) };
  map.getCanvas().setAttribute('aria-label', translate(lang, 'mapTitle'));
  map.removeControl(own.navigation);
  own.navigation = new maplibregl.NavigationControl({ visualizePitch: true });
  map.addControl(own.navigation, 'top-right');
}

/** Switches label language by diffing to the server's style in that language (no reload of sources). */
export function setLabelMode(map: MapLibreMap, labels: LabelMode): Promise<void> {
  const applied = new Promise<void>((resolve) => map.once('styledata', () => resolve()));
  map.setStyle(styleUrl(labels), { diff: true });
  return applied;
}

