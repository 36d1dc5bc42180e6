import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { waitForMapIdle } from '../helpers/browser.ts';
import { DESKTOP, OUTPUT, useE2e } from '../helpers/e2e-page.ts';

const e2e = useE2e();
let page: Page;

beforeAll(async () => {
  page = await e2e.open(DESKTOP);
  await page.getByRole('tab', { name: '筛选' }).click();
});

const mapCenter = () => page.evaluate(() => window.__clusterAtlas!.map.getCenter().toArray());

test('typing 南山区粤海街道 flies the map to Nanshan and can set the near filter there', async () => {
  const area = await (await fetch(new URL(`/api/areas/search?q=${encodeURIComponent('南山区粤海街道')}`, e2e.url))).json();
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
  const stats = await (await fetch(new URL('/api/analytics/areas?measure=per_km2&method=ckmeans&classes=5', e2e.url))).json();
  await expect.poll(() => page.getByTestId('choropleth-legend').locator('li').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await page.evaluate(() => window.__clusterAtlas!.map.jumpTo({ center: [113.6, 22.9], zoom: 8 }));
  await waitForMapIdle(page);
  const shaded = await page.evaluate(() => window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['area-choropleth-fill'] }).map((f) => f.properties.code));
  expect(new Set(shaded).size).toBeGreaterThan(10);
  expect(stats.breaks.length).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: join(OUTPUT, 'areas-choropleth.png') });
  expect(e2e.foreign).toEqual([]);
});
