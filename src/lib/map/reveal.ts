/**
 * Keeps what a reader selected (an organisation's dot, a park) in the part of the map that its card,
 * panel or sheet leaves visible. Covers are the elements marked `data-covers-map` beside the map.
 */
import { bbox, coordAll } from '@turf/turf';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { centreInUncovered, framePoints, type FramedCamera } from './frame-points.ts';
import { coveredInsets, mercatorMiddle, NO_INSETS, type Insets } from './framing.ts';

/** How far the elements marked `data-covers-map` beside `container` cover the map drawn in it (after a resize). */
export function coveringInsets(map: MapLibreMap, container: HTMLElement): Insets {
  map.resize();
  const covers = [...container.parentElement!.querySelectorAll('[data-covers-map]')].map((el) => el.getBoundingClientRect());
  return coveredInsets(container.getBoundingClientRect(), covers);
}

const cameraNow = (map: MapLibreMap): FramedCamera => {
  const { lng, lat } = map.getCenter();
  return { center: [lng, lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
};

/** Eases the map only when some of `points` are hidden or off screen (see framePoints). */
function easeIntoSight(map: MapLibreMap, points: [number, number][], insets: Insets): void {
  const camera = cameraNow(map);
  const target = framePoints(map, camera, points, insets);
  if (target !== camera) map.easeTo({ ...target, duration: 600, essential: true });
}

/** An organisation's dot: `fly` (a table row, a search hit) flies there at street scale; a tapped dot only eases if hidden. */
export function revealOrganization(map: MapLibreMap, lonLat: [number, number], insets: Insets, fly: boolean): void {
  if (!fly) return easeIntoSight(map, [lonLat], insets);
  const closer = { ...cameraNow(map), zoom: Math.max(map.getZoom(), 13) };
  map.flyTo({ ...closer, center: centreInUncovered(map, closer, lonLat, insets), essential: true });
}

/** A park: `fly` (the list, a search hit) flies to it; a park clicked on the map only eases if its middle is now hidden. */
export function revealPark(map: MapLibreMap, geometry: GeoJSON.Geometry, insets: Insets, fly: boolean): void {
  if (fly) flyToPark(map, geometry, insets);
  else easeIntoSight(map, [mercatorMiddle(coordAll(geometry) as [number, number][])], insets);
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
function flyToPark(map: MapLibreMap, geometry: GeoJSON.Geometry, insets: Insets): void {
  const camera = cameraNow(map);
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
