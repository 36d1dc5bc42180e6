import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadGazetteer } from './gazetteer.ts';
import { parseAddress, type AddressResult } from './parse-address.ts';

const g = loadGazetteer(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'geodata'))!;
const parse = (text: string | number) => parseAddress(text, g);
const matchOf = (r: AddressResult) => {
  if (!r.ok) throw new Error(`expected a match, got ${r.error.code}: ${r.error.problem.en}`);
  return r.match;
};
const errorOf = (r: AddressResult) => {
  if (r.ok) throw new Error(`expected an error, got ${r.match.division.name}`);
  return r.error;
};

describe('parseAddress places an address at its smallest official division', () => {
  test('city, district and subdistrict of a Shenzhen address', () => {
    const m = matchOf(parse('深圳市南山区粤海街道高新南九道10号'));
    expect(m.division).toMatchObject({ level: 'town', code: '440305007', name: '粤海街道' });
    expect(m.chain.map((d) => d.name)).toEqual(['深圳市', '南山区', '粤海街道']);
    expect(m.city).toBe('shenzhen');
    expect(m.matchedText).toBe('深圳市南山区粤海街道');
  });

  test.each([
    ['广东省深圳市南山区科技园', '440305'],
    ['深圳南山区科技园', '440305'],
    ['中国广东省深圳市南山区', '440305'],
    ['南山区高新南九道', '440305'],
    ['广州市南沙新区黄阁镇', '440115102'],
    ['广州南沙区黄阁镇', '440115102'],
    ['深圳市光明区光明街道', '440311001'],
    ['佛山市顺德区北滘镇', '440606'],
    ['深圳市 南山区 粤海街道', '440305007']
  ])('%s → %s (province prefix, short city, 区/新区 and spaces tolerated)', (text, code) => {
    expect(matchOf(parse(text)).division.code.startsWith(code)).toBe(true);
  });

  test('full-width digits and letters are read as ASCII and do not stop the match', () => {
    expect(matchOf(parse('深圳市南山区粤海街道高新南九道１０号Ａ座')).division.code).toBe('440305007');
  });

  test.each([
    ['东莞市松山湖园区工业西路', '441900401'],
    ['松山湖园区工业西路', '441900401'],
    ['东莞市滨海湾新区', '441900404'],
    ['滨海湾新区海逸路', '441900404'],
    ['深圳市前海合作区', '440305400'],
    ['前海深港合作区前湾一路', '440305400']
  ])('the functional zone in %s is %s', (text, code) => {
    expect(matchOf(parse(text)).division.code).toBe(code);
  });

  test('a Dongguan town has the city as its parent (Dongguan has no districts)', () => {
    const m = matchOf(parse('东莞市长安镇振安路'));
    expect(m.chain.map((d) => d.name)).toEqual(['东莞市', '长安镇']);
  });

  test('a city alone is a match at city level', () => {
    expect(matchOf(parse('珠海市')).division).toMatchObject({ level: 'city', code: '440400' });
  });

  test('a bare name without its suffix is not taken from the street part ("中山大学" is not 中山市)', () => {
    expect(errorOf(parse('中山大学东校区')).code).toBe('address-unknown');
    expect(matchOf(parse('广州市中山大学')).division.code).toBe('440100');
  });
});

describe('parseAddress refuses what it cannot place honestly', () => {
  test.each([
    ['湖南省长沙市岳麓区', 'address-outside'],
    ['北京市海淀区中关村', 'address-outside'],
    ['香港九龙', 'address-outside'],
    ['中山市石岐街道', 'address-outside'],
    ['广东省惠州市惠城区', 'address-outside']
  ])('%s is outside the five cities (%s)', (text, code) => {
    expect(errorOf(parse(text)).code).toBe(code);
  });

  test.each([['深圳市天河区'], ['广州市南山区粤海街道'], ['深圳市南山区北滘镇'], ['南山区福田区']])('%s names conflicting areas', (text) => {
    const e = errorOf(parse(text));
    expect(e.code).toBe('address-conflict');
    expect(e.problem.zh).toMatch(/不属于/);
  });

  test.each([['新区'], ['高新区科技园路1号'], ['开发区']])('%s alone is ambiguous', (text) => {
    expect(errorOf(parse(text)).code).toBe('address-ambiguous');
  });

  test('a town name that exists in two cities is ambiguous until the city is given', () => {
    const e = errorOf(parse('横沥镇工业路'));
    expect(e.code).toBe('address-ambiguous');
    expect(e.problem.en).toContain('东莞市横沥镇');
    expect(e.problem.en).toContain('南沙区横沥镇');
    expect(matchOf(parse('东莞市横沥镇')).division.code).toBe('441900106');
    expect(matchOf(parse('广州市南沙区横沥镇')).division.code).toBe('440115101');
  });

  test.each([[12345], ['12345'], ['113.93, 22.53'], [true]])('%s is a number, not an address', (value) => {
    expect(errorOf(parseAddress(value as string, g)).code).toBe('address-not-text');
  });

  test('a 10,000-character cell is refused without being scanned', () => {
    const e = errorOf(parse(`深圳市南山区${'粤'.repeat(10_000)}`));
    expect(e.code).toBe('address-too-long');
    expect(e.problem.en).toContain('10006');
  });

  test('an address naming nothing known is an error in both languages', () => {
    const e = errorOf(parse('某某路88号'));
    expect(e.code).toBe('address-unknown');
    expect(e.problem.zh).toBeTruthy();
    expect(e.expected.en).toContain('Shenzhen');
  });
});
