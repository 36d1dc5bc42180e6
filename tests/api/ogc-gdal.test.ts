import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server-process.ts';

const run = promisify(execFile);
const HAS_OGRINFO = spawnSync('ogrinfo', ['--version']).status === 0;
if (!HAS_OGRINFO) console.warn('SKIPPED the GDAL OAPIF client tests: ogrinfo is missing (Debian: apt-get install -y gdal-bin).');

/** GDAL's OGC API – Features driver, the one QGIS uses, as a real client of a real server. */
describe.skipIf(!HAS_OGRINFO)('GDAL (ogrinfo, OAPIF driver) reads /ogc', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  const source = () => `OAPIF:${server.url}ogc`;
  const ogrinfo = async (...args: string[]) => (await run('ogrinfo', ['-ro', ...args], { env: { ...process.env, GDAL_HTTP_TIMEOUT: '60' }, maxBuffer: 64 * 1024 * 1024 })).stdout;
  const idsOf = (text: string) => [...text.matchAll(/^\s+id \(String\) = (.+)$/gm)].map((m) => m[1]).sort();
  const json = async (path: string) => (await fetch(new URL(path, server.url))).json();

  test('lists the four collections as layers', async () => {
    const out = await ogrinfo(source());
    expect([...out.matchAll(/^\d+: (\w+)/gm)].map((m) => m[1])).toEqual(['parks', 'organizations', 'districts', 'cities']);
  });

  test.each([
    ['parks', '/api/parks?limit=5000'],
    ['organizations', '/api/organizations?limit=5000'],
    ['districts', 'geodata/boundaries/districts.geojson'],
    ['cities', '/api/cities']
  ])('the %s feature count equals the JSON API’s', async (layer, path) => {
    // Districts have no JSON route: their count is the shipped file's.
    const body = path.startsWith('geodata/') ? JSON.parse(readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8')) : await json(path);
    const expected = body.total ?? body.features.length;
    expect(await ogrinfo('-so', source(), layer)).toContain(`Feature Count: ${expected}`);
  });

  test('reading every organisation page by page yields the JSON API’s ids, with their attributes', async () => {
    const out = await ogrinfo('-q', '-geom=NO', source(), 'organizations');
    const body = await json('/api/organizations?limit=5000');
    expect(idsOf(out)).toEqual(body.features.map((f: { properties: { id: string } }) => f.properties.id).sort());
    expect(out).toMatch(/name_zh \(String\) = 腾讯/);
    expect(out).toMatch(/precision_m \(Integer\) = \d+/);
  });

  test('a -spat bbox returns the same organisations as the JSON API’s bbox filter', async () => {
    const bbox = [113.85, 22.45, 114.1, 22.6];
    const out = await ogrinfo('-q', '-geom=NO', '-spat', ...bbox.map(String), source(), 'organizations');
    const body = await json(`/api/organizations?limit=5000&bbox=${bbox.join(',')}`);
    expect(body.total).toBeGreaterThan(0);
    expect(idsOf(out)).toEqual(body.features.map((f: { properties: { id: string } }) => f.properties.id).sort());
  });
});
