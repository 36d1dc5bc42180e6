import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { VectorTile } from '@mapbox/vector-tile';
import Fastify from 'fastify';
import { PbfReader } from 'pbf';
import { FileSource, PMTiles, TileType } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportStaticMap, type StaticExportReport } from '../../server/export/static-export.ts';
import { tilesCovering } from '../../server/export/tile-cover.ts';
import { labelPoint } from '../../server/geo/label-point.ts';
import { toMercator } from '../../server/tiles/point-grid.ts';
import { REGION_BOUNDS } from '../../server/tiles/tilejson.ts';
import { useApp } from '../helpers/app.ts';
import { blockForeignRequests, launchChromium, waitForMapIdle } from '../helpers/browser.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUTPUT = join(ROOT, 'tests', 'output');

const app = useApp();
let outDir: string;
let report: StaticExportReport;
let archive: PMTiles;

// Slicing every atlas tile to z14 takes 1–2 minutes on a loaded 2-core machine (the z12+ coast
// alone has ~48k vertices); the default 120 s hook timeout is too tight for a whole-suite run.
beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'atlas-static-'));
  report = exportStaticMap(app(), outDir, { glyphsDir: join(ROOT, 'geodata', 'glyphs') });
  archive = new PMTiles(new FileSource(new File([readFileSync(join(outDir, 'atlas.pmtiles'))], 'atlas.pmtiles')));
  // Writing every tile of z0–14 over the region takes a minute on a quiet machine, several on a busy one.
}, 360_000);
afterAll(() => outDir && rmSync(outDir, { recursive: true, force: true }));

/** What the server answers for one atlas tile: its bytes, or null for 204. */
async function servedTile(z: number, x: number, y: number): Promise<Buffer | null> {
  const res = await app().inject({ method: 'GET', url: `/tiles/atlas/${z}/${x}/${y}.mvt` });
  if (res.statusCode === 204) return null;
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}

async function archivedTile(z: number, x: number, y: number): Promise<Buffer | null> {
  const found = await archive.getZxy(z, x, y);
  return found ? Buffer.from(found.data) : null;
}

/** The tile of zoom z holding [lon, lat]. */
function tileAt([lon, lat]: [number, number], z: number): { z: number; x: number; y: number } {
  const [mx, my] = toMercator(lon, lat);
  return { z, x: Math.floor(mx * 2 ** z), y: Math.floor(my * 2 ** z) };
}

const ZOOMS = Array.from({ length: 15 }, (_, z) => z);

