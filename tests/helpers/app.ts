import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App, type AppOptions } from '../../server/app.ts';
import { freshPostgresSchema } from './postgres-schema.ts';

/**
 * buildApp with its database in a fresh temporary directory (never ./data), removed when the app
 * closes; or, when DATABASE_URL is set, in a fresh PostgreSQL schema, dropped when the app closes.
 */
export async function buildIsolatedApp(options: AppOptions = {}): Promise<App> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'atlas-test-'));
  const schema = process.env.DATABASE_URL && !options.databaseUrl ? await freshPostgresSchema(process.env.DATABASE_URL) : undefined;
  const app = await buildApp({ ...options, dataDir, ...(schema ? { databaseUrl: schema.url } : {}) });
  if (!options.dataDir) app.addHook('onClose', async () => rmSync(dataDir, { recursive: true, force: true }));
  if (schema) app.addHook('onClose', () => schema.drop());
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
