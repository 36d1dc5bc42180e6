import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockForeignRequests, launchChromium, waitForMapIdle } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output');

/** The three screens a visitor holds: a phone (from the booth QR), a laptop, a booth screen. */
const SCREENS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'phone', options: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 } },
  { name: 'laptop', options: { viewport: { width: 1280, height: 720 } } },
  { name: 'booth', options: { viewport: { width: 1920, height: 1080 } } }
];

let server: RunningServer;
let browser: Browser;
const foreign: string[] = [];

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(screen: (typeof SCREENS)[number], path = '/'): Promise<Page> {
  const context = await browser.newContext(screen.options);
  const page = await context.newPage();
  foreign.push(...(await blockForeignRequests(page, server.url.replace(/\/$/, ''))));
  await page.goto(new URL(path, server.url).href);
  await waitForMapIdle(page);
  return page;
}

const shot = (p: Page, screen: string, name: string) => p.screenshot({ path: join(OUTPUT, `layout-${screen}-${name}.png`) });

/** Where Tencent's dot is drawn on screen, once the map shows it as a single dot (not a grouped count). */
async function tencentOnScreen(page: Page): Promise<{ x: number; y: number }> {
  await page.evaluate(() => window.__clusterAtlas!.map.jumpTo({ center: [113.9355, 22.5225], zoom: 15 }));
  await waitForMapIdle(page);
  await expect
    .poll(() => page.evaluate(() => window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['organization-point'] }).some((f) => f.properties.id === 'tencent')), { timeout: 30_000 })
    .toBe(true);
  const point = await page.evaluate(() => window.__clusterAtlas!.map.project([113.9355, 22.5225]));
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: box.x + point.x, y: box.y + point.y };
}

