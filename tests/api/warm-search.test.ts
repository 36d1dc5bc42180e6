import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WARM_SEARCH_PATH, warmSearch } from '../../server/routes/warm-search.ts';
import { appWithTempData } from './datasets-upload.ts';

describe('warmSearch (the first search after a start is asked by the server itself)', () => {
  let warmed: Awaited<ReturnType<typeof appWithTempData>>;
  let fresh: Awaited<ReturnType<typeof appWithTempData>>;
  beforeAll(async () => {
    [warmed, fresh] = await Promise.all([appWithTempData(), appWithTempData()]);
  });
  afterAll(async () => {
    await Promise.all([warmed?.dispose(), fresh?.dispose()]);
  });

  test('asks one search through the whole route, and it succeeds', async () => {
    expect(await warmSearch(warmed.app)).toBe(200);
  });

  test('leaves the answers as a server that was not warmed gives them', async () => {
    for (const path of [WARM_SEARCH_PATH, '/api/organizations?limit=5&q=tencent', '/api/organizations?limit=3&offset=2&q=a']) {
      const [a, b] = await Promise.all([warmed.app.inject(path), fresh.app.inject(path)]);
      expect(a.statusCode, path).toBe(200);
      expect(a.json(), path).toEqual(b.json());
    }
  });

  test('on a closed server it reports the reason instead of throwing', async () => {
    const closing = await appWithTempData();
    await closing.dispose();
    const outcome = await warmSearch(closing.app);
    expect(outcome === 503 || outcome instanceof Error).toBe(true);
  });
});
