import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';
import { multipart } from './datasets-upload.ts';

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
          expect(res.json().message, `${m} ${p + q}`).toEqual(expect.stringMatching(/\S/));
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

// Edge numbers for every numeric query parameter, against a server in its own process: a request
// that loops forever there fails its deadline here, instead of freezing the test runner with it.
const EDGE_NUMBERS = ['0', '-0', '1e-300', '1e-14', '1e308', 'Infinity', '-Infinity', 'NaN', '9'.repeat(400), `0.${'0'.repeat(398)}1`, '0x10', '1e3', '1E-3', '-1e-7', '+5', '.5', '5.'];
// The analytics budget and queue wait of the fuzzed server, and a deadline past both: a request the pool stops answers
// 503 with what to change (allowed: the documented answer to a job too big for its budget on a loaded machine); one
// that gets no answer by the deadline hangs.
const BUDGET_MS = 10_000;
const QUEUE_WAIT_MS = 5_000;
const DEADLINE_MS = BUDGET_MS + QUEUE_WAIT_MS + 15_000;
/** A 503 the analytics pool gives when a job overran its budget or found the queue full: it says so and what to change. */
const poolRefusal = (status: number, body: string) => status === 503 && /took longer than its [\d.]+ s budget|analytics are busy/.test(body);
const FUZZ_KEY = 'fuzz-editor-key';

type Upload = { headers: Record<string, string>; body: string | Uint8Array };

interface NumericParameter {
  name: string;
  schema: { type: string; minimum?: number; maximum?: number; exclusiveMinimum?: number };
}

