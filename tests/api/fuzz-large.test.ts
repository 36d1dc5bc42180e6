import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server-process.ts';
import { geodataDirWith, syntheticOrganizationsAroundParks } from '../helpers/synthetic-geodata.ts';

// 100k seeded synthetic organisations: large enough that absurd parameters (eps of 500 km, resolution-15
// hexagons, 999 permutations, tiles at z16 over a city) would take the server minutes if it ran them unchecked.
const organizations = syntheticOrganizationsAroundParks(100_000);
const BUDGET_MS = 3000;
// A health check that takes longer than this counts as the server having stalled (generous: 2 shared cores).
const HEALTH_DEADLINE_MS = 5000;
const RUNS = 20;

// Endpoints with the parameters that make them expensive, and values from sensible to absurd.
const REQUESTS = fc.oneof(
  fc.record({ path: fc.constant('/api/analytics/clusters'), name: fc.constantFrom('epsKm', 'minPoints'), value: fc.constantFrom('500', '100', '0.001', '1e9', '-1', 'NaN', '1') }),
  fc.record({ path: fc.constant('/api/analytics/density'), name: fc.constantFrom('resolution', 'edgeKm', 'bandwidthKm', 'kernelCellKm'), value: fc.constantFrom('15', '16', '0.001', '0.05', '50', '1500', '-3') }),
  fc.record({ path: fc.constant('/api/analytics/hotspots'), name: fc.constantFrom('permutations', 'res'), value: fc.constantFrom('999', '9999', '99999', '15', '8', '0') }),
  fc.record({ path: fc.constant('/api/analytics/ripley'), name: fc.constantFrom('simulations', 'maxKm'), value: fc.constantFrom('999', '99', '500', '0', '1e308') }),
  fc.record({ path: fc.constant('/api/analytics/catchment'), name: fc.constantFrom('radiusKm', 'limit'), value: fc.constantFrom('500', '100000', '0', '-5', '1') }),
  fc.record({ path: fc.constant('/api/organizations'), name: fc.constantFrom('limit', 'offset', 'q', 'near'), value: fc.constantFrom('100000', '1000', '-1', 'a', '合', '113.9,22.5,500', 'x'.repeat(500)) })
);

describe('absurd and random parameters against a 100,000-organisation register on the real server', () => {
  let server: RunningServer;
  let geodataDir: string;
  const url = (path: string) => new URL(path, server.url).href;

  beforeAll(async () => {
    geodataDir = geodataDirWith(organizations);
    server = await startServer({ GEODATA_DIR: geodataDir, ANALYTICS_THREADS: '1', ANALYTICS_QUEUE: '2', ANALYTICS_BUDGET_MS: String(BUDGET_MS), RATE_LIMIT_PER_MINUTE: 'off' });
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(geodataDir, { recursive: true, force: true });
  });

  test(`${RUNS} generated requests: each refused with a 4xx naming its parameter, or answered, or stopped at the budget with a 503 saying what to change — and /api/health answers throughout`, async () => {
    const samples: { path: string; status: number; body: string }[] = [];
    await fc.assert(
      fc.asyncProperty(REQUESTS, async ({ path, name, value }) => {
        const park = path.endsWith('/catchment') ? 'park=shenzhen-bay-sci-tech-ecological-park&' : '';
        const full = `${path}?${park}${name}=${encodeURIComponent(value)}`;
        const res = await fetch(url(full), { signal: AbortSignal.timeout(120_000) });
        samples.push({ path: full, status: res.status, body: (await res.text()).slice(0, 300) });
        // The server still answers at once after each one (a job may still be running in the pool).
        expect((await fetch(url('/api/health'), { signal: AbortSignal.timeout(HEALTH_DEADLINE_MS) })).status).toBe(200);
      }),
      { numRuns: RUNS, seed: 12 }
    );
    for (const s of samples) {
      // Never a 5xx but the pool's 503 (budget spent, or full).
      if (s.status >= 500) expect(s.status, `${s.path}: ${s.body}`).toBe(503);
      if (s.status >= 400) {
        const body = JSON.parse(s.body);
        expect(body.message, s.path).toBeTruthy();
        // A refusal names what to change: the parameter, or (a full pool) when to come back.
        if (s.status === 400 || (s.status === 503 && body.message.includes('budget'))) expect(body.parameter, `${s.path}: ${s.body}`).toBeTruthy();
      }
    }
    expect(samples.some((s) => s.status === 400)).toBe(true);
  }, 300_000);

  test('/api/health keeps answering within its deadline while budgeted jobs of absurd size run', async () => {
    const jobs = ['/api/analytics/density?resolution=15', '/api/analytics/hotspots?permutations=999&res=8', '/api/analytics/clusters?epsKm=100&minPoints=1'].map((p) =>
      fetch(url(p)).then((r) => r.status)
    );
    let done = false;
    const all = Promise.all(jobs).finally(() => (done = true));
    const health: number[] = [];
    while (!done || health.length < 5) {
      const start = performance.now();
      const res = await fetch(url('/api/health'), { signal: AbortSignal.timeout(HEALTH_DEADLINE_MS) });
      expect(res.status).toBe(200);
      health.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const status of await all) expect([200, 503]).toContain(status);
    expect(health.length).toBeGreaterThanOrEqual(5);
  }, 300_000);
});
