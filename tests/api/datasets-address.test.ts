import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OrganizationFeature } from '../../server/schemas/places.ts';
import { GEODATA_DIR } from '../helpers/synthetic-geodata.ts';
import { appWithTempData, editor, upload } from './datasets-upload.ts';

let env: Awaited<ReturnType<typeof appWithTempData>>;
beforeAll(async () => {
  env = await appWithTempData();
});
afterAll(() => env.dispose());

const towns: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, { code: string }>[] = JSON.parse(readFileSync(join(GEODATA_DIR, 'boundaries', 'towns.geojson'), 'utf8')).features;
const gbk = (lines: string[]) => iconv.encode(lines.join('\r\n'), 'gbk');
const orgs = async (q: string) => (await env.app.inject(`/api/organizations?q=${encodeURIComponent(q)}`)).json().features as OrganizationFeature[];

// A register as planners hold it: names and addresses only, saved by Excel in GBK.
const REGISTER = [
  '企业名称,注册地址,行业',
  '测甲科技有限公司,深圳市南山区粤海街道高新南九道１０号,计算机视觉',
  '测乙智能有限公司,广东省东莞市松山湖园区工业西路,industrial-robots',
  '测丙机器人有限公司,佛山市顺德区北滘镇,industrial-robots',
  '测丁芯片有限公司,广州南沙新区黄阁镇,ai-chips'
];

describe('importing a GBK register with only names and addresses', () => {
  let datasetId: string;
  beforeAll(async () => {
    const res = await upload(env.app, 'register.csv', { bytes: gbk(REGISTER) });
    expect(res.statusCode, res.body).toBe(201);
    datasetId = res.json().dataset.id;
  });

  test('the dry-run report counts the rows placed per level and lists no problems', async () => {
    const res = await upload(env.app, 'register.csv', { bytes: gbk(REGISTER), query: '?dry_run=true' });
    expect(res.statusCode).toBe(200);
    const { report } = res.json();
    expect(report.columns).toMatchObject({ name: '企业名称', address: '注册地址', sector: '行业' });
    expect(report.problems).toEqual([]);
    // Town outlines ship for Dongguan only: Songshan Lake is placed inside its own, the other towns at their district.
    expect(report.placed).toEqual({ point: 0, town: 1, district: 3, city: 0 });
    expect(report.preview[0].address_matched).toBe('深圳市南山区粤海街道');
  });

  test('each record lies inside the area its address names, flagged as placed by area with that area’s radius as precision', async () => {
    const [firm] = await orgs('测甲科技');
    expect(firm.properties).toMatchObject({ dataset_id: datasetId, city: 'shenzhen', located_by: 'admin-area', area_code: '440305007', area_level: 'town', address_matched: '深圳市南山区粤海街道' });
    expect(firm.properties.original_coordinates).toBeUndefined();
    const nanshan = (await env.app.inject('/ogc/collections/districts/items/440305')).json();
    expect(booleanPointInPolygon(firm.geometry.coordinates, nanshan.geometry)).toBe(true);
    expect(firm.properties.precision_m).toBeGreaterThan(5_000);
    expect(firm.properties.precision_m).toBeLessThan(30_000);
    expect(firm.properties.location_note_zh).toContain('南山区');
  });

  test('a Dongguan functional zone is placed inside its own outline, with its own radius, tighter than the city’s', async () => {
    const [firm] = await orgs('测乙智能');
    expect(firm.properties).toMatchObject({ city: 'dongguan', area_code: '441900401', area_name: '松山湖' });
    const songshanLake = towns.find((t) => t.properties.code === '441900401')!;
    expect(booleanPointInPolygon(firm.geometry.coordinates, songshanLake.geometry)).toBe(true);
    const dongguan = (await env.app.inject('/api/areas/search?q=' + encodeURIComponent('东莞市'))).json();
    expect(firm.properties.precision_m).toBeLessThan(dongguan.radius_km * 1000);
    expect(firm.properties.precision_m).toBeGreaterThan(1_000);
  });

  test('an edit that gives coordinates turns an area-placed record into a point', async () => {
    const [firm] = await orgs('测丙机器人');
    const res = await env.app.inject({ method: 'PATCH', url: `/api/datasets/${datasetId}/records/${firm.properties.record_id}`, headers: editor, payload: { coordinates: [113.2, 22.9] } });
    expect(res.statusCode, res.body).toBe(200);
    const [moved] = await orgs('测丙机器人');
    expect(moved.properties.located_by).toBeUndefined();
    expect(moved.geometry.coordinates).toEqual([113.2, 22.9]);
  });

  test('a rename keeps an area-placed record placed by its address', async () => {
    const [firm] = await orgs('测丁芯片');
    const res = await env.app.inject({ method: 'PATCH', url: `/api/datasets/${datasetId}/records/${firm.properties.record_id}`, headers: editor, payload: { name_zh: '测丁芯片（南沙）' } });
    expect(res.statusCode, res.body).toBe(200);
    const [renamed] = await orgs('测丁芯片');
    expect(renamed.properties).toMatchObject({ located_by: 'admin-area', area_code: '440115102' });
    expect(renamed.geometry.coordinates).toEqual(firm.geometry.coordinates);
  });
});

