import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import type { ParkProfileFeature } from '$lib/api/client';
import { comparisonCsv } from './comparison.ts';

const names = { lang: 'en' as const, cityName: (id: string) => id, sectorName: (id: string) => id };

const park = (id: string, area_km2: number | null) =>
  ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [113, 22] },
    properties: {
      id, name_zh: id, name_en: id, city: 'shenzhen', kind: 'tech-park', sectors: [], precision_m: 600, source: 's', area_km2,
      profile: { organizations: { total: 3, catchment: 'radius', radius_km: 5 }, nearest_airport: null, nearest_container_port: null }
    }
  }) as unknown as ParkProfileFeature;
const rows = (csv: string) => Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;

describe('comparisonCsv', () => {
  test('without scores keeps the original columns', () => {
    expect(Object.keys(rows(comparisonCsv([park('a', 5)], names))[0])).not.toContain('suitability_score');
  });

  test('with scores adds the score, rank, settings and the sourced area, empty where unknown', () => {
    const scores = new Map([['a', { score: 71.5, rank: 1, settings: 'sector=drones' }]]);
    const [a, b] = rows(comparisonCsv([park('a', 5), park('b', null)], names, scores));
    expect(a).toMatchObject({ suitability_score: '71.5', suitability_rank: '1', suitability_settings: 'sector=drones', area_km2: '5' });
    expect(b).toMatchObject({ suitability_score: '', area_km2: '' });
  });
});
