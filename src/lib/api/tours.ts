import type { TourDocument, TourStep, TourSummary } from '$server/schemas/tours.ts';
import { ApiError, getJson } from './client';

export type { TourDocument, TourStep, TourSummary };

/** Every tour, the built-in tour of the plan first. */
export function getTours(signal?: AbortSignal): Promise<TourSummary[]> {
  return getJson('/api/tours', signal);
}

/** One tour in the versioned tour format. */
export function getTour(id: string, signal?: AbortSignal): Promise<TourDocument> {
  return getJson(`/api/tours/${encodeURIComponent(id)}`, signal);
}

/** The address that downloads a tour as a JSON file (export). */
export function tourExportUrl(id: string): string {
  return `/api/tours/${encodeURIComponent(id)}?download=true`;
}

async function send<T>(method: string, path: string, editorKey: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${editorKey}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined
  });
  if (!res.ok) {
    const answer = await res.json().catch(() => ({}));
    throw new ApiError(res.status, answer.message ?? `${res.status} ${res.statusText}`);
  }
  return (res.status === 204 ? undefined : res.json()) as Promise<T>;
}

/** Saves a tour: replaces tour `id`, or creates a new tour (also how an exported file is imported) when `id` is null. */
export function saveTour(tour: TourDocument, id: string | null, editorKey: string): Promise<TourDocument> {
  return id ? send('PUT', `/api/tours/${encodeURIComponent(id)}`, editorKey, tour) : send('POST', '/api/tours', editorKey, tour);
}

export function deleteTour(id: string, editorKey: string): Promise<void> {
  return send('DELETE', `/api/tours/${encodeURIComponent(id)}`, editorKey);
}
