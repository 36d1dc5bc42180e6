import { existsSync } from 'node:fs';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { chromium, type Browser, type Page } from 'playwright-core';

declare global {
  interface Window {
    /** Set by src/lib/map/atlas-map.ts: the live map. */
    __clusterAtlas?: { map: MapLibreMap; deck?: import("@deck.gl/mapbox").MapboxOverlay };
  }
}

/** Where the Debian Chromium lives; CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Browser tests need it: run \`apt-get install -y chromium fonts-noto-cjk\` ` +
        '(Debian) or set CHROMIUM_PATH to a Chromium/Chrome binary.'
    );
  }
  return path;
}

/** Headless Chromium as root on a closed network, with software WebGL for MapLibre. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic'
    ]
  });
}

/** Blocks and records every request that would leave `origin`, so a test can assert the page works offline. */
export async function blockForeignRequests(page: Page, origin: string): Promise<string[]> {
  const foreign: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  return foreign;
}

/** What a page did that a failed wait should report: its errors and the requests still unanswered. */
interface PageWatch {
  errors: string[];
  pending: Set<string>;
  /** Settles with the first uncaught exception or crash: a map still waited for then never gets ready. */
  broken: Promise<string>;
}
const watches = new WeakMap<Page, PageWatch>();

/**
 * Records `page`'s console errors, uncaught exceptions, failed requests and requests still in flight,
 * so that a map that never gets ready says why (in CI, the log is all there is to read).
 */
export function watchPage(page: Page): void {
  let breaks!: (reason: string) => void;
  const watch: PageWatch = { errors: [], pending: new Set(), broken: new Promise((resolve) => (breaks = resolve)) };
  watches.set(page, watch);
  const note = (text: string) => watch.errors.length < 20 && watch.errors.push(text.slice(0, 300));
  page.on('console', (message) => message.type() === 'error' && note(`console: ${message.text()}`));
  page.on('pageerror', (err) => {
    note(`uncaught: ${err.message}`);
    // Frames joined on one line: Vitest would read a multi-line page stack as its own and look for source maps.
    breaks(`uncaught: ${(err.stack ?? err.message).split(/\n\s+at /).slice(0, 3).join(' ← ')}`);
  });
  page.on('crash', () => {
    note('the page crashed');
    breaks('the page crashed');
  });
  page.on('request', (request) => watch.pending.add(request.url()));
  page.on('requestfinished', (request) => watch.pending.delete(request.url()));
  page.on('requestfailed', (request) => {
    watch.pending.delete(request.url());
    if (request.failure()?.errorText !== 'net::ERR_BLOCKED_BY_CLIENT') note(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
}

/** The map's own state and what `watchPage` saw, for the message of a wait that timed out. */
async function mapDiagnosis(page: Page): Promise<string> {
  const state = await page
    .evaluate(() => {
      const map = window.__clusterAtlas?.map;
      if (!map) return 'no map was created';
      return `map: loaded ${map.loaded()}, style loaded ${map.isStyleLoaded()}, tiles loaded ${map.areTilesLoaded()}, moving ${map.isMoving()}, WebGL context ${map.getCanvas().getContext('webgl2')?.isContextLost() === false ? 'alive' : 'lost or none'}`;
    }, undefined)
    .catch((err: Error) => `page could not be read: ${err.message}`);
  const watch = watches.get(page);
  if (!watch) return state;
  const pending = [...watch.pending].slice(0, 10);
  return [state, `requests unanswered: ${pending.length ? pending.join(', ') : 'none'}`, ...watch.errors].join('\n  ');
}

/** Resolves once the atlas map has loaded its style and tiles and stopped moving; a timeout says what the map was waiting for. */
export async function waitForMapIdle(page: Page, timeoutMs = 60_000): Promise<void> {
  await waitForMapReady(page, timeoutMs);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__clusterAtlas!.map;
        if (map.loaded() && !map.isMoving()) resolve();
        else map.once('idle', () => resolve());
      })
  );
}

/**
 * Resolves once the page's map has drawn its first complete frame (`data-ready`). A timeout says what
 * it was waiting for; on a watched page an uncaught exception fails at once, not after the timeout
 * (a broken build then costs seconds of CI, not a minute a test).
 */
export async function waitForMapReady(page: Page, timeoutMs = 60_000): Promise<void> {
  const ready = page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: timeoutMs });
  const broken = watches.get(page)?.broken.then((reason) => reason);
  try {
    const outcome = await Promise.race([ready.then(() => null), ...(broken ? [broken] : [])]);
    if (outcome !== null) throw new Error(`the page failed before its map was ready: ${outcome}`);
  } catch (err) {
    ready.catch(() => {});
    throw new Error(`${(err as Error).message}\n  ${await mapDiagnosis(page)}`);
  }
}
