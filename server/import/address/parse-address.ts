import type { Bilingual } from '../problems.ts';
import { GENERIC_ZONE_WORDS, levelRank, type Division, type Gazetteer, type Reading } from './gazetteer.ts';

/** Longer than any real postal address; a cell this long is pasted text, not an address. */
export const MAX_ADDRESS_CHARS = 200;

/** The smallest division an address names, and the leading text that named it. */
export interface AddressMatch {
  /** town if one was named, else district, else city */
  division: Division;
  /** The chain from city down, e.g. [深圳市, 南山区, 粤海街道] (only the levels the address gave or implied). */
  chain: Division[];
  city: string;
  /** The normalised leading part of the address that was matched, e.g. "深圳市南山区粤海街道". */
  matchedText: string;
}

export interface AddressProblem {
  code: 'address-not-text' | 'address-too-long' | 'address-outside' | 'address-conflict' | 'address-ambiguous' | 'address-unknown';
  problem: Bilingual;
  expected: Bilingual;
}

export type AddressResult = { ok: true; match: AddressMatch } | { ok: false; error: AddressProblem };

const SEPARATORS = /[\s,，、;；:：\-—–·()（）[\]【】]+/y;
const COUNTRY = /^(中华人民共和国|中国)/;
const NUMERIC = /^[\d\s.,+\-eE%]+$/;
const FIVE_CITIES: Bilingual = { en: 'an address in Guangzhou, Shenzhen, Zhuhai, Foshan or Dongguan, e.g. 深圳市南山区粤海街道…', zh: '广州、深圳、珠海、佛山或东莞的地址，如“深圳市南山区粤海街道……”' };

/** Full-width digits and letters to ASCII, spaces out, a leading country name dropped. */
export function normalizeAddress(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(COUNTRY, '');
}

const fail = (code: AddressProblem['code'], problem: Bilingual, expected: Bilingual = FIVE_CITIES): AddressResult => ({ ok: false, error: { code, problem, expected } });

/** The longest spelling at `pos`, with its readings (only lengths some spelling with that first character has are tried). */
function spellingAt(text: string, pos: number, g: Gazetteer): { spelling: string; readings: Reading[] } | undefined {
  for (const len of g.lengthsByFirstChar.get(text[pos]) ?? []) {
    if (pos + len > text.length) continue;
    const spelling = text.slice(pos, pos + len);
    const readings = g.names.get(spelling);
    if (readings) return { spelling, readings };
  }
  return undefined;
}

/** The position after any separators at `pos`. */
function skipSeparators(text: string, pos: number): number {
  SEPARATORS.lastIndex = pos;
  return SEPARATORS.test(text) ? SEPARATORS.lastIndex : pos;
}

const describe = (d: Division, g: Gazetteer) => {
  const parent = d.parent ? g.byCode.get(d.parent) : undefined;
  return parent && parent.code !== d.code ? `${parent.name}${d.name}` : d.name;
};

interface Context {
  province?: Division;
  city?: Division;
  district?: Division;
  town?: Division;
}

/** The district (or, in Dongguan, the city) a division lies in, by code. */
function fitsContext(d: Division, ctx: Context): boolean {
  if (ctx.city && d.city !== ctx.city.city) return false;
  if (ctx.district && d.level === 'town' && d.parent !== ctx.district.code) return false;
  if (ctx.district && d.level === 'district' && d.code !== ctx.district.code) return false;
  if (ctx.city && d.level === 'city' && d.code !== ctx.city.code) return false;
  return true;
}

/**
 * Reads the administrative part at the start of a Chinese address (province, city, district,
 * town/subdistrict or functional zone, in that order, any of them left out) against the official
 * divisions; the street part after it is ignored. Pure: text and gazetteer in, match or problem out.
 */
