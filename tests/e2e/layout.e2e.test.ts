import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitForMapIdle } from '../helpers/browser.ts';
import { BOOTH, closePage, LAPTOP, PHONE, press, shot, useE2e } from '../helpers/e2e-page.ts';

/**
 * The three screens a visitor holds: a phone (from the booth QR), a laptop, a booth screen. One page
 * per screen, its tests in the order a visitor would go (the phone's journeys of the explorer itself,
 * filter and search in the sheet, run in explorer.e2e.test.ts).
 */
const e2e = useE2e();
/** Tencent's record as shipped: the card must show its dates (they change when the record is re-sourced). */
const tencent = (JSON.parse(readFileSync('geodata/curated/organizations.geojson', 'utf8')) as { features: { id: string; properties: { source_date: string; as_of: string; established?: number } }[] }).features.find((f) => f.id === 'tencent')!.properties;

/** Loads `path` in `page` and waits for its map to come to rest. */
async function visit(page: Page, path: string): Promise<void> {
  await page.goto(new URL(path, e2e.url).href);
  await waitForMapIdle(page);
}

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

/**
 * Whether the organisation at `lonLat` is drawn where a reader of the phone sees it: inside the map and
 * above the sheet, with the map at rest, plus the sheet's share of the screen and its close button.
 */
const phoneCardView = (page: Page, lonLat: [number, number]) =>
  page.evaluate((at) => {
    const map = window.__clusterAtlas!.map;
    const box = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
    const sheet = document.querySelector('[data-testid="sidebar"]')!.getBoundingClientRect();
    const close = document.querySelector('[data-testid="organization-card"] .close')?.getBoundingClientRect();
    const p = map.project(at);
    const x = box.left + p.x;
    const y = box.top + p.y;
    return {
      atRest: !map.isMoving(),
      dotInSight: x >= box.left && x <= box.right && y >= box.top && y <= Math.min(box.bottom, sheet.top),
      sheetShare: sheet.height / innerHeight,
      closeButton: close ? Math.min(close.width, close.height) : 0
    };
  }, lonLat);

/** The compact card sheet of a phone, its dot in sight above it (polled: the sheet grows and the map eases). */
async function expectCompactCardWithDot(page: Page, lonLat: [number, number]): Promise<void> {
  await expect
    .poll(async () => {
      const view = await phoneCardView(page, lonLat);
      return view.atRest && view.dotInSight && view.sheetShare <= 0.45 && view.closeButton >= 44 ? 'ok' : JSON.stringify(view);
    }, { timeout: 20_000, interval: 250 })
    .toBe('ok');
}

