import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashKey, newKey } from '../../server/auth/keys.ts';
import { appWithTempData, editor, FIXTURES, upload } from './datasets-upload.ts';

let env: Awaited<ReturnType<typeof appWithTempData>>;
beforeAll(async () => {
  env = await appWithTempData();
});
afterAll(() => env.dispose());

const truth: { id: string; wgs84: [number, number] }[] = JSON.parse(readFileSync(join(FIXTURES, 'good', 'amap-gbk-gcj02.truth.json'), 'utf8'));

/** The tile (z/x/y) that contains a [lon, lat]. */
function tileOf([lon, lat]: [number, number], z: number): string {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

describe('importing a GBK CSV copied from AMap (GCJ-02)', () => {
  let datasetId: string;
  const cantonTowerTile = `/tiles/organizations/${tileOf([113.32452, 23.10647], 14)}.mvt`;
  let tileBefore: Buffer;

  beforeAll(async () => {
    tileBefore = (await env.app.inject(cantonTowerTile)).rawPayload;
    const res = await upload(env.app, 'amap-gbk-gcj02.csv', { fields: { crs: 'GCJ02', name: '广州登记册' } });
    expect(res.statusCode).toBe(201);
    datasetId = res.json().dataset.id;
  });

  test('reads the encoding and columns and states the precision default in the report', async () => {
    const detail = (await env.app.inject(`/api/datasets/${datasetId}`)).json();
    expect(detail.report.file).toMatchObject({ format: 'csv', encoding: 'gb18030', delimiter: 'comma' });
    expect(detail.report.columns).toMatchObject({ lon: '经度', lat: '纬度', name: '名称', city: '城市', sector: '行业' });
    expect(detail.report.defaults.precision_m).toBe(500);
    expect(detail.report.rows).toEqual({ total: 5, valid: 5, rejected: 0 });
  });

  test('every point lands within 5 m of its WGS-84 truth and keeps its original GCJ-02 coordinates', async () => {
    const { records } = (await env.app.inject(`/api/datasets/${datasetId}`)).json();
    expect(records.features).toHaveLength(truth.length);
    for (const t of truth) {
      const f = records.features.find((r: { properties: { record_id: string } }) => r.properties.record_id === t.id);
      expect(distance(f.geometry.coordinates, t.wgs84, { units: 'meters' })).toBeLessThan(5);
      expect(distance(f.properties.original_coordinates, t.wgs84, { units: 'meters' })).toBeGreaterThan(100);
      expect(f.properties.original_crs).toBe('GCJ02');
    }
  });

  test('records carry their own source, import date and precision, with cities written as users write them', async () => {
    const { records } = (await env.app.inject(`/api/datasets/${datasetId}`)).json();
    const byId = Object.fromEntries(records.features.map((f: { properties: { record_id: string } }) => [f.properties.record_id, f.properties]));
    expect(byId.A001).toMatchObject({ name_zh: '广州塔', city: 'guangzhou', type: 'firm', sectors: ['smart-manufacturing'], precision_m: 500, datum: 'WGS-84' });
    expect(byId.A001.source).toContain('广州登记册');
    expect(byId.A001.source).toContain('amap-gbk-gcj02.csv');
    expect(byId.A001.source_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(byId.A002).toMatchObject({ city: 'shenzhen', type: 'platform', sectors: ['computer-vision', 'voice-nlp'] });
    expect(byId.A004).toMatchObject({ city: 'zhuhai', type: 'institute' });
  });

  test('the new organisations appear in /api/organizations search and in the organisations tiles', async () => {
    const found = (await env.app.inject('/api/organizations?q=广州塔')).json();
    expect(found.features.map((f: { properties: { name_zh: string } }) => f.properties.name_zh)).toContain('广州塔');
    const tileAfter = (await env.app.inject(cantonTowerTile)).rawPayload;
    expect(tileAfter.equals(tileBefore)).toBe(false);
  });

  test('they are still there after a restart on the same data', async () => {
    const { buildApp } = await import('../../server/app.ts');
    const again = await buildApp({ ...env.storage, editorToken: 'x' });
    await again.ready();
    const found = (await again.inject('/api/organizations?q=广州塔')).json();
    expect(found.total).toBeGreaterThanOrEqual(1);
    await again.close();
  });
});

describe('other formats', () => {
  test.each([
    ['english-semicolon-bom.csv', 2, 'WGS84'],
    ['tabs-gb18030.tsv', 2, 'WGS84'],
    ['organizations.geojson', 2, 'WGS84'],
    ['organizations.xlsx', 2, 'WGS84']
  ])('%s imports %i records', async (file, count, crs) => {
    const res = await upload(env.app, file, { fields: { crs } });
    expect(res.statusCode, JSON.stringify(res.json().report?.problems)).toBe(201);
    expect(res.json().dataset.records).toBe(count);
  });

  test('a precision column and English headers are read; Hong Kong and Macau names map to their ids', async () => {
    const csv = await upload(env.app, 'english-semicolon-bom.csv');
    const { records } = (await env.app.inject(`/api/datasets/${csv.json().dataset.id}`)).json();
    expect(records.features.map((f: { properties: { precision_m: number } }) => f.properties.precision_m)).toEqual([200, 500]);
    expect(records.features[1].properties.name_zh).toBe('极飞科技; 无人机');
    const tsv = await upload(env.app, 'tabs-gb18030.tsv');
    const cities = (await env.app.inject(`/api/datasets/${tsv.json().dataset.id}`)).json().records.features.map((f: { properties: { city: string } }) => f.properties.city);
    expect(cities).toEqual(['hongkong', 'macau']);
  });
});

describe('options', () => {
  const mixed = ['名称,城市,经度,纬度', '甲,广州,113.3,23.1', '乙,北京,116.4,39.9', '丙,深圳,113.9,22.5'].join('\n');

  test('dry_run=true returns the report and writes nothing', async () => {
    const before = (await env.app.store.datasets.list()).length;
    const res = await upload(env.app, 'x.csv', { bytes: mixed, query: '?dry_run=true' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dry_run: true, report: { rows: { total: 3, valid: 2, rejected: 1 } } });
    expect(await env.app.store.datasets.list()).toHaveLength(before);
  });

  test('a file with a bad row is refused whole unless valid_rows_only=true, and the report lists the rejected row', async () => {
    const refused = await upload(env.app, 'x.csv', { bytes: mixed });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().report.problems).toEqual([expect.objectContaining({ row: 3, column: '城市', code: 'unknown-city' })]);
    const partial = await upload(env.app, 'x.csv', { bytes: mixed, fields: { valid_rows_only: 'true' } });
    expect(partial.statusCode).toBe(201);
    expect(partial.json().dataset.records).toBe(2);
    expect(partial.json().report.problems).toEqual([expect.objectContaining({ row: 3, code: 'unknown-city' })]);
  });

  test('an explicit mapping reads columns with unusual headers', async () => {
    const csv = ['单位,所在地,X坐标,Y坐标', '某机构,广州,113.3,23.1'].join('\n');
    const res = await upload(env.app, 'x.csv', { bytes: csv, fields: { mapping: JSON.stringify({ name: '单位', city: '所在地', lon: 'X坐标', lat: 'Y坐标' }) } });
    expect(res.statusCode).toBe(201);
  });

  test('a mapping naming a column the file lacks is a 400 naming that column', async () => {
    const res = await upload(env.app, 'x.csv', { bytes: '名称,城市,经度,纬度\n甲,广州,113.3,23.1\n', fields: { mapping: '{"lon":"East"}' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().report.problems[0]).toMatchObject({ code: 'mapped-column-missing', column: 'East' });
  });

  test.each([
    ['crs', 'UTM'],
    ['mapping', '{"where":"x"}'],
    ['precision_m', '-3']
  ])('a bad %s is a 400 naming it', async (parameter, value) => {
    const res = await upload(env.app, 'x.csv', { bytes: '名称,城市,经度,纬度\n甲,广州,113.3,23.1\n', fields: { [parameter]: value } });
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe(parameter);
  });

  test('a point outside the region is imported with a warning', async () => {
    const res = await upload(env.app, 'x.csv', { bytes: '名称,城市,经度,纬度\n甲,广州,120.1,30.2\n' });
    expect(res.statusCode).toBe(201);
    expect(res.json().report.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'outside-region', row: 2 })]);
  });

  test('a request that is not multipart is a 415', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/datasets', headers: { ...editor, 'content-type': 'application/json' }, payload: '{}' });
    expect(res.statusCode).toBe(415);
  });
});

