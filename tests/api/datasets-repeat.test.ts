import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appWithTempData, editor, multipart } from './datasets-upload.ts';

let env: Awaited<ReturnType<typeof appWithTempData>>;
beforeAll(async () => {
  env = await appWithTempData();
});
afterAll(() => env.dispose());

const csv = (name: string) => `名称,城市,经度,纬度\n${name},深圳,113.9345,22.5228\n`;

async function post(text: string, headers: Record<string, string> = {}, fields: Record<string, string> = {}) {
  const body = await multipart('register.csv', text, fields);
  return env.app.inject({ method: 'POST', url: '/api/datasets', headers: { ...body.headers, ...editor, ...headers }, payload: body.payload });
}
const datasetCount = async () => (await env.app.inject('/api/datasets')).json().length;

describe('the same import twice makes one dataset', () => {
  test('the same file posted twice at once: one 201, one 200 with the same dataset, one dataset stored', async () => {
    const before = await datasetCount();
    const [a, b] = await Promise.all([post(csv('腾讯滨海大厦')), post(csv('腾讯滨海大厦'))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().dataset.id).toBe(b.json().dataset.id);
    expect([a, b].find((r) => r.statusCode === 200)!.headers['idempotent-replayed']).toBe('true');
    expect(await datasetCount()).toBe(before + 1);
  });

  test('the same file again later (within the window) answers with the first dataset', async () => {
    const first = await post(csv('大疆天空之城'));
    const again = await post(csv('大疆天空之城'));
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().dataset).toEqual(first.json().dataset);
    expect(again.json().report.rows).toEqual(first.json().report.rows);
  });

  test('other options make another import', async () => {
    const first = await post(csv('云天励飞'));
    const renamed = await post(csv('云天励飞'), {}, { name: '另一个名字' });
    expect([first.statusCode, renamed.statusCode]).toEqual([201, 201]);
    expect(renamed.json().dataset.id).not.toBe(first.json().dataset.id);
  });

  test('an Idempotency-Key answers a retry with the first dataset, even with other bytes', async () => {
    const first = await post(csv('优必选'), { 'idempotency-key': 'retry-1' });
    const retry = await post(csv('优必选 (edited)'), { 'idempotency-key': 'retry-1' });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().dataset.id).toBe(first.json().dataset.id);
  });

  test('a refused import is not remembered: fixing nothing and sending again is refused again, not replayed', async () => {
    const bad = `名称,城市,经度,纬度\n=1+1,深圳,113.9,22.5\n`;
    expect((await post(bad)).statusCode).toBe(422);
    expect((await post(bad)).statusCode).toBe(422);
  });

  test('dry runs are never replayed and store nothing', async () => {
    const before = await datasetCount();
    const dry = await post(csv('华为'), {}, { dry_run: 'true' });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().dry_run).toBe(true);
    expect(await datasetCount()).toBe(before);
  });
});
