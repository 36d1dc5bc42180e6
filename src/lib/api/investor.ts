import type { Static } from '@sinclair/typebox';
import type { ChainResult } from '$server/schemas/industry-chain.ts';
import type { SuitabilityResult } from '$server/schemas/suitability.ts';
import { getJson } from './client.ts';

export type Suitability = Static<typeof SuitabilityResult>;
export type Chain = Static<typeof ChainResult>;

/** Parks ranked for the sectors and weights in `query` (see suitabilityQuery). */
export function getSuitability(query: URLSearchParams, signal?: AbortSignal): Promise<Suitability> {
  return getJson(`/api/analytics/suitability?${query}`, signal);
}

/** Organisations per industry-chain layer, per city and per park catchment. */
export function getChain(query: URLSearchParams, signal?: AbortSignal): Promise<Chain> {
  return getJson(`/api/analytics/chain${query.size ? `?${query}` : ''}`, signal);
}