describe('coordinates, when present, win over the address', () => {
  test('a row with both is a point; a row with only the address is placed by area', async () => {
    const csv = ['名称,地址,经度,纬度', '测戊点位,深圳市南山区,113.95,22.54', '测己区域,深圳市福田区,,'].join('\n');
    const res = await upload(env.app, 'mixed.csv', { bytes: csv, query: '?dry_run=true' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().report.placed).toEqual({ point: 1, town: 0, district: 1, city: 0 });
  });
});

describe('address rows that cannot be placed honestly are row errors, and the file is not half-imported', () => {
  const bad = [
    '名称,地址',
    '好公司,深圳市南山区',
    '外省公司,湖南省长沙市岳麓区',
    '矛盾公司,深圳市天河区',
    '新区公司,新区',
    '横沥公司,横沥镇工业路',
    `长地址公司,深圳市${'南'.repeat(10_000)}`,
    '数字公司,12345',
    '空地址公司,'
  ];

  test('each bad row is named with a bilingual reason, and nothing is stored', async () => {
    const before = (await env.app.store.datasets.list()).length;
    const res = await upload(env.app, 'bad.csv', { bytes: gbk(bad) });
    expect(res.statusCode).toBe(422);
    const problems = res.json().report.problems as { row: number; column: string; code: string; problem_zh: string; problem: string }[];
    expect(problems.map((p) => [p.row, p.code])).toEqual([
      [3, 'address-outside'],
      [4, 'address-conflict'],
      [5, 'address-ambiguous'],
      [6, 'address-ambiguous'],
      [7, 'cell-too-long'],
      [8, 'address-not-text'],
      [9, 'missing-value']
    ]);
    for (const p of problems) {
      expect(p.column).toBe('地址');
      expect(p.problem_zh.length).toBeGreaterThan(0);
      expect(p.problem.length).toBeGreaterThan(0);
    }
    expect(await env.app.store.datasets.list()).toHaveLength(before);
  });

  test('an address column of numbers is refused row by row', async () => {
    const res = await upload(env.app, 'numbers.csv', { bytes: ['名称,地址', '甲,440305', '乙,518057'].join('\n') });
    expect(res.statusCode).toBe(422);
    expect(res.json().report.problems.map((p: { code: string }) => p.code)).toEqual(['address-not-text', 'address-not-text']);
  });

  test('a file with neither coordinates nor an address column still asks for coordinates', async () => {
    const res = await upload(env.app, 'none.csv', { bytes: ['名称,城市', '甲,深圳'].join('\n') });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('missing-column');
  });
});

describe('a GEODATA_DIR without division names (laid out before them)', () => {
  test('still starts; rows then need coordinates, and the address search says why it cannot answer', async () => {
    const geodata = fileURLToPath(new URL('../../geodata', import.meta.url));
    const older = mkdtempSync(join(tmpdir(), 'atlas-geodata-'));
    for (const entry of readdirSync(geodata)) if (entry !== 'divisions') symlinkSync(join(geodata, entry), join(older, entry));
    const old = await appWithTempData({ geodataDir: older });
    try {
      const res = await upload(old.app, 'a.csv', { bytes: ['名称,地址', '甲,深圳市南山区'].join('\n') });
      expect(res.statusCode).toBe(422);
      const problems = res.json().report.problems as { code: string; problem: string }[];
      expect(problems.some((p) => p.code === 'missing-value' && /longitude/.test(p.problem))).toBe(true);
      expect((await old.app.inject(`/api/areas/search?q=${encodeURIComponent('南山区')}`)).statusCode).toBe(404);
    } finally {
      await old.dispose();
      rmSync(older, { recursive: true, force: true });
    }
  });
});
