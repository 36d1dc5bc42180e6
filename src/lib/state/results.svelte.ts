import { getOrganizations, getParks, type OrganizationFeature, type ParkFeature } from '$lib/api/client';
import { organizationQuery, parkQuery } from '$lib/api/query';
import type { FilterState } from './url-state.ts';

/** How many organisations the side table lists; the count above it is the full total. */
export const TABLE_ROWS = 200;

/** What the shared filter currently selects, for the map, the tables and the search box. */
export const results = $state<{
  parks: ParkFeature[];
  organizations: OrganizationFeature[];
  organizationTotal: number;
  loading: boolean;
  error: string | null;
}>({ parks: [], organizations: [], organizationTotal: 0, loading: false, error: null });

let inFlight: AbortController | null = null;

/** Re-queries parks and organisations for `filters`; a newer call cancels an older one. */
export async function refreshResults(filters: FilterState): Promise<void> {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  results.loading = true;
  try {
    const [parks, orgs] = await Promise.all([
      getParks(parkQuery(filters), controller.signal),
      getOrganizations(organizationQuery(filters, { limit: TABLE_ROWS }), controller.signal)
    ]);
    results.parks = parks.features;
    results.organizations = orgs.features;
    results.organizationTotal = orgs.total ?? orgs.features.length;
    results.error = null;
  } catch (err) {
    if ((err as Error).name !== 'AbortError') results.error = (err as Error).message;
  } finally {
    if (inFlight === controller) results.loading = false;
  }
}
