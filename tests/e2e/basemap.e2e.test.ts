import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockForeignRequests, waitForMapIdle, watchPage } from '../helpers/browser.ts';
import { OUTPUT, useE2e, type Screen } from '../helpers/e2e-page.ts';
import { writeProtomapsTestArchive } from '../helpers/protomaps-archive.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';

/**
 * Screenshots of the basemap where the issue saw it fall apart (Nansha, Songshan Lake, Shenzhen
 * Bay, Xiangzhou) and of the new divisions (Guangming, Dongguan's town centres) at zoom 8, 10, 12
 * and 14, saved to tests/output/basemap-<place>-z<zoom>.png to be looked at; each view must draw
 * land and water (no blank or all-sea tile) without leaving the server.
 */
const PLACES: Record<string, [number, number]> = {
  nansha: [113.6, 22.75],
  'songshan-lake': [113.895, 22.915],
  'shenzhen-bay': [113.96, 22.5],
  xiangzhou: [113.56, 22.27]
};
/** Inland views of the new divisions: land and division lines, and water only where there is some. */
const DIVISION_PLACES: Record<string, [number, number]> = {
  guangming: [113.93, 22.77],
  'dongguan-towns': [113.76, 23.02]
};
const ZOOMS = [8, 10, 12, 14];

const VIEW: Screen = { name: 'basemap', touch: false, options: { viewport: { width: 1200, height: 800 } } };
const e2e = useE2e();
let page: Page;

beforeAll(async () => {
  page = await e2e.open(VIEW);
});

describe('the basemap zoomed in over the delta', () => {
  // One test a view, so each has its own time limit (at load 30, four views in one test overran 240 s).
  for (const [place, center] of Object.entries(PLACES)) {
    for (const zoom of ZOOMS) {
      test(`${place} draws land and water at zoom ${zoom}`, async () => {
        await page.evaluate(([c, z]) => window.__clusterAtlas!.map.jumpTo({ center: c as [number, number], zoom: z as number, bearing: 0, pitch: 0 }), [center, zoom] as const);
        await waitForMapIdle(page);
        const drawn = await page.evaluate(() => {
          const map = window.__clusterAtlas!.map;
          return { land: map.queryRenderedFeatures({ layers: ['land'] }).length, water: map.queryRenderedFeatures({ layers: ['water'] }).length };
        });
        await page.screenshot({ path: join(OUTPUT, `basemap-${place}-z${zoom}.png`) });
        expect(drawn.land, `${place} z${zoom} land`).toBeGreaterThan(0);
        expect(drawn.water, `${place} z${zoom} water`).toBeGreaterThan(0);
      });
    }
  }

  test("labels Dongguan's towns, Songshan Lake and Guangming in Chinese and English at the zooms a reader expects", async () => {
    const labelsAt = async (center: [number, number], zoom: number, layer: string) => {
      await page.evaluate(([c, z]) => window.__clusterAtlas!.map.jumpTo({ center: c as [number, number], zoom: z as number, bearing: 0, pitch: 0 }), [center, zoom] as const);
      await waitForMapIdle(page);
      return page.evaluate((l) => window.__clusterAtlas!.map.queryRenderedFeatures({ layers: [l] }).map((f) => `${f.properties.name_zh}|${f.properties.name_en}`), layer);
    };
    // Towns are named from zoom 10.5: at 10 no town label draws; Songshan Lake's shows once the
    // park label beside it leaves room.
    const z10 = await labelsAt(DIVISION_PLACES['dongguan-towns'], 10, 'town-label');
    expect(z10.filter((l) => /Town|Subdistrict/.test(l))).toEqual([]);
    expect(await labelsAt(PLACES['songshan-lake'], 12, 'town-label')).toContain('松山湖|Songshan Lake');
    // Which of the central subdistricts' labels win a place beside the organisation dots and their counts
    // depends on the order symbols were placed in, so the test asks for two of them, each in both languages.
    const z12 = await labelsAt(DIVISION_PLACES['dongguan-towns'], 12, 'town-label');
    const central = ['莞城街道|Wancheng Subdistrict', '南城街道|Nancheng Subdistrict', '东城街道|Dongcheng Subdistrict', '万江街道|Wanjiang Subdistrict'];
    expect(z12.filter((l) => central.includes(l)).length, z12.join(', ')).toBeGreaterThanOrEqual(2);
    const sz = await labelsAt(DIVISION_PLACES.guangming, 11, 'district-label');
    expect(sz).toContain('光明区|Guangming District');
    const lines = await page.evaluate(() => window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['district-line'] }).length);
    expect(lines).toBeGreaterThan(0);
  }, 240_000);

  for (const [place, center] of Object.entries(DIVISION_PLACES)) {
    for (const zoom of ZOOMS) {
      test(`${place} draws land and division lines at zoom ${zoom}`, async () => {
        await page.evaluate(([c, z]) => window.__clusterAtlas!.map.jumpTo({ center: c as [number, number], zoom: z as number, bearing: 0, pitch: 0 }), [center, zoom] as const);
        await waitForMapIdle(page);
        const drawn = await page.evaluate(() => {
          const map = window.__clusterAtlas!.map;
          return {
            land: map.queryRenderedFeatures({ layers: ['land'] }).length,
            lines: map.queryRenderedFeatures({ layers: ['district-line', 'town-line', 'city-line'] }).length
          };
        });
        await page.screenshot({ path: join(OUTPUT, `basemap-${place}-z${zoom}.png`) });
        expect(drawn.land, `${place} z${zoom} land`).toBeGreaterThan(0);
        if (zoom <= 12) expect(drawn.lines, `${place} z${zoom} division lines`).toBeGreaterThan(0);
      });
    }
  }

  test('no request left the server it came from', () => {
    expect(e2e.foreign).toEqual([]);
  });
});

