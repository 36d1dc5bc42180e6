import type { PerDataset } from '../server/analytics/per-dataset.ts';

/** A keeper like an analytics worker's for one data version: each value is built once, on first use, and kept. */
export function perDatasetKeeper(): PerDataset {
  const kept = new Map<string, unknown>();
  return <T>(key: string, build: () => T): T => {
    if (!kept.has(key)) kept.set(key, build());
    return kept.get(key) as T;
  };
}
