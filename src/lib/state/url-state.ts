/**
 * Everything a shared link restores — filters, layers, selection, camera, language — as plain
 * data, and its round trip through the URL query. Pure: no DOM, no stores.
 */
import type { Lang } from '$lib/i18n';
import { readSuitability, writeSuitability, type SuitabilitySettings } from '$lib/investor/suitability-state';
import { DEFAULT_LAYER_IDS } from '$lib/map/layer-registry';

export interface FilterState {
  cities: string[];
  sectors: string[];
  kinds: string[];
  types: string[];
  q: string;
  /** "within radiusKm of [lon, lat]" */
  near: { lon: number; lat: number; radiusKm: number } | null;
}

export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
  bearing: number;
  pitch: number;
}

export type LabelMode = 'zh' | 'en' | 'both';

export interface AppState {
  lang: Lang;
  labels: LabelMode;
  filters: FilterState;
  /** ids of the layers switched on */
  layers: string[];
  /** opacity per layer id, 0..1, only where not 1 */
  opacity: Record<string, number>;
  park: string | null;
  /** the organisation whose card is open */
  organization: string | null;
  shortlist: string[];
  camera: Camera | null;
  /** The investor's suitability settings; null until a sector is chosen. */
  suitability: SuitabilitySettings | null;
}

/** The layers a fresh page shows: the registry's default-visible ones. */
export const DEFAULT_LAYERS = DEFAULT_LAYER_IDS;

export function emptyFilters(): FilterState {
  return { cities: [], sectors: [], kinds: [], types: [], q: '', near: null };
}

export function defaultState(): AppState {
  return { lang: 'zh', labels: 'both', filters: emptyFilters(), layers: [...DEFAULT_LAYERS], opacity: {}, park: null, organization: null, shortlist: [], camera: null, suitability: null };
}

const list = (v: string | null): string[] => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
const finite = (v: string | undefined): number | null => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** The query string for a state; defaults are left out so links stay short. */
export function stateToQuery(state: AppState): URLSearchParams {
  const p = new URLSearchParams();
  const f = state.filters;
  if (state.lang !== 'zh') p.set('lang', state.lang);
  if (state.labels !== 'both') p.set('labels', state.labels);
  if (f.cities.length) p.set('city', f.cities.join(','));
  if (f.sectors.length) p.set('sector', f.sectors.join(','));
  if (f.kinds.length) p.set('kind', f.kinds.join(','));
  if (f.types.length) p.set('type', f.types.join(','));
  if (f.q) p.set('q', f.q);
  if (f.near) p.set('near', `${round(f.near.lon, 5)},${round(f.near.lat, 5)},${f.near.radiusKm}`);
  if (state.layers.join(',') !== DEFAULT_LAYERS.join(',')) p.set('layers', state.layers.join(','));
  const opacity = Object.entries(state.opacity).filter(([, v]) => v !== 1);
  if (opacity.length) p.set('opacity', opacity.map(([k, v]) => `${k}:${round(v, 2)}`).join(','));
  if (state.park) p.set('park', state.park);
  if (state.organization) p.set('org', state.organization);
  if (state.shortlist.length) p.set('shortlist', state.shortlist.join(','));
  if (state.camera) {
    const c = state.camera;
    p.set('at', [round(c.lon, 5), round(c.lat, 5), round(c.zoom, 2), round(c.bearing, 1), round(c.pitch, 1)].join(','));
  }
  writeSuitability(p, state.suitability);
  return p;
}

/** Reads a state back from a query string; anything malformed falls back to its default. */
export function queryToState(query: URLSearchParams): AppState {
  const state = defaultState();
  state.lang = query.get('lang') === 'en' ? 'en' : 'zh';
  const labels = query.get('labels');
  if (labels === 'zh' || labels === 'en' || labels === 'both') state.labels = labels;
  state.filters.cities = list(query.get('city'));
  state.filters.sectors = list(query.get('sector'));
  state.filters.kinds = list(query.get('kind'));
  state.filters.types = list(query.get('type'));
  state.filters.q = query.get('q') ?? '';
  const [lon, lat, radiusKm] = (query.get('near') ?? '').split(',').map((v) => finite(v));
  if (lon !== null && lat !== null && radiusKm !== null && radiusKm > 0) state.filters.near = { lon, lat, radiusKm };
  if (query.has('layers')) state.layers = list(query.get('layers'));
  for (const pair of list(query.get('opacity'))) {
    const [id, value] = pair.split(':');
    const v = finite(value);
    if (id && v !== null && v >= 0 && v <= 1) state.opacity[id] = v;
  }
  state.park = query.get('park') || null;
  state.organization = query.get('org') || null;
  state.shortlist = list(query.get('shortlist')).slice(0, 6);
  const at = (query.get('at') ?? '').split(',').map((v) => finite(v));
  if (at.length === 5 && at.every((v) => v !== null)) {
    const [cLon, cLat, zoom, bearing, pitch] = at as number[];
    state.camera = { lon: cLon, lat: cLat, zoom, bearing, pitch };
  }
  state.suitability = readSuitability(query);
  return state;
}
