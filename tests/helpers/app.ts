import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App, type AppOptions } from '../../server/app.ts';

/** buildApp with its database in a fresh temporary directory (never ./data), removed when the app closes. */
export async function buildIsolatedApp(options: AppOptions = {}): Promise<App> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'atlas-test-'));
  const app = await buildApp({ ...options, dataDir });
  if (!options.dataDir) app.addHook('onClose', async () => rmSync(dataDir, { recursive: true, force: true }));
  await app.ready();
  return app;
}

/** One isolated app per test file, built before the first test and closed after the last; tests call `app().inject()`. */
export function useApp(options: AppOptions = {}): () => App {
  let app: App | undefined;
  beforeAll(async () => {
    app = await buildIsolatedApp(options);
  });
  afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (!app) throw new Error('the app is not built yet: call inside a test');
    return app;
  };
}
