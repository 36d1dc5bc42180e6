import type { CityFeature, ParkFeature, Sector } from '$server/schemas/places.ts';

export type { CityFeature, ParkFeature, Sector };

export interface FeatureCollection<F> {
  type: 'FeatureCollection';
  features: F[];
  total?: number;
}

/** An answer other than 2xx, carrying the server's error message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new ApiError(res.status, body.message ?? `${res.status} ${res.statusText} for ${path}`);
  }
  return res.json() as Promise<T>;
}

/** All places of the plan (twelve in the shipped data). */
export function getParks(signal?: AbortSignal): Promise<FeatureCollection<ParkFeature>> {
  return getJson('/api/parks', signal);
}

export function getPark(id: string, signal?: AbortSignal): Promise<ParkFeature> {
  return getJson(`/api/parks/${encodeURIComponent(id)}`, signal);
}

export function getCities(signal?: AbortSignal): Promise<FeatureCollection<CityFeature>> {
  return getJson('/api/cities', signal);
}

export function getSectors(signal?: AbortSignal): Promise<Sector[]> {
  return getJson('/api/sectors', signal);
}