describe.each([PHONE, LAPTOP, BOOTH])('on a $name screen', (screen) => {
  let page: Page;
  beforeAll(async () => {
    page = await e2e.open(screen);
  });
  afterAll(async () => {
    if (page) await closePage(page);
  });

  test('nothing scrolls sideways, the header is one row and the page fits the window', async () => {
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
    await shot(page, screen, 'layout', 'start');
  });

  test.runIf(screen.touch)('the map takes at least 60 % of the screen and every control is at least 44 px', async () => {
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
  });

  test('a click (or tap) on an organisation dot opens its card, and it is highlighted on the map', async () => {
    const at = await tencentOnScreen(page);
    if (screen.touch) await page.touchscreen.tap(at.x, at.y);
    else await page.mouse.click(at.x, at.y);
    const card = page.getByTestId('organization-card');
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain('Tencent');
    const text = await card.innerText();
    const dates = [tencent.source_date, '类型与行业截至', tencent.as_of, ...(tencent.established ? ['成立年份', String(tencent.established)] : [])];
    for (const expected of ['腾讯', '企业', '深圳市', '南山区', '来源', ...dates]) expect(text).toContain(expected);
    expect(text).toMatch(/约 [\d,]+ 米以内/);
    expect(new URL(page.url()).searchParams.get('org')).toBe('tencent');
    await waitForMapIdle(page);
    const ringed = await page.evaluate(() => window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['selected-organization-halo'] }).length);
    expect(ringed).toBe(1);
    await shot(page, screen, 'layout', 'organization-card');
  });

  test.runIf(!screen.touch)('the legend sits folded or open in the lower-left corner and no panel covers the middle of the map', async () => {
    await visit(page, '/?lang=zh&org=tencent&layers=boundaries,parks,organizations,transport,hexagons,clusters,ellipses&at=113.6,22.75,8.3,0,0');
    await expect.poll(() => page.getByTestId('organization-card').innerText(), { timeout: 15_000 }).toContain('Tencent');
    const legend = page.getByTestId('legend');
    /** What is drawn at the middle of the map (and a little around it), and where the legend and card are. */
    const middle = () =>
      page.evaluate(() => {
        const map = document.querySelector('[data-testid="map"]')!;
        const r = map.getBoundingClientRect();
        const cx = r.left + r.width / 2;
        const cy = r.top + r.height / 2;
        const around = [[0, 0], [-40, 0], [40, 0], [0, -40], [0, 40]].map(([dx, dy]) => document.elementFromPoint(cx + dx, cy + dy));
        return around.every((el) => el !== null && map.contains(el));
      });
    // A laptop starts with the legend folded to a button; a booth screen has room to show it open.
    expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(screen === BOOTH);
    expect(await middle()).toBe(true);
    if (screen !== BOOTH) await legend.locator('summary').click();
    await expect.poll(() => legend.innerText(), { timeout: 60_000 }).toMatch(/每个六边形内的机构数/);
    // Open, it is readable (whole on screen, 12 px type or more) and still clear of the map's middle.
    const shown = await legend.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const sizes = [...el.querySelectorAll('.entries p, .entries li, .entries span')].map((e) => parseFloat(getComputedStyle(e).fontSize));
      return { onScreen: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth, smallestPx: Math.min(...sizes) };
    });
    expect(shown.onScreen).toBe(true);
    expect(shown.smallestPx).toBeGreaterThanOrEqual(11.5);
    expect(await middle()).toBe(true);
    await waitForMapIdle(page);
    await shot(page, screen, 'layout', 'legend-open');
  }, 120_000);

  test('axe finds no serious or critical accessibility violation, with a card open', async () => {
    // The card the click above opened; opened from the address if that test did not get so far.
    const card = page.getByTestId('organization-card');
    if (!(await card.count())) await visit(page, '/?org=tencent');
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain('Tencent');
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`)).toEqual([]);
  });

  test.runIf(screen.touch)('a tapped dot near the bottom opens a compact card sheet, and the map eases the dot into sight above it', async () => {
    await visit(page, '/?lang=zh');
    const tencent: [number, number] = [113.9355, 22.5225];
    await tencentOnScreen(page);
    // Tencent just above the folded sheet: where the card's sheet, once open, would cover it.
    await page.evaluate(() => {
      const map = window.__clusterAtlas!.map;
      map.panBy([0, -(map.getCanvas().clientHeight / 2 - 36)], { duration: 0 });
    });
    await waitForMapIdle(page);
    const point = await page.evaluate((at) => window.__clusterAtlas!.map.project(at), tencent);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.touchscreen.tap(box.x + point.x, box.y + point.y);
    await expect.poll(() => page.getByTestId('organization-card').innerText(), { timeout: 15_000 }).toContain('Tencent');
    await expectCompactCardWithDot(page, tencent);
    await waitForMapIdle(page);
    expect(await page.evaluate(() => window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['selected-organization-halo'] }).length)).toBe(1);
    await shot(page, screen, 'layout', 'card-sheet-tapped');
    // The handle expands the sheet for the whole card, and the dot is kept in sight above it.
    await page.getByTestId('sheet-handle').tap();
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-testid="sidebar"]')!.getBoundingClientRect().height / innerHeight)).toBeGreaterThan(0.6);
    await expect.poll(async () => { const v = await phoneCardView(page, tencent); return v.atRest && v.dotInSight; }, { timeout: 20_000 }).toBe(true);
    await shot(page, screen, 'layout', 'card-sheet-expanded');
  });

  test.runIf(screen.touch)('a table row in the sheet opens the same compact card, with its organisation in sight', async () => {
    await visit(page, '/?lang=zh');
    await page.getByRole('tab', { name: '机构' }).tap();
    const row = page.locator('.orgs tbody button').first();
    await row.waitFor({ timeout: 15_000 });
    await row.tap();
    await expect.poll(() => new URL(page.url()).searchParams.get('org'), { timeout: 15_000 }).not.toBeNull();
    const id = new URL(page.url()).searchParams.get('org')!;
    const { geometry, properties } = await e2e.api<{ geometry: { coordinates: [number, number] }; properties: { type: string } }>(`/api/organizations/${id}`);
    await expectCompactCardWithDot(page, geometry.coordinates);
    // The first row is a university: the high-tech-enterprise list is of firms, so its card asks nothing of it.
    expect(properties.type).not.toBe('firm');
    await expect.poll(() => page.getByTestId('organization-card').innerText(), { timeout: 15_000 }).toContain('位置精度');
    expect(await page.getByTestId('organization-card').innerText()).not.toContain('国家高新技术企业');
    await shot(page, screen, 'layout', 'card-sheet-row');
  });

  test('a park chosen from the list at zoom 14 is flown to where its panel does not hide it', async () => {
    // Far from the park and close in, as a planner is after looking at another park.
    await visit(page, '/?lang=en&at=113.3,23.1,14,0,0');
    if (screen.touch) await page.getByRole('tab', { name: 'Places' }).tap();
    await press(screen, page.getByRole('button', { name: 'Shenzhen Bay Science & Technology Ecological Park' }));
    await expect.poll(() => page.getByTestId('park-panel').innerText(), { timeout: 15_000 }).toContain('Shenzhen Bay');
    const parks = await e2e.api<{ features: { id: string; geometry: { type: string; coordinates: unknown } }[] }>('/api/parks');
    const park = parks.features.find((f) => f.id === 'shenzhen-bay-sci-tech-ecological-park')!;
    expect(park.geometry.type).toBe('Point');
    // In sight means in the middle of what the panel leaves of the map (a tenth of it either way), not at its edge.
    const where = () =>
      page.evaluate(({ at, touch }) => {
        const map = window.__clusterAtlas!.map;
        const box = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
        const panel = document.querySelector('[data-testid="park-panel"]')!.getBoundingClientRect();
        const sheet = document.querySelector('[data-testid="sidebar"]')!.getBoundingClientRect();
        const p = map.project(at);
        const x = box.left + p.x;
        const y = box.top + p.y;
        // Beside the map the panel covers its right part; on a phone it is in the sheet below the map.
        const panelOverMap = panel.left > box.left && panel.left < box.right && panel.top < box.bottom && panel.bottom > box.top;
        const seen = { left: box.left, right: panelOverMap ? panel.left : box.right, top: box.top, bottom: touch ? Math.min(box.bottom, sheet.top) : box.bottom };
        const centred = Math.abs(x - (seen.left + seen.right) / 2) <= 0.1 * (seen.right - seen.left) && Math.abs(y - (seen.top + seen.bottom) / 2) <= 0.1 * (seen.bottom - seen.top);
        return map.isMoving() ? 'moving' : centred ? 'in sight' : JSON.stringify({ x, y, seen });
      }, { at: park.geometry.coordinates as [number, number], touch: screen.touch });
    await expect.poll(where, { timeout: 30_000, interval: 250 }).toBe('in sight');
    await waitForMapIdle(page);
    await shot(page, screen, 'layout', 'park-flown-to');
  });

  test('labels read from zoom 8 to 14, in Chinese and in English (screenshots to look at)', async () => {
    // Chinese on every screen; English once (the labels do not depend on the screen, only their room does).
    for (const lang of screen === LAPTOP ? (['zh', 'en'] as const) : (['zh'] as const)) {
      await visit(page, `/?lang=${lang}&park=shenzhen-bay-sci-tech-ecological-park`);
      await expect.poll(() => page.getByTestId('park-panel').innerText(), { timeout: 15_000 }).toContain(lang === 'zh' ? '深圳湾' : 'Shenzhen Bay');
      await shot(page, screen, 'layout', `park-profile-${lang}`);
      for (const zoom of [8, 10, 12, 14]) {
        await page.evaluate((z) => window.__clusterAtlas!.map.jumpTo({ center: [113.95, 22.53], zoom: z }), zoom);
        await waitForMapIdle(page);
        // Labels were placed at every zoom (what they look like is for the reader of the screenshots).
        const labels = await page.evaluate(() => window.__clusterAtlas!.map.queryRenderedFeatures({ layers: ['city-label', 'district-label', 'park-label'] }).length);
        expect(labels, `labels at zoom ${zoom}`).toBeGreaterThan(0);
        await shot(page, screen, 'layout', `labels-${lang}-z${zoom}`);
      }
    }
  }, 180_000);

  test.runIf(screen.touch)('the menu holds the less-used actions and the views; the sheet expands for lists', async () => {
    await visit(page, '/?lang=zh');
    await page.getByTestId('more-menu').locator('summary').tap();
    for (const id of ['share', 'export-csv', 'export-png', 'open-import']) expect(await page.getByTestId(id).isVisible()).toBe(true);
    await shot(page, screen, 'layout', 'menu');
    await page.locator('[data-testid="more-menu"] [data-view="targets"]').tap();
    await page.getByTestId('targets-table').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('targets-counting').innerText()).toContain('全部机构');
    await shot(page, screen, 'layout', 'targets');
    await page.getByRole('button', { name: '关闭' }).tap();
    await page.getByTestId('sheet-handle').tap();
    await page.getByRole('tab', { name: '园区' }).tap();
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-testid="sidebar"]')!.getBoundingClientRect().height / innerHeight)).toBeGreaterThan(0.6);
    await shot(page, screen, 'layout', 'sheet-expanded');
  });

  test.runIf(screen === LAPTOP)('a table row opens the card from the keyboard alone, and Escape closes it', async () => {
    // In Chinese again, whatever the labels test above left the page in.
    await visit(page, '/?lang=zh');
    const row = page.locator('.orgs summary');
    if (!(await page.locator('.orgs').evaluate((d) => (d as HTMLDetailsElement).open))) await press(screen, row);
    const first = page.locator('.orgs tbody button').first();
    const name = await first.innerText();
    await first.focus();
    await page.keyboard.press('Enter');
    const card = page.getByTestId('organization-card');
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain(name);
    // Focus moves to the card's heading, so a screen reader announces what opened.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('org-title');
    await shot(page, screen, 'layout', 'keyboard-card');
    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);
  });

  test.runIf(screen === LAPTOP)('analytic layers show a legend with scale and units, and cluster hulls are labelled', async () => {
    await visit(page, '/?lang=zh&layers=boundaries,parks,organizations,transport,hexagons,clusters,ellipses&at=113.6,22.75,8.3,0,0');
    const legend = page.getByTestId('legend');
    // Folded to a button on a laptop: open it, as a planner would.
    if (!(await legend.evaluate((d) => (d as HTMLDetailsElement).open))) await legend.locator('summary').click();
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
    await shot(page, screen, 'layout', 'analytics');
  }, 180_000);
});

test('no request left the server it came from', () => {
  expect(e2e.foreign).toEqual([]);
});
