import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { zoomBandSources } from './layers.ts';
import { polygonShapes } from './polygon-shape.ts';
import { REGION_BOUNDS } from './tilejson.ts';
import { Tileset, TILESET_DEFAULTS } from './tileset.ts';

const GEODATA = fileURLToPath(new URL('../../geodata/', import.meta.url));
const BUFFER_PX = (TILESET_DEFAULTS.bufferPx / 4096) * 256;

/** A water polygon narrower than this on screen reads as a sliver, smaller than this as a shard. */
const MIN_WIDTH_PX = 1;
const MIN_AREA_PX2 = 2;

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [x, y];
}

/** Every tile of the region at zoom ≤ 10; deeper, the tiles of the four places the issue looked at, with their neighbours. */
function tilesToCheck(z: number): [number, number][] {
  if (z <= 10) {
    const [w, s, e, n] = REGION_BOUNDS;
    const [x0, y0] = tileOf(w, n, z);
    const [x1, y1] = tileOf(e, s, z);
    const all: [number, number][] = [];
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) all.push([x, y]);
    return all;
  }
  const places: [number, number][] = [
    [113.6, 22.75], // Nansha
    [113.895, 22.915], // Songshan Lake
    [113.96, 22.5], // Shenzhen Bay
    [113.56, 22.27] // Xiangzhou
  ];
  const out = new Map<string, [number, number]>();
  for (const [lon, lat] of places) {
    const [cx, cy] = tileOf(lon, lat, z);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) out.set(`${cx + dx}/${cy + dy}`, [cx + dx, cy + dy]);
  }
  return [...out.values()];
}

function waterTiles(features: GeoJSON.Feature[]) {
  return new Tileset('water', zoomBandSources('water', features));
}

/** Every water polygon of the tile at z/x/y that is a sliver or a shard, described for the failure message. */
function offenders(tileset: Tileset, z: number, x: number, y: number): string[] {
  const tile = tileset.encode({ z, x, y });
  if (!tile) return [];
  return polygonShapes(tile, 'water', BUFFER_PX)
    .filter((s) => s.visible && (s.widthPx < MIN_WIDTH_PX || (!s.clipped && s.areaPx2 < MIN_AREA_PX2)))
    .map((s) => `${z}/${x}/${y} at px ${s.at.map(Math.round)}: ${s.areaPx2.toFixed(1)} px², width ${s.widthPx.toFixed(2)} px${s.clipped ? ' (clipped)' : ''}`);
}

describe('the shipped water layer in basemap tiles', () => {
  const water = JSON.parse(readFileSync(join(GEODATA, 'basemap', 'water.geojson'), 'utf8')).features as GeoJSON.Feature[];
  const tileset = waterTiles(water);

  test.each([8, 9, 10, 11, 12, 13, 14])('has no sliver or shard at zoom %i (the whole region to z10, then Nansha, Songshan Lake, Shenzhen Bay and Xiangzhou)', (z) => {
    const found = tilesToCheck(z).flatMap(([x, y]) => offenders(tileset, z, x, y));
    expect(found).toEqual([]);
  });

  test('serves one generalisation per zoom band, and the deepest band past its last zoom', () => {
    const bands = zoomBandSources('water', water);
    expect(bands.map((b) => [b.minZoom, b.maxZoom])).toEqual([
      [0, 7],
      [8, 9],
      [10, 11],
      [12, undefined]
    ]);
  });
});

describe('the first view', () => {
  // The atlas opens on this view (src/lib/map/atlas-map.ts INITIAL_BOUNDS), which MapLibre draws from z8 tiles.
  const INITIAL_BOUNDS = [112.4, 21.85, 114.65, 23.75];
  // Land and water of those tiles, gzip, before GSHHG (the OSM-only basemap, commit d4c8a66): 22,277 bytes.
  const BEFORE_GZIP_BYTES = 22_277;

  test('sends land and water tiles within 10 % of the bytes it sent before the detailed coast', () => {
    const features = (file: string) => JSON.parse(readFileSync(join(GEODATA, 'basemap', file), 'utf8')).features as GeoJSON.Feature[];
    const tileset = new Tileset('first-view', [...zoomBandSources('land', features('land.geojson')), ...zoomBandSources('water', features('water.geojson'))]);
    const [x0, y0] = tileOf(INITIAL_BOUNDS[0], INITIAL_BOUNDS[3], 8);
    const [x1, y1] = tileOf(INITIAL_BOUNDS[2], INITIAL_BOUNDS[1], 8);
    let bytes = 0;
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) bytes += gzipSync(tileset.encode({ z: 8, x, y }) ?? new Uint8Array()).length;
    expect(bytes / BEFORE_GZIP_BYTES).toBeLessThan(1.1);
  });
});

describe('the sliver check itself', () => {
  const square = (x: number, y: number, d: number): GeoJSON.Feature => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] }
  });
  // Zoom 10 at 22.9° N: a pixel is about 0.00137° of longitude.
  const px = 360 / 2 ** 10 / 256;
  const [x10, y10] = tileOf(113.5, 22.5, 10);
  const west = (x10 / 2 ** 10) * 360 - 180 + 20 * px;
  const north = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y10) / 2 ** 10))) * 180) / Math.PI - 20 * px;

  test('finds a strip half a pixel wide and a one-pixel shard', () => {
    const strip: GeoJSON.Feature = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[[west, north], [west + 100 * px, north], [west + 100 * px, north - 0.5 * px], [west, north - 0.5 * px], [west, north]]] }
    };
    const shard = square(west + 150 * px, north - 50 * px, px);
    const found = offenders(waterTiles([strip, shard]), 10, x10, y10);
    expect(found).toHaveLength(2);
  });

  test('accepts a lake of 20 × 20 pixels', () => {
    expect(offenders(waterTiles([square(west + 50 * px, north - 100 * px, 20 * px)]), 10, x10, y10)).toEqual([]);
  });
});
