import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { buildIsolatedApp } from '../helpers/app.ts';
import { syntheticOrganizationsAroundParks } from '../helpers/synthetic-geodata.ts';

interface AnalyticsHealth {
  data_version: number;
  prepared: boolean;
}

// Generous: on a loaded 2-core machine a worker's start alone can take seconds.
const PREPARED_WITHIN_MS = 90_000;

describe('/api/health says whether the analytics workers have prepared the data now served', () => {
  test('false on a server that does not prepare; once warm, true when the preparation ends, and false again after a data change until it ends again', async () => {
    const app = await buildIsolatedApp({ analyticsPool: { threads: 1 } });
    try {
      const analytics = async () => (await app.inject('/api/health')).json<{ analytics: AnalyticsHealth }>().analytics;
      const first = app.catalog.version;
      expect(await analytics()).toEqual({ data_version: first, prepared: false });
      app.analyticsPool.warm();
      await expect.poll(analytics, { timeout: PREPARED_WITHIN_MS, interval: 50 }).toEqual({ data_version: first, prepared: true });

      app.catalog.setImportedOrganizations('health-test', syntheticOrganizationsAroundParks(2000));
      const changed = await analytics();
      expect(changed.data_version).not.toBe(first);
      expect(changed.prepared).toBe(false);
      await expect.poll(analytics, { timeout: PREPARED_WITHIN_MS, interval: 50 }).toEqual({ data_version: changed.data_version, prepared: true });
    } finally {
      await app.close();
    }
  }, 2 * PREPARED_WITHIN_MS + 30_000);

  test('a pool built warm (as the server builds it) has its workers running before the app is ready, and prepares the loaded data once ready without being asked', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atlas-test-'));
    const app = await buildApp({ dataDir, databaseUrl: '', analyticsPool: { threads: 1, warm: true } });
    try {
      expect(app.analyticsPool.threadsRunning).toBe(1);
      expect(app.analyticsPool.preparedVersion).toBeNull();
      await app.ready();
      const analytics = async () => (await app.inject('/api/health')).json<{ analytics: AnalyticsHealth }>().analytics;
      await expect.poll(analytics, { timeout: PREPARED_WITHIN_MS, interval: 50 }).toEqual({ data_version: app.catalog.version, prepared: true });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, PREPARED_WITHIN_MS + 30_000);

  test('a pool built without warm (as tests build it) starts no worker', async () => {
    const app = await buildIsolatedApp({ analyticsPool: { threads: 1 } });
    try {
      expect(app.analyticsPool.threadsRunning).toBe(0);
    } finally {
      await app.close();
    }
  });
});