describe('edge numbers in every numeric query parameter, over real HTTP with a deadline per request', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ RATE_LIMIT_PER_MINUTE: 'off', EDITOR_TOKEN: FUZZ_KEY, ANALYTICS_BUDGET_MS: String(BUDGET_MS), ANALYTICS_QUEUE_WAIT_MS: String(QUEUE_WAIT_MS) });
  });
  afterAll(async () => {
    // A server stuck in a loop ignores SIGTERM; SIGKILL always ends it.
    const stopped = server?.stop();
    const killed = new Promise<void>((done) => setTimeout(() => (server?.process.kill('SIGKILL'), done()), 5_000).unref());
    await Promise.race([stopped, killed]);
  });

  /** One request with a deadline: the status, or a thrown error naming the request that hung. */
  async function send(path: string, init: Omit<RequestInit, 'body'> & { body?: string | Uint8Array } = {}): Promise<{ status: number; body: string }> {
    try {
      const res = await fetch(new URL(path, server.url), { ...init, body: init.body as BodyInit | undefined, signal: AbortSignal.timeout(DEADLINE_MS) });
      return { status: res.status, body: await res.text() };
    } catch (err) {
      throw new Error(`${init.method ?? 'GET'} ${path.slice(0, 200)} got no answer within ${DEADLINE_MS} ms (${(err as Error).name})`);
    }
  }
  const healthy = async () => expect((await send('/api/health')).status).toBe(200);

  test('0 5xx and 0 hangs for every route × numeric parameter × edge value, with the other numbers at their limits', async () => {
    const spec = JSON.parse((await send('/openapi.json')).body) as { paths: Record<string, { get?: { parameters?: (NumericParameter & { in: string })[] } }> };
    const routes = Object.entries(spec.paths)
      .map(([path, ops]) => ({ path, numbers: (ops.get?.parameters ?? []).filter((p) => p.in === 'query' && (p.schema.type === 'number' || p.schema.type === 'integer')) }))
      .filter((r) => r.numbers.length > 0 && !r.path.includes('{'));
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/organizations', '/api/parks', '/api/analytics/clusters', '/api/analytics/density', '/api/analytics/catchment', '/api/analytics/targets']));
    const limit = (p: NumericParameter, high: boolean) => String(high ? (p.schema.maximum ?? 1) : (p.schema.minimum ?? p.schema.exclusiveMinimum ?? 0) + (p.schema.exclusiveMinimum !== undefined ? 1e-3 : 0));
    const failures: string[] = [];
    const refused: string[] = [];
    let requests = 0;
    for (const { path, numbers } of routes) {
      // Catchment needs a centre; every other route takes its numbers alone.
      const base = path.endsWith('/catchment') ? ['park=guangzhou-science-city'] : [];
      for (const [k, parameter] of numbers.entries()) {
        for (const [v, value] of EDGE_NUMBERS.entries()) {
          const high = (k + v) % 2 === 0;
          const others = numbers.filter((o) => o !== parameter && !(path.endsWith('/catchment') && (o.name === 'lon' || o.name === 'lat'))).map((o) => `${o.name}=${limit(o, high)}`);
          const query = [...base, `${parameter.name}=${encodeURIComponent(value)}`, ...others, ...(path.startsWith('/api/analytics/') && v % 3 === 0 ? ['stream=sse'] : [])].join('&');
          const url = `${path}?${query}`;
          const res = await send(url);
          requests++;
          if (poolRefusal(res.status, res.body)) refused.push(url.slice(0, 160));
          else if (res.status >= 500) failures.push(`${url.slice(0, 160)} → ${res.status} ${res.body.slice(0, 160)}`);
          if (res.status === 200 && res.body.includes('event: error') && res.body.includes('internal error')) failures.push(`${url.slice(0, 160)} → SSE internal error`);
        }
      }
      await healthy();
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(300);
    // Every parameter sits at its documented limit here, so a job may overrun its budget on a loaded machine; most must not.
    expect(refused.length, refused.join('\n')).toBeLessThan(requests / 20);
  }, 240_000);

  test('multipart edge cases never get a 5xx or hang, and write nothing', async () => {
    const auth = { authorization: `Bearer ${FUZZ_KEY}` };
    const csv = '名称,城市,经度,纬度\n某企业,深圳,113.93,22.53\n';
    const good = await multipart('a.csv', csv);
    const boundary = good.headers['content-type'].split('boundary=')[1];
    const form = async (fileName: string, text: string, fields: Record<string, string> = {}): Promise<Upload> => {
      const m = await multipart(fileName, text, fields);
      return { headers: { ...auth, ...m.headers }, body: m.payload };
    };
    const cases: [string, Upload][] = [
      ['no boundary', { headers: { ...auth, 'content-type': 'multipart/form-data' }, body: good.payload }],
      ['empty boundary', { headers: { ...auth, 'content-type': 'multipart/form-data; boundary=' }, body: good.payload }],
      ['truncated', { headers: { ...auth, ...good.headers }, body: good.payload.subarray(0, good.payload.length - 20) }],
      ['empty body', { headers: { ...auth, ...good.headers }, body: '' }],
      ['only the closing boundary', { headers: { ...auth, ...good.headers }, body: `--${boundary}--\r\n` }],
      ['wrong boundary', { headers: { ...auth, 'content-type': 'multipart/form-data; boundary=other' }, body: good.payload }],
      ['two files', { headers: { ...auth, ...good.headers }, body: Buffer.concat([good.payload.subarray(0, good.payload.length - boundary.length - 6), good.payload]) }],
      ['a __proto__ field', await form('a.csv', csv, JSON.parse('{"__proto__":"x"}'))],
      ['30 fields', await form('a.csv', csv, Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 'x'])))],
      ['a number field of 400 digits', await form('a.csv', csv, { precision_m: '9'.repeat(400), dry_run: 'true' })],
      ['a hex number field', await form('a.csv', csv, { precision_m: '0x10', dry_run: 'true' })],
      ['an empty file', await form('a.csv', '')],
      ['a file without a name', await form('', csv)]
    ];
    const before = (await send('/api/datasets')).body;
    for (const [name, init] of cases) {
      const res = await send('/api/datasets', { method: 'POST', ...init });
      expect(res.status, `${name}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${name}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      expect(JSON.parse(res.body).message, name).toEqual(expect.stringMatching(/\S/));
    }
    expect((await send('/api/datasets')).body).toBe(before);
    await healthy();
  }, 120_000);
});
