import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { waitForMapIdle } from '../helpers/browser.ts';
import { closePage, DESKTOP, JOURNEY_SCREENS, menuItem, openView, OUTPUT, press, shot, useE2e } from '../helpers/e2e-page.ts';
import { LATIN, LATIN_ALLOWED_IN_ZH, allowedLatin } from '../helpers/latin-in-zh.ts';

/**
 * Nobody meets a code or an English sentence in the Chinese interface: every panel is walked in zh
 * and each visible word in Latin letters must be a name, unit or code shown on purpose (the list
 * below), or sit inside an element marked lang="en" (an English name or an original-language source,
 * which the interface labels as such).
 */
const ALLOWED = new Set(LATIN_ALLOWED_IN_ZH);

const e2e = useE2e({ EDITOR_TOKEN: 'zh-text-key' });

/** Latin letters inside the Chinese names of the data are names (OPPO, vivo, XbotPark): allowed. */
beforeAll(async () => {
  const names = [
    ...(await e2e.api('/api/organizations?limit=5000')).features.map((f: { properties: { name_zh: string } }) => f.properties.name_zh),
    ...(await e2e.api('/api/parks')).features.map((f: { properties: { name_zh: string } }) => f.properties.name_zh)
  ];
  for (const name of names) for (const word of name.match(LATIN) ?? []) ALLOWED.add(word);
});
const found = new Map<string, Set<string>>();

/** The visible words in Latin letters outside lang="en", with where they were seen. */
async function latinWords(page: Page): Promise<{ word: string; where: string }[]> {
  return page.evaluate(() => {
    const out: { word: string; where: string }[] = [];
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      return el.getClientRects().length > 0;
    };
    const english = (el: Element | null) => !!el?.closest('[lang]')?.getAttribute('lang')?.startsWith('en');
    const where = (el: Element) => {
      const id = el.closest('[data-testid]')?.getAttribute('data-testid');
      return `${id ?? el.tagName.toLowerCase()}: ${(el.textContent ?? '').trim().slice(0, 60)}`;
    };
    const collect = (text: string, el: Element) => {
      for (const word of text.match(/[A-Za-z][A-Za-z0-9'’²-]*/g) ?? []) out.push({ word: word.replace(/-+$/, ''), where: where(el) });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName) || english(el) || !visible(el)) continue;
      collect(node.textContent ?? '', el);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (english(el) || !visible(el)) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) collect(el.getAttribute(name) ?? '', el);
    }
    return out;
  });
}

async function walk(page: Page, panel: string): Promise<void> {
  for (const { word, where } of await latinWords(page)) {
    if (allowedLatin(word, ALLOWED)) continue;
    if (!found.has(word)) found.set(word, new Set());
    found.get(word)!.add(`${panel} → ${where}`);
  }
}

describe.each(JOURNEY_SCREENS)('the Chinese interface on a $name screen', (screen) => {
  const tab = (p: Page, name: string) => press(screen, p.getByRole('tab', { name, exact: true }));

  test('the explorer’s tabs, legend, credits and organisation card are in Chinese', async () => {
    const p = await e2e.open(screen, '/?layers=boundaries,parks,organizations,transport,hexagons,clusters,ellipses&org=tencent');
    await expect.poll(() => p.getByTestId('organization-card').innerText(), { timeout: 15_000 }).toContain('腾讯');
    await p.locator('[data-legend="clusters"] li').first().waitFor({ state: 'attached', timeout: 60_000 });
    if (screen.touch) await press(screen, p.locator('.maplibregl-ctrl-attrib-button'));
    await expect.poll(() => p.getByTestId('map-attribution').innerText()).toContain('海岸线');
    await walk(p, `${screen.name} card, legend, credits`);
    await shot(p, screen, 'zh', 'card');
    await p.keyboard.press('Escape');
    await expect.poll(() => p.getByTestId('organization-card').count()).toBe(0);
    for (const name of screen.touch ? ['园区', '筛选', '图层', '集聚分析', '机构'] : ['园区', '筛选', '图层', '集聚分析']) {
      await tab(p, name);
      await walk(p, `${screen.name} tab ${name}`);
    }
    await closePage(p);
  }, 240_000);

  test('the park profile, the views and the import preview are in Chinese', async () => {
    const p = await e2e.open(screen, '/?park=songshan-lake-high-tech-zone&shortlist=songshan-lake-high-tech-zone,guangzhou-science-city');
    await expect.poll(() => p.getByTestId('park-panel').innerText(), { timeout: 15_000 }).toContain('最近机场');
    // The source exists in English only: its label says so.
    await expect.poll(() => p.getByTestId('park-panel').innerText()).toContain('来源（英文原文）');
    await walk(p, `${screen.name} park profile`);
    await shot(p, screen, 'zh', 'park-profile');
    for (const view of ['specialization', 'targets', 'compare', 'suitability']) {
      await openView(screen, p, view);
      await p.locator('.drawer').first().waitFor();
      await p.waitForFunction(() => !document.querySelector('.drawer [role="status"]'), null, { timeout: 30_000 }).catch(() => {});
      await walk(p, `${screen.name} view ${view}`);
    }
    await openView(screen, p, 'map');
    await menuItem(screen, p, 'open-import');
    await p.getByTestId('import-key').fill('zh-text-key');
    await p.getByTestId('import-file').setInputFiles(join(OUTPUT, '..', 'fixtures', 'import', 'good', 'amap-gbk-gcj02.csv'));
    await press(screen, p.getByTestId('import-check'));
    await expect.poll(() => p.getByTestId('import-report').innerText(), { timeout: 15_000 }).toMatch(/GB18030|GBK/i);
    await walk(p, `${screen.name} import preview`);
    await shot(p, screen, 'zh', 'import-preview');
    await closePage(p);
  }, 240_000);
});

test('a refused request reads as Chinese, naming the field', async () => {
  // With the cluster layer on, the panel's eps goes to the server, which refuses 0.
  const p = await e2e.open(DESKTOP, '/?layers=boundaries,parks,organizations,clusters');
  await press(DESKTOP, p.getByRole('tab', { name: '集聚分析' }));
  await p.getByLabel('邻域半径').fill('0');
  await press(DESKTOP, p.getByTestId('sidebar').locator('button.run').first());
  const alert = p.getByTestId('sidebar').getByRole('alert');
  await expect.poll(() => alert.innerText(), { timeout: 30_000 }).toContain('邻域半径');
  await walk(p, 'analytics error');
  await closePage(p);
}, 120_000);

test('no Latin-only word outside the allow-list (names, units, codes) and outside lang="en"', () => {
  // Each word with where it was seen, for the reader of a failure.
  expect(Object.fromEntries([...found].map(([word, where]) => [word, [...where].slice(0, 3)]))).toEqual({});
});

test('no request left the server it came from', () => {
  expect(e2e.foreign).toEqual([]);
});
