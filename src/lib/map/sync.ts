import { circle } from '@turf/turf';
import type { GeoJSONSource, Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import type { Camera, FilterState } from '$lib/state/url-state';

/** Points the organisations tile source at tiles cut with the shared filter (the server filters). */
export function applyOrganizationFilter(map: MapLibreMap, query: URLSearchParams): void {
  const source = map.getSource('organizations') as VectorTileSource | undefined;
  if (!source) return;
  const url = `${location.origin}/tiles/organizations.json${query.size ? `?${query}` : ''}`;
  if (source.url !== url) source.setUrl(url);
}

export function cameraOf(map: MapLibreMap): Camera {
  const c = map.getCenter();
  return { lon: c.lng, lat: c.lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
}

export function jumpToCamera(map: MapLibreMap, camera: Camera): void {
  map.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom, bearing: camera.bearing, pitch: camera.pitch });
}

const NEAR_SOURCE = 'near-filter';

/** Draws the "within N km" circle of the distance filter (or removes it). */
export function showNearCircle(map: MapLibreMap, near: FilterState['near']): void {
  const data: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: near ? [circle([near.lon, near.lat], near.radiusKm, { units: 'kilometers', steps: 96 })] : []
  };
  const source = map.getSource(NEAR_SOURCE) as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    return;
  }
  map.addSource(NEAR_SOURCE, { type: 'geojson', data });
  const before = map.getLayer('park-area') ? 'park-area' : undefined;
  map.addLayer({ id: `${NEAR_SOURCE}-fill`, type: 'fill', source: NEAR_SOURCE, paint: { 'fill-color': '#1971c2', 'fill-opacity': 0.08 } }, before);
  map.addLayer({ id: `${NEAR_SOURCE}-line`, type: 'line', source: NEAR_SOURCE, paint: { 'line-color': '#1971c2', 'line-width': 2, 'line-dasharray': [2, 1] } }, before);
}
