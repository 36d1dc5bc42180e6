/**
 * First view: gzipped JavaScript the atlas page loads before its map is idle, the glyph requests
 * and bytes, the time to map idle (wall) and the page's main-thread busy time (CPU), against a bare
 * MapLibre page (MapLibre's defaults) drawing the same style from the same server in the same run.
 * `npm run bench:first-view`. Settings: BENCH_RUNS (default 7).
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
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
const map = new maplibregl.Map({ container: 'map', style: ${JSON.stringify(styleUrl)}, bounds: [112.4, 21.85, 114.65, 23.75],
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
  /** The page's main-thread task time until idle (Chromium's TaskDuration): CPU, not waiting. */
  busyMs: number;
  jsGzipBytes: number;
  glyphRequests: number;
  glyphBytes: number;
}

async function measure(browser: Browser, url: string, idle: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let jsGzipBytes = 0;
  let glyphRequests = 0;
  let glyphBytes = 0;
  const bodies: Promise<void>[] = [];
  page.on('response', (res) => {
    const glyph = res.url().includes('/glyphs/');
    if (!glyph && res.request().resourceType() !== 'script') return;
    bodies.push(res.body().catch(() => Buffer.alloc(0)).then((body) => {
      if (glyph) { glyphRequests += 1; glyphBytes += body.length; }
      else jsGzipBytes += gzipSync(body, { level: 9 }).length;
    }));
  });
  await page.goto(url);
  const idleMs = await page.evaluate(idle);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const busyMs = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  await page.waitForTimeout(200);
  await Promise.all(bodies);
  await context.close();
  return { idleMs: idleMs as number, busyMs, jsGzipBytes, glyphRequests, glyphBytes };
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
  const deviceGlyphs: Run[] = [];
  const baseline: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    atlas.push(await measure(browser, server.url, atlasIdle));
    deviceGlyphs.push(await measure(browser, `${server.url}?glyphs=device`, atlasIdle));
    baseline.push(await measure(browser, bare.url, bareIdle));
  }
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  const med = (runs: Run[], key: keyof Run) => median(runs.map((r) => r[key]));
  console.log(`first view, ${RUNS} runs each, same server, same style (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  for (const [name, runs] of [['atlas', atlas], ['atlas, Han glyphs drawn from the device font (?glyphs=device)', deviceGlyphs], ['bare page', baseline]] as const) {
    console.log(`${name}\n   JS gzipped ${kb(med(runs, 'jsGzipBytes'))}   glyphs ${med(runs, 'glyphRequests')} requests, ${kb(med(runs, 'glyphBytes'))}   time to map idle ${stats(runs.map((r) => r.idleMs))}   main-thread busy ${stats(runs.map((r) => r.busyMs))}`);
  }
  const goal = (met: boolean) => (met ? 'met' : 'GAP');
  const ratio = med(atlas, 'idleMs') / med(baseline, 'idleMs');
  const cpuRatio = med(atlas, 'busyMs') / med(baseline, 'busyMs');
  console.log(`atlas/bare time to idle: ${ratio.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× main-thread busy (goal ≤ 1.2×: ${goal(ratio <= 1.2)})`);
  console.log(`atlas glyphs: ${kb(med(atlas, 'glyphBytes'))} in ${med(atlas, 'glyphRequests')} requests (goal ≤ 1 MB: ${goal(med(atlas, 'glyphBytes') <= 1024 * 1024)})`);
  console.log(`atlas first-view JS: ${kb(med(atlas, 'jsGzipBytes'))} gzipped (goal ≤ 550 KB: ${goal(med(atlas, 'jsGzipBytes') <= 550 * 1024)})`);
} finally {
  await browser.close();
  bare.close();
  await server.stop();
}
