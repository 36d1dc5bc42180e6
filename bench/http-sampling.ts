/** HTTP sampling for the benchmarks that measure the real server: one timed GET, and GETs repeated while a job runs. */

/** One GET, its wall time (ms), status and body. */
export async function timedGet(url: string): Promise<{ ms: number; status: number; body: string }> {
  const start = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  return { ms: performance.now() - start, status: res.status, body };
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
