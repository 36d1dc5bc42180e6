import { getAnalytics, type Clusters, type Density, type Ellipses, type Nni } from '$lib/api/analytics';
import { organizationQuery } from '$lib/api/query';
import type { FilterState } from './url-state.ts';

/** The analyst's knobs: 3 km hexagons read at city scale; DBSCAN 1.5 km with 3 points suits ~100 organisations. */
export const analyticsParams = $state({ hexEdgeKm: 3, extruded: false, epsKm: 1.5, minPoints: 3, ellipseBy: 'sector' as 'sector' | 'city' });

/** Results on the map and in the side table, and the progress of the computation under way. */
export const analytics = $state<{
  density: Density | null;
  clusters: Clusters | null;
  ellipses: Ellipses | null;
  nni: Nni | null;
  running: boolean;
  progress: number;
  error: string | null;
}>({ density: null, clusters: null, ellipses: null, nni: null, running: false, progress: 0, error: null });

let inFlight: AbortController | null = null;

/** Computes what the switched-on analytic layers need for `filters`; progress is the mean over the requests. */
export async function runAnalytics(filters: FilterState, layers: string[]): Promise<void> {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const p = analyticsParams;
  const wanted: (() => Promise<void>)[] = [];
  const fractions: number[] = [];
  const track = (i: number) => (f: number) => {
    fractions[i] = f;
    analytics.progress = fractions.reduce((s, x) => s + x, 0) / wanted.length;
  };
  const options = (i: number) => ({ signal: controller.signal, onProgress: track(i) });
  if (layers.includes('hexagons') || layers.includes('heat')) {
    const i = wanted.length;
    wanted.push(async () => void (analytics.density = await getAnalytics('density', organizationQuery(filters, { edgeKm: p.hexEdgeKm }), options(i))));
  }
  if (layers.includes('clusters')) {
    const i = wanted.length;
    wanted.push(async () => void (analytics.clusters = await getAnalytics('clusters', organizationQuery(filters, { epsKm: p.epsKm, minPoints: p.minPoints }), options(i))));
  }
  if (layers.includes('ellipses')) {
    const i = wanted.length;
    wanted.push(async () => void (analytics.ellipses = await getAnalytics('ellipse', organizationQuery(filters, { groupBy: p.ellipseBy }), options(i))));
  }
  {
    const i = wanted.length;
    wanted.push(async () => void (analytics.nni = await getAnalytics('nni', organizationQuery(filters), options(i))));
  }
  fractions.length = wanted.length;
  fractions.fill(0);
  analytics.running = true;
  analytics.progress = 0;
  analytics.error = null;
  try {
    await Promise.all(wanted.map((w) => w()));
  } catch (err) {
    if ((err as Error).name !== 'AbortError') analytics.error = (err as Error).message;
  } finally {
    if (inFlight === controller) {
      analytics.running = false;
      analytics.progress = 1;
    }
  }
}