describe('npm run export:pmtiles', () => {
  test('writes one archive of z0–14 over the whole region, repeated tiles stored once', async () => {
    const header = await archive.getHeader();
    expect(header).toMatchObject({ minZoom: 0, maxZoom: 14, tileType: TileType.Mvt });
    expect(header.minLon).toBeCloseTo(REGION_BOUNDS[0], 5);
    expect(header.maxLat).toBeCloseTo(REGION_BOUNDS[3], 5);
    expect(report.addressedTiles).toBeGreaterThan(30_000);
    expect(report.tileContents).toBeLessThan(report.addressedTiles);
    const metadata = (await archive.getMetadata()) as { vector_layers: { id: string }[] };
    expect(metadata.vector_layers.map((l) => l.id)).toEqual(expect.arrayContaining(['land', 'city', 'parks', 'park_label', 'organizations']));
  });

  test.each(ZOOMS)('z%i: archive tiles are byte-identical to what the server serves', async (z) => {
    // Where a user looks (each park) plus tiles spread evenly over the region, sea and land alike.
    const atParks = app().catalog.parks.map((p) => tileAt(p.geometry.type === 'Point' ? (p.geometry.coordinates as [number, number]) : labelPoint(p.geometry), z));
    const cover = tilesCovering(REGION_BOUNDS, z);
    const spread = Array.from({ length: 8 }, (_, i) => cover[Math.floor((i * cover.length) / 8)]);
    const sample = new Map([...atParks, ...spread].map((t) => [`${t.x}/${t.y}`, t]));
    let compared = 0;
    for (const { x, y } of sample.values()) {
      const served = await servedTile(z, x, y);
      expect(await archivedTile(z, x, y), `tile ${z}/${x}/${y}`).toEqual(served);
      if (served) compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  test('an archived tile holds the basemap, parks and organisations layers together', async () => {
    const park = app().catalog.parks.find((p) => p.geometry.type === 'Point')!;
    const { z, x, y } = tileAt(park.geometry.coordinates as [number, number], 11);
    const tile = new VectorTile(new PbfReader((await archivedTile(z, x, y))!));
    expect(Object.keys(tile.layers)).toEqual(expect.arrayContaining(['land', 'city', 'district', 'parks', 'park_label', 'organizations']));
    const parts = await Promise.all(['basemap', 'parks', 'organizations'].map((layer) => app().inject(`/tiles/${layer}/${z}/${x}/${y}.mvt`)));
    expect(await archivedTile(z, x, y)).toEqual(Buffer.concat(parts.map((p) => p.rawPayload)));
  });

  test('the server has nothing beyond the exported area, so the archive misses no tile', async () => {
    for (const z of ZOOMS) {
      const inside = new Set(tilesCovering(REGION_BOUNDS, z).map((t) => `${t.x}/${t.y}`));
      const ring = tilesCovering(REGION_BOUNDS, z, 2).filter((t) => !inside.has(`${t.x}/${t.y}`));
      for (const { x, y } of ring.filter((_, i) => i % 7 === 0)) {
        expect(await servedTile(z, x, y), `tile ${z}/${x}/${y}`).toBeNull();
        expect(await archivedTile(z, x, y)).toBeNull();
      }
    }
  });
});

describe('the exported folder on a plain static web server', () => {
  test('draws the map in Chromium with no request to any other host', { timeout: 120_000 }, async () => {
    const server = Fastify();
    await server.register(fastifyStatic, { root: outDir });
    const origin = await server.listen({ host: '127.0.0.1', port: 0 });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
      const foreign = await blockForeignRequests(page, origin);
      const archiveStatuses: number[] = [];
      page.on('response', (res) => res.url().endsWith('/atlas.pmtiles') && archiveStatuses.push(res.status()));
      await page.goto(`${origin}/index.html#10/22.53/113.95`);
      await waitForMapIdle(page);
      const drawn = await page.evaluate(() => {
        const features = window.__clusterAtlas!.map.queryRenderedFeatures();
        return [...new Set(features.map((f) => f.layer.id))];
      });
      await page.screenshot({ path: join(OUTPUT, 'static-export.png') });
      expect(drawn).toEqual(expect.arrayContaining(['land', 'city-fill', 'park-point', 'organization-point', 'city-label']));
      expect(await page.locator('#failure').isHidden()).toBe(true);
      expect(archiveStatuses.length).toBeGreaterThan(0);
      expect(archiveStatuses.every((s) => s === 206)).toBe(true);
      expect(foreign).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('the atlas tileset follows imports', () => {
  test('an imported organisation is counted in the next atlas tile, so a new export carries it', async () => {
    const one = app().catalog.organization(0);
    const { z, x, y } = tileAt(one.geometry.coordinates as [number, number], 12);
    const organizationsIn = async () => {
      const layer = new VectorTile(new PbfReader((await servedTile(z, x, y))!)).layers.organizations;
      return Array.from({ length: layer.length }, (_, i) => Number(layer.feature(i).properties.point_count)).reduce((a, b) => a + b, 0);
    };
    const before = await organizationsIn();
    app().catalog.setImportedOrganizations('pmtiles-test', [{ ...one, properties: { ...one.properties, id: 'imported-copy' } }]);
    try {
      expect(await organizationsIn()).toBe(before + 1);
    } finally {
      app().catalog.setImportedOrganizations('pmtiles-test', []);
    }
  });
});
