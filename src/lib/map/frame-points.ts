/**
 * The camera that shows named places in the part of the map a reader sees (not under a caption, a
 * card or a sheet): the author's camera when it already does, else the closest view that does.
 */
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
