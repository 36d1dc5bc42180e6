/**
 * The context layer in a real browser: off at first, switched on from the layer panel it draws the Hong Kong / Macau
 * points and the cooperation zones (markers, and Nansha's district outline); a click on a university opens a card that
 * says it is outside the plan's five cities, a click on a zone one that says it lies in a focus city but is never counted.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { waitForMapIdle } from '../helpers/browser.ts';
import { OUTPUT, useE2e, type Screen } from '../helpers/e2e-page.ts';

const WIDE: Screen = { name: 'wide', touch: false, options: { viewport: { width: 1400, height: 900 } } };
const e2e = useE2e();
let page: Page;

const POINT_LAYERS = ['context-zone-point', 'context-point'];
const renderedContextIds = () =>
  page.evaluate((layers) => {
    const map = window.__clusterAtlas!.map;
    if (layers.some((id) => !map.getLayer(id) || map.getLayoutProperty(id, 'visibility') === 'none')) return [];
    return [...new Set(map.queryRenderedFeatures({ layers }).map((f) => String(f.properties.id)))];
  }, POINT_LAYERS);
/** What the map showed, for a failure message: its bounds, canvas size, and whether its tiles were all loaded. */
const mapState = () =>
  page.evaluate(() => {
    const map = window.__clusterAtlas!.map;
    return JSON.stringify({ bounds: map.getBounds().toArray(), zoom: map.getZoom(), canvas: [map.getCanvas().clientWidth, map.getCanvas().clientHeight], loaded: map.areTilesLoaded() });
  });

describe('the context layer', () => {
  test('is off by default, toggles on from the layer panel, draws Hong Kong and Macau, and its card says it is outside the plan', async () => {
    // Centred on the Pearl River mouth, where both Hong Kong and Macau are in view.
    page = await e2e.open(WIDE, '/?at=113.9,22.3,9.2,0,0&lang=en');
    expect(await renderedContextIds()).toEqual([]);

    await page.getByRole('tab', { name: 'Layers' }).click();
    await page.locator('input[data-layer="context"]').check();
    await waitForMapIdle(page);
    const expected = ['hku', 'hong-kong-science-park', 'cyberport', 'qianhai-cooperation-zone', 'hetao-cooperation-zone-shenzhen-park'];
    await expect
      .poll(renderedContextIds, { timeout: 30_000 })
      .toEqual(expect.arrayContaining(expected))
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\nthe map then: ${await mapState()}`);
      });
    await expect.poll(() => page.getByText('Cooperation zone with Hong Kong / Macau (Nansha: its whole district)').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/never counted in any statistic/i).count()).toBeGreaterThan(0);

    const clickRecord = async (id: string) => {
      const at = await page.evaluate(async (wanted) => {
        const map = window.__clusterAtlas!.map;
        const f = (await (await fetch('/api/context')).json()).features.find((x: { id: string }) => x.id === wanted);
        return map.project(f.geometry.coordinates);
      }, id);
      const box = (await page.locator('[data-testid="map"] canvas').boundingBox())!;
      await page.mouse.click(box.x + at.x, box.y + at.y);
    };
    const card = page.locator('.context-card');
    await clickRecord('hku');
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    let text = await card.innerText();
    expect(text).toContain('The University of Hong Kong');
    expect(text).toContain("Context, outside the plan's five cities");
    await page.screenshot({ path: join(OUTPUT, 'context-layer.png') });

    await page.locator('.atlas-context-card .maplibregl-popup-close-button').click();
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(0);
    await clickRecord('qianhai-cooperation-zone');
    await expect.poll(async () => ((await card.count()) === 1 ? card.innerText() : ''), { timeout: 15_000 }).toContain('Qianhai');
    text = await card.innerText();
    expect(text).toContain('Cooperation zone in Shenzhen');
    expect(text).toContain('never counted in any statistic');
    expect(text).toContain('(2021)');
    expect(text).toContain('120.56 km²');
  }, 180_000);

  test('draws the Nansha zone as the outline of its whole district', async () => {
    await page.evaluate(() => window.__clusterAtlas!.map.jumpTo({ center: [113.55, 22.75], zoom: 9 }));
    const renderedAreas = () =>
      page.evaluate(() => {
        const map = window.__clusterAtlas!.map;
        return [...new Set(map.queryRenderedFeatures({ layers: ['context-area'] }).map((f) => String(f.properties.id)))];
      });
    await expect.poll(renderedAreas, { timeout: 30_000 }).toEqual(['nansha-cooperation-zone']);
    await page.screenshot({ path: join(OUTPUT, 'context-zones.png') });
    // Shenzhen and Hong Kong at zoom 9, the card closed: the Hetao pair, Qianhai and the Hong Kong places side by side.
    const close = page.locator('.atlas-context-card .maplibregl-popup-close-button');
    if (await close.count()) await close.click();
    await page.evaluate(() => window.__clusterAtlas!.map.jumpTo({ center: [114.05, 22.42], zoom: 9 }));
    await expect.poll(renderedContextIds, { timeout: 30_000 }).toEqual(expect.arrayContaining(['hong-kong-shenzhen-innovation-and-technology-park', 'cyberport']));
    await page.screenshot({ path: join(OUTPUT, 'context-shenzhen-hong-kong.png') });
  }, 120_000);

  test('no request left the server it came from', () => {
    expect(e2e.foreign).toEqual([]);
  });
});
