import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appWithTempData, editor } from './datasets-upload.ts';

let env: Awaited<ReturnType<typeof appWithTempData>>;
let port: number;
beforeAll(async () => {
  env = await appWithTempData({ http: { requestTimeoutMs: 1_000 } });
  await env.app.listen({ host: '127.0.0.1', port: 0 });
  port = (env.app.server.address() as { port: number }).port;
});
afterAll(() => env.dispose());

/** A request body that sends one byte and then nothing, ever. */
const neverEndingBody = () => new Readable({ read() {} }).on('resume', function (this: Readable) { this.push('{'); });

/**
 * Sends the head of a POST that promises `Content-Length: 1000000`, then one byte every `everyMs`;
 * resolves with what the server answered (or '' if it closed silently) and how long that took.
 */
function trickle(path: string, headers: Record<string, string>, everyMs = 500): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let drip: NodeJS.Timeout | undefined;
    const give = setTimeout(() => { socket.destroy(); reject(new Error(`${path}: still open after 10 s`)); }, 10_000);
    socket.on('connect', () => {
      const head = Object.entries({ host: 'localhost', 'content-type': 'application/json', 'content-length': '1000000', ...headers }).map(([k, v]) => `${k}: ${v}`).join('\r\n');
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n\r\n{`);
      drip = setInterval(() => socket.writable && socket.write(' '), everyMs);
    });
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      // The status line is all this needs; stop sending and hang up.
      if (answer.includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('close', () => { clearInterval(drip); clearTimeout(give); resolve({ answer, ms: Date.now() - started }); });
    socket.on('error', () => undefined);
  });
}

describe('slow and endless request bodies', () => {
  test('every write route refuses a request without a key before reading its body', async () => {
    const spec = (await env.app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m)).map((m) => ({ method: m.toUpperCase(), url: path.replace(/\{[^}]+\}/g, (p) => (p === '{id}' && path.startsWith('/api/datasets') ? 'ds00000000' : 'x')) }))
    );
    expect(writes.length).toBeGreaterThanOrEqual(8);
    for (const { method, url } of writes) {
      // The body never ends, so a route that read it first would never answer (inject has no timeout of its own).
      const res = await Promise.race([
        env.app.inject({ method: method as 'POST', url, headers: { 'content-type': 'application/json' }, payload: neverEndingBody() }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${method} ${url} waited for the body`)), 5_000))
      ]);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  test('POST /api/tours promising a 1 MB body, a byte at a time, without a key, is answered 401 at once', async () => {
    const { answer, ms } = await trickle('/api/tours', {});
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(ms).toBeLessThan(5_000);
  });

  test('with a key, a body that trickles in is cut off by the request timeout (408)', async () => {
    const { answer, ms } = await trickle('/api/tours', { authorization: editor.authorization });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(900);
  });

  test('the server still answers /api/health', async () => {
    expect((await env.app.inject('/api/health')).statusCode).toBe(200);
  });
});
