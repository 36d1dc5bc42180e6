import type { ORGANIZATION_TYPES } from '../schemas/places.ts';

type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

interface Named {
  id: string;
  name_zh: string;
  name_en: string;
}

/** Case, width and spacing ignored: `Ｇｕａｎｇｚｈｏｕ `, `guangzhou` and `GuangZhou` are one key. */
const valueKey = (value: string) => value.normalize('NFKC').toLowerCase().replace(/[\s_\-.'’]/g, '');

/** Distinct values remembered per resolver: a register repeats a few cities, sectors and types a million times. */
const REMEMBERED_VALUES = 10_000;

/** `resolve` with its answers remembered for up to REMEMBERED_VALUES distinct values (normalising is most of its cost). */
function remembered<T>(resolve: (value: string) => T): (value: string) => T {
  const answers = new Map<string, T>();
  return (value) => {
    if (answers.has(value)) return answers.get(value)!;
    const answer = resolve(value);
    if (answers.size < REMEMBERED_VALUES) answers.set(value, answer);
    return answer;
  };
}

/** Chinese administrative suffixes users add or drop (`广州市`, `香港特别行政区`). */
const CITY_SUFFIXES = ['特别行政区', '市'];

const stripSuffix = (name: string) => CITY_SUFFIXES.reduce((n, s) => (n.endsWith(s) && n.length > s.length ? n.slice(0, -s.length) : n), name);

/** Spellings the boundary data does not carry. */
const EXTRA_CITY_NAMES: Record<string, string[]> = { macau: ['澳門', 'macao'], hongkong: ['hk'] };

/** Maps city values as users write them (`广州市`, `广州`, `Guangzhou`, `440100`) to city ids; unknown → undefined, never a guess. */
export function cityResolver(cities: (Named & { code: string })[]): (value: string) => string | undefined {
  const byKey = new Map<string, string>();
  for (const c of cities) {
    for (const name of [c.id, c.code, c.name_en, c.name_zh, stripSuffix(c.name_zh), ...(EXTRA_CITY_NAMES[c.id] ?? [])]) byKey.set(valueKey(name), c.id);
  }
  return remembered((value) => byKey.get(valueKey(value)) ?? byKey.get(valueKey(stripSuffix(value.trim()))));
}

/** Maps a sector written as its id, Chinese or English name to the sector id. */
export function sectorResolver(sectors: Named[]): (value: string) => string | undefined {
  const byKey = new Map(sectors.flatMap((s) => [s.id, s.name_zh, s.name_en].map((n) => [valueKey(n), s.id] as const)));
  return remembered((value) => byKey.get(valueKey(value)));
}

/** Separators users put between several sectors in one cell. */
export const LIST_SEPARATORS = /[,，;；、|/]+/;

const TYPE_NAMES: Record<OrganizationType, string[]> = {
  firm: ['firm', 'company', 'enterprise', '企业', '公司'],
  university: ['university', 'college', '高校', '大学', '学院'],
  lab: ['lab', 'laboratory', '实验室'],
  institute: ['institute', '研究院', '研究所', '研究院所', '科研院所'],
  platform: ['platform', '平台', '创新平台']
};
const TYPE_BY_KEY = new Map(Object.entries(TYPE_NAMES).flatMap(([type, names]) => names.map((n) => [valueKey(n), type as OrganizationType] as const)));

/** Organisation type from `企业`, `firm`, `大学`…; unknown → undefined. */
export const organizationType: (value: string) => OrganizationType | undefined = remembered((value) => TYPE_BY_KEY.get(valueKey(value)));
