import { mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildApp, type App } from '../../server/app.ts';

// Generous: on a loaded 2-core machine a worker's start alone can take seconds.
const PREPARED_WITHIN_MS = 90_000;
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-lookups-file-'));
const file = join(dataDir, 'columns', 'analytics-lookups.bin');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A server built as main.ts builds it (a warm pool) on `dataDir`, prepared; with what it logged. */
async function preparedServer(): Promise<{ app: App; log: string[] }> {
  const log: string[] = [];
  const app = await buildApp({ dataDir, databaseUrl: '', analyticsPool: { threads: 1, warm: true }, logger: { level: 'info', stream: { write: (line: string) => void log.push(line) } } });
  await app.ready();
  const prepared = async () => (await app.inject('/api/health')).json<{ analytics: { prepared: boolean } }>().analytics.prepared;
  await expect.poll(prepared, { timeout: PREPARED_WITHIN_MS, interval: 50 }).toBe(true);
  return { app, log };
}

const logged = (log: string[], text: string) => log.some((line) => line.includes(text));

describe('the analytics lookups file beside the column snapshots', () => {
  test('a server writes it once prepared, the next start reads it instead of finding the lookups anew and answers the same bytes, and a truncated file is logged, not used, and written again', async () => {
    const first = await preparedServer();
    const density = (await first.app.inject('/api/analytics/density')).body;
    const nni = (await first.app.inject('/api/analytics/nni')).body;
    // The worker's log line travels apart from its answer: wait for it.
    await expect.poll(() => logged(first.log, 'analytics lookups written'), { timeout: PREPARED_WITHIN_MS }).toBe(true);
    await first.app.close();
    const written = readFileSync(file);

    const second = await preparedServer();
    try {
      await expect.poll(() => logged(second.log, 'analytics lookups read from'), { timeout: PREPARED_WITHIN_MS }).toBe(true);
      expect((await second.app.inject('/api/analytics/density')).body).toBe(density);
      expect((await second.app.inject('/api/analytics/nni')).body).toBe(nni);
    } finally {
      await second.app.close();
    }

    truncateSync(file, written.length - 16);
    const third = await preparedServer();
    try {
      await expect.poll(() => logged(third.log, 'analytics lookups written'), { timeout: PREPARED_WITHIN_MS }).toBe(true);
      expect(logged(third.log, 'not used, preparing anew')).toBe(true);
      expect(logged(third.log, 'truncated')).toBe(true);
      expect(logged(third.log, 'analytics lookups read from')).toBe(false);
      expect((await third.app.inject('/api/analytics/nni')).body).toBe(nni);
    } finally {
      await third.app.close();
    }
    expect(readFileSync(file).equals(written)).toBe(true);
  }, 3 * PREPARED_WITHIN_MS + 30_000);
});
