import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { closePage, DESKTOP, JOURNEY_SCREENS, openView, OUTPUT, press, shot, useE2e } from '../helpers/e2e-page.ts';

// The brief is checked in its printed form: Chromium prints it to PDF and Debian's poppler-utils
// (`pdftotext`, `pdfinfo`) read it back. CI needs `apt-get install -y poppler-utils`.
const e2e = useE2e();

/** Prints the page to an A4 PDF, saves it under tests/output and returns its text and page count. */
async function printed(p: Page, name: string): Promise<{ text: string; pages: number }> {
  const file = join(OUTPUT, `${name}.pdf`);
  writeFileSync(file, await p.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  return { text, pages };
}

const seriousViolations = async (page: Page, include?: string) => {
  const builder = new AxeBuilder({ page });
  const { violations } = await (include ? builder.include(include) : builder).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')})`);
};

describe('an investor decides', () => {
  describe.each(JOURNEY_SCREENS)('on a $name screen', (screen) => {
    test('service robots, universities weighted 5 and the airport 2: the twelve places ranked with their reasons, in a shareable link', async () => {
      const page = await e2e.open(screen, '/?lang=en');
      await openView(screen, page, 'suitability');
      await press(screen, page.locator('label.chip', { has: page.locator('[data-sector="service-robots"]') }));
      await page.locator('[data-weight="research"]').fill('5');
      await page.locator('[data-weight="airport"]').fill('2');
      const rows = page.getByTestId('suitability-ranking').locator(':scope > li');
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(12);
      await expect.poll(() => page.url()).toContain('suit=service-robots');
      expect(page.url()).toContain('suitW=1%2C5%2C1%2C2%2C1%2C1%2C1');
      const scores = await page.getByTestId('suitability-score').allInnerTexts();
      const numbers = scores.map(Number).filter((n) => Number.isFinite(n));
      expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
      await shot(page, screen, 'investor', 'suitability');
      expect(await seriousViolations(page, '[data-testid="suitability-panel"]')).toEqual([]);

      // The link restores the ranking.
      const again = await e2e.open(screen, page.url().replace(e2e.url.replace(/\/$/, ''), ''));
      await expect.poll(() => again.getByTestId('suitability-ranking').locator(':scope > li').count(), { timeout: 30_000 }).toBe(12);
      await closePage(again);
      await closePage(page);
    });

    test('the brief reads on this screen without scrolling sideways', async () => {
      const page = await e2e.open(screen, '/brief/songshan-lake-high-tech-zone', { wait: 'none' });
      await page.waitForSelector('[data-testid="brief"][data-ready="true"]', { timeout: 30_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await shot(page, screen, 'investor', 'brief');
      await closePage(page);
    });
  });

  test('the best park’s one-page brief prints on one A4 page, in English and in Chinese, with facts, chain layers and caveats', async () => {
    const settings = 'sector=service-robots&radiusKm=10&weightResearch=5&weightAirport=2';
    const best = (await (await e2e.fetch(`/api/analytics/suitability?${settings}`)).json()).places[0];
    const en = await e2e.open(DESKTOP, `/brief/${best.id}?lang=en&${settings}`, { wait: 'none' });
    await en.waitForSelector('[data-testid="brief"][data-ready="true"]', { timeout: 30_000 });
    expect(await seriousViolations(en)).toEqual([]);
    await en.emulateMedia({ media: 'print' });
    await en.screenshot({ path: join(OUTPUT, 'investor-brief-en.png'), fullPage: true });
    const english = await printed(en, `brief-${best.id}-en`);
    expect(english.pages).toBe(1);
    // pdftotext -raw keeps the reading order but not every space: compare without whitespace.
    const words = english.text.replace(/\s+/g, '');
    for (const phrase of [best.name_en, 'Park facts', 'Industry chain', 'Foundation', 'Application', 'Nearest airport', 'Caveats', 'rank 1 of 12']) expect(words).toContain(phrase.replace(/\s+/g, ''));
    await closePage(en);

    // The brief's own language switch: English → 中文.
    const zh = await e2e.open(DESKTOP, `/brief/songshan-lake-high-tech-zone?lang=en`, { wait: 'none' });
    await zh.waitForSelector('[data-testid="brief"][data-ready="true"]', { timeout: 30_000 });
    await zh.getByRole('link', { name: '中文' }).click();
    await zh.waitForURL(/lang=zh/);
    await zh.waitForSelector('[data-testid="brief"][data-ready="true"]', { timeout: 30_000 });
    await expect.poll(() => zh.locator('h1').innerText()).toBe('松山湖高新区');
    const chinese = await printed(zh, 'brief-songshan-lake-zh');
    expect(chinese.pages).toBe(1);
    const squashed = chinese.text.replace(/\s+/g, '');
    for (const phrase of ['松山湖高新区', '103平方公里', '2001', '基础层', '技术层', '应用层', '数据说明', '未设置选址评分']) expect(squashed).toContain(phrase);
    await closePage(zh);
  });
});

test('no request left the server it came from', () => {
  expect(e2e.foreign).toEqual([]);
});
