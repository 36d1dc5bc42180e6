import type { FilterState } from '$lib/state/url-state';

/**
 * The API's shared filters (API.md "Filters") as a query string, from the front end's filter state.
 * `kind` applies to parks and `type` to organisations; the server ignores neither.
 */
export function filterQuery(filters: FilterState, extra: Record<string, string | number | undefined> = {}): URLSearchParams {
  const p = new URLSearchParams();
  if (filters.cities.length) p.set('city', filters.cities.join(','));
  if (filters.sectors.length) p.set('sector', filters.sectors.join(','));
  if (filters.q.trim()) p.set('q', filters.q.trim());
  if (filters.near) p.set('near', `${filters.near.lon},${filters.near.lat},${filters.near.radiusKm}`);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p;
}

export function parkQuery(filters: FilterState): URLSearchParams {
  const p = filterQuery(filters);
  if (filters.kinds.length) p.set('kind', filters.kinds.join(','));
  return p;
}

export function organizationQuery(filters: FilterState, extra: Record<string, string | number | undefined> = {}): URLSearchParams {
  const p = filterQuery(filters, extra);
  if (filters.types.length) p.set('type', filters.types.join(','));
  return p;
}
