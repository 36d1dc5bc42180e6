import { describe, expect, test } from 'vitest';
import { closePage, JOURNEY_SCREENS, openView, press, shot, useE2e } from '../helpers/e2e-page.ts';

const e2e = useE2e();

describe.each(JOURNEY_SCREENS)('on a $name screen', (screen) => {
  test("the analytics panel draws Ripley's L with its envelope and the server's reading, and a hot-spot legend", async () => {
    const p = await e2e.open(screen);
    await press(screen, p.getByRole('tab', { name: '集聚分析' }));
    await press(screen, p.getByTestId('run-ripley'));
    const chart = p.getByTestId('ripley-chart');
    await chart.waitFor({ timeout: 60_000 });
    const ripley = await e2e.api('/api/analytics/ripley');
    await expect.poll(() => p.getByTestId('ripley-reading').innerText(), { timeout: 30_000 }).toBe(ripley.reading.zh);
    expect(await chart.locator('path.observed').count()).toBe(1);
    expect(await chart.locator('polygon.band').count()).toBe(1);
    await press(screen, p.getByTestId('run-hotspots'));
    const legend = p.getByTestId('hotspot-legend');
    await legend.waitFor({ timeout: 60_000 });
    await expect.poll(() => legend.innerText()).toContain('热点 95% 置信');
    await shot(p, screen, 'statistics', 'ripley-hotspots');
    await closePage(p);
  });

  test('a click on a city × sector cell opens its cluster-strength card; a cell with few records says so', async () => {
    const p = await e2e.open(screen);
    await openView(screen, p, 'specialization');
    const table = p.getByTestId('lq-table');
    await table.waitFor();
    await press(screen, table.locator('td.few button').first());
    const card = p.getByTestId('cluster-strength-card');
    await card.waitFor();
    await expect.poll(() => card.getByTestId('too-few').innerText()).toContain('记录太少，无法判断');
    await closePage(p);
  });

  test('the targets view shows the high-tech count with its coverage', async () => {
    const p = await e2e.open(screen);
    await openView(screen, p, 'targets');
    const firms = (await e2e.api('/api/organizations?type=firm&limit=5000')).features as { properties: { high_tech_enterprise?: boolean | null } }[];
    const confirmed = firms.filter((f) => f.properties.high_tech_enterprise === true).length;
    const unknown = firms.filter((f) => f.properties.high_tech_enterprise == null).length;
    expect(unknown, 'most firms in the shipped data are of unknown status').toBeGreaterThan(firms.length / 2);
    await expect.poll(() => p.getByTestId('target-coverage').first().innerText(), { timeout: 30_000 }).toContain(`确认 ${confirmed} 家，未知 ${unknown} 家`);
    await closePage(p);
  });
});

test('no request left the server it came from', () => {
  expect(e2e.foreign).toEqual([]);
});
