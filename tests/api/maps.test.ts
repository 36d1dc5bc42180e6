import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { PbfReader } from 'pbf';
import { describe, expect, test } from 'vitest';
import { publicOrigin } from '../../server/routes/origin.ts';
import { splitGlyphBundle } from '../../server/tiles/glyph-pbf.ts';
import { useApp } from '../helpers/app.ts';

const app = useApp({ publicUrl: 'http://atlas.test:8080' });
const get = (url: string) => app().inject({ method: 'GET', url, headers: { host: 'atlas.test:8080' } });
const withoutPublicUrl = useApp({ publicUrl: '' });

/** The XYZ tile that holds a lon/lat at zoom z. */
function tileAt(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [z, x, y];
}

function decode(body: Buffer) {
  return new VectorTile(new PbfReader(body));
}

describe('GET /style.json', () => {
  test('is a valid MapLibre style', async () => {
    const res = await get('/style.json');
    expect(res.statusCode).toBe(200);
    expect(validateStyleMin(res.json())).toEqual([]);
  });

  test('points every source and glyph URL at this server, so it works offline', async () => {
    const style = (await get('/style.json')).json();
    const urls = [style.glyphs, ...Object.values(style.sources).map((s) => (s as { url: string }).url)];
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) expect(url.startsWith('http://atlas.test:8080/')).toBe(true);
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\/(?!atlas\.test:8080)/);
  });

  test.each([
    ['PUBLIC_URL', () => app(), 'http://atlas.test:8080/'],
    ['paths, without PUBLIC_URL', () => withoutPublicUrl(), '/']
  ])('takes its URLs from %s, never from the Host header', async (_, which, prefix) => {
    for (const url of ['/style.json', '/tiles/basemap.json', '/tiles/organizations.json?city=shenzhen']) {
      const res = await which().inject({ method: 'GET', url, headers: { host: 'evil.example:1', 'x-forwarded-host': 'evil.example:2' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('evil.example');
      const body = res.json();
      const urls: string[] = body.tiles ?? [body.glyphs, ...Object.values(body.sources).map((s) => (s as { url: string }).url)];
      for (const u of urls) expect(u.startsWith(prefix) && !u.startsWith('//')).toBe(true);
    }
  });

  test('a PUBLIC_URL that is not an http(s) URL stops the server at start', () => {
    expect(() => publicOrigin('ftp://atlas.example')).toThrow(/PUBLIC_URL/);
    expect(() => publicOrigin('atlas.example')).toThrow(/PUBLIC_URL/);
    expect(publicOrigin('https://atlas.example.org/atlas/')).toBe('https://atlas.example.org/atlas');
  });

  test('labels follow ?lang', async () => {
    const en = (await get('/style.json?lang=en')).json();
    const label = en.layers.find((l: { id: string }) => l.id === 'city-label');
    expect(label.layout['text-field']).toEqual(['get', 'name_en']);
    expect((await get('/style.json?lang=xx')).statusCode).toBe(400);
  });
});

describe('TileJSON', () => {
  test.each(['basemap', 'parks'])('%s.json is TileJSON 3.0.0 pointing at our tiles', async (name) => {
    const res = await get(`/tiles/${name}.json`);
    expect(res.statusCode).toBe(200);
    const tj = res.json();
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles).toEqual([`http://atlas.test:8080/tiles/${name}/{z}/{x}/{y}.mvt`]);
    expect(tj.vector_layers.length).toBeGreaterThan(0);
  });

  test('an unknown tileset is a 404', async () => {
    expect((await get('/tiles/nope.json')).statusCode).toBe(404);
  });
});

