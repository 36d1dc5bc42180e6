import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { blockForeignRequests, waitForMapIdle, watchPage } from '../helpers/browser.ts';
import { OUTPUT, useE2e, type Screen } from '../helpers/e2e-page.ts';

const WIDE: Screen = { name: 'wide', touch: false, options: { viewport: { width: 1400, height: 900 } } };
const e2e = useE2e();
let page: Page;

describe('the atlas in a real browser', () => {
  test('loads the map of the five cities offline and draws the twelve places', async () => {
    page = await e2e.open(WIDE);
    const rendered = await page.evaluate(() => {
      const map = window.__clusterAtlas!.map;
      const ids = (layers: string[]) => new Set(map.queryRenderedFeatures({ layers }).map((f) => f.properties.id));
      return {
        parks: [...ids(['park-point', 'park-area'])],
        cities: [...new Set(map.queryRenderedFeatures({ layers: ['city-label'] }).map((f) => f.properties.id))]
      };
    });
    await page.screenshot({ path: join(OUTPUT, 'atlas-overview.png') });
    expect(rendered.parks.length).toBe(12);
    expect(rendered.cities).toEqual(expect.arrayContaining(['guangzhou', 'shenzhen', 'zhuhai', 'dongguan', 'foshan']));
  });

  test('clicking a park opens its panel with names, city, kind, sectors, precision and source', async () => {
    const point = await page.evaluate(async () => {
      const map = window.__clusterAtlas!.map;
      const res = await fetch('/api/parks?q=songshan');
      const park = (await res.json()).features[0];
      return map.project(park.geometry.coordinates);
    });
    const box = (await page.locator('[data-testid="map"] canvas').boundingBox())!;
    await page.mouse.click(box.x + point.x, box.y + point.y);
    const panel = page.getByTestId('park-panel');
    // The panel opens at once and fills in when the park's profile arrives.
    await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain('Songshan Lake');
    const text = await panel.innerText();
    expect(text).toContain('松山湖');
    expect(text).toContain('Songshan Lake');
    expect(text).toContain('东莞');
    expect(text).toMatch(/约 [\d,]+ 米以内/);
    expect(text).toContain('来源');
    // When its kind and sectors were stated true, as the data file says (its own date, apart from the facts' dates).
    expect(await panel.getByTestId('park-attributes-as-of').innerText()).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    expect(text).toContain('类型与行业截至');
    await page.screenshot({ path: join(OUTPUT, 'atlas-park-panel.png') });
  });

  test('switching to English relabels the interface and the map', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByTestId('more-menu').locator('summary').click();
    await page.getByRole('combobox', { name: 'Map labels' }).selectOption('en');
    // The style in the new language arrives asynchronously and is diffed in.
    await expect
      .poll(() => page.evaluate(() => window.__clusterAtlas!.map.getLayoutProperty('city-label', 'text-field')), { timeout: 15_000 })
      .toEqual(['get', 'name_en']);
    await waitForMapIdle(page);
    await expect.poll(() => page.getByTestId('park-panel').innerText()).toContain('Location precision');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await page.screenshot({ path: join(OUTPUT, 'atlas-english.png') });
  });

  test('the first view loads at most 1 MB of glyphs in one request per font, or a few Latin ranges with the device font', async () => {
    const count = async (path: string) => {
      const p = await e2e.browser.newPage(WIDE.options);
      watchPage(p);
      e2e.foreign.push(...(await blockForeignRequests(p, e2e.url.replace(/\/$/, ''))));
      const glyphs: Promise<number>[] = [];
      p.on('response', (res) => { if (res.url().includes('/glyphs/')) glyphs.push(res.body().then((b) => b.length, () => 0)); });
      await p.goto(new URL(path, e2e.url).href);
      await waitForMapIdle(p);
      const bytes = (await Promise.all(glyphs)).reduce((a, b) => a + b, 0);
      await p.close();
      return { requests: glyphs.length, bytes };
    };
    // By default every label glyph comes in one bundle per font (regular and bold).
    const bundled = await count('/');
    expect(bundled.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(bundled.requests).toBeLessThanOrEqual(2);
    // This machine has Noto Sans CJK (CI installs fonts-noto-cjk): with ?glyphs=device Han characters are drawn from it.
    const device = await count('/?glyphs=device');
    expect(device.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(device.requests).toBeLessThanOrEqual(8);
  });

  test('no request left the server it came from', () => {
    expect(e2e.foreign).toEqual([]);
  });
});
