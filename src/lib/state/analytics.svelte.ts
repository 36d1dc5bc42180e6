import { getAnalytics, type Nni } from '$lib/api/analytics';
import { organizationQuery } from '$lib/api/query';
import { deckLayers, type AnalyticsParams } from '$lib/map/layer-registry';
import { DBSCAN_DEFAULTS, HEX_VIEW_DEFAULTS } from '$server/analytics/defaults.ts';
import type { FilterState } from './url-state.ts';

/** The server's analytic defaults: the panel starts from them, and the targets view and tours use them. */
export const ANALYTICS_DEFAULTS: AnalyticsParams = {
  hexEdgeKm: HEX_VIEW_DEFAULTS.edgeKm,
  extruded: false,
  epsKm: DBSCAN_DEFAULTS.epsKm,
  minPoints: DBSCAN_DEFAULTS.minPoints,
  ellipseBy: 'sector'
};

/** The analyst's knobs (the analytics panel edits them). */
export const analyticsParams = $state<AnalyticsParams>({ ...ANALYTICS_DEFAULTS });

/** Results by the registry's data key (`density`, `clusters`, `ellipse`), the NNI reading, and progress. */
export const analytics = $state<{
  data: Record<string, unknown>;
  nni: Nni | null;
  running: boolean;
  progress: number;
  error: unknown;
}>({ data: {}, nni: null, running: false, progress: 0, error: null });

let inFlight: AbortController | null = null;

/**
 * Computes what the switched-on analytic layers of the registry need for `filters` (one request per data
 * key), plus the nearest-neighbour reading; progress is the mean over the requests.
 */
export async function runAnalytics(filters: FilterState, layers: string[], params: AnalyticsParams = analyticsParams): Promise<void> {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const snapshot = { ...params };
  const loaders = new Map<string, (options: { signal: AbortSignal; onProgress: (f: number) => void }) => Promise<unknown>>();
  for (const def of deckLayers()) {
    if (layers.includes(def.id) && !loaders.has(def.data.key)) loaders.set(def.data.key, (o) => def.data.load(filters, snapshot, o));
  }
  loaders.set('nni', (o) => getAnalytics('nni', organizationQuery(filters), o));
  const keys = [...loaders.keys()];
  const fractions = keys.map(() => 0);
  analytics.running = true;
  analytics.progress = 0;
  analytics.error = null;
  try {
    await Promise.all(
      keys.map(async (key, i) => {
        const onProgress = (f: number) => {
          fractions[i] = f;
          if (inFlight === controller) analytics.progress = fractions.reduce((s, x) => s + x, 0) / keys.length;
        };
        const result = await loaders.get(key)!({ signal: controller.signal, onProgress });
        if (inFlight !== controller) return;
        if (key === 'nni') analytics.nni = result as Nni;
        else analytics.data = { ...analytics.data, [key]: result };
      })
    );
  } catch (err) {
    if ((err as Error).name !== 'AbortError' && inFlight === controller) analytics.error = err;
  } finally {
    if (inFlight === controller) {
      analytics.running = false;
      analytics.progress = 1;
    }
  }
}
