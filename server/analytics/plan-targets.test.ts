import { describe, expect, test } from 'vitest';
import type { OrganizationFeature, ParkFeature, Target } from '../schemas/places.ts';
import { progressAgainstPlan } from './plan-targets.ts';

const target = (id: string, comparator: Target['comparator'], value: number, measurable_by: string | null): Target => ({
  id, indicator_zh: id, indicator_en: id, comparator, value, unit_zh: '个', unit_en: 'items', year: 2020, section: '二', quote_zh: id, measurable_by
});
const org = (city: string, high_tech_enterprise: boolean | null, type = 'firm') => ({ properties: { city, type, high_tech_enterprise } }) as OrganizationFeature;
const park = (city: string) => ({ properties: { city } }) as ParkFeature;

describe('progressAgainstPlan', () => {
  const evidence = {
    organizations: [org('shenzhen', true), org('shenzhen', true), org('guangzhou', true), org('guangzhou', false), org('foshan', null), org('foshan', false, 'university')],
    parks: [park('guangzhou'), park('guangzhou'), park('zhuhai')]
  };
  const focus = ['guangzhou', 'shenzhen', 'zhuhai', 'dongguan', 'foshan'];
  const [highTech, clusters, parks, money] = progressAgainstPlan(
    [target('high-tech', '>=', 3, 'organizations:high-tech'), target('clusters', '>=', 10, 'clusters'), target('parks', '=', 3, 'parks'), target('money', '>', 500, null)],
    evidence,
    focus
  );

  test('counts confirmed high-tech enterprises by city and checks ≥', () => {
    expect(highTech).toMatchObject({ supported: 3, met: true, byCity: { shenzhen: 2, guangzhou: 1, foshan: 0, zhuhai: 0, dongguan: 0 } });
  });

  test('gives the high-tech count with its coverage among firms: confirmed, unknown and not', () => {
    expect(highTech.coverage).toMatchObject({ confirmed: 3, unknown: 1, not: 1, of: 5 });
    expect(highTech.coverage!.reading.en).toBe('high-tech enterprises: 3 confirmed, 1 unknown, 1 not, of 5 firms');
  });

  test('a shortfall among partly unknown firms leaves the target undecided, not missed', () => {
    const [short] = progressAgainstPlan([target('high-tech', '>=', 50, 'organizations:high-tech')], evidence, focus);
    expect(short).toMatchObject({ supported: 3, met: null });
  });

  test('the policy count of AI industry clusters is unmeasurable here, not DBSCAN output', () => {
    expect(clusters).toMatchObject({ supported: null, met: null, byCity: {}, coverage: null });
    expect(clusters.basis.en).toContain('policy designations');
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