describe('vector tiles', () => {
  test('the basemap tile over the Pearl River Delta holds land, cities, districts and labels', async () => {
    const [z, x, y] = tileAt(113.5, 22.8, 7);
    const res = await get(`/tiles/basemap/${z}/${x}/${y}.mvt`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const tile = decode(res.rawPayload);
    expect(Object.keys(tile.layers)).toEqual(expect.arrayContaining(['land', 'city', 'district', 'city_label']));
    const names = Array.from({ length: tile.layers.city_label.length }, (_, i) => tile.layers.city_label.feature(i).properties.name_zh);
    expect(names).toEqual(expect.arrayContaining(['广州市', '深圳市', '珠海市', '佛山市', '东莞市', '香港', '澳门']));
  });

  test("the basemap tile over central Dongguan holds its towns' outlines and bilingual labels, and Songshan Lake as an area", async () => {
    const [z, x, y] = tileAt(113.8, 22.95, 10);
    const tile = decode((await get(`/tiles/basemap/${z}/${x}/${y}.mvt`)).rawPayload);
    const props = (layer: string) => Array.from({ length: tile.layers[layer]?.length ?? 0 }, (_, i) => tile.layers[layer].feature(i).properties);
    expect(props('town').length).toBeGreaterThan(5);
    expect(props('town_label')).toContainEqual({ id: '441900006', code: '441900006', name_zh: '莞城街道', name_en: 'Wancheng Subdistrict', city: 'dongguan', level: 'subdistrict' });
    expect(props('town')).toContainEqual(expect.objectContaining({ code: '441900401', name_zh: '松山湖', name_en: 'Songshan Lake', level: 'area' }));
  });

  test('the basemap tile over Guangming holds Guangming District beside Bao’an', async () => {
    const [z, x, y] = tileAt(113.93, 22.77, 10);
    const tile = decode((await get(`/tiles/basemap/${z}/${x}/${y}.mvt`)).rawPayload);
    const of = (layer: string, key: string) => Array.from({ length: tile.layers[layer].length }, (_, i) => tile.layers[layer].feature(i).properties[key]);
    expect(of('district_label', 'name_en')).toContain('Guangming District');
    expect(of('district', 'code')).toEqual(expect.arrayContaining(['440311', '440306']));
  });

  test('the parks tile over Shenzhen Bay holds that park with its names', async () => {
    const [z, x, y] = tileAt(113.95, 22.53, 10);
    const tile = decode((await get(`/tiles/parks/${z}/${x}/${y}.mvt`)).rawPayload);
    const parks = tile.layers.parks;
    const found = Array.from({ length: parks.length }, (_, i) => parks.feature(i).properties).find((p) => p.name_zh === '深圳湾科技生态园');
    expect(found).toMatchObject({ city: 'shenzhen', name_en: expect.stringContaining('Shenzhen Bay') });
  });

  test('answers 204 for an empty tile (the middle of the Pacific)', async () => {
    const res = await get('/tiles/parks/6/0/30.mvt');
    expect(res.statusCode).toBe(204);
    expect(res.rawPayload.length).toBe(0);
  });

  test.each([
    ['/tiles/basemap/23/0/0.mvt', 400],
    ['/tiles/basemap/2/4/0.mvt', 400],
    ['/tiles/basemap/2/0/-1.mvt', 400],
    ['/tiles/basemap/2/0.5/0.mvt', 400],
    ['/tiles/basemap/2/99999999999999999999/0.mvt', 400],
    ['/tiles/basemap/%2e%2e/0/0.mvt', 404],
    ['/tiles/..%2f..%2fetc/0/0/0.mvt', 400],
    ['/tiles/nope/0/0/0.mvt', 404]
  ])('%s answers %i with a JSON error', async (url, status) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().message).toBeTruthy();
  });
});

const GEODATA_GLYPHS = join(import.meta.dirname, '..', '..', 'geodata', 'glyphs');
/** A protobuf varint, to find a glyph's `id` field in the raw bytes. */
const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(n >>> 7)]);

describe('glyphs', () => {
  test('serves the Latin range of the label font', async () => {
    const res = await get('/glyphs/Noto%20Sans%20CJK%20SC%20Regular/0-255.pbf');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeGreaterThan(1000);
  });
  test('a Chinese range holds only the characters the labels draw, so the first view stays small', async () => {
    // 州 (U+5DDE) is in every city name; the range 23808-24063 also holds hundreds of GB 2312 characters no label uses.
    const served = await get('/glyphs/Noto%20Sans%20CJK%20SC%20Regular/23808-24063.pbf');
    expect(served.statusCode).toBe(200);
    const full = readFileSync(join(GEODATA_GLYPHS, 'Noto Sans CJK SC Regular', '23808-24063.pbf'));
    expect(served.rawPayload.length).toBeLessThan(full.length / 4);
    expect(served.rawPayload.includes(Buffer.from([0x08, ...varint(0x5dde)]))).toBe(true);
  });
  test("labels.pbf bundles a font's label glyphs of every range, each range as its subset route serves it", async () => {
    const font = '/glyphs/Noto%20Sans%20CJK%20SC%20Regular';
    const bundle = await get(`${font}/labels.pbf`);
    expect(bundle.statusCode).toBe(200);
    const ranges = splitGlyphBundle(new Uint8Array(bundle.rawPayload));
    expect(ranges.size).toBeGreaterThan(20);
    for (const start of [0, 23808]) {
      const single = (await get(`${font}/${start}-${start + 255}.pbf`)).rawPayload;
      expect(Buffer.compare(ranges.get(start)!, single)).toBe(0);
    }
  });
  test('the bold bundle holds only what the bold labels (city names, counts) draw', async () => {
    const regular = (await get('/glyphs/Noto%20Sans%20CJK%20SC%20Regular/labels.pbf')).rawPayload;
    const bold = (await get('/glyphs/Noto%20Sans%20CJK%20SC%20Bold/labels.pbf')).rawPayload;
    // 州 (U+5DDE) ends most city names; the regular bundle also carries every park and town name.
    expect(bold.includes(Buffer.from([0x08, ...varint(0x5dde)]))).toBe(true);
    expect(bold.length).toBeLessThan(regular.length / 3);
    expect((await get('/glyphs/Comic%20Sans/labels.pbf')).statusCode).toBe(404);
  });
  test('the bundle travels gzipped to a browser that accepts it, and unpacks to the same bytes', async () => {
    const url = '/glyphs/Noto%20Sans%20CJK%20SC%20Regular/labels.pbf';
    const plain = (await get(url)).rawPayload;
    const zipped = await app().inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.length / 2);
    expect(Buffer.compare(gunzipSync(zipped.rawPayload), plain)).toBe(0);
  });
  test('an unknown font stack is a 404 and a malformed range a 400', async () => {
    expect((await get('/glyphs/Comic%20Sans/0-255.pbf')).statusCode).toBe(404);
    expect((await get('/glyphs/Noto%20Sans%20CJK%20SC%20Regular/1-300.pbf')).statusCode).toBe(400);
    expect((await get('/glyphs/..%2F..%2Fetc/0-255.pbf')).statusCode).toBe(404);
  });
});
