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

/** Resolves once the atlas map has loaded its style and tiles and stopped moving. */
export async function waitForMapIdle(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: timeoutMs });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__clusterAtlas!.map;
        if (map.loaded() && !map.isMoving()) resolve();
        else map.once('idle', () => resolve());
      })
  );
}
