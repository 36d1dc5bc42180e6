/** Fetches `url`, reads the whole body, and says how long that took (ms). */
export async function timedFetch(url: string, init?: RequestInit): Promise<{ res: Response; body: string; ms: number }> {
  const start = performance.now();
  const res = await fetch(url, init);
  const body = await res.text();
  return { res, body, ms: performance.now() - start };
}
