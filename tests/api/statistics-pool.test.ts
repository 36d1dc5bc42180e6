import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server-process.ts';
import { geodataDirWith, syntheticOrganizationsAroundParks } from '../helpers/synthetic-geodata.ts';
import { timedFetch } from '../helpers/timed-fetch.ts';

// Seeded synthetic organisations; what makes the jobs below slow is their parameters, not the count:
// Gi* over ~24,000 H3 res-8 cells of the five cities with 9,999 permutations each, and Ripley's L with
// 999 CSR simulations, each far past the 4 s budget of the server here.
const organizations = syntheticOrganizationsAroundParks(20_000);
// Generous: on a loaded 2-core machine a worker's start alone can take seconds.
const SLOW_TEST_MS = 180_000;
const BUDGET_MS = 4000;
const QUICK = '/api/analytics/ellipse?city=zhuhai&type=lab';
const SLOW_JOBS = [
  { path: '/api/analytics/hotspots?res=8&permutations=9999', parameter: 'permutations' },
  { path: '/api/analytics/ripley?simulations=999', parameter: 'simulations' }
];

describe('hot spots and Ripley on the real server with one analytics worker and a 4 s budget', () => {
  let server: RunningServer;
  let geodataDir: string;
  const url = (path: string) => new URL(path, server.url).href;

  beforeAll(async () => {
    geodataDir = geodataDirWith(organizations);
    server = await startServer({ GEODATA_DIR: geodataDir, ANALYTICS_THREADS: '1', ANALYTICS_QUEUE: '2', ANALYTICS_BUDGET_MS: String(BUDGET_MS) });
    // The worker has loaded once this answers, so each slow job below starts at once.
    expect((await timedFetch(url(QUICK))).res.status).toBe(200);
  }, SLOW_TEST_MS);
  afterAll(async () => {
    await server?.stop();
    rmSync(geodataDir, { recursive: true, force: true });
  });

  test.each(SLOW_JOBS)('a slow job ($path) does not delay /api/health, and past its budget it answers 503 naming $parameter', async ({ path, parameter }) => {
    let answered = false;
    const slow = timedFetch(url(path)).finally(() => (answered = true));
    const health: number[] = [];
    // Sampled for as long as the job runs, however fast or slow this machine is.
    while (!answered) {
      const { res, ms } = await timedFetch(url('/api/health'));
      expect(res.status).toBe(200);
      health.push(ms);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(health.length, 'health was sampled while the job ran').toBeGreaterThanOrEqual(3);
    // On the main thread, the job would have held every one of these for seconds.
    expect(Math.max(...health), `health latencies (ms): ${health.map(Math.round).join(', ')}`).toBeLessThan(1500);

    const { res, body } = await slow;
    expect(res.status).toBe(503);
    expect(JSON.parse(body)).toMatchObject({ statusCode: 503, parameter, message: expect.stringContaining('4 s budget') });
    expect((await timedFetch(url('/api/health'))).res.status).toBe(200);
  }, SLOW_TEST_MS);
});
