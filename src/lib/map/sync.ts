import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import type { Camera } from '$lib/state/url-state';

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
