import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { blockForeignRequests, launchChromium, waitForMapIdle, waitForMapReady, watchPage } from './browser.ts';
import { startServer, type RunningServer } from './server-process.ts';

/** Where e2e tests save screenshots and downloads to be looked at (not committed). */
export const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output');

/** A screen a visitor holds: its name (in test titles and screenshot names) and the browser context it needs. */
export interface Screen {
  name: string;
  touch: boolean;
  options: BrowserContextOptions;
}

export const DESKTOP: Screen = { name: 'desktop', touch: false, options: { viewport: { width: 1440, height: 900 }, acceptDownloads: true } };
/** The phone the booth QR sends visitors to. */
export const PHONE: Screen = {
  name: 'phone',
  touch: true,
  options: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, acceptDownloads: true }
};
export const LAPTOP: Screen = { name: 'laptop', touch: false, options: { viewport: { width: 1280, height: 720 }, acceptDownloads: true } };
export const BOOTH: Screen = { name: 'booth', touch: false, options: { viewport: { width: 1920, height: 1080 }, acceptDownloads: true } };
/** The screens every journey is run on. */
export const JOURNEY_SCREENS = [DESKTOP, PHONE];

export interface OpenOptions {
  /** Wait for the map to be idle (default), only ready (a kiosk never rests), or not at all. */
  wait?: 'idle' | 'ready' | 'none';
}

export interface E2e {
  readonly url: string;
  readonly server: RunningServer;
  readonly browser: Browser;
  /** Requests that tried to leave the server, over every page this file opened. */
  readonly foreign: string[];
  /** A new page of `screen` (in its own context) at `path`, offline but for the server. */
  open(screen: Screen, path?: string, options?: OpenOptions): Promise<Page>;
  /** GET a JSON answer of the server. */
  api<T = any>(path: string, init?: RequestInit): Promise<T>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * One server (the real entry point) and one Chromium per test file, started before the first test
 * and stopped after the last: the setup every e2e file needs.
 */
export function useE2e(env: Record<string, string> = {}): E2e {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const foreign: string[] = [];
  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    server = await startServer(env);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const running = () => {
    if (!server || !browser) throw new Error('the server is not started yet: call inside a test or hook');
    return { server, browser };
  };
  return {
    get url() { return running().server.url; },
    get server() { return running().server; },
    get browser() { return running().browser; },
    foreign,
    async open(screen, path = '/', { wait = 'idle' } = {}) {
      const { server, browser } = running();
      const context = await browser.newContext(screen.options);
      const page = await context.newPage();
      watchPage(page);
      foreign.push(...(await blockForeignRequests(page, server.url.replace(/\/$/, ''))));
      await page.goto(new URL(path, server.url).href);
      if (wait === 'idle') await waitForMapIdle(page);
      else if (wait === 'ready') await waitForMapReady(page);
      return page;
    },
    fetch: (path, init) => fetch(new URL(path, running().server.url), init),
    async api(path, init) {
      return (await fetch(new URL(path, running().server.url), init)).json();
    }
  };
}

/** Closes a page opened by `open`, with its context. */
export const closePage = (page: Page) => page.context().close();

/** A tap on a touch screen, a click otherwise: what the visitor of that screen does. */
export const press = (screen: Screen, target: Locator) => (screen.touch ? target.tap() : target.click());

/** Saves a screenshot of `page` as tests/output/<prefix>-<screen>-<name>.png. */
export const shot = (page: Page, screen: Screen, prefix: string, name: string) => page.screenshot({ path: join(OUTPUT, `${prefix}-${screen.name}-${name}.png`) });

/**
 * Opens one of the explorer's views (compare, specialization, targets, suitability): a button of the
 * top bar on wide screens, an item of the ☰ menu on a phone.
 */
export async function openView(screen: Screen, page: Page, view: string): Promise<void> {
  const direct = page.locator(`header [data-view="${view}"]:visible`).first();
  if (await direct.count()) return press(screen, direct);
  await press(screen, page.getByTestId('more-menu').locator('summary'));
  await press(screen, page.locator(`[data-testid="more-menu"] [data-view="${view}"]`));
}

/** Opens the ☰ menu and presses one of its items (share, export, import). */
export async function menuItem(screen: Screen, page: Page, testId: string): Promise<void> {
  await press(screen, page.getByTestId('more-menu').locator('summary'));
  await press(screen, page.getByTestId(testId));
}
