import { afterAll, beforeAll, expect, test } from 'vitest';
import { appWithTempData, editor, upload } from './datasets-upload.ts';

let env: Awaited<ReturnType<typeof appWithTempData>>;
let id: string;
const csv = ['编号,名称,城市,经度,纬度', 'a1,甲公司,广州,113.30,23.10', 'a2,乙公司,深圳,113.90,22.50', 'a3,丙公司,东莞,113.75,23.02'].join('\n');

const names = async () => {
  const { records } = (await env.app.inject(`/api/datasets/${id}`)).json();
  return records.features.map((f: { properties: { name_zh: string } }) => f.properties.name_zh).sort();
};
const search = async (q: string) => (await env.app.inject(`/api/organizations?q=${encodeURIComponent(q)}`)).json().total;

beforeAll(async () => {
  env = await appWithTempData();
  id = (await upload(env.app, 'register.csv', { bytes: csv })).json().dataset.id;
});
afterAll(() => env.dispose());

test('an edit is validated like an import, recorded, and shows up in the organisations', async () => {
  const res = await env.app.inject({ method: 'PATCH', url: `/api/datasets/${id}/records/a1`, headers: editor, payload: { name_zh: '甲科技', sectors: ['ai-chips'] } });
  expect(res.statusCode).toBe(200);
  expect(res.json().version).toMatchObject({ version: 2, action: 'update-record', key_id: 'env:EDITOR_TOKEN', detail: { record_id: 'a1', changed: ['name_zh', 'name_en', 'sectors'] } });
  expect(await search('甲科技')).toBe(1);
  expect(await search('甲公司')).toBe(0);
});

test('an edit with an unknown city is a 400 naming the field, and changes nothing', async () => {
  const res = await env.app.inject({ method: 'PATCH', url: `/api/datasets/${id}/records/a2`, headers: editor, payload: { city: '北京' } });
  expect(res.statusCode).toBe(400);
  expect(res.json().parameter).toBe('city');
  expect((await env.app.inject(`/api/datasets/${id}`)).json().dataset.version).toBe(2);
});

test('moving a record with GCJ-02 coordinates stores WGS-84 and keeps the original', async () => {
  const res = await env.app.inject({ method: 'PATCH', url: `/api/datasets/${id}/records/a3`, headers: editor, payload: { coordinates: [113.76, 23.03], crs: 'GCJ02' } });
  expect(res.statusCode).toBe(200);
  const a3 = (await env.app.inject(`/api/datasets/${id}`)).json().records.features.find((f: { properties: { record_id: string } }) => f.properties.record_id === 'a3');
  expect(a3.properties.original_coordinates).toEqual([113.76, 23.03]);
  expect(a3.geometry.coordinates[0]).not.toBeCloseTo(113.76, 3);
});

test('a delete removes the record from the organisations; history lists who, when and what', async () => {
  const res = await env.app.inject({ method: 'DELETE', url: `/api/datasets/${id}/records/a2`, headers: editor });
  expect(res.statusCode).toBe(200);
  expect(await search('乙公司')).toBe(0);
  const history = (await env.app.inject(`/api/datasets/${id}/history`)).json();
  expect(history.map((v: { action: string }) => v.action)).toEqual(['import', 'update-record', 'update-record', 'delete-record']);
  for (const v of history) expect(v).toMatchObject({ key_id: 'env:EDITOR_TOKEN', created_at: expect.stringMatching(/^\d{4}-/) });
});

test('rollback to version 1 restores the imported records as a new version, and can itself be undone', async () => {
  const back = await env.app.inject({ method: 'POST', url: `/api/datasets/${id}/rollback`, headers: editor, payload: { version: 1 } });
  expect(back.statusCode).toBe(200);
  expect(back.json().version).toMatchObject({ version: 5, action: 'rollback', detail: { to_version: 1 } });
  expect(await names()).toEqual(['丙公司', '乙公司', '甲公司']);
  expect(await search('乙公司')).toBe(1);
  await env.app.inject({ method: 'POST', url: `/api/datasets/${id}/rollback`, headers: editor, payload: { version: 4 } });
  expect(await names()).toEqual(['丙公司', '甲科技']);
});

test('deleting the whole dataset empties it from every list, and a rollback brings it back', async () => {
  await env.app.inject({ method: 'DELETE', url: `/api/datasets/${id}`, headers: editor });
  expect(await search('甲科技')).toBe(0);
  const dataset = (await env.app.inject(`/api/datasets/${id}`)).json().dataset;
  expect(dataset.records).toBe(0);
  await env.app.inject({ method: 'POST', url: `/api/datasets/${id}/rollback`, headers: editor, payload: { version: dataset.version - 1 } });
  expect(await search('甲科技')).toBe(1);
});

test.each([
  ['PATCH', 'records/zz', { name_zh: 'x' }, 404],
  ['DELETE', 'records/zz', undefined, 404],
  ['POST', 'rollback', { version: 99 }, 400],
  ['POST', 'rollback', { version: 0 }, 400],
  ['PATCH', 'records/a1', { colour: 'red' }, 400]
] as const)('%s %s with a bad target or body → %s', async (method, path, payload, status) => {
  const res = await env.app.inject({ method, url: `/api/datasets/${id}/${path}`, headers: editor, ...(payload ? { payload } : {}) });
  expect(res.statusCode).toBe(status);
});

test('an unknown dataset is a 404 and a malformed id a 400', async () => {
  expect((await env.app.inject('/api/datasets/ds12345678')).statusCode).toBe(404);
  expect((await env.app.inject('/api/datasets/nope/history')).statusCode).toBe(400);
});
