/**
 * First view: gzipped JavaScript the atlas page loads before its map is idle, the glyph requests
 * and bytes, the time to map idle (wall) and the page's main-thread busy time (CPU), against a bare
 * MapLibre page (MapLibre's defaults) drawing the same style from the same server in the same run.
 * `npm run bench:first-view`. Settings: BENCH_RUNS (default 7).
 */
// The bench serves build/ as it finds it: rebuild first when the front end's sources are newer (a stale
// build once made a run measure code from before the glyph changes it was meant to judge).
import '../server/ensure-build.ts';
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

/**
 * The glyph work itself, on one idle atlas page, both ways in turn (5 rounds): MapLibre drawing the first
 * view's Han characters with TinySDF (the device-font path, `GlyphManager._drawGlyph`) against loading
 * and parsing the ranges the first view asked for from the already fetched bundle (`loadGlyphRange`
 * through our protocol). Reaches into MapLibre's glyph manager: a bench, not product code.
 */
async function glyphWork(browser: Browser, url: string, idle: string): Promise<{ tinySdfMs: number[]; bundleMs: number[]; drawn: number; ranges: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(idle);
  const result = await page.evaluate(async () => {
    type Entry = { glyphs: Record<number, unknown>; ranges: Record<number, boolean> };
    const map = window.__clusterAtlas!.map as unknown as { style: { glyphManager: GlyphManagerLike }; _requestManager: unknown };
    interface GlyphManagerLike {
      entries: Record<string, Entry>;
      url: string;
      localIdeographFontFamily: string | false;
      _drawGlyph(entry: object, stack: string, id: number): unknown;
      constructor: { loadGlyphRange(stack: string, range: number, url: string, requests: unknown): Promise<object> };
    }
    const glyphs = map.style.glyphManager;
    const requested = Object.entries(glyphs.entries).map(([stack, e]) => [stack, Object.keys(e.ranges).map(Number)] as const);
    const regular = 'Noto Sans CJK SC Regular';
    // As many Han characters as the device-font path draws for the first view (202 on 2026-11-30).
    const han = Object.keys(glyphs.entries[regular].glyphs).map(Number).filter((id) => id >= 0x4e00 && id <= 0x9fff).slice(0, 202);
    const tinySdfMs: number[] = [];
    const bundleMs: number[] = [];
    for (let round = 0; round < 5; round++) {
      const own = glyphs.localIdeographFontFamily;
      glyphs.localIdeographFontFamily = '"Noto Sans CJK SC", sans-serif';
      let t = performance.now();
      const fresh = { glyphs: {}, requests: {}, ranges: {} };
      for (const id of han) glyphs._drawGlyph(fresh, regular, id);
      tinySdfMs.push(performance.now() - t);
      glyphs.localIdeographFontFamily = own;
      t = performance.now();
      for (const [stack, ranges] of requested) for (const r of ranges) await glyphs.constructor.loadGlyphRange(stack, r, glyphs.url, map._requestManager);
      bundleMs.push(performance.now() - t);
    }
    return { tinySdfMs, bundleMs, drawn: han.length, ranges: requested.reduce((n, [, r]) => n + r.length, 0) };
  });
  await context.close();
  return result;
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
  const work = await glyphWork(browser, server.url, atlasIdle);
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
  const ms = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
  console.log(`glyph work on one page, 5 rounds: TinySDF drawing ${work.drawn} Han characters ${ms(work.tinySdfMs)}; parsing the first view's ${work.ranges} ranges from the bundle ${ms(work.bundleMs)}; ${(median(work.tinySdfMs) / median(work.bundleMs)).toFixed(1)}× (the default is the cheaper: ${median(work.bundleMs) <= median(work.tinySdfMs) ? 'met' : 'GAP'})`);
  console.log(`atlas first-view JS: ${kb(med(atlas, 'jsGzipBytes'))} gzipped (goal ≤ 550 KB: ${goal(med(atlas, 'jsGzipBytes') <= 550 * 1024)})`);
} finally {
  await browser.close();
  bare.close();
  await server.stop();
}
