import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bundledGlyphUrl, glyphRangeLoader } from './glyph-bundle';

const FONT = join(import.meta.dirname, '..', '..', '..', 'geodata', 'glyphs', 'Noto Sans CJK SC Regular');
const range = (name: string) => new Uint8Array(readFileSync(join(FONT, `${name}.pbf`)));
const BASE = 'http://atlas.test/glyphs/Noto%20Sans%20CJK%20SC%20Regular';

/** A fake server: the bundle (when given) and single ranges, counting every request. */
function fakeServer(bundle: Uint8Array | null, ranges: Record<string, Uint8Array>) {
  const requests: string[] = [];
  const fetcher = async (url: string) => {
    requests.push(url);
    const body = url.endsWith('/labels.pbf') ? bundle : ranges[url.split('/').pop()!.replace('.pbf', '')];
    return { ok: body !== null && body !== undefined, arrayBuffer: async () => (body ?? new Uint8Array(0)).slice().buffer };
  };
  return { fetcher, requests };
}

describe('label glyphs in one request per font', () => {
  test('glyph range URLs go to the bundle protocol, other URLs stay as they are', () => {
    expect(bundledGlyphUrl(`${BASE}/0-255.pbf`)).toBe(`atlas-glyphs://${BASE}/0-255.pbf`);
    expect(bundledGlyphUrl('http://atlas.test/tiles/basemap/8/1/2.mvt')).toBe('http://atlas.test/tiles/basemap/8/1/2.mvt');
  });

  test('every range of a font comes from one bundle request, each exactly as the range file', async () => {
    const latin = range('0-255');
    const han = range('24320-24575');
    const server = fakeServer(new Uint8Array(Buffer.concat([latin, han])), {});
    const load = glyphRangeLoader(server.fetcher);
    const [a, b] = await Promise.all([load(bundledGlyphUrl(`${BASE}/0-255.pbf`)), load(bundledGlyphUrl(`${BASE}/24320-24575.pbf`))]);
    expect(server.requests).toEqual([`${BASE}/labels.pbf`]);
    expect(Buffer.compare(new Uint8Array(a), latin)).toBe(0);
    expect(Buffer.compare(new Uint8Array(b), han)).toBe(0);
  });

  test('a range the bundle lacks is fetched on its own', async () => {
    const other = range('19968-20223');
    const server = fakeServer(range('0-255'), { '19968-20223': other });
    const load = glyphRangeLoader(server.fetcher);
    const body = await load(bundledGlyphUrl(`${BASE}/19968-20223.pbf`));
    expect(server.requests).toEqual([`${BASE}/labels.pbf`, `${BASE}/19968-20223.pbf`]);
    expect(Buffer.compare(new Uint8Array(body), other)).toBe(0);
  });

  test('a server without bundles (street archive) gets the ordinary range requests, the bundle asked for once', async () => {
    const latin = range('0-255');
    const server = fakeServer(null, { '0-255': latin, '8192-8447': range('8192-8447') });
    const load = glyphRangeLoader(server.fetcher);
    await load(bundledGlyphUrl(`${BASE}/0-255.pbf`));
    await load(bundledGlyphUrl(`${BASE}/8192-8447.pbf`));
    expect(server.requests).toEqual([`${BASE}/labels.pbf`, `${BASE}/0-255.pbf`, `${BASE}/8192-8447.pbf`]);
  });

  test('a range neither the bundle nor the server has is an error, so MapLibre draws it locally', async () => {
    const load = glyphRangeLoader(fakeServer(null, {}).fetcher);
    await expect(load(bundledGlyphUrl(`${BASE}/0-255.pbf`))).rejects.toThrow(/glyph range/);
  });
});
