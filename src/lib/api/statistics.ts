import type { Static } from '@sinclair/typebox';
import type { HotspotsResult, RipleyResult } from '$server/schemas/statistics.ts';
import { getJson } from './client.ts';

export type Hotspots = Static<typeof HotspotsResult>;
export type Ripley = Static<typeof RipleyResult>;

/** Getis-Ord Gi* hot spots for the filters in `query` (plus `res`, `permutations`, `seed` if set). */
export function getHotspots(query: URLSearchParams, signal?: AbortSignal): Promise<Hotspots> {
  return getJson(`/api/analytics/hotspots?${query}`, signal);
}

/** Ripley's L(r) − r with its CSR envelope for the filters in `query`. */
export function getRipley(query: URLSearchParams, signal?: AbortSignal): Promise<Ripley> {
  return getJson(`/api/analytics/ripley?${query}`, signal);
}
