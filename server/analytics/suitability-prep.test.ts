import { describe, expect, test } from 'vitest';
import type { OrganizationFeature } from '../schemas/places.ts';
import { organizationColumns } from '../catalog/organization-columns.ts';
import { platformMembersOf, prepareSuitability } from './suitability-prep.ts';

const vocabulary = { cities: ['guangzhou', 'shenzhen'], sectors: ['drones', 'smart-home', 'voice-nlp'], kinds: [], types: ['firm', 'university'] };
const prepared = (features: OrganizationFeature[]) => prepareSuitability(organizationColumns(features, vocabulary), platformMembersOf(features));

const org = (id: string, lonLat: [number, number], sectors: string[], extra: Partial<OrganizationFeature['properties']> = {}): OrganizationFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: lonLat },
  properties: { id, name_zh: id, name_en: id, type: 'firm', city: 'shenzhen', sectors, precision_m: 100, source: 'test', source_date: '2026-11-29', ...extra }
});

describe('prepareSuitability', () => {
  const features = [
    org('a', [113.95, 22.55], ['drones']),
    org('b', [113.3, 23.1], ['voice-nlp'], { type: 'university', city: 'guangzhou', platform: { platform: 'intelligent-voice', role: 'partner' } }),
    org('c', [113.951, 22.551], ['drones', 'smart-home'])
  ];
  const prep = prepared(features);

  test('every organisation lands in exactly one cell, the cells in order', () => {
    const { cellStart } = prep.grid;
    expect(cellStart[0]).toBe(0);
    expect(cellStart[cellStart.length - 1]).toBe(3);
    for (let c = 1; c < cellStart.length; c++) expect(cellStart[c]).toBeGreaterThanOrEqual(cellStart[c - 1]);
  });

  test('keeps each point’s coordinates, sector bits and research flag together after sorting', () => {
    const k = [...prep.lon].findIndex((x) => x === 113.3);
    expect(prep.lat[k]).toBe(23.1);
    expect(prep.research[k]).toBe(1);
    expect(prep.sectorBits[k]).toBe(0b100);
    const c = [...prep.lon].findIndex((x) => x === 113.951);
    expect(prep.sectorBits[c]).toBe(0b011);
  });

  test('tallies listings per city and the plan-platform members with the sector each serves', () => {
    expect(Object.fromEntries(prep.listings.get('shenzhen')!)).toEqual({ drones: 2, 'smart-home': 1 });
    expect(prep.platformMembers).toEqual([{ lonLat: [113.3, 23.1], sector: 'voice-nlp' }]);
  });

  test('an empty dataset gives an empty grid', () => {
    const empty = prepared([]);
    expect(empty.lon).toHaveLength(0);
    expect(empty.grid.cellStart[empty.grid.cellStart.length - 1]).toBe(0);
  });
});
