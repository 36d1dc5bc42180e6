import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url });

// These need the front end built (npm test builds it first).
describe('serving the front end', () => {
  test('any page path answers the single-page app', async () => {
    const res = await get('/present/plan');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  test('a missing script asset is a 404, not the HTML page a browser would refuse as a script', async () => {
    const res = await get('/_app/immutable/entry/no-such-chunk.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/json');
  });

  test('path tricks under the asset folder cannot leave it', async () => {
    for (const url of ['/_app/..%2F..%2Fpackage.json', '/_app/%2e%2e/%2e%2e/package.json', '/_app/../../server/app.ts']) {
      const res = await get(url);
      // Either refused, or normalised to a page path and answered with the app's index.html.
      expect(res.statusCode === 404 || res.headers['content-type']?.toString().includes('text/html'), url).toBe(true);
      expect(res.body).not.toContain('"name": "cluster-atlas"');
      expect(res.body).not.toContain('buildApp');
    }
  });
});
