import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();

const RUNS = 10_000;

const tricky = fc.constantFrom('..', '%2e%2e', '%2E%2E%2F', '..%2f..%2fetc', '%2f', '%00', '%', '%zz', '.', '//', '\\', '~', '%5C', 'passwd', '0x10', '1e3', '-1', '1.5', 'NaN', 'Infinity', '99999999999999999999', '4294967296', '');
const number = fc.oneof(fc.integer({ min: -5, max: 30 }).map(String), fc.integer().map(String), fc.double().map(String));
const word = fc.oneof(fc.string({ maxLength: 12 }).map(encodeURIComponent), fc.constantFrom('shenzhen', 'drones', 'firm', 'tencent', '腾讯', 'organizations', 'basemap', 'parks', 'x.mvt', 'y.json'));
const segment = fc.oneof(tricky, number, word);

const path = fc
  .tuple(
    fc.constantFrom('/api/organizations', '/api/parks', '/api/parks/', '/api/cities', '/api/sectors', '/api/targets', '/api/health', '/api/', '/tiles/organizations', '/tiles/basemap', '/tiles/parks', '/tiles', '/glyphs', '/style.json', '/openapi.json', '/docs', '/docs/static', '/', ''),
    fc.array(segment, { maxLength: 5 }),
    fc.constantFrom('', '.mvt', '.json', '.pbf', '/')
  )
  .map(([prefix, segments, suffix]) => `${prefix}${segments.map((s) => `/${s}`).join('')}${suffix}` || '/');

const queryValue = fc.oneof(
  word,
  number,
  tricky,
  fc.constantFrom('shenzhen,dongguan', 'drones,,robots', ' , ', '113,22,114,23', '114,22,113,23', '1,2,3', '-181,0,0,0', 'a,b,c,d', 'zh', 'en', 'both'),
  fc.string({ maxLength: 300 }).map(encodeURIComponent)
);
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom('city', 'sector', 'type', 'kind', 'q', 'bbox', 'limit', 'offset', 'lang', 'city[]', '__proto__', 'constructor'), word), queryValue), { maxLength: 6 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));

const printable = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const headers = fc.record(
  {
    'accept-encoding': fc.oneof(fc.constantFrom('br', 'gzip', 'gzip;q=0, br;q=0', '*', 'identity', 'br;q=abc', 'deflate'), printable),
    'if-none-match': fc.oneof(fc.constantFrom('*', '""', 'W/"x"', '"a", "b"'), printable),
    'content-type': fc.oneof(fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/octet-stream'), printable),
    origin: fc.oneof(fc.constant('https://elsewhere.example'), printable),
    accept: printable,
    range: printable
  },
  { requiredKeys: [] }
);
const body = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 200 }), fc.json(), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)));
const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS');

describe('fuzzing every route through inject()', () => {
  test(`${RUNS} generated requests never get a 5xx, and the server still answers /api/health`, async () => {
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(method, path, query, headers, body, async (m, p, q, h, b) => {
        const res = await app()
          .inject({ method: m as 'GET', url: p + q, headers: h, payload: m === 'GET' || m === 'HEAD' ? undefined : b })
          // A URL the injector itself cannot build (e.g. "/\\") never reaches the server; skip it.
          .catch((err: { code?: string }) => (err.code === 'ERR_INVALID_URL' ? undefined : Promise.reject(err)));
        if (!res) return true;
        if (res.statusCode >= 500) failures.push(`${m} ${p + q} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400 && m !== 'HEAD' && String(res.headers['content-type']).includes('json')) {
          expect(res.json().message, `${m} ${p + q}`).toBeTruthy();
        }
        return res.statusCode < 500;
      }),
      { numRuns: RUNS, seed: 20261125 }
    );
    expect(failures).toEqual([]);
    const health = await app().inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
  }, 120_000);
});
