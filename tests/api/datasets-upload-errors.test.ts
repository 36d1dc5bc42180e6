import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appWithTempData, editor, multipart } from './datasets-upload.ts';

let env: Awaited<ReturnType<typeof appWithTempData>>;
beforeAll(async () => {
  env = await appWithTempData();
});
afterAll(() => env.dispose());

const CSV = 'name,lon,lat,city\n腾讯滨海大厦,113.9345,22.5228,深圳\n';
const BOUNDARY = '----atlas-boundary';

/** A multipart body written by hand, for shapes FormData cannot make. */
function handMade(parts: { name: string; fileName?: string; value: string }[], end = true): Buffer {
  const text = parts
    .map((p) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName ? `; filename="${p.fileName}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${p.value}\r\n`)
    .join('');
  return Buffer.from(end ? `${text}--${BOUNDARY}--\r\n` : text);
}

async function post(payload: Buffer | string, contentType: string, authorization: string | null = editor.authorization) {
  return env.app.inject({ method: 'POST', url: '/api/datasets', headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) }, payload });
}

/** Every refused upload: a 4xx whose JSON body names what was wrong, and no dataset written. */
async function expectRefused(res: Awaited<ReturnType<typeof post>>, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
  if (code) expect(body).toMatchObject({ code, parameter: 'file', report: { problems: [expect.objectContaining({ code })] } });
  expect((await env.app.inject('/api/datasets')).json()).toEqual([]);
}

describe('POST /api/datasets answers every malformed upload with a 4xx that serialises', () => {
  test('a 2 MB JSON body without a key is refused as unauthorised, before the body is read', async () => {
    await expectRefused(await post(JSON.stringify({ junk: 'x'.repeat(2 * 1024 * 1024) }), 'application/json', null), 401);
  });

  test('a 2 MB JSON body with a key is a 413 from the body limit, as an error body', async () => {
    await expectRefused(await post(JSON.stringify({ junk: 'x'.repeat(2 * 1024 * 1024) }), 'application/json'), 413);
  });

  test('two file parts are a 400: one file per import', async () => {
    const body = handMade([{ name: 'file', fileName: 'a.csv', value: CSV }, { name: 'file', fileName: 'b.csv', value: CSV }]);
    await expectRefused(await post(body, `multipart/form-data; boundary=${BOUNDARY}`), 400, 'one-file-per-import');
  });

  test('more than 20 form fields are a 413 naming the limit', async () => {
    const fields = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`f${i}`, 'x']));
    const { headers, payload } = await multipart('a.csv', CSV, fields);
    const res = await post(payload, headers['content-type']);
    await expectRefused(res, 413, 'too-many-fields');
    expect(res.json().message).toContain('20');
  });

  test('multipart/form-data without a boundary is a 400', async () => {
    await expectRefused(await post(handMade([{ name: 'file', fileName: 'a.csv', value: CSV }]), 'multipart/form-data'), 400, 'malformed-upload');
  });

  test('a multipart body cut off in the middle of the file is a 400', async () => {
    const whole = handMade([{ name: 'file', fileName: 'a.csv', value: CSV.repeat(50) }]);
    await expectRefused(await post(whole.subarray(0, whole.length / 2), `multipart/form-data; boundary=${BOUNDARY}`), 400, 'malformed-upload');
  });

  test('a multipart body with no closing boundary is a 400', async () => {
    await expectRefused(await post(handMade([{ name: 'file', fileName: 'a.csv', value: CSV }], false), `multipart/form-data; boundary=${BOUNDARY}`), 400, 'malformed-upload');
  });

  test('after all of these a good upload still imports', async () => {
    const { headers, payload } = await multipart('good.csv', CSV);
    const res = await post(payload, headers['content-type']);
    expect(res.statusCode, res.body).toBe(201);
  });
});
