import { distance } from '@turf/turf';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, test } from 'vitest';
import type { OrganizationFeature } from '../../server/schemas/places.ts';
import { ParkProfile, ParkProfileFeature } from '../../server/schemas/profile.ts';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = (url: string) => app().inject({ method: 'GET', url });
const SHENZHEN_BAY = 'shenzhen-bay-sci-tech-ecological-park';
const FOSHAN = 'foshan-chancheng-nanhai-shunde-innovation-cluster';

describe('GET /api/parks/{id} profile', () => {
  test('Shenzhen Bay: the organisations within 5 km, counted by sector', async () => {
    const park = (await get(`/api/parks/${SHENZHEN_BAY}`)).json();
    const { organizations, measured_from } = park.properties.profile;
    const all = (await get('/api/organizations')).json().features as OrganizationFeature[];
    const within = all.filter((f) => distance(measured_from, f.geometry.coordinates, { units: 'kilometers' }) <= 5);
    expect(organizations).toMatchObject({ catchment: 'radius', radius_km: 5, total: within.length });
    expect(organizations.ids).toEqual(expect.arrayContaining(['tencent']));
    expect(organizations.ids).toHaveLength(within.length);
    const drones = within.filter((f) => f.properties.sectors.includes('drones')).length;
    expect(organizations.by_sector.find((s: { sector: string }) => s.sector === 'drones')?.count ?? 0).toBe(drones);
    expect(organizations.by_sector[0]).toMatchObject({ name_zh: expect.any(String), name_en: expect.any(String) });
  });

  test('Shenzhen Bay: nearest airport is Bao\'an and nearest container port is in Shenzhen, with distances in km', async () => {
    const { profile } = (await get(`/api/parks/${SHENZHEN_BAY}`)).json().properties;
    expect(profile.nearest_airport).toMatchObject({ iata: 'SZX', name_zh: '深圳宝安国际机场' });
    expect(profile.nearest_airport.distance_km).toBeGreaterThan(10);
    expect(profile.nearest_airport.distance_km).toBeLessThan(30);
    expect(profile.nearest_container_port.distance_km).toBeLessThan(profile.nearest_airport.distance_km);
    expect(profile.nearest_container_port.name_en).toMatch(/Shenzhen/);
  });

  test('Shenzhen Bay lies in Nanshan district', async () => {
    const { profile } = (await get(`/api/parks/${SHENZHEN_BAY}`)).json().properties;
    expect(profile.districts).toEqual([expect.objectContaining({ name_zh: '南山区', city: 'shenzhen' })]);
  });

  test('the Foshan cluster counts the organisations inside its three districts', async () => {
    const { profile } = (await get(`/api/parks/${FOSHAN}`)).json().properties;
    expect(profile.districts.map((d: { name_zh: string }) => d.name_zh).sort()).toEqual(['南海区', '禅城区', '顺德区'].sort());
    expect(profile.organizations).toMatchObject({ catchment: 'inside', radius_km: 0 });
    expect(profile.organizations.ids).toContain('midea');
    const all = (await get('/api/organizations?city=foshan')).json().features as OrganizationFeature[];
    expect(profile.organizations.total).toBeLessThanOrEqual(all.length);
  });

  test('every park has a profile that matches its schema', async () => {
    const parks = (await get('/api/parks')).json().features;
    for (const p of parks) {
      const res = await get(`/api/parks/${p.properties.id}`);
      expect(res.statusCode).toBe(200);
      const feature = res.json();
      // The serializer does not check minimum/maximum: the schema is checked here, so a negative count fails.
      expect([...Value.Errors(ParkProfileFeature, feature)].map((e) => `${e.path}: ${e.message}`), p.properties.id).toEqual([]);
      const { organizations, nearest_airport } = feature.properties.profile;
      expect(nearest_airport).not.toBeNull();
      expect(organizations.ids).toHaveLength(Math.min(organizations.total, 200));
      // Each organisation lists at least one sector, so the sector counts add up to at least the total.
      expect(organizations.by_sector.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBeGreaterThanOrEqual(organizations.total);
    }
  });

  test('the schema check refuses a negative count', () => {
    const profile = { measured_from: [113.9, 22.5], organizations: { catchment: 'radius', radius_km: 5, total: -1, by_sector: [], ids: [] }, nearest_airport: null, nearest_container_port: null, districts: [] };
    expect(Value.Check(ParkProfile, profile)).toBe(false);
    expect(Value.Check(ParkProfile, { ...profile, organizations: { ...profile.organizations, total: 0 } })).toBe(true);
  });

  test('answers 404 naming an unknown id', async () => {
    const res = await get('/api/parks/atlantis');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('atlantis');
  });
});
