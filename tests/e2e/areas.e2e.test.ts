import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { blockForeignRequests, launchChromium, waitForMapIdle } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output');

let server: RunningServer;
let browser: Browser;
let page: Page;
const foreign: string[] = [];

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  foreign.push(...(await blockForeignRequests(page, server.url.replace(/\/$/, ''))));
  await page.goto(server.url);
  await waitForMapIdle(page);
  await page.getByRole('tab', { name: '筛选' }).click();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const mapCenter = () => page.evaluate(() => window.__clusterAtlas!.map.getCenter().toArray());

test('typing 南山区粤海街道 flies the map to Nanshan and can set the near filter there', async () => {
  const area = await (await fetch(new URL(`/api/areas/search?q=${encodeURIComponent('南山区粤海街道')}`, server.url))).json();
  await page.getByLabel('地址或区域名称').fill('南山区粤海街道');
  await page.getByRole('button', { name: '定位' }).click();
  await expect.poll(() => page.getByTestId('area-found').innerText(), { timeout: 30_000 }).toContain('粤海街道');
  const [minLon, minLat, maxLon, maxLat] = area.bbox;
  await expect
    .poll(async () => {
      const [lon, lat] = await mapCenter();
      return lon > minLon && lon < maxLon && lat > minLat && lat < maxLat;
    }, { timeout: 30_000 })
    .toBe(true);
  await page.getByRole('button', { name: /设为“距某点范围”筛选/ }).click();
  await expect.poll(() => new URL(page.url()).search, { timeout: 30_000 }).toContain('near');
  await page.screenshot({ path: join(OUTPUT, 'areas-search.png') });
});

test('the district choropleth shades the districts by class, with a legend of the breaks', async () => {
  await page.getByTestId('choropleth-toggle').check();
  const stats = await (await fetch(new URL('/api/analytics/areas?measure=per_km2&method=ckmeans&classes=5', server.url))).json();
  await expect.poll(() => page.getByTestId('choropleth-legend').locator('li').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await page.evaluate(() => window.__clusterAtlas!.map.jumpTo({ center: [113.6, 22.9], zoom: 8 }));
  await waitForMapIdle(page);
  const shaded = await page.evaluate(() => window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['area-choropleth-fill'] }).map((f) => f.properties.code));
  expect(new Set(shaded).size).toBeGreaterThan(10);
  expect(stats.breaks.length).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: join(OUTPUT, 'areas-choropleth.png') });
  expect(foreign).toEqual([]);
});
