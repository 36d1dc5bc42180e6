/**
 * The camera that shows named places in the part of the map a reader sees (not under a caption, a
 * card or a sheet): the author's camera when it already does, else the closest view that does.
 */
import { bbox } from '@turf/turf';
import { LngLat, Point, type Map as MapLibreMap } from 'maplibre-gl';
import { insideRect, mercatorMiddle, NO_INSETS, visibleRect, zoomsOutFrom, type Insets } from './framing.ts';

export interface FramedCamera {
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

/** Clear space kept between a framed place and the edge of what is visible (room for its ring). */
export const FRAME_MARGIN_PX = 28;

/**
 * `camera` as given when every one of `points` then falls inside the part of `map` that `insets` leave
 * uncovered (less `marginPx`); otherwise the points' middle centred in that part, zoomed out from
 * `camera.zoom` just far enough to show them all. Projects with copies of the map's own transform, so
 * pitch and bearing count. The answer carries no `padding`: the map's own padding stays 0, so its
 * centre (and the address's `at=`) keeps meaning the middle of the map.
 */
export function framePoints(map: MapLibreMap, camera: FramedCamera, points: [number, number][], insets: Insets, marginPx = FRAME_MARGIN_PX): FramedCamera {
  if (points.length === 0) return camera;
  const view = map.transform.clone();
  view.setPadding(NO_INSETS);
  const rect = visibleRect(view.width, view.height, insets, marginPx);
  // Nothing is left to frame in (a cover over the whole map): keep the author's view.
  if (rect.right <= rect.left || rect.bottom <= rect.top) return camera;
  view.setBearing(camera.bearing);
  view.setPitch(camera.pitch);
  const shows = (center: [number, number], zoom: number) => {
    view.setZoom(zoom);
    view.setCenter(LngLat.convert(center));
    return points.every((p) => insideRect(view.locationToScreenPoint(LngLat.convert(p)), rect));
  };
  if (shows(camera.center, camera.zoom)) return camera;
  const middle = mercatorMiddle(points);
  for (const zoom of zoomsOutFrom(camera.zoom, map.getMinZoom())) {
    const center = centreInUncovered(map, { ...camera, zoom }, middle, insets);
    if (shows(center, zoom)) return { ...camera, center, zoom };
  }
  return { ...camera, center: middle, zoom: map.getMinZoom() };
}

/**
 * The centre for `camera` (its zoom, bearing and pitch) that draws `lonLat` in the middle of the part of
 * the map `insets` leave uncovered: what MapLibre's `padding` would do, without leaving padding set.
 */
export function centreInUncovered(map: MapLibreMap, camera: FramedCamera, lonLat: [number, number], insets: Insets): [number, number] {
  const padded = map.transform.clone();
  padded.setPadding(insets);
  padded.setBearing(camera.bearing);
  padded.setPitch(camera.pitch);
  padded.setZoom(camera.zoom);
  padded.setCenter(LngLat.convert(lonLat));
  const at = padded.screenPointToLocation(new Point(padded.width / 2, padded.height / 2));
  return [at.lng, at.lat];
}

/** Clear space kept around a park's outline when the map flies to it. */
const PARK_MARGIN_PX = 80;
/** Narrower than this, what the covers leave is no place to fit an outline in: it is fitted to the whole map. */
const MIN_PARK_ROOM_PX = 160;

/**
 * Flies to a park in the part of the map `insets` leave uncovered (a park's panel must not hide the
 * park it describes): a point at district scale or closer, in the middle of that part; an outline
 * fitted whole into it. Like framePoints, it leaves the map's own padding at 0.
 */
export function flyToPark(map: MapLibreMap, geometry: GeoJSON.Geometry, insets: Insets = NO_INSETS): void {
  const now = map.getCenter();
  const camera = { center: [now.lng, now.lat] as [number, number], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  if (geometry.type === 'Point') {
    const closer = { ...camera, zoom: Math.max(camera.zoom, 11) };
    map.flyTo({ ...closer, center: centreInUncovered(map, closer, geometry.coordinates as [number, number], insets), essential: true });
    return;
  }
  const [west, south, east, north] = bbox(geometry);
  const { width, height } = map.getCanvas().getBoundingClientRect();
  const roomy = width - insets.left - insets.right >= MIN_PARK_ROOM_PX && height - insets.top - insets.bottom >= MIN_PARK_ROOM_PX;
  const around = roomy ? insets : NO_INSETS;
  const margin = Math.min(PARK_MARGIN_PX, (width - around.left - around.right) / 4, (height - around.top - around.bottom) / 4);
  const padding = { top: around.top + margin, right: around.right + margin, bottom: around.bottom + margin, left: around.left + margin };
  map.fitBounds([west, south, east, north], { padding, bearing: camera.bearing, essential: true });
}
