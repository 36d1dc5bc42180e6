import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** geodata/divisions/guangdong.json as written by geodata/scripts/build-divisions.ts. */
export interface DivisionsFile {
  source: string;
  source_url: string;
  source_date: string;
  provinces: { code: string; name: string }[];
  /** Guangdong's cities (6-digit codes); `city` is our slug for the five focus cities, else null. */
  cities: { code: string; name: string; city: string | null }[];
  districts: { code: string; name: string; city: string }[];
  /** Towns, subdistricts and the functional zones NBS lists at that level (9-digit codes). */
  towns: { code: string; name: string; parent: string; city: string }[];
}

export type DivisionLevel = 'province' | 'city' | 'district' | 'town';

/** One official division a name in an address can refer to. */
export interface Division {
  level: DivisionLevel;
  code: string;
  name: string;
  /** Our city slug; null for a province or a city outside the five. */
  city: string | null;
  /** The district (or, in Dongguan, the city) a town belongs to. */
  parent?: string;
}

/** A division a spelling can mean; `short` when the spelling drops the official suffix ("深圳", "粤海"). */
export interface Reading {
  division: Division;
  short: boolean;
}

/** Every spelling of every division, for the address parser's longest-match scan. */
export interface Gazetteer {
  /** spelling → the divisions it can mean */
  names: Map<string, Reading[]>;
  /** Longest spelling, to bound the scan. */
  maxLength: number;
  /** For each first character, the lengths of the spellings that start with it, longest first. */
  lengthsByFirstChar: Map<string, number[]>;
  byCode: Map<string, Division>;
  /** The city division of each of our city slugs. */
  cityBySlug: Map<string, Division>;
  source: { source: string; source_url: string; source_date: string };
}

const LEVEL_RANK: Record<DivisionLevel, number> = { province: 0, city: 1, district: 2, town: 3 };
export const levelRank = (level: DivisionLevel) => LEVEL_RANK[level];

/** Words that name a kind of zone, not a place: never a spelling on their own. */
export const GENERIC_ZONE_WORDS = ['新区', '高新区', '开发区', '经济开发区', '高新技术产业开发区', '工业园', '工业区', '科技园', '产业园', '园区', '保税区', '生态园', '港', '合作区', '自贸区'];
const GENERIC = new Set(GENERIC_ZONE_WORDS);

// Suffixes an address may leave out ("深圳南山区", "粤海", "前海"); longest first.
const SUFFIXES: Record<DivisionLevel, string[]> = {
  province: ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市'],
  city: ['市'],
  district: ['新区', '区', '县', '市'],
  town: ['街道办事处', '街道', '镇', '乡', '合作区', '管委会']
};
/** A zone's core name ("前海" of 前海合作区) is its usual name, not a short form. */
const ZONE_SUFFIXES = new Set(['合作区', '管委会']);

/**
 * The spellings of one division: its official name, 区 ↔ 新区, a zone without the city NBS prefixes
 * ("东莞滨海湾新区" → "滨海湾新区"), and, marked short, the name without its suffix.
 */
export function spellingsOf(d: Division, cityShortNames: readonly string[]): { spelling: string; short: boolean }[] {
  const out = new Map<string, boolean>([[d.name, false]]);
  const add = (spelling: string, short: boolean) => {
    if (!out.has(spelling) || !short) out.set(spelling, short);
  };
  for (const suffix of SUFFIXES[d.level]) {
    if (d.name.endsWith(suffix) && d.name.length - suffix.length >= 2) {
      const core = d.name.slice(0, -suffix.length);
      // Provinces go by their short names ("湖南长沙", "香港九龙"); so do zones.
      add(core, d.level !== 'province' && !ZONE_SUFFIXES.has(suffix));
      // "南沙新区" for 南沙区: the planners' name for a district that is also a state-level new area.
      if (d.level === 'district' && suffix === '区') add(`${core}新区`, false);
      break;
    }
  }
  if (d.level === 'town') {
    for (const short of cityShortNames) {
      if (d.name.startsWith(short) && d.name.length - short.length >= 3) {
        const rest = d.name.slice(short.length);
        add(rest, false);
        if (rest.endsWith('新区')) add(rest.slice(0, -2), true);
      }
    }
  }
  return [...out].map(([spelling, short]) => ({ spelling, short })).filter(({ spelling }) => !GENERIC.has(spelling) && spelling.length >= 2);
}

/** Builds the spelling table from the divisions file (pure). */
export function buildGazetteer(file: DivisionsFile): Gazetteer {
  const divisions: Division[] = [
    ...file.provinces.map((p) => ({ level: 'province' as const, code: p.code.padEnd(6, '0'), name: p.name, city: null })),
    // Not in the NBS mainland list, but an address there is still "another region", not "unknown".
    ...[['810000', '香港特别行政区'], ['820000', '澳门特别行政区'], ['710000', '台湾省']].map(([code, name]) => ({ level: 'province' as const, code, name, city: null })),
    ...file.cities.map((c) => ({ level: 'city' as const, code: c.code, name: c.name, city: c.city })),
    ...file.districts.map((d) => ({ level: 'district' as const, code: d.code, name: d.name, city: d.city })),
    ...file.towns.map((t) => ({ level: 'town' as const, code: t.code, name: t.name, city: t.city, parent: t.parent }))
  ];
  const cityShortNames = file.cities.map((c) => c.name.replace(/市$/, ''));
  const names = new Map<string, Reading[]>();
  for (const division of divisions) {
    for (const { spelling, short } of spellingsOf(division, cityShortNames)) {
      const list = names.get(spelling) ?? [];
      if (!list.some((x) => x.division.code === division.code)) list.push({ division, short });
      names.set(spelling, list);
    }
  }
  let maxLength = 0;
  const lengths = new Map<string, Set<number>>();
  for (const spelling of names.keys()) {
    maxLength = Math.max(maxLength, spelling.length);
    const set = lengths.get(spelling[0]) ?? new Set<number>();
    lengths.set(spelling[0], set.add(spelling.length));
  }
  return {
    names,
    maxLength,
    lengthsByFirstChar: new Map([...lengths].map(([c, set]) => [c, [...set].sort((a, b) => b - a)])),
    byCode: new Map(divisions.map((d) => [d.code, d])),
    cityBySlug: new Map(divisions.filter((d) => d.level === 'city' && d.city).map((d) => [d.city!, d])),
    source: { source: file.source, source_url: file.source_url, source_date: file.source_date }
  };
}

/**
 * Reads geodata/divisions/guangdong.json (once, at boot); undefined for a GEODATA_DIR laid out before
 * the file existed, where rows then need coordinates as before.
 */
export function loadGazetteer(geodataDir: string): Gazetteer | undefined {
  const file = join(geodataDir, 'divisions', 'guangdong.json');
  if (!existsSync(file)) return undefined;
  return buildGazetteer(JSON.parse(readFileSync(file, 'utf8')) as DivisionsFile);
}
