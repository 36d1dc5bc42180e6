import type { CityFeature, OrganizationFeature, ParkFeature, Sector, Target } from '$server/schemas/places.ts';
import type { Static } from '@sinclair/typebox';
import type { ParkProfileFeature as ParkProfileSchema } from '$server/schemas/profile.ts';

export type { CityFeature, OrganizationFeature, ParkFeature, Sector, Target };
export type ParkProfileFeature = Static<typeof ParkProfileSchema>;

export interface FeatureCollection<F> {
  type: 'FeatureCollection';
  features: F[];
  total?: number;
}

/** An answer other than 2xx, carrying the server's error message and the parameter it names, if any. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GET a JSON resource of this server; an error answer throws ApiError with the server's message. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new ApiError(res.status, body.message ?? `${res.status} ${res.statusText} for ${path}`, body.parameter);
  }
  return res.json() as Promise<T>;
}

const withQuery = (path: string, query?: URLSearchParams) => (query && query.size ? `${path}?${query}` : path);

/** Places of the plan matching the filters (all twelve without filters). */
export function getParks(query?: URLSearchParams, signal?: AbortSignal): Promise<FeatureCollection<ParkFeature>> {
  return getJson(withQuery('/api/parks', query), signal);
}

/** One park with its computed profile. */
export function getPark(id: string, signal?: AbortSignal): Promise<ParkProfileFeature> {
  return getJson(`/api/parks/${encodeURIComponent(id)}`, signal);
}

/** Organisations matching the filters, one page; `total` counts all matches. */
export function getOrganizations(query?: URLSearchParams, signal?: AbortSignal): Promise<FeatureCollection<OrganizationFeature>> {
  return getJson(withQuery('/api/organizations', query), signal);
}

export function getCities(signal?: AbortSignal): Promise<FeatureCollection<CityFeature>> {
  return getJson('/api/cities', signal);
}

export function getSectors(signal?: AbortSignal): Promise<Sector[]> {
  return getJson('/api/sectors', signal);
}

export function getTargets(signal?: AbortSignal): Promise<Target[]> {
  return getJson('/api/targets', signal);
}

/** One organisation with its provenance (the map card). */
export function getOrganization(id: string, signal?: AbortSignal): Promise<OrganizationFeature> {
  return getJson(`/api/organizations/${encodeURIComponent(id)}`, signal);
}

/** Origins other devices on the network can open (the booth QR code); empty on a loopback-only server. */
export async function getShareOrigins(signal?: AbortSignal): Promise<string[]> {
  return (await getJson<{ share_origins?: string[] }>('/api/health', signal)).share_origins ?? [];
}
