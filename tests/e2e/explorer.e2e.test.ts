import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import Papa from 'papaparse';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitForMapIdle } from '../helpers/browser.ts';
import { closePage, JOURNEY_SCREENS, menuItem, openView, OUTPUT, press, useE2e } from '../helpers/e2e-page.ts';

const e2e = useE2e();

/** Every journey on a desktop and on the phone the booth QR sends visitors to. */
describe.each(JOURNEY_SCREENS)('on a $name screen', (screen) => {
  const shot = (p: Page, name: string) => p.screenshot({ path: join(OUTPUT, `explorer-${screen.name}-${name}.png`) });
  /** On a phone the organisation list (and its count) is a tab of the sheet; on wider screens it is always shown. */
  const organizations = async (p: Page) => {
    if (screen.touch) await press(screen, p.getByRole('tab', { name: '机构' }));
    return p.getByTestId('organization-count');
  };
  const orgCount = async (p: Page) => (await organizations(p)).innerText();
  const closeParkPanel = (p: Page) => press(screen, p.getByTestId('park-panel').getByRole('button', { name: '关闭' }));
  const open = (path?: string) => e2e.open(screen, path);

  let page: Page;
  beforeAll(async () => {
    page = await open();
  });
  afterAll(async () => {
    await page?.context().close();
  });

  describe('investor journeys', () => {
    test('a city filter changes the organisation count, the table and the parks on the map', async () => {
      const all = await e2e.api('/api/organizations?limit=1');
      await expect.poll(() => orgCount(page), { timeout: 15_000 }).toContain(String(all.total));
      await press(screen, page.getByRole('tab', { name: '筛选' }));
      await press(screen, page.getByRole('checkbox', { name: '深圳市' }));
      const shenzhen = await e2e.api('/api/organizations?city=shenzhen&limit=1');
      await expect.poll(() => orgCount(page), { timeout: 15_000 }).toContain(String(shenzhen.total));
      expect(shenzhen.total).toBeLessThan(all.total);
      await waitForMapIdle(page);
      const cities = await page.evaluate(() =>
        [...new Set(window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['park-point', 'park-area'] }).map((f) => f.properties.city))]
      );
      expect(cities).toEqual(['shenzhen']);
      await expect.poll(() => page.locator('.orgs tbody tr').count(), { timeout: 15_000 }).toBe(Math.min(shenzhen.total, 200));
      await shot(page, 'filter-shenzhen');
      await press(screen, page.getByRole('tab', { name: '筛选' }));
      await press(screen, page.getByRole('button', { name: '清除筛选' }));
      await expect.poll(() => orgCount(page), { timeout: 15_000 }).toContain(String(all.total));
    });

    test('searching 松山湖 finds Songshan Lake and opens its profile', async () => {
      await page.getByRole('searchbox').fill('松山湖');
      const result = page.getByTestId('search-result').first();
      await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('松山湖高新区');
      await press(screen, result);
      const panel = page.getByTestId('park-panel');
      await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain('最近机场');
      const text = await panel.innerText();
      expect(text).toContain('Songshan Lake High-tech Zone');
      expect(text).toMatch(/园区内及 5 公里内机构\s+\d+/);
      const clipped = await panel.evaluate((el) => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth; });
      expect(clipped).toBe(false);
      await shot(page, 'search-profile');
      await page.getByRole('searchbox').fill('');
      await closeParkPanel(page);
    });

    test('three parks go on the shortlist and are compared side by side', async () => {
      const parks = (await e2e.api('/api/parks?city=guangzhou')).features.slice(0, 3);
      for (const park of parks) {
        await press(screen, page.getByRole('tab', { name: '园区' }));
        await press(screen, page.getByRole('button', { name: park.properties.name_zh, exact: true }));
        const add = page.getByRole('button', { name: '加入对比' });
        await add.waitFor();
        await press(screen, add);
        await closeParkPanel(page);
      }
      await openView(screen, page, 'compare');
      const table = page.getByTestId('compare-table');
      await table.waitFor();
      const headers = () => table.locator('thead th').allInnerTexts().then((h) => h.join(' '));
      for (const park of parks) await expect.poll(headers).toContain(park.properties.name_zh);
      expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
      await shot(page, 'compare');
      const [download] = await Promise.all([page.waitForEvent('download'), press(screen, page.getByTestId('export-compare'))]);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(Papa.parse(csv.slice(1), { header: true, skipEmptyLines: true }).data).toHaveLength(3);
      await openView(screen, page, 'map');
    });

    // The file is the same on every screen; reaching it through the phone's ☰ menu is checked in layout.e2e.test.ts.
    test.runIf(!screen.touch)('the filtered organisations export as CSV that reads back with Chinese intact', async () => {
      const expected = await e2e.api('/api/organizations?city=guangzhou&limit=5000');
      const p = await open('/?city=guangzhou');
      const [download] = await Promise.all([p.waitForEvent('download'), menuItem(screen, p, 'export-csv')]);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
      expect(rows).toHaveLength(expected.total);
      expect(rows.map((r) => r.name_zh)).toContain(expected.features[0].properties.name_zh);
      expect(rows.every((r) => r.city === 'guangzhou')).toBe(true);
      // The readable columns speak the interface's language; the codes stay in their own columns.
      expect(rows.every((r) => r['城市'] === '广州市')).toBe(true);
      expect(rows.map((r) => r['类型'])).toContain('高校');
      await closePage(p);
    });

    test('the map exports as a PNG with the title, legend and attribution drawn on it', async () => {
      const p = await open();
      const [download] = await Promise.all([p.waitForEvent('download'), menuItem(screen, p, 'export-png')]);
      await download.saveAs(join(OUTPUT, `explorer-${screen.name}-export.png`));
      const png = PNG.sync.read(readFileSync(await download.path()));
      const canvas = await p.evaluate(() => [window.__clusterAtlas!.map.getCanvas().width, window.__clusterAtlas!.map.getCanvas().height]);
      expect([png.width, png.height]).toEqual(canvas);
      // Not blank: the map has many colours, and the title card (top left) is the near-white it is drawn with.
      const colours = new Set<number>();
      for (let i = 0; i < png.data.length; i += 4 * 97) colours.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
      expect(colours.size).toBeGreaterThan(50);
      const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];
      expect(Math.min(...at(16, 16))).toBeGreaterThan(220);
      await closePage(p);
    });

    // The address is read the same way on every screen: the desktop checks it.
    test.runIf(!screen.touch)('a shared link restores filters, layers, selection and camera exactly', async () => {
      const p = await open('/?sector=drones,unmanned-ships&layers=parks,organizations,transport&park=zhuhai-unmanned-ship-tech-port&at=113.4,22.3,9.5,0,0');
      await expect.poll(() => p.getByTestId('park-panel').innerText(), { timeout: 15_000 }).toContain('无人船科技港');
      const link = p.url();
      const camera = await p.evaluate(() => window.__clusterAtlas!.map.getCenter().toArray());
      const q = await open(link.replace(e2e.url.replace(/\/$/, ''), ''));
      await expect.poll(() => q.getByTestId('park-panel').innerText(), { timeout: 15_000 }).toContain('无人船科技港');
      const after = await q.evaluate(() => ({ center: window.__clusterAtlas!.map.getCenter().toArray(), zoom: window.__clusterAtlas!.map.getZoom(), transport: window.__clusterAtlas!.map.getLayoutProperty('transport', 'visibility') ?? 'visible', boundaries: window.__clusterAtlas!.map.getLayoutProperty('city-line', 'visibility') }));
      expect(after.center[0]).toBeCloseTo(camera[0], 4);
      expect(after.center[1]).toBeCloseTo(camera[1], 4);
      expect(after.zoom).toBeCloseTo(9.5, 2);
      expect(after.transport).toBe('visible');
      expect(after.boundaries).toBe('none');
      expect(new URL(q.url()).searchParams.get('sector')).toBe('drones,unmanned-ships');
      // Same filter, same count.
      const expected = await e2e.api('/api/organizations?sector=drones,unmanned-ships&limit=1');
      for (const x of [p, q]) await expect.poll(() => orgCount(x), { timeout: 15_000 }).toContain(String(expected.total));
      await closePage(p);
      await closePage(q);
    });
  });

  describe('planner journeys', () => {
    test('hexagon density and DBSCAN clusters render on the map as the API computes them', async () => {
      const p = await open('/?at=113.6,22.75,8.3,0,0');
      await press(screen, p.getByRole('tab', { name: '集聚分析' }));
      await press(screen, p.locator('input[data-layer="hexagons"]'));
      await press(screen, p.locator('input[data-layer="clusters"]'));
      await p.getByTestId('cluster-table').waitFor({ timeout: 30_000 });
      // The panel starts from the server's defaults, so its table matches the API asked with none.
      const clusters = await e2e.api('/api/analytics/clusters');
      await expect.poll(() => p.getByTestId('cluster-table').locator('tbody tr').count(), { timeout: 30_000 }).toBe(clusters.clusterCount);
      // Pick the densest hexagon where deck.gl drew it: what is under the cursor must be that cell.
      const density = await e2e.api('/api/analytics/density?edgeKm=3');
      const densest = [...density.hexagons.cells.features].sort((a, b) => b.properties.count - a.properties.count)[0];
      const ring: [number, number][] = densest.geometry.coordinates[0];
      const centre = [ring.slice(0, -1).reduce((s, c) => s + c[0], 0) / (ring.length - 1), ring.slice(0, -1).reduce((s, c) => s + c[1], 0) / (ring.length - 1)];
      // Centred, so it is on screen on a phone's narrow map too.
      await p.evaluate((c) => window.__clusterAtlas!.map.jumpTo({ center: c as [number, number] }), centre);
      await waitForMapIdle(p);
      const pick = () => p.evaluate((lonLat) => {
        const { map, deck } = window.__clusterAtlas!;
        const { x, y } = map.project(lonLat as [number, number]);
        return deck!.pickMultipleObjects({ x, y, radius: 2 }).map((o) => ({ layer: o.layer?.id, h3: o.object?.properties?.h3, count: o.object?.properties?.count }));
      }, centre);
      await expect.poll(async () => (await pick()).find((o) => o.layer === 'hexagons'), { timeout: 30_000 }).toEqual({ layer: 'hexagons', h3: densest.properties.h3, count: densest.properties.count });
      await shot(p, 'density-clusters');
      await closePage(p);
    }, 120_000);

    test('the city specialisation matrix marks strong clusters and a click filters the map', async () => {
      const p = await open();
      await openView(screen, p, 'specialization');
      const table = p.getByTestId('lq-table');
      await table.waitFor();
      const spec = await e2e.api('/api/analytics/specialization');
      const strong = spec.cells.filter((c: { strongCluster: boolean }) => c.strongCluster).length;
      expect(await table.locator('td.strong').count()).toBe(strong);
      await shot(p, 'specialization');
      // The first cell is the first city of the region × the first sector that has organisations.
      const sectors: { id: string }[] = await e2e.api('/api/sectors');
      const firstSector = sectors.find((s) => spec.cells.some((c: { sector: string; count: number }) => c.sector === s.id && c.count > 0))!.id;
      await press(screen, table.locator('td button').first());
      await expect.poll(() => new URL(p.url()).searchParams.get('city')).toBe(spec.region[0]);
      expect(new URL(p.url()).searchParams.get('sector')).toBe(firstSector);
      const shown = await e2e.api(`/api/organizations?city=${spec.region[0]}&sector=${firstSector}&limit=1`);
      if (await p.getByTestId('lq-table').isVisible()) await openView(screen, p, 'map');
      await expect.poll(() => orgCount(p), { timeout: 15_000 }).toContain(String(shown.total));
      await closePage(p);
    });

    test('the plan-targets view lists every 2020 target with what the data shows', async () => {
      const p = await open();
      await openView(screen, p, 'targets');
      const table = p.getByTestId('targets-table');
      await table.waitFor();
      const targets = await e2e.api('/api/targets');
      expect(await table.locator('tbody tr').count()).toBe(targets.length);
      await shot(p, 'targets');
      await closePage(p);
    });
  });

  // The phone's axe check runs in layout.e2e.test.ts (with a card open); here the desktop's.
  test.runIf(!screen.touch)('axe finds no serious or critical accessibility violation', async () => {
    const p = await open();
    const { violations } = await new AxeBuilder({ page: p }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    await closePage(p);
  });
});

test('no request left the server it came from', () => {
  expect(e2e.foreign).toEqual([]);
});

