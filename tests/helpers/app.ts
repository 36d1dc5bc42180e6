import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App } from '../../server/app.ts';

/** One app per test file, built before the first test and closed after the last; tests call `app().inject()`. */
export function useApp(): () => App {
  let app: App | undefined;
  beforeAll(async () => {
    app = await buildApp();
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (!app) throw new Error('the app is not built yet: call inside a test');
    return app;
  };
}
