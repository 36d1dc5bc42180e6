/**
 * The Hong Kong / Macau context layer in a real browser: off at first, switched on from the layer panel it draws the
 * context points, and a click on one opens a card that says it is outside the plan's five cities.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { OUTPUT, useE2e, type Screen } from '../helpers/e2e-page.ts';

const WIDE: Screen = { name: 'wide', touch: false, options: { viewport: { width: 1400, height: 900 } } };
const e2e = useE2e();
let page: Page;

const renderedContextIds = () =>
  page.evaluate(() => {
    const map = window.__clusterAtlas!.map;
    if (!map.getLayer('context-point') || map.getLayoutProperty('context-point', 'visibility') === 'none') return [];
    return [...new Set(map.queryRenderedFeatures({ layers: ['context-point'] }).map((f) => String(f.properties.id)))];
  });

describe('the context layer', () => {
  test('is off by default, toggles on from the layer panel, draws Hong Kong and Macau, and its card says it is outside the plan', async () => {
    // Centred on the Pearl River mouth, where both Hong Kong and Macau are in view.
    page = await e2e.open(WIDE, '/?at=113.9,22.3,9.2,0,0&lang=en');
    expect(await renderedContextIds()).toEqual([]);

    await page.getByRole('tab', { name: 'Layers' }).click();
    await page.locator('input[data-layer="context"]').check();
    await expect.poll(renderedContextIds, { timeout: 30_000 }).toEqual(expect.arrayContaining(['hku', 'hong-kong-science-park']));
    await expect.poll(() => page.getByText("Context, outside the plan's five cities; never counted in any statistic").count()).toBeGreaterThan(0);

    const hkuPoint = await page.evaluate(async () => {
      const map = window.__clusterAtlas!.map;
      const hku = (await (await fetch('/api/context')).json()).features.find((f: { id: string }) => f.id === 'hku');
      return map.project(hku.geometry.coordinates);
    });
    const box = (await page.locator('[data-testid="map"] canvas').boundingBox())!;
    await page.mouse.click(box.x + hkuPoint.x, box.y + hkuPoint.y);
    const card = page.locator('.context-card');
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    const text = await card.innerText();
    expect(text).toContain('The University of Hong Kong');
    expect(text).toContain("Context, outside the plan's five cities");
    await page.screenshot({ path: join(OUTPUT, 'context-layer.png') });
  }, 180_000);

  test('no request left the server it came from', () => {
    expect(e2e.foreign).toEqual([]);
  });
});
