import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { blockForeignRequests, launchChromium, waitForMapIdle } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
const foreign: string[] = [];

async function openPage(path = '/'): Promise<Page> {
  const p = await context.newPage();
  foreign.push(...(await blockForeignRequests(p, server.url.replace(/\/$/, ''))));
  await p.goto(new URL(path, server.url).href);
  await waitForMapIdle(p);
  return p;
}

const api = async (path: string) => (await fetch(new URL(path, server.url))).json();

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("the analytics panel draws Ripley's L with its envelope and the server's reading, and a hot-spot legend", async () => {
  const p = await openPage();
  await p.getByRole('tab', { name: '集聚分析' }).click();
  await p.getByTestId('run-ripley').click();
  const chart = p.getByTestId('ripley-chart');
  await chart.waitFor({ timeout: 60_000 });
  const ripley = await api('/api/analytics/ripley');
  await expect.poll(() => p.getByTestId('ripley-reading').innerText(), { timeout: 30_000 }).toBe(ripley.reading.zh);
  expect(await chart.locator('path.observed').count()).toBe(1);
  expect(await chart.locator('polygon.band').count()).toBe(1);
  await p.getByTestId('run-hotspots').click();
  const legend = p.getByTestId('hotspot-legend');
  await legend.waitFor({ timeout: 60_000 });
  await expect.poll(() => legend.innerText()).toContain('热点 95% 置信');
  await p.close();
});

test('a click on a city × sector cell opens its cluster-strength card; a cell with few records says so', async () => {
  const p = await openPage();
  await p.locator('[data-view="specialization"]').click();
  const table = p.getByTestId('lq-table');
  await table.waitFor();
  await table.locator('td.few button').first().click();
  const card = p.getByTestId('cluster-strength-card');
  await card.waitFor();
  await expect.poll(() => card.getByTestId('too-few').innerText()).toContain('记录太少，无法判断');
  await p.close();
});

test('the targets view shows the high-tech count with its coverage', async () => {
  const p = await openPage();
  await p.locator('[data-view="targets"]').click();
  const firms = ((await api('/api/organizations?type=firm&limit=5000')).features as { properties: { high_tech_enterprise?: boolean | null } }[]);
  const confirmed = firms.filter((f) => f.properties.high_tech_enterprise === true).length;
  const unknown = firms.filter((f) => f.properties.high_tech_enterprise == null).length;
  expect(unknown, 'most firms in the shipped data are of unknown status').toBeGreaterThan(firms.length / 2);
  await expect.poll(() => p.getByTestId('target-coverage').first().innerText(), { timeout: 30_000 }).toContain(`确认 ${confirmed} 家，未知 ${unknown} 家`);
  await p.close();
});

test('no request left the server it came from', () => {
  expect(foreign).toEqual([]);
});
