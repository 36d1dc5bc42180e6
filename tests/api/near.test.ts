import { distance } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { useApp } from '../helpers/app.ts';

const app = useApp();
const get = async (url: string) => app().inject({ method: 'GET', url });

// Shenzhen Bay Science & Technology Ecological Park, roughly.
const CENTRE: [number, number] = [113.95, 22.53];

describe('the "within N km of a point" filter', () => {
  test('keeps exactly the organisations within the radius, by great-circle distance', async () => {
    const all = (await get('/api/organizations?limit=5000')).json().features as { properties: { id: string }; geometry: { coordinates: [number, number] } }[];
    const within = all.filter((f) => distance(CENTRE, f.geometry.coordinates, { units: 'kilometers' }) <= 8).map((f) => f.properties.id).sort();
    const res = await get(`/api/organizations?near=${CENTRE.join(',')},8&limit=5000`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().features.map((f: { properties: { id: string } }) => f.properties.id).sort();
    expect(within.length).toBeGreaterThan(0);
    expect(within.length).toBeLessThan(all.length);
    expect(ids).toEqual(within);
  });

  test('combines with the other filters', async () => {
    const body = (await get(`/api/organizations?near=${CENTRE.join(',')},30&type=university&limit=5000`)).json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.features.every((f: { properties: { type: string } }) => f.properties.type === 'university')).toBe(true);
  });

  test('applies to parks too: an area park counts when the circle reaches its edge', async () => {
    const near = (await get(`/api/parks?near=${CENTRE.join(',')},3`)).json();
    expect(near.features.map((f: { properties: { id: string } }) => f.properties.id)).toContain('shenzhen-bay-sci-tech-ecological-park');
    // Foshan's cluster is three whole districts: a point inside Nanhai is 0 km from it.
    const foshan = (await get('/api/parks?near=113.1,23.05,0.5')).json();
    expect(foshan.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(['foshan-chancheng-nanhai-shunde-innovation-cluster']);
  });

  test('carries into the organisation tiles’ TileJSON', async () => {
    const tj = (await get(`/tiles/organizations.json?near=${CENTRE.join(',')},8`)).json();
    expect(tj.tiles[0]).toContain(`near=${CENTRE.join(',')},8`);
  });

  test.each([
    ['113.9,22.5', 'three numbers'],
    ['113.9,22.5,abc', 'three numbers'],
    ['200,22.5,5', 'lon must be'],
    ['113.9,22.5,0', 'radiusKm must be > 0'],
    ['113.9,22.5,9999', 'radiusKm must be > 0']
  ])('rejects near=%s with a 400 naming near', async (value, words) => {
    const res = await get(`/api/organizations?near=${value}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ parameter: 'near' });
    expect(res.json().message).toContain(words);
  });
});
