import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { blockForeignRequests, launchChromium, waitForMapIdle } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUTPUT = join(HERE, '..', 'output');
const GBK_CSV = join(HERE, '..', 'fixtures', 'import', 'good', 'amap-gbk-gcj02.csv');
const KEY = 'e2e-editor-key';

let server: RunningServer;
let browser: Browser;
let page: Page;
let foreign: string[];

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  server = await startServer({ EDITOR_TOKEN: KEY });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  foreign = await blockForeignRequests(page, server.url.replace(/\/$/, ''));
  await page.goto(server.url);
  await waitForMapIdle(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const api = async (path: string) => (await fetch(new URL(path, server.url))).json();

test('an editor imports a GBK CSV copied from AMap, reads the report, and the organisations appear everywhere', async () => {
  const before = await api('/api/organizations?limit=1');
  const densityBefore = await api('/api/analytics/density');

  await page.getByTestId('more-menu').locator('summary').click();
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-key').fill(KEY);
  await page.getByTestId('import-file').setInputFiles(GBK_CSV);
  await page.getByTestId('import-check').click();
  const report = page.getByTestId('import-report');
  await expect.poll(() => report.innerText(), { timeout: 15_000 }).toMatch(/GB18030|GBK/i);
  await page.screenshot({ path: join(OUTPUT, 'import-report.png') });
  await page.getByTestId('import-run').click();
  // The check's row summary already holds digits; wait for the line saying the import was written.
  await report.getByRole('status').waitFor({ timeout: 15_000 });

  const after = await api('/api/organizations?limit=1');
  expect(after.total).toBeGreaterThan(before.total);
  const imported = after.total - before.total;
  const densityAfter = await api('/api/analytics/density');
  expect(densityAfter.total).toBe(densityBefore.total + imported);

  // The page's own count follows without a reload once the dialog is closed.
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId('organization-count').innerText()).toContain(String(after.total));
  await page.screenshot({ path: join(OUTPUT, 'import-done.png') });
});

test('no request left the server it came from', () => {
  expect(foreign).toEqual([]);
});
