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

/** Flies (or jumps, for the first step) to the step's camera, in `flyMs` (the address's `fly=`, else the usual flight). */
export function moveToStep(map: MapLibreMap, step: TourStep, animate: boolean, flyMs = FLY_DURATION_MS): void {
  const { lon, lat, zoom, bearing, pitch } = step.camera;
  const camera = { center: [lon, lat] as [number, number], zoom, bearing, pitch };
  if (animate) map.flyTo({ ...camera, duration: flyMs, essential: true });
  else map.jumpTo(camera);
}

/** Where to pin a place: its point, or the middle of its districts' bounds. */
export function placeAnchor(park: ParkFeature): [number, number] {
  return center(park).geometry.coordinates as [number, number];
}
