import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockForeignRequests, launchChromium, waitForMapIdle } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server-process.ts';

// The brief is checked in its printed form: Chromium prints it to PDF and Debian's poppler-utils
// (`pdftotext`, `pdfinfo`) read it back. CI needs `apt-get install -y poppler-utils`.
const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output');

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
const foreign: string[] = [];

async function openPage(path: string): Promise<Page> {
  const p = await context.newPage();
  foreign.push(...(await blockForeignRequests(p, server.url.replace(/\/$/, ''))));
  await p.goto(new URL(path, server.url).href);
  return p;
}

/** Prints the page to an A4 PDF, saves it under tests/output and returns its text and page count. */
async function printed(p: Page, name: string): Promise<{ text: string; pages: number }> {
  const file = join(OUTPUT, `${name}.pdf`);
  writeFileSync(file, await p.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  return { text, pages };
}

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('an investor decides', () => {
  test('service robots, universities weighted 5 and the airport 2: the twelve places ranked with their reasons, in a shareable link', async () => {
    const page = await openPage('/?lang=en');
    await waitForMapIdle(page);
    await page.locator('[data-view="suitability"]').click();
    await page.locator('label.chip', { has: page.locator('[data-sector="service-robots"]') }).click();
    await page.locator('[data-weight="research"]').fill('5');
    await page.locator('[data-weight="airport"]').fill('2');
    const rows = page.getByTestId('suitability-ranking').locator(':scope > li');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(12);
    await expect.poll(() => page.url()).toContain('suit=service-robots');
    expect(page.url()).toContain('suitW=1%2C5%2C1%2C2%2C1%2C1%2C1');
    const scores = await page.getByTestId('suitability-score').allInnerTexts();
    const numbers = scores.map(Number).filter((n) => Number.isFinite(n));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await page.screenshot({ path: join(OUTPUT, 'investor-suitability.png') });
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="suitability-panel"]').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')})`)).toEqual([]);

    // The link restores the ranking.
    const again = await openPage(page.url().replace(server.url.replace(/\/$/, ''), ''));
    await expect.poll(() => again.getByTestId('suitability-ranking').locator(':scope > li').count(), { timeout: 30_000 }).toBe(12);
    await again.close();
    await page.close();
  });

  test('the best park’s one-page brief prints on one A4 page, in English and in Chinese, with facts, chain layers and caveats', async () => {
    const settings = 'sector=service-robots&radiusKm=10&weightResearch=5&weightAirport=2';
    const best = (await (await fetch(new URL(`/api/analytics/suitability?${settings}`, server.url))).json()).places[0];
    const en = await openPage(`/brief/${best.id}?lang=en&${settings}`);
    await en.waitForSelector('[data-testid="brief"][data-ready="true"]', { timeout: 30_000 });
    const axe = await new AxeBuilder({ page: en }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')})`)).toEqual([]);
    await en.emulateMedia({ media: 'print' });
    await en.screenshot({ path: join(OUTPUT, 'investor-brief-en.png'), fullPage: true });
    const english = await printed(en, `brief-${best.id}-en`);
    expect(english.pages).toBe(1);
    // pdftotext -raw keeps the reading order but not every space: compare without whitespace.
    const words = english.text.replace(/\s+/g, '');
    for (const phrase of [best.name_en, 'Park facts', 'Industry chain', 'Foundation', 'Application', 'Nearest airport', 'Caveats', 'rank 1 of 12']) expect(words).toContain(phrase.replace(/\s+/g, ''));
    await en.close();

    // The brief's own language switch: English → 中文.
    const zh = await openPage(`/brief/songshan-lake-high-tech-zone?lang=en`);
    await zh.waitForSelector('[data-testid="brief"][data-ready="true"]', { timeout: 30_000 });
    await zh.getByRole('link', { name: '中文' }).click();
    await zh.waitForURL(/lang=zh/);
    await zh.waitForSelector('[data-testid="brief"][data-ready="true"]', { timeout: 30_000 });
    await expect.poll(() => zh.locator('h1').innerText()).toBe('松山湖高新区');
    const chinese = await printed(zh, 'brief-songshan-lake-zh');
    expect(chinese.pages).toBe(1);
    const squashed = chinese.text.replace(/\s+/g, '');
    for (const phrase of ['松山湖高新区', '103平方公里', '2001', '基础层', '技术层', '应用层', '数据说明', '未设置选址评分']) expect(squashed).toContain(phrase);
    await zh.close();
    expect(foreign).toEqual([]);
  });
});
