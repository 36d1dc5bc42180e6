/**
 * Developer check of the glyph PBFs: renders mixed Chinese/Latin labels with MapLibre
 * (CJK from our PBFs: localIdeographFontFamily false) in headless Chromium and saves
 * a screenshot to look at.
 *
 *   npx tsx geodata/scripts/check-glyphs.ts [/tmp/glyph-check.png]
 */
import {createServer} from 'node:http';
import {existsSync, readFileSync} from 'node:fs';
import type {AddressInfo} from 'node:net';
import {dirname, join, normalize} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = process.argv[2] ?? '/tmp/glyph-check.png';

const LABELS: [string, string, number][] = [
    ['广州科学城 Guangzhou Science City', 'Regular', 24],
    ['松山湖 Songshan Lake', 'Regular', 16],
    ['南沙·人工智能产业园 Nansha AI Park', 'Regular', 14],
    ['深圳湾（南山）Shenzhen Bay, “AI Valley”', 'Bold', 18],
    ['横琴粤澳深度合作区 Hengqin — Zhuhai', 'Regular', 20],
    ['佛山顺德\nShunde, Foshan', 'Bold', 16],
    ['东莞 Dongguan 0123 gjpqy', 'Regular', 12]
];

const page = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/maplibre-gl.css"><script src="/maplibre-gl.js"></script>
<style>html,body,#map{margin:0;width:100%;height:100%}</style></head><body><div id="map"></div><script>
const labels = ${JSON.stringify(LABELS)};
const map = new maplibregl.Map({container: 'map', center: [113.6, 22.91], zoom: 7.4, localIdeographFontFamily: false,
  style: {version: 8, glyphs: location.origin + '/glyphs/{fontstack}/{range}.pbf',
    sources: {pts: {type: 'geojson', data: {type: 'FeatureCollection', features: labels.map(([label, w, size], i) => ({
      type: 'Feature', properties: {label, font: 'Noto Sans CJK SC ' + w, size},
      geometry: {type: 'Point', coordinates: [112.6, 23.75 - i * 0.28]}}))}}},
    layers: [{id: 'bg', type: 'background', paint: {'background-color': '#f4f1ea'}},
      {id: 'dot', type: 'circle', source: 'pts', paint: {'circle-radius': 3, 'circle-color': '#c33'}},
      {id: 'lbl', type: 'symbol', source: 'pts', layout: {'text-field': ['get', 'label'], 'text-font': ['match', ['get', 'font'], 'Noto Sans CJK SC Bold',
          ['literal', ['Noto Sans CJK SC Bold']], ['literal', ['Noto Sans CJK SC Regular']]],
        'text-size': ['get', 'size'], 'text-anchor': 'left', 'text-offset': [0.6, 0], 'text-justify': 'left',
        'text-max-width': 40, 'text-allow-overlap': true},
        paint: {'text-color': '#222', 'text-halo-color': '#fff', 'text-halo-width': 1.2}}]}});
map.on('error', (e) => { window.mapError = String(e.error?.message ?? e.error); });
map.once('idle', () => { window.mapIdle = true; });
</script></body></html>`;

const missing: string[] = [];
const server = createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    const file = url === '/' ? null
        : url.startsWith('/maplibre-gl.') ? join(ROOT, 'node_modules/maplibre-gl/dist', url.slice(1))
        : url.startsWith('/glyphs/') ? join(ROOT, 'geodata', normalize(url).replace(/^\/+/, '')) : undefined;
    if (file === null) return res.writeHead(200, {'content-type': 'text/html'}).end(page);
    if (!file || !existsSync(file)) {
        if (url !== '/favicon.ico') missing.push(url);
        return res.writeHead(404).end();
    }
    res.writeHead(200, {'content-type': file.endsWith('.css') ? 'text/css' : file.endsWith('.js') ? 'text/javascript' : 'application/x-protobuf'});
    res.end(readFileSync(file));
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const base = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
let result = '';
for (const extra of [[], ['--use-angle=swiftshader', '--enable-unsafe-swiftshader']]) {
    const browser = await chromium.launch({executablePath: '/usr/bin/chromium', headless: true, args: [...base, ...extra]});
    try {
        const tab = await browser.newPage({viewport: {width: 900, height: 560}});
        await tab.goto(origin);
        await tab.waitForFunction(() => (window as any).mapIdle || (window as any).mapError, null, {timeout: 30_000});
        const error = await tab.evaluate(() => (window as any).mapError);
        if (error) {
            result = `map error: ${error}`;
            continue;
        }
        await tab.screenshot({path: OUT});
        result = `screenshot ${OUT}${extra.length ? ' (swiftshader)' : ''}`;
        break;
    } catch (e) {
        result = `failed: ${(e as Error).message.split('\n')[0]}`;
    } finally {
        await browser.close();
    }
}
server.close();
console.log(result);
if (missing.length) console.log(`404: ${[...new Set(missing)].join(', ')}`);
process.exit(result.startsWith('screenshot') && !missing.length ? 0 : 1);
