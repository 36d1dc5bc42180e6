import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import Papa from 'papaparse';
import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockForeignRequests, launchChromium, waitForMapIdle } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output');

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const foreign: string[] = [];

async function openPage(path = '/'): Promise<Page> {
  const p = await context.newPage();
  foreign.push(...(await blockForeignRequests(p, server.url.replace(/\/$/, ''))));
  await p.goto(new URL(path, server.url).href);
  await waitForMapIdle(p);
  return p;
}

const api = async (path: string) => (await fetch(new URL(path, server.url))).json();
const orgCount = (p: Page) => p.getByTestId('organization-count').innerText();
const shot = (p: Page, name: string) => p.screenshot({ path: join(OUTPUT, `explorer-${name}.png`) });

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await openPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('investor journeys', () => {
  test('a city filter changes the organisation count, the table and the parks on the map', async () => {
    const all = await api('/api/organizations?limit=1');
    await expect.poll(() => orgCount(page)).toContain(String(all.total));
    await page.getByRole('tab', { name: '筛选' }).click();
    await page.getByRole('checkbox', { name: '深圳市' }).check();
    const shenzhen = await api('/api/organizations?city=shenzhen&limit=1');
    await expect.poll(() => orgCount(page)).toContain(String(shenzhen.total));
    expect(shenzhen.total).toBeLessThan(all.total);
    await waitForMapIdle(page);
    const cities = await page.evaluate(() =>
      [...new Set(window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['park-point', 'park-area'] }).map((f) => f.properties.city))]
    );
    expect(cities).toEqual(['shenzhen']);
    const rows = await page.locator('.orgs tbody tr').count();
    expect(rows).toBe(Math.min(shenzhen.total, 200));
    await shot(page, 'filter-shenzhen');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => orgCount(page)).toContain(String(all.total));
  });

  test('searching 松山湖 finds Songshan Lake and opens its profile', async () => {
    await page.getByRole('searchbox').fill('松山湖');
    const result = page.getByTestId('search-result').first();
    await expect.poll(() => result.innerText()).toContain('松山湖高新区');
    await result.click();
    const panel = page.getByTestId('park-panel');
    await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain('最近机场');
    const text = await panel.innerText();
    expect(text).toContain('Songshan Lake High-tech Zone');
    expect(text).toMatch(/园区内及 5 公里内机构\s+\d+/);
    await shot(page, 'search-profile');
    await page.getByRole('searchbox').fill('');
  });

  test('three parks go on the shortlist and are compared side by side', async () => {
    const parks = (await api('/api/parks?city=guangzhou')).features.slice(0, 3);
    for (const park of parks) {
      await page.getByRole('tab', { name: '园区' }).click();
      await page.getByRole('button', { name: park.properties.name_zh, exact: true }).click();
      const add = page.getByRole('button', { name: '加入对比' });
      await add.waitFor();
      await add.click();
    }
    await page.locator('[data-view="compare"]').click();
    const table = page.getByTestId('compare-table');
    await table.waitFor();
    const headers = () => table.locator('thead th').allInnerTexts().then((h) => h.join(' '));
    for (const park of parks) await expect.poll(headers).toContain(park.properties.name_zh);
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
    await shot(page, 'compare');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-compare').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Papa.parse(csv.slice(1), { header: true, skipEmptyLines: true }).data).toHaveLength(3);
    await page.locator('[data-view="map"]').click();
  });

  test('the filtered organisations export as CSV that reads back with Chinese intact', async () => {
    const expected = await api('/api/organizations?city=guangzhou&limit=5000');
    const p = await openPage('/?city=guangzhou');
    await p.getByTestId('more-menu').locator('summary').click();
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(expected.total);
    expect(rows.map((r) => r.name_zh)).toContain(expected.features[0].properties.name_zh);
    expect(rows.every((r) => r.city === 'guangzhou')).toBe(true);
    // The readable columns speak the interface's language; the codes stay in their own columns.
    expect(rows.every((r) => r['城市'] === '广州市')).toBe(true);
    expect(rows.map((r) => r['类型'])).toContain('高校');
    await p.close();
  });

  test('the map exports as a PNG with the title, legend and attribution drawn on it', async () => {
    const p = await openPage();
    await p.getByTestId('more-menu').locator('summary').click();
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-png').click()]);
    await download.saveAs(join(OUTPUT, 'explorer-export.png'));
    const png = PNG.sync.read(readFileSync(await download.path()));
    const canvas = await p.evaluate(() => [window.__clusterAtlas!.map.getCanvas().width, window.__clusterAtlas!.map.getCanvas().height]);
    expect([png.width, png.height]).toEqual(canvas);
    // Not blank: the map has many colours, and the title card (top left) is the near-white it is drawn with.
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 97) colours.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
    expect(colours.size).toBeGreaterThan(50);
    const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];
    expect(Math.min(...at(16, 16))).toBeGreaterThan(220);
    await p.close();
  });

  test('a shared link restores filters, layers, selection and camera exactly', async () => {
    const p = await openPage('/?sector=drones,unmanned-ships&layers=parks,organizations,transport&park=zhuhai-unmanned-ship-tech-port&at=113.4,22.3,9.5,0,0');
    await expect.poll(() => p.getByTestId('park-panel').innerText(), { timeout: 15_000 }).toContain('无人船科技港');
    const link = p.url();
    const before = { count: await orgCount(p), camera: await p.evaluate(() => window.__clusterAtlas!.map.getCenter().toArray()) };
    const q = await openPage(link.replace(server.url.replace(/\/$/, ''), ''));
    await expect.poll(() => q.getByTestId('park-panel').innerText(), { timeout: 15_000 }).toContain('无人船科技港');
    await expect.poll(() => orgCount(q)).toBe(before.count);
    const after = await q.evaluate(() => ({ center: window.__clusterAtlas!.map.getCenter().toArray(), zoom: window.__clusterAtlas!.map.getZoom(), transport: window.__clusterAtlas!.map.getLayoutProperty('transport', 'visibility') ?? 'visible', boundaries: window.__clusterAtlas!.map.getLayoutProperty('city-line', 'visibility') }));
    expect(after.center[0]).toBeCloseTo(before.camera[0], 4);
    expect(after.center[1]).toBeCloseTo(before.camera[1], 4);
    expect(after.zoom).toBeCloseTo(9.5, 2);
    expect(after.transport).toBe('visible');
    expect(after.boundaries).toBe('none');
    expect(new URL(q.url()).searchParams.get('sector')).toBe('drones,unmanned-ships');
    await p.close();
    await q.close();
  });
});

