/**
 * Integrity of the investor facts (geodata/curated/park-facts.json) and the industry-chain
 * layers (chain-layers.json, sectors.json `chain_layer`). Run: npx vitest run geodata/park-facts.test.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const CURATED = join(dirname(fileURLToPath(import.meta.url)), 'curated');
const read = <T>(name: string): T => JSON.parse(readFileSync(join(CURATED, name), 'utf8')) as T;

type Fact = { value?: number; name_zh?: string; as_of: string; source: string; source_urls?: string[] } | null;
const facts = read<{ parks: ({ park: string; outline: { status: string } } & Record<'area_km2' | 'established' | 'administrator', Fact>)[] }>('park-facts.json');
const parks = read<{ features: { properties: { id: string; geometry_kind: string } }[] }>('parks.geojson');
const sectors = read<{ id: string; chain_layer?: string }[]>('sectors.json');
const chain = read<{ layers: { id: string }[]; source_url: string; reference_shares: Record<string, number | string> }>('chain-layers.json');

describe('park-facts.json', () => {
  test('has exactly one record per park of parks.geojson', () => {
    expect(facts.parks.map((r) => r.park).sort()).toEqual(parks.features.map((f) => f.properties.id).sort());
  });

  test('every fact given has a date and a source, and a web source has the address it was read at', () => {
    for (const r of facts.parks) {
      for (const key of ['area_km2', 'established', 'administrator'] as const) {
        const fact = r[key];
        if (fact === null) continue;
        expect(fact.as_of, `${r.park}.${key}`).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
        expect(fact.source.length, `${r.park}.${key}`).toBeGreaterThan(20);
        for (const url of fact.source_urls ?? []) expect(url, `${r.park}.${key}`).toMatch(/^https?:\/\/\S+$/);
      }
    }
  });

  test('areas are positive and below the size of the province; years fall between 1990 and the plan', () => {
    for (const r of facts.parks) {
      if (r.area_km2) expect(r.area_km2.value! > 0 && r.area_km2.value! < 180_000, r.park).toBe(true);
      if (r.established) expect(r.established.value! >= 1990 && r.established.value! <= 2020, r.park).toBe(true);
    }
  });

  test('only the whole-district place claims a district outline', () => {
    const districtParks = parks.features.filter((f) => f.properties.geometry_kind === 'districts').map((f) => f.properties.id);
    expect(facts.parks.filter((r) => r.outline.status === 'districts').map((r) => r.park)).toEqual(districtParks);
  });
});

describe('industry-chain layers', () => {
  test('every sector sits on one of the three layers, and each layer has a sector', () => {
    const layers = chain.layers.map((l) => l.id);
    expect(layers).toEqual(['foundation', 'technology', 'application']);
    for (const s of sectors) expect(layers, s.id).toContain(s.chain_layer);
    for (const l of layers) expect(sectors.some((s) => s.chain_layer === l), l).toBe(true);
  });

  test('the reference shares add up to 1 and the scheme names its source', () => {
    const { foundation, technology, application } = chain.reference_shares as Record<string, number>;
    expect(foundation + technology + application).toBeCloseTo(1, 6);
    expect(chain.source_url).toMatch(/^https?:\/\//);
  });
});
