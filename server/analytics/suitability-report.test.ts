import { describe, expect, test } from 'vitest';
import { haversineKm } from '../geo/geodesy.ts';
import type { OrganizationFeature, TransportFeature } from '../schemas/places.ts';
import { organizationColumns } from '../catalog/organization-columns.ts';
import { ORGANIZATION_TYPES } from '../schemas/places.ts';
import { platformMembersOf, prepareSuitability as prepareFromColumns } from './suitability-prep.ts';
import { groupLocationQuotient, suitabilityReport, type SuitabilityPlace } from './suitability-report.ts';

const KM = 1 / 111.2; // ~1 km of latitude in degrees
const org = (id: string, lonLat: [number, number], type: string, sectors: string[], city = 'shenzhen', platform?: string): OrganizationFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: lonLat },
  properties: { id, name_zh: id, name_en: id, type: type as 'firm', city, sectors, precision_m: 100, source: 'test', source_date: '2026-11-29', ...(platform ? { platform: { platform, role: 'host' } } : {}) }
});
const SECTORS = ['drones', 'smart-home', 'voice-nlp', 'medical-ai'];
const airport: TransportFeature = { type: 'Feature', geometry: { type: 'Point', coordinates: [114, 22.5] }, properties: { id: 'airport-x', name_zh: '机场', name_en: 'Airport', kind: 'airport', city: 'shenzhen', precision_m: 100, source: 'test', source_date: '2026-11-29' } };
const A: SuitabilityPlace = { id: 'a', name_zh: 'A', name_en: 'A', city: 'shenzhen', lonLat: [114, 22.6], areaKm2: 5 };
const B: SuitabilityPlace = { id: 'b', name_zh: 'B', name_en: 'B', city: 'guangzhou', lonLat: [113.3, 23.1], areaKm2: null };
const weights = { organizations: 1, research: 1, platforms: 1, airport: 1, port: 1, specialisation: 1, area: 1 };
const request = { sectors: new Set(['drones']), radiusKm: 10, weights, region: ['shenzhen', 'guangzhou'] };

/** The preparation the worker makes, from these features as the server's columns. */
const prepareSuitability = (features: OrganizationFeature[], sectors: string[]) =>
  prepareFromColumns(organizationColumns(features, { cities: ['shenzhen', 'guangzhou'], sectors, kinds: [], types: ORGANIZATION_TYPES }), platformMembersOf(features));

function run(features: OrganizationFeature[], places = [A, B]) {
  return suitabilityReport(places, prepareSuitability(features, SECTORS), [airport], request);
}

describe('suitabilityReport', () => {
  test('weights organisations by quartic decay: 1 at the park, 0.5625 at half the radius, nothing beyond', () => {
    const r = run([org('at', A.lonLat, 'firm', ['drones']), org('half', [114, 22.6 + 5 * KM], 'firm', ['drones']), org('far', [114, 22.6 + 12 * KM], 'firm', ['drones']), org('other', A.lonLat, 'firm', ['smart-home'])]);
    const a = r.places.find((p) => p.id === 'a')!;
    expect(a.parts.find((p) => p.criterion === 'organizations')!.raw).toBeCloseTo(1 + 0.5625, 1);
    expect(a.organizations_within).toBe(2);
  });

  test('counts universities and labs of any sector, and platform members of the chosen sectors only', () => {
    const r = run([org('u', A.lonLat, 'university', ['smart-home']), org('l', A.lonLat, 'lab', []), org('host', A.lonLat, 'firm', ['drones'], 'shenzhen', 'autonomous-unmanned-systems'), org('voice', A.lonLat, 'firm', ['voice-nlp'], 'shenzhen', 'intelligent-voice')]);
    const a = r.places.find((p) => p.id === 'a')!;
    expect(a.parts.find((p) => p.criterion === 'research')!.raw).toBe(2);
    expect(a.parts.find((p) => p.criterion === 'platforms')!.raw).toBe(1);
  });

  test('measures the straight-line distance to the nearest airport', () => {
    const a = run([]).places.find((p) => p.id === 'a')!;
    expect(a.nearest_airport).toMatchObject({ id: 'airport-x' });
    expect(a.nearest_airport!.distance_km).toBeCloseTo(11.1, 0);
    expect(a.parts.find((p) => p.criterion === 'port')).toMatchObject({ raw: null, status: 'missing' });
  });

  test('an unpublished area stays missing in the report', () => {
    const b = run([org('x', A.lonLat, 'firm', ['drones'])]).places.find((p) => p.id === 'b')!;
    expect(b.parts.find((p) => p.criterion === 'area')).toMatchObject({ raw: null, status: 'missing' });
  });

  test('the cell grid finds exactly the organisations a brute-force distance scan finds, also for a dataset spread over the globe', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const features = Array.from({ length: 3000 }, (_, i) => org(`o${i}`, [113.3 + random() * 0.8, 22.5 + random() * 0.6], random() < 0.3 ? 'university' : 'firm', ['drones']));
    for (const far of [[], [org('far', [-70, -40], 'firm', ['drones'])]]) {
      const all = [...features, ...far];
      const places = [A, B, { ...A, id: 'c', lonLat: [113.7, 22.8] as [number, number] }];
      const report = suitabilityReport(places, prepareSuitability(all, SECTORS), [airport], request);
      for (const place of places) {
        const near = all.filter((f) => haversineKm(place.lonLat, f.geometry.coordinates) <= 10);
        const got = report.places.find((p) => p.id === place.id)!;
        expect(got.organizations_within).toBe(near.length);
        expect(got.parts.find((p) => p.criterion === 'research')!.raw).toBe(near.filter((f) => f.properties.type === 'university').length);
      }
    }
  });

  test('rejects a radius of 0 or beyond 100 km', () => {
    expect(() => suitabilityReport([A], prepareSuitability([], SECTORS), [], { ...request, radiusKm: 0 })).toThrow(RangeError);
    expect(() => suitabilityReport([A], prepareSuitability([], SECTORS), [], { ...request, radiusKm: 101 })).toThrow(RangeError);
  });
});

describe('groupLocationQuotient', () => {
  test('is the city share of the sector group over the region share, and null for a city without listings', () => {
    const prep = prepareSuitability([org('1', A.lonLat, 'firm', ['drones']), org('2', A.lonLat, 'firm', ['smart-home']), org('3', B.lonLat, 'firm', ['smart-home'], 'guangzhou'), org('4', B.lonLat, 'firm', ['smart-home'], 'guangzhou')], SECTORS);
    // Shenzhen: 1/2 drones; region: 1/4 → LQ 2. Guangzhou: 0.
    expect(groupLocationQuotient(prep.listings, 'shenzhen', new Set(['drones']), ['shenzhen', 'guangzhou'])).toBe(2);
    expect(groupLocationQuotient(prep.listings, 'guangzhou', new Set(['drones']), ['shenzhen', 'guangzhou'])).toBe(0);
    expect(groupLocationQuotient(prep.listings, 'zhuhai', new Set(['drones']), ['shenzhen', 'guangzhou'])).toBeNull();
  });
});
