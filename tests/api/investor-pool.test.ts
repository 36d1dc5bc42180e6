import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();

describe.each([
  ['suitability', '/api/analytics/suitability?sector=service-robots&weightResearch=5&weightAirport=2'],
  ['chain', '/api/analytics/chain?radiusKm=7']
])('GET /api/analytics/%s', (_, url) => {
  test('is computed in an analytics worker, and the same query on the same data is answered from the cache', async () => {
    const { started } = app().analyticsPool.stats;
    const first = await app().inject(url);
    expect(first.statusCode).toBe(200);
    expect(app().analyticsPool.stats.started).toBe(started + 1);
    const again = await app().inject(url);
    expect(again.body).toBe(first.body);
    expect(app().analyticsPool.stats.started).toBe(started + 1);
  });

  test('streams progress then the result with stream=sse', async () => {
    const res = await app().inject(`${url}&stream=sse`);
    expect(res.headers['content-type']).toMatch(/text\/event-stream/);
    expect(res.body).toMatch(/event: result/);
  });
});
