import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { PbfReader } from 'pbf';
import { Compression, TileType } from 'pmtiles';
import { afterAll, describe, expect, test } from 'vitest';
import { writeArchive } from '../../server/export/pmtiles-writer.ts';
import { basemapSettingsFromEnv } from '../../server/tiles/basemap-settings.ts';
import { StreetsArchive } from '../../server/tiles/streets-archive.ts';
import { FONT_BOLD, FONT_REGULAR } from '../../server/tiles/style.ts';
import { useApp } from '../helpers/app.ts';
import { writeProtomapsTestArchive } from '../helpers/protomaps-archive.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-streets-'));
const archivePath = join(dir, 'region.pmtiles');
const { tiles } = writeProtomapsTestArchive(archivePath);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOST = { host: 'atlas.test:8080' };
const ORIGIN = 'http://atlas.test:8080';

/** Every http(s) URL anywhere in a style. */
function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urlsIn);
  return [];
}

/** Every font stack name a style's layers ask the glyph server for. */
function fontsIn(style: StyleSpecification): Set<string> {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') names.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
  };
  for (const layer of style.layers) walk((layer as { layout?: Record<string, unknown> }).layout?.['text-font']);
  return new Set([...names].filter((n) => n.startsWith('Noto')));
}

describe('the default basemap', () => {
  const app = useApp({ basemap: {} });

  test('is a valid style that requests nothing outside this server', async () => {
    const res = await app().inject({ url: '/style.json', headers: HOST });
    const style = res.json();
    expect(validateStyleMin(style)).toEqual([]);
    expect(urlsIn(style).filter((u) => !u.startsWith(`${ORIGIN}/`))).toEqual([]);
    expect(style.metadata['cluster-atlas:basemap']).toBe('own');
  });

  test('has no street tiles to serve, and its page policy allows no other origin', async () => {
    expect((await app().inject({ url: '/tiles/streets.json', headers: HOST })).statusCode).toBe(404);
    const csp = String((await app().inject({ url: '/api/health', headers: HOST })).headers['content-security-policy']);
    expect(csp).not.toMatch(/tianditu|https:/);
  });
});

describe('a street archive from BASEMAP_PMTILES', () => {
  const app = useApp({ basemap: { pmtilesPath: archivePath } });

  test('is served under our own origin as TileJSON and tiles in the Protomaps schema', async () => {
    const tilejson = (await app().inject({ url: '/tiles/streets.json', headers: HOST })).json();
    // A path on whatever host served it (PUBLIC_URL unset): never the Host header.
    expect(tilejson.tiles).toEqual(["/tiles/streets/{z}/{x}/{y}.mvt"]);
    expect(tilejson.vector_layers.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining(['earth', 'water', 'roads', 'places', 'buildings']));
    const { z, x, y } = tiles.find((t) => t.z === 12)!;
    const res = await app().inject({ url: `/tiles/streets/${z}/${x}/${y}.mvt`, headers: HOST });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const decoded = new VectorTile(new PbfReader(res.rawPayload));
    expect(Object.keys(decoded.layers)).toEqual(expect.arrayContaining(['earth', 'roads']));
  });

  test('answers 204 where the archive has no tile, and 400 for a bad tile address', async () => {
    expect((await app().inject({ url: '/tiles/streets/12/0/0.mvt', headers: HOST })).statusCode).toBe(204);
    const bad = await app().inject({ url: '/tiles/streets/12/99999/0.mvt', headers: HOST });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().parameter).toBe('x');
  });

  test('draws the streets with the Protomaps layers under ours, labelled in the chosen language, on our glyphs only', async () => {
    const zh = (await app().inject({ url: '/style.json?lang=zh', headers: HOST })).json() as StyleSpecification;
    const en = (await app().inject({ url: '/style.json?lang=en', headers: HOST })).json() as StyleSpecification;
    for (const style of [zh, en]) {
      expect(validateStyleMin(style)).toEqual([]);
      expect(urlsIn(style).filter((u) => !u.startsWith(`${ORIGIN}/`))).toEqual([]);
      expect([...fontsIn(style)].every((f) => f === FONT_REGULAR[0] || f === FONT_BOLD[0])).toBe(true);
    }
    const ids = zh.layers.map((l) => l.id);
    expect(ids).toContain('streets-roads_major');
    expect(ids).not.toContain('city-fill');
    // Our layers come after (on top of) every street layer.
    expect(ids.lastIndexOf(ids.filter((id) => id.startsWith('streets-')).at(-1)!)).toBeLessThan(ids.indexOf('park-point'));
    expect(JSON.stringify(zh.layers.find((l) => l.id === 'streets-roads_labels_major'))).toContain('name:zh');
    expect(JSON.stringify(en.layers.find((l) => l.id === 'streets-roads_labels_major'))).toContain('name:en');
  });
});