describe('planner journeys', () => {
  test('hexagon density and DBSCAN clusters render on the map as the API computes them', async () => {
    const p = await openPage('/?at=113.6,22.75,8.3,0,0');
    await p.getByRole('tab', { name: '集聚分析' }).click();
    await p.locator('input[data-layer="hexagons"]').check();
    await p.locator('input[data-layer="clusters"]').check();
    await p.getByTestId('cluster-table').waitFor({ timeout: 30_000 });
    // The panel starts from the server's defaults, so its table matches the API asked with none.
    const clusters = await api('/api/analytics/clusters');
    await expect.poll(() => p.getByTestId('cluster-table').locator('tbody tr').count()).toBe(clusters.clusterCount);
    await waitForMapIdle(p);
    // Pick the densest hexagon where deck.gl drew it: what is under the cursor must be that cell.
    const density = await api('/api/analytics/density?edgeKm=3');
    const densest = [...density.hexagons.cells.features].sort((a, b) => b.properties.count - a.properties.count)[0];
    const ring: [number, number][] = densest.geometry.coordinates[0];
    const centre = [ring.slice(0, -1).reduce((s, c) => s + c[0], 0) / (ring.length - 1), ring.slice(0, -1).reduce((s, c) => s + c[1], 0) / (ring.length - 1)];
    const picked = await p.evaluate((lonLat) => {
      const { map, deck } = window.__clusterAtlas!;
      const { x, y } = map.project(lonLat as [number, number]);
      return deck!.pickMultipleObjects({ x, y, radius: 2 }).map((o) => ({ layer: o.layer?.id, h3: o.object?.properties?.h3, count: o.object?.properties?.count }));
    }, centre);
    expect(picked.find((o) => o.layer === 'hexagons')).toEqual({ layer: 'hexagons', h3: densest.properties.h3, count: densest.properties.count });
    await shot(p, 'density-clusters');
    await p.close();
  });

  test('the city specialisation matrix marks strong clusters and a click filters the map', async () => {
    const p = await openPage();
    await p.locator('[data-view="specialization"]').click();
    const table = p.getByTestId('lq-table');
    await table.waitFor();
    const spec = await api('/api/analytics/specialization');
    const strong = spec.cells.filter((c: { strongCluster: boolean }) => c.strongCluster).length;
    expect(await table.locator('td.strong').count()).toBe(strong);
    await shot(p, 'specialization');
    // The first cell is the first city of the region × the first sector that has organisations.
    const sectors: { id: string }[] = await api('/api/sectors');
    const firstSector = sectors.find((s) => spec.cells.some((c: { sector: string; count: number }) => c.sector === s.id && c.count > 0))!.id;
    await table.locator('td button').first().click();
    await expect.poll(() => new URL(p.url()).searchParams.get('city')).toBe(spec.region[0]);
    expect(new URL(p.url()).searchParams.get('sector')).toBe(firstSector);
    const shown = await api(`/api/organizations?city=${spec.region[0]}&sector=${firstSector}&limit=1`);
    await expect.poll(() => orgCount(p)).toContain(String(shown.total));
    await p.close();
  });

  test('the plan-targets view lists every 2020 target with what the data shows', async () => {
    const p = await openPage();
    await p.locator('[data-view="targets"]').click();
    const table = p.getByTestId('targets-table');
    await table.waitFor();
    const targets = await api('/api/targets');
    expect(await table.locator('tbody tr').count()).toBe(targets.length);
    await shot(p, 'targets');
    await p.close();
  });
});

describe('everyone', () => {
  test('axe finds no serious or critical accessibility violation', async () => {
    const p = await openPage();
    const { violations } = await new AxeBuilder({ page: p }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    await p.close();
  });

  test('no request left the server it came from', () => {
    expect(foreign).toEqual([]);
  });
});
