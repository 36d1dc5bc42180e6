import type { Static } from '@sinclair/typebox';
import type { ClustersResult, DensityResult, EllipseResult, NniResult, SpecializationResult, TargetsResult } from '$server/schemas/analytics.ts';
import { ApiError, getJson } from './client.ts';

export type Density = Static<typeof DensityResult>;
export type Clusters = Static<typeof ClustersResult>;
export type Ellipses = Static<typeof EllipseResult>;
export type Nni = Static<typeof NniResult>;
export type Specialization = Static<typeof SpecializationResult>;
export type TargetProgress = Static<typeof TargetsResult>;

export interface AnalyticsResults {
  density: Density;
  clusters: Clusters;
  ellipse: Ellipses;
  nni: Nni;
  specialization: Specialization;
  targets: TargetProgress;
}
export type AnalyticsName = keyof AnalyticsResults;

/**
 * One analytics result. With `onProgress`, the answer comes as server-sent events so a progress bar
 * can follow the computation (the server's `stream=sse`); aborting closes the stream.
 */
export function getAnalytics<N extends AnalyticsName>(
  name: N,
  query: URLSearchParams,
  { signal, onProgress }: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {}
): Promise<AnalyticsResults[N]> {
  const path = `/api/analytics/${name}`;
  if (!onProgress) return getJson(`${path}?${query}`, signal);
  const q = new URLSearchParams(query);
  q.set('stream', 'sse');
  return new Promise((resolve, reject) => {
    const source = new EventSource(`${path}?${q}`);
    const close = () => source.close();
    signal?.addEventListener('abort', () => {
      close();
      reject(new DOMException('aborted', 'AbortError'));
    });
    source.addEventListener('progress', (e) => onProgress(JSON.parse((e as MessageEvent).data).fraction));
    source.addEventListener('result', (e) => {
      close();
      resolve(JSON.parse((e as MessageEvent).data));
    });
    source.addEventListener('error', (e) => {
      close();
      const data = (e as MessageEvent).data;
      // A server error event carries a body; a dropped connection carries none: ask again plainly for its message.
      if (data) {
        const body = JSON.parse(data);
        reject(new ApiError(body.statusCode ?? 500, body.message, body.parameter));
      }
      else getJson<AnalyticsResults[N]>(`${path}?${query}`, signal).then(resolve, reject);
    });
  });
}