describe('who may write', () => {
  test('no key → 401 with a Bearer challenge; an unknown key → 401', async () => {
    const none = await upload(env.app, 'amap-gbk-gcj02.csv', { authorization: null });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await upload(env.app, 'amap-gbk-gcj02.csv', { authorization: 'Bearer nope' })).statusCode).toBe(401);
  });

  test('a read-only key → 403; an editor key stored hashed → allowed and recorded as the writer', async () => {
    const reader = newKey();
    await env.app.store.keys.add({ id: reader.id, hash: hashKey(reader.key), role: 'reader', label: 'viewer' });
    expect((await upload(env.app, 'amap-gbk-gcj02.csv', { authorization: `Bearer ${reader.key}` })).statusCode).toBe(403);
    const writer = newKey();
    await env.app.store.keys.add({ id: writer.id, hash: hashKey(writer.key), role: 'editor', label: 'planner' });
    const res = await upload(env.app, 'amap-gbk-gcj02.csv', { authorization: `Bearer ${writer.key}`, fields: { crs: 'GCJ02' } });
    expect(res.statusCode).toBe(201);
    const history = (await env.app.inject(`/api/datasets/${res.json().dataset.id}/history`)).json();
    expect(history[0]).toMatchObject({ version: 1, action: 'import', key_id: writer.id });
  });

  test('with no key configured at all, every write is refused', async () => {
    const bare = await appWithTempData({ editorToken: undefined });
    try {
      const res = await upload(bare.app, 'amap-gbk-gcj02.csv', { authorization: 'Bearer anything' });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/no editor key/);
      expect((await bare.app.inject({ method: 'DELETE', url: '/api/datasets/ds00000000' })).statusCode).toBe(403);
    } finally {
      await bare.dispose();
    }
  });

  test('reading is public', async () => {
    expect((await env.app.inject('/api/datasets')).statusCode).toBe(200);
  });
});
