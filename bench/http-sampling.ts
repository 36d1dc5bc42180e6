/**
 * HTTP sampling for the benchmarks that measure the real server: one timed GET, GETs repeated while a job
 * runs, and this thread's event-loop delay while a job runs.
 */
import { request } from 'node:http';
import { monitorEventLoopDelay, performance as nodePerformance } from 'node:perf_hooks';

/** One GET, its wall time (ms), status and body. */
export async function timedGet(url: string): Promise<{ ms: number; status: number; body: string }> {
  const start = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  return { ms: performance.now() - start, status: res.status, body };
}

/**
 * Longest a bench waits for /api/health to report a state (every row loaded, the analytics preparation finished), ms:
 * many times the slowest seen (a 1M-row restart from SQLite, a preparation starved at load 11), so a server that never
 * gets there is reported and the bench goes on or stops with why, instead of waiting for ever.
 */
export const HEALTH_WAIT_MS = 5 * 60_000;

/** What the benches read of /api/health. */
export interface HealthState {
  data?: { organizations?: number };
  analytics?: { prepared?: boolean };
}

/**
 * Polls GET `{base}api/health` every `everyMs` until `reached` says so: the wait in ms, or undefined when
 * `deadlineMs` passed first (an answer that is not 200 JSON counts as not yet, as while the server starts).
 */
export async function untilHealth(base: string, reached: (health: HealthState) => boolean, everyMs = 100, deadlineMs = HEALTH_WAIT_MS): Promise<number | undefined> {
  const url = new URL('api/health', base.endsWith('/') ? base : `${base}/`).href;
  const begin = performance.now();
  for (;;) {
    const answer = await timedGet(url).catch(() => undefined);
    if (answer?.status === 200 && reached(JSON.parse(answer.body) as HealthState)) return performance.now() - begin;
    if (performance.now() - begin >= deadlineMs) return undefined;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** untilHealth for a state the bench cannot go on without: the wait in ms, or an error naming what never came. */
export async function untilHealthOrFail(base: string, what: string, reached: (health: HealthState) => boolean, everyMs = 100): Promise<number> {
  const ms = await untilHealth(base, reached, everyMs);
  if (ms === undefined) throw new Error(`${base}: /api/health did not report ${what} within ${HEALTH_WAIT_MS / 60_000} min (HEALTH_WAIT_MS); the bench stops here`);
  return ms;
}

/** Wall times (ms) of GET `url`, sampled every 20 ms until `until` settles. */
export async function sampleWhile(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    times.push((await timedGet(url)).ms);
    await new Promise((r) => setTimeout(r, 20));
  }
  return times;
}

/**
 * POSTs a form over node:http, which waits for the answer as long as it takes: `fetch` gives up after
 * undici's fixed 300 s for the response headers, which a 1M-row import on a loaded machine exceeded.
 */
export async function postFormWithoutTimeout(url: string, form: FormData, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const encoded = new Request(url, { method: 'POST', body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-type': encoded.headers.get('content-type')!, 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** This thread's event-loop delay while `work` ran, with the baseline of the same loop idle just before (what the machine's load alone causes). */
export interface LoopDelay<T> {
  result: T;
  p99Ms: number;
  maxMs: number;
  idleP99Ms: number;
  idleMaxMs: number;
  /** Time the loop was busy while `work` ran, ms, and its share of that time. */
  busyMs: number;
  utilization: number;
}

/** Measures the idle loop for `idleMs`, then the loop while `work` runs. */
export async function eventLoopDelayDuring<T>(work: () => Promise<T>, idleMs: number): Promise<LoopDelay<T>> {
  const idle = monitorEventLoopDelay({ resolution: 10 });
  idle.enable();
  await new Promise((r) => setTimeout(r, idleMs));
  idle.disable();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const before = nodePerformance.eventLoopUtilization();
  loop.enable();
  const result = await work();
  loop.disable();
  const used = nodePerformance.eventLoopUtilization(before);
  return {
    result,
    p99Ms: loop.percentile(99) / 1e6,
    maxMs: loop.max / 1e6,
    idleP99Ms: idle.percentile(99) / 1e6,
    idleMaxMs: idle.max / 1e6,
    busyMs: used.active,
    utilization: used.utilization
  };
}
