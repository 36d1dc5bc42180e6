/**
 * Puts a tour step on the atlas map: the same wiring as the explorer page (layer groups, park and
 * organisation filters), driven by the step instead of the explorer's state.
 */
import { center } from '@turf/turf';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { getParks, type ParkFeature } from '$lib/api/client';
import { organizationQuery, parkQuery } from '$lib/api/query';
import { applyLayerGroups, applyParkFilter } from '$lib/map/layer-groups';
import { needsDeck } from '$lib/map/layer-registry';
import { framePoints, type FramedCamera } from '$lib/map/frame-points';
import { NO_INSETS, type Insets } from '$lib/map/framing';
import { applyOrganizationFilter } from '$lib/map/sync';
import type { TourStep } from '$server/schemas/tours.ts';
import { stepFilters } from './steps.ts';

/** Fly time between steps: slow enough for a room to follow, short enough for a clicker. */
export const FLY_DURATION_MS = 2500;

/** The step switches on deck.gl analytics (hexagons, heat, clusters, ellipses). */
export function needsAnalytics(step: TourStep): boolean {
  return needsDeck(step.layers);
}

const filtering = (step: TourStep) => Object.values(step.filters ?? {}).some((v) => (Array.isArray(v) ? v.length > 0 : !!v));

/** Layers and filters of the step; the parks that pass its filter come from the API, as in the explorer. */
export async function applyStepLayers(map: MapLibreMap, step: TourStep): Promise<void> {
  const filters = stepFilters(step);
  applyLayerGroups(map, step.layers, step.opacity ?? {});
  applyOrganizationFilter(map, organizationQuery(filters));
  const parks = filtering(step) ? (await getParks(parkQuery(filters))).features.map((p) => p.properties.id) : null;
  applyParkFilter(map, parks);
}

/**
 * Flies (or jumps, for the first step) to the step's camera, in `flyMs` (the address's `fly=`, else the
 * usual flight). When the step names places (`named`: its park, its organisations), the camera is the
 * author's if it shows them all in the part of the map that `insets` leave uncovered on this screen,
 * else the closest view that does (a phone's small map zooms out). Returns the camera it moves to.
 */
export function moveToStep(map: MapLibreMap, step: TourStep, animate: boolean, flyMs = FLY_DURATION_MS, named: [number, number][] = [], insets: Insets = NO_INSETS): FramedCamera {
  const { lon, lat, zoom, bearing, pitch } = step.camera;
  const camera = framePoints(map, { center: [lon, lat], zoom, bearing, pitch }, named, insets);
  if (animate) map.flyTo({ ...camera, duration: flyMs, essential: true });
  else map.jumpTo(camera);
  return camera;
}

/** Where to pin a place: its point, or the middle of its districts' bounds. */
export function placeAnchor(park: ParkFeature): [number, number] {
  return center(park).geometry.coordinates as [number, number];
}
