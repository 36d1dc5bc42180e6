/**
 * A tour step ↔ the explorer's state (the share-link format). Pure: no DOM, no map.
 */
import type { TourStep } from '$server/schemas/tours.ts';
import { defaultState, emptyFilters, stateToQuery, type AppState, type Camera, type FilterState } from '$lib/state/url-state';
import type { Lang } from '$lib/i18n';

/** Seconds a step stays on screen when the tour plays by itself and the step names no duration. */
export const DEFAULT_STEP_DURATION_S = 12;

/** The explorer filters a step shows (absent fields are no filter). */
export function stepFilters(step: TourStep): FilterState {
  return { ...emptyFilters(), ...step.filters, near: step.filters?.near ?? null };
}

/** The explorer state that shows the same view as the step. */
export function stepState(step: TourStep, lang: Lang): AppState {
  return {
    ...defaultState(),
    lang,
    filters: stepFilters(step),
    layers: [...step.layers],
    opacity: { ...step.opacity },
    park: step.park ?? null,
    camera: { ...step.camera }
  };
}

/** The explorer link (the share link) that opens the step's view, e.g. on a visitor's phone. */
export function stepShareUrl(origin: string, step: TourStep, lang: Lang): string {
  const query = stateToQuery(stepState(step, lang)).toString();
  return `${origin}/${query ? `?${query}` : ''}`;
}

const rounded = (camera: Camera): Camera => ({
  lon: Number(camera.lon.toFixed(5)),
  lat: Number(camera.lat.toFixed(5)),
  zoom: Number(camera.zoom.toFixed(2)),
  bearing: Number(camera.bearing.toFixed(1)),
  pitch: Number(camera.pitch.toFixed(1))
});

/** Only the filters that filter, so a captured step stays as short as a hand-written one. */
function activeFilters(f: FilterState): TourStep['filters'] {
  const out: NonNullable<TourStep['filters']> = {};
  if (f.cities.length) out.cities = [...f.cities];
  if (f.sectors.length) out.sectors = [...f.sectors];
  if (f.kinds.length) out.kinds = [...f.kinds];
  if (f.types.length) out.types = [...f.types];
  if (f.q.trim()) out.q = f.q.trim();
  if (f.near) out.near = { ...f.near };
  return Object.keys(out).length ? out : undefined;
}

/** A new step from what is on screen: the camera, layers, filters and selected park of `state`. */
export function capturedStep(state: Pick<AppState, 'filters' | 'layers' | 'opacity' | 'park'>, camera: Camera, text: Pick<TourStep, 'title' | 'caption'>): TourStep {
  const opacity = Object.fromEntries(Object.entries(state.opacity).filter(([, v]) => v !== 1));
  const filters = activeFilters(state.filters);
  return {
    title: { ...text.title },
    caption: { ...text.caption },
    camera: rounded(camera),
    layers: [...new Set(state.layers)] as TourStep['layers'],
    ...(Object.keys(opacity).length ? { opacity } : {}),
    ...(filters ? { filters } : {}),
    ...(state.park ? { park: state.park } : {})
  };
}