describe('archives that are not a street basemap', () => {
  test('are refused at start with a message naming what is wrong', async () => {
    const raster = join(dir, 'raster.pmtiles');
    const options = { tileCompression: Compression.None, bounds: [113, 22, 114, 23] as [number, number, number, number], center: [113.5, 22.5, 5] as [number, number, number] };
    writeFileSync(raster, writeArchive([{ z: 5, x: 26, y: 14, data: new Uint8Array([1]) }], { ...options, tileType: TileType.Png, metadata: {} }).archive);
    await expect(StreetsArchive.open(raster)).rejects.toThrow(/not vector tiles/);
    const other = join(dir, 'other.pmtiles');
    writeFileSync(other, writeArchive([{ z: 5, x: 26, y: 14, data: new Uint8Array([1]) }], { ...options, tileType: TileType.Mvt, metadata: { vector_layers: [{ id: 'parks' }] } }).archive);
    await expect(StreetsArchive.open(other)).rejects.toThrow(/Protomaps basemap schema \(no earth, roads/);
    await expect(StreetsArchive.open(join(dir, 'missing.pmtiles'))).rejects.toThrow(/not a readable PMTiles/);
  });
});

describe('the optional Tianditu basemap', () => {
  const app = useApp({ basemap: { tianditu: { key: 'test-key', reviewNumber: 'GS(2099)0000号' } } });

  test('is a valid style whose only foreign requests go to Tianditu, with its attribution and review number', async () => {
    const style = (await app().inject({ url: '/style.json', headers: HOST })).json();
    expect(validateStyleMin(style)).toEqual([]);
    const foreign = urlsIn(style).filter((u) => !u.startsWith(`${ORIGIN}/`));
    expect(foreign.length).toBeGreaterThan(0);
    expect(foreign.every((u) => /^https:\/\/t[0-7]\.tianditu\.gov\.cn\//.test(u) && u.includes('tk=test-key'))).toBe(true);
    expect(style.sources['tianditu-base'].attribution).toContain('审图号：GS(2099)0000号');
    expect(style.sources['tianditu-base'].attribution).toContain('天地图');
  });

  test('opens the page policy to Tianditu tiles', async () => {
    const csp = String((await app().inject({ url: '/api/health', headers: HOST })).headers['content-security-policy']);
    expect(csp).toMatch(/img-src[^;]*https:\/\/t0\.tianditu\.gov\.cn/);
  });

  test('needs the review number: a key alone is refused', () => {
    expect(() => basemapSettingsFromEnv({ TIANDITU_KEY: 'k' })).toThrow(/TIANDITU_REVIEW_NUMBER/);
    expect(basemapSettingsFromEnv({})).toEqual({ pmtilesPath: undefined });
    expect(basemapSettingsFromEnv({ TIANDITU_KEY: 'k', TIANDITU_REVIEW_NUMBER: 'GS(1)1号', BASEMAP_PMTILES: '/x.pmtiles' })).toEqual({
      pmtilesPath: '/x.pmtiles',
      tianditu: { key: 'k', reviewNumber: 'GS(1)1号' }
    });
  });
});