export function parseAddress(value: string | number | boolean, g: Gazetteer): AddressResult {
  if (typeof value !== 'string' || NUMERIC.test(value.normalize('NFKC'))) {
    return fail('address-not-text', { en: 'the address is a number, not an address', zh: '地址是数字，不是地址' });
  }
  const text = normalizeAddress(value);
  if (text.length > MAX_ADDRESS_CHARS) {
    return fail('address-too-long', { en: `the address has ${text.length} characters`, zh: `地址有 ${text.length} 个字符` }, { en: `an address of at most ${MAX_ADDRESS_CHARS} characters`, zh: `不超过 ${MAX_ADDRESS_CHARS} 个字符的地址` });
  }
  const ctx: Context = {};
  let pos = 0;
  let end = 0;
  while (pos < text.length && !ctx.town) {
    pos = skipSeparators(text, pos);
    const found = spellingAt(text, pos, g);
    if (!found) break;
    const after = pos + found.spelling.length;
    // A spelling without its suffix ("中山", "南山") counts only where the address already placed
    // us, or where another division follows at once ("深圳南山区"): "中山大学" is not 中山市.
    const hasContext = Boolean(ctx.city || ctx.district);
    const followed = Boolean(spellingAt(text, skipSeparators(text, after), g));
    const usable = found.readings.filter((r) => !r.short || followed || (hasContext && fitsContext(r.division, ctx)));
    if (usable.length === 0) break;
    const fitting = usable.filter((r) => fitsContext(r.division, ctx));
    if (fitting.length === 0) {
      const named = usable[0].division;
      const before = ctx.town ?? ctx.district ?? ctx.city;
      return fail(
        'address-conflict',
        { en: `the address names ${found.spelling} (${describe(named, g)}), which is not in ${before?.name}`, zh: `地址中的“${found.spelling}”（${describe(named, g)}）不属于${before?.name}` },
        { en: 'one consistent city, district and town', zh: '城市、区、镇街前后一致的地址' }
      );
    }
    // The coarsest level wins a tie ("南山" is 南山区 before 南山街道); several places of one level are ambiguous.
    const rank = Math.min(...fitting.map((r) => levelRank(r.division.level)));
    const best = fitting.filter((r) => levelRank(r.division.level) === rank).map((r) => r.division);
    if (best.length > 1) {
      const places = best.map((d) => describe(d, g)).join(' / ');
      return fail(
        'address-ambiguous',
        { en: `"${found.spelling}" names more than one place: ${places}`, zh: `“${found.spelling}”对应多个地方：${places}` },
        { en: 'the city (and district) before it, e.g. 东莞市横沥镇', zh: '在前面写明城市（和区），如“东莞市横沥镇”' }
      );
    }
    const d = best[0];
    if (d.level === 'province') {
      if (d.code !== '440000') {
        return fail('address-outside', { en: `the address is in ${d.name}, not Guangdong`, zh: `地址位于${d.name}，不在广东省` });
      }
      ctx.province = d;
    } else if (d.level === 'city') {
      if (!d.city) return fail('address-outside', { en: `the address is in ${d.name}, not one of the five cities of this map`, zh: `地址位于${d.name}，不在本地图的五个城市内` });
      ctx.city = d;
    } else if (d.level === 'district') {
      ctx.district = d;
      ctx.city ??= g.cityBySlug.get(d.city!);
    } else {
      ctx.town = d;
      const parent = d.parent ? g.byCode.get(d.parent) : undefined;
      if (parent?.level === 'district') ctx.district ??= parent;
      ctx.city ??= g.cityBySlug.get(d.city!);
    }
    pos = end = after;
  }
  const smallest = ctx.town ?? ctx.district ?? ctx.city;
  if (!smallest?.city) {
    const generic = GENERIC_ZONE_WORDS.find((w) => text.slice(pos).startsWith(w));
    if (generic) {
      return fail('address-ambiguous', { en: `"${generic}" alone names a kind of zone, not a place`, zh: `单独的“${generic}”只是园区类型，不是地名` }, { en: 'the city and district, or the zone’s own name (e.g. 松山湖, 前海)', zh: '写明城市和区，或园区本名（如松山湖、前海）' });
    }
    return fail('address-unknown', { en: 'the address names no district or town of the five cities', zh: '地址中没有五个城市的区或镇街' });
  }
  const chain = [ctx.city, ctx.district, ctx.town].filter((d): d is Division => Boolean(d));
  return { ok: true, match: { division: smallest, chain, city: smallest.city, matchedText: text.slice(0, end) } };
}
