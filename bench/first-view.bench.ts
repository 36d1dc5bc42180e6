/**
 * First view: gzipped JavaScript the atlas page loads before its map is idle, and the time to
 * map idle, against a bare MapLibre page drawing the same style from the same server in the same
 * run. `npm run bench:first-view`. Settings: BENCH_RUNS (default 7).
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../tests/helpers/browser.ts';
import { startServer } from '../tests/helpers/server-process.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** A page with nothing but MapLibre on our style: the floor the atlas is measured against. */
function barePage(styleUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/maplibre-gl.css">
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div>
<script src="/maplibre-gl.js"></script><script>
// Without PUBLIC_URL the style's URLs are paths on the atlas server, not on this page's origin.
const origin = ${JSON.stringify(new URL(styleUrl).origin)};
const map = new maplibregl.Map({ container: 'map', style: ${JSON.stringify(styleUrl)}, bounds: [112.4, 21.85, 114.65, 23.75], localIdeographFontFamily: false,
  transformRequest: (url) => ({ url: new URL(url, origin).href }) });
map.once('idle', () => { window.__idleAt = performance.now(); });
</script></body></html>`;
}

async function serveBare(styleUrl: string) {
  const dist = join(ROOT, 'node_modules', 'maplibre-gl', 'dist');
  const files: Record<string, [string, string | Buffer]> = {
    '/': ['text/html', barePage(styleUrl)],
    '/maplibre-gl.js': ['text/javascript', readFileSync(join(dist, 'maplibre-gl.js'))],
    '/maplibre-gl.css': ['text/css', readFileSync(join(dist, 'maplibre-gl.css'))]
  };
  const server = createServer((req, res) => {
    const file = files[req.url ?? '/'];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0], 'access-control-allow-origin': '*' }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

interface Run {
  idleMs: number;
  jsGzipBytes: number;
}

async function measure(browser: Browser, url: string, idle: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let jsGzipBytes = 0;
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    jsGzipBytes += gzipSync(body, { level: 9 }).length;
  });
  await page.goto(url);
  const idleMs = await page.evaluate(idle);
  await page.waitForTimeout(200);
  await context.close();
  return { idleMs: idleMs as number, jsGzipBytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = (xs: number[]) => {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
  return `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, mean ${mean.toFixed(0)} ± ${std.toFixed(0)}`;
};

const server = await startServer();
const bare = await serveBare(`${server.url}style.json`);
const browser = await launchChromium();
try {
  const atlasIdle = `new Promise((resolve) => {
    const wait = () => { const m = window.__clusterAtlas?.map; if (!m) return setTimeout(wait, 10);
      if (m.loaded() && document.querySelector('[data-ready="true"]')) return resolve(performance.now());
      m.once('idle', () => resolve(performance.now())); };
    wait(); })`;
  const bareIdle = `new Promise((resolve) => { const wait = () => window.__idleAt ? resolve(window.__idleAt) : setTimeout(wait, 10); wait(); })`;
  // Warm-up: the server slices and caches tiles on first request.
  await measure(browser, server.url, atlasIdle);
  await measure(browser, bare.url, bareIdle);
  const atlas: Run[] = [];
  const baseline: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    atlas.push(await measure(browser, server.url, atlasIdle));
    baseline.push(await measure(browser, bare.url, bareIdle));
  }
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  console.log(`first view, ${RUNS} runs each, same server, same style (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`);
  console.log(`atlas      JS gzipped ${kb(median(atlas.map((r) => r.jsGzipBytes)))}   time to map idle ${stats(atlas.map((r) => r.idleMs))}`);
  console.log(`bare page  JS gzipped ${kb(median(baseline.map((r) => r.jsGzipBytes)))}   time to map idle ${stats(baseline.map((r) => r.idleMs))}`);
  console.log(`atlas/bare time to idle: ${(median(atlas.map((r) => r.idleMs)) / median(baseline.map((r) => r.idleMs))).toFixed(2)}×  (goal ≤ 1.2×); atlas first-view JS goal ≤ 550 KB gzipped`);
} finally {
  await browser.close();
  bare.close();
  await server.stop();
}
