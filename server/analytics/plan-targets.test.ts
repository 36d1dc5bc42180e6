import { describe, expect, test } from 'vitest';
import type { OrganizationFeature, ParkFeature, Target } from '../schemas/places.ts';
import { progressAgainstPlan } from './plan-targets.ts';

const target = (id: string, comparator: Target['comparator'], value: number, measurable_by: string | null): Target => ({
  id, indicator_zh: id, indicator_en: id, comparator, value, unit_zh: '个', unit_en: 'items', year: 2020, section: '二', quote_zh: id, measurable_by
});
const org = (city: string, high_tech_enterprise: boolean | null) => ({ properties: { city, high_tech_enterprise } }) as OrganizationFeature;
const park = (city: string) => ({ properties: { city } }) as ParkFeature;

describe('progressAgainstPlan', () => {
  const evidence = {
    organizations: [org('shenzhen', true), org('shenzhen', true), org('guangzhou', true), org('guangzhou', false), org('foshan', null)],
    parks: [park('guangzhou'), park('guangzhou'), park('zhuhai')],
    clusterCities: ['shenzhen', 'shenzhen', 'dongguan']
  };
  const focus = ['guangzhou', 'shenzhen', 'zhuhai', 'dongguan', 'foshan'];
  const [highTech, clusters, parks, money] = progressAgainstPlan(
    [target('high-tech', '>=', 3, 'organizations:high-tech'), target('clusters', '>=', 10, 'clusters'), target('parks', '=', 3, 'parks'), target('money', '>', 500, null)],
    evidence,
    focus
  );

  test('counts marked high-tech enterprises by city and checks ≥', () => {
    expect(highTech).toMatchObject({ supported: 3, met: true, byCity: { shenzhen: 2, guangzhou: 1, foshan: 0, zhuhai: 0, dongguan: 0 } });
  });

  test('counts detected clusters by city; 3 of 10 is not met', () => {
    expect(clusters).toMatchObject({ supported: 3, met: false, byCity: { shenzhen: 2, dongguan: 1 } });
  });

  test('a bare number is met by reaching it', () => {
    expect(parks).toMatchObject({ supported: 3, met: true, byCity: { guangzhou: 2, zhuhai: 1 } });
  });

  test('a bare number is met by exceeding it too, and not by falling short', () => {
    const [above, below] = progressAgainstPlan([target('parks', '=', 2, 'parks'), target('parks', '=', 4, 'parks')], evidence, focus);
    expect(above.met).toBe(true);
    expect(below.met).toBe(false);
  });

  test('a target no data speaks to says so in both languages', () => {
    expect(money).toMatchObject({ supported: null, met: null, byCity: {} });
    expect(money.basis.zh).toMatch(/无法衡量/);
    expect(money.basis.en).toMatch(/no data/);
  });
});
