import type { Static } from '@sinclair/typebox';
import type { AreasResult } from '$server/schemas/area-analytics.ts';
import { getJson } from './client.ts';

export type AreaStats = Static<typeof AreasResult>;

/** What /api/areas/search answers: the area an address names and where to show it. */
export interface AreaMatch {
  query: string;
  matched_text: string;
  area_code: string;
  area_name: string;
  area_level: 'city' | 'district' | 'town';
  city: string;
  placed_code: string;
  placed_name: string;
  center: [number, number];
  radius_km: number;
  bbox: [number, number, number, number];
}

/** The area an address or area name (南山区粤海街道, 松山湖) names; a 404 ApiError says why not. */
export function searchArea(q: string, signal?: AbortSignal): Promise<AreaMatch> {
  return getJson(`/api/areas/search?q=${encodeURIComponent(q)}`, signal);
}

/** Organisations per district with classed breaks, for the choropleth. */
export function getAreaStats(query: URLSearchParams, signal?: AbortSignal): Promise<AreaStats> {
  return getJson(`/api/analytics/areas?${query}`, signal);
}