describe.each(SCREENS)('on a $name screen', (screen) => {
  test('nothing scrolls sideways, the header is one row and the page fits the window', async () => {
    const page = await open(screen);
    const fit = await page.evaluate(() => {
      const bar = document.querySelector('header.bar') as HTMLElement;
      const children = [...bar.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
      const tops = children.map((r) => Math.round(r.top + r.height / 2));
      return {
        scrollWidth: document.documentElement.scrollWidth,
        scrollHeight: document.documentElement.scrollHeight,
        width: innerWidth,
        height: innerHeight,
        rowSpread: Math.max(...tops) - Math.min(...tops),
        barHeight: bar.getBoundingClientRect().height
      };
    });
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.width);
    expect(fit.scrollHeight).toBeLessThanOrEqual(fit.height);
    // One row: every item of the header is centred on the same line.
    expect(fit.rowSpread).toBeLessThan(12);
    expect(fit.barHeight).toBeLessThan(64);
    await shot(page, screen.name, 'start');
    await page.context().close();
  });

  test('a click (or tap) on an organisation dot opens its card, and it is highlighted on the map', async () => {
    const page = await open(screen);
    const at = await tencentOnScreen(page);
    if (screen.options.hasTouch) await page.touchscreen.tap(at.x, at.y);
    else await page.mouse.click(at.x, at.y);
    const card = page.getByTestId('organization-card');
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain('Tencent');
    const text = await card.innerText();
    for (const expected of ['腾讯', '企业', '深圳市', '南山区', '来源', '2026-11-25']) expect(text).toContain(expected);
    expect(text).toMatch(/约 [\d,]+ 米以内/);
    expect(new URL(page.url()).searchParams.get('org')).toBe('tencent');
    await waitForMapIdle(page);
    const ringed = await page.evaluate(() => window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['selected-organization-halo'] }).length);
    expect(ringed).toBe(1);
    await shot(page, screen.name, 'organization-card');
    await page.context().close();
  });

  test('labels read from zoom 8 to 14, in Chinese and in English (screenshots to look at)', async () => {
    // Chinese on every screen; English once (the labels do not depend on the screen, only their room does).
    for (const lang of screen.name === 'laptop' ? (['zh', 'en'] as const) : (['zh'] as const)) {
      const page = await open(screen, `/?lang=${lang}&park=shenzhen-bay-sci-tech-ecological-park`);
      await expect.poll(() => page.getByTestId('park-panel').innerText(), { timeout: 15_000 }).toContain(lang === 'zh' ? '深圳湾' : 'Shenzhen Bay');
      await shot(page, screen.name, `park-profile-${lang}`);
      for (const zoom of [8, 10, 12, 14]) {
        await page.evaluate((z) => window.__clusterAtlas!.map.jumpTo({ center: [113.95, 22.53], zoom: z }), zoom);
        await waitForMapIdle(page);
        // Labels were placed at every zoom (what they look like is for the reader of the screenshots).
        const labels = await page.evaluate(() => window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['city-label', 'district-label', 'park-label'] }).length);
        expect(labels, `labels at zoom ${zoom}`).toBeGreaterThan(0);
        await shot(page, screen.name, `labels-${lang}-z${zoom}`);
      }
      await page.context().close();
    }
  }, 180_000);

  test('axe finds no serious or critical accessibility violation, with a card open', async () => {
    const page = await open(screen, '/?org=tencent');
    await expect.poll(() => page.getByTestId('organization-card').innerText(), { timeout: 15_000 }).toContain('Tencent');
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`)).toEqual([]);
    await page.context().close();
  });
});

describe('phone', () => {
  const phone = SCREENS[0];

  test('the map takes at least 60 % of the screen and every control is at least 44 px', async () => {
    const page = await open(phone);
    const sizes = await page.evaluate(() => {
      const map = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
      const sheet = document.querySelector('[data-testid="sidebar"]')!.getBoundingClientRect();
      const controls = [...document.querySelectorAll('header button, header summary, [data-testid="sidebar"] button, [data-testid="sidebar"] input[type="search"]')]
        .map((el) => ({ el: (el as HTMLElement).innerText || el.getAttribute('aria-label') || el.tagName, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.bottom > 0 && r.top < innerHeight);
      return {
        mapShare: (Math.min(map.bottom, sheet.top) - map.top) / innerHeight,
        small: controls.filter(({ r }) => r.width < 43.5 || r.height < 43.5).map(({ el, r }) => `${el} ${Math.round(r.width)}×${Math.round(r.height)}`)
      };
    });
    expect(sizes.mapShare).toBeGreaterThanOrEqual(0.6);
    expect(sizes.small).toEqual([]);
    await page.context().close();
  });

  test('the menu holds the less-used actions and the views; the sheet expands for lists', async () => {
    const page = await open(phone);
    await page.getByTestId('more-menu').locator('summary').tap();
    for (const id of ['share', 'export-csv', 'export-png', 'open-import']) expect(await page.getByTestId(id).isVisible()).toBe(true);
    await shot(page, 'phone', 'menu');
    await page.locator('[data-testid="more-menu"] [data-view="targets"]').tap();
    await page.getByTestId('targets-table').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('targets-counting').innerText()).toContain('全部机构');
    await shot(page, 'phone', 'targets');
    await page.getByRole('button', { name: '关闭' }).tap();
    await page.getByTestId('sheet-handle').tap();
    await page.getByRole('tab', { name: '园区' }).tap();
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-testid="sidebar"]')!.getBoundingClientRect().height / innerHeight)).toBeGreaterThan(0.6);
    await shot(page, 'phone', 'sheet-expanded');
    await page.context().close();
  });

  test('a city filter on a phone changes the organisation list and the parks on the map', async () => {
    const page = await open(phone);
    const all = await (await fetch(new URL('/api/organizations?limit=1', server.url))).json();
    const shenzhen = await (await fetch(new URL('/api/organizations?city=shenzhen&limit=1', server.url))).json();
    await page.getByRole('tab', { name: '筛选' }).tap();
    await page.getByRole('checkbox', { name: '深圳市' }).tap();
    await page.getByRole('tab', { name: '机构' }).tap();
    const count = page.getByTestId('organization-count');
    await expect.poll(() => count.innerText(), { timeout: 15_000 }).toContain(String(shenzhen.total));
    expect(shenzhen.total).toBeLessThan(all.total);
    await waitForMapIdle(page);
    const cities = await page.evaluate(() => [...new Set(window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['park-point', 'park-area'] }).map((f) => f.properties.city))]);
    expect(cities).toEqual(['shenzhen']);
    await shot(page, 'phone', 'filter-shenzhen');
    await page.context().close();
  });

  test('a search hit on a phone opens the park profile in the sheet', async () => {
    const page = await open(phone);
    await page.getByRole('searchbox').fill('松山湖');
    const result = page.getByTestId('search-result').first();
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('松山湖高新区');
    await result.tap();
    await expect.poll(() => page.getByTestId('park-panel').innerText(), { timeout: 15_000 }).toContain('最近机场');
    const clipped = await page.evaluate(() => {
      const r = document.querySelector('[data-testid="park-panel"]')!.getBoundingClientRect();
      return r.left < 0 || r.right > innerWidth;
    });
    expect(clipped).toBe(false);
    await shot(page, 'phone', 'park-profile');
    await page.context().close();
  });
});

describe('laptop', () => {
  test('a table row opens the card from the keyboard alone, and Escape closes it', async () => {
    const page = await open(SCREENS[1]);
    const row = page.locator('.orgs summary');
    if (!(await page.locator('.orgs').evaluate((d) => (d as HTMLDetailsElement).open))) await row.click();
    const first = page.locator('.orgs tbody button').first();
    const name = await first.innerText();
    await first.focus();
    await page.keyboard.press('Enter');
    const card = page.getByTestId('organization-card');
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain(name);
    // Focus moves to the card's heading, so a screen reader announces what opened.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('org-title');
    await shot(page, 'laptop', 'keyboard-card');
    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);
    await page.context().close();
  });

  test('analytic layers show a legend with scale and units, and cluster hulls are labelled', async () => {
    const page = await open(SCREENS[1], '/?layers=boundaries,parks,organizations,transport,hexagons,clusters,ellipses&at=113.6,22.75,8.3,0,0');
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.innerText(), { timeout: 60_000 }).toMatch(/每个六边形内的机构数/);
    await expect.poll(() => page.locator('[data-legend="clusters"] li').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-legend="ellipses"] li').count(), { timeout: 60_000 }).toBeGreaterThan(1);
    const text = await legend.innerText();
    expect(text).toContain('机场');
    expect(text).toContain('集装箱港口');
    await waitForMapIdle(page);
    const labels = await page.evaluate(() => {
      const deck = window.__clusterAtlas!.deck!;
      return (deck as unknown as { _deck: { props: { layers: { id: string; props: { data: unknown[]; visible: boolean } }[] } } })._deck.props.layers
        .filter((l) => l.id.endsWith(':labels') && l.props.visible)
        .map((l) => l.id);
    });
    expect(labels.sort()).toEqual(['clusters:labels', 'ellipses:labels']);
    await shot(page, 'laptop', 'analytics');
    await page.context().close();
  });
});

test('no request left the server it came from', () => {
  expect(foreign).toEqual([]);
});