describe('a street archive from BASEMAP_PMTILES in the browser', () => {
  let streetsServer: RunningServer;
  let streetsPage: Page;
  let streetsForeign: string[];
  const dir = mkdtempSync(join(tmpdir(), 'atlas-streets-e2e-'));

  beforeAll(async () => {
    const archive = join(dir, 'region.pmtiles');
    writeProtomapsTestArchive(archive);
    streetsServer = await startServer({ BASEMAP_PMTILES: archive });
    streetsPage = await e2e.browser.newPage(VIEW.options);
    watchPage(streetsPage);
    streetsForeign = await blockForeignRequests(streetsPage, streetsServer.url.replace(/\/$/, ''));
    await streetsPage.goto(streetsServer.url);
    await waitForMapIdle(streetsPage);
  });

  afterAll(async () => {
    await streetsPage?.close();
    await streetsServer?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('draws its roads and places under our parks, from our own server only', async () => {
    await streetsPage.evaluate(() => window.__clusterAtlas!.map.jumpTo({ center: [113.9, 22.92], zoom: 12, bearing: 0, pitch: 0 }));
    await waitForMapIdle(streetsPage);
    const drawn = await streetsPage.evaluate(() => {
      const map = window.__clusterAtlas!.map;
      const ids = map.getStyle().layers.map((l) => l.id);
      const rendered = (prefix: string) => map.queryRenderedFeatures({ layers: ids.filter((id) => id.startsWith(prefix)) }).length;
      return { roads: rendered('streets-roads'), water: rendered('streets-water'), parks: rendered('park-') };
    });
    await streetsPage.screenshot({ path: join(OUTPUT, 'basemap-streets-songshan-lake-z12.png') });
    expect(drawn.roads).toBeGreaterThan(0);
    expect(drawn.water).toBeGreaterThan(0);
    expect(drawn.parks).toBeGreaterThan(0);
    expect(streetsForeign).toEqual([]);
  });
});
