import { expect, test } from 'vitest';
import type { OrganizationFeature } from '../schemas/places.ts';
import { sectorHotSpotCities } from './sector-hotspots.ts';
import { seededUniform } from './seeded-random.ts';
import { StudyArea } from './study-area.ts';

const square = (x0: number, y0: number, x1: number, y1: number): GeoJSON.Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const org = (i: number, lon: number, lat: number, city: string, sector: string) =>
  ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { id: `o${i}`, city, sectors: [sector], precision_m: 10 } }) as unknown as OrganizationFeature;

test("a sector packed into one city's corner is a hot spot there and nowhere else; a scattered one has none", () => {
  // Two cities side by side, 0.4° × 0.4° each, all land.
  const area = new StudyArea(['east', 'west'], [square(113, 23, 113.4, 23.4), square(113.4, 23, 113.8, 23.4)], [square(112, 22, 115, 25)]);
  const random = seededUniform(4);
  const records: OrganizationFeature[] = [];
  for (let i = 0; i < 300; i++) {
    const lon = 113 + random() * 0.8, lat = 23 + random() * 0.4;
    records.push(org(i, lon, lat, lon < 113.4 ? 'east' : 'west', 'scattered'));
  }
  for (let i = 0; i < 80; i++) records.push(org(1000 + i, 113.05 + random() * 0.03, 23.05 + random() * 0.03, 'east', 'packed'));
  const hot = sectorHotSpotCities(records, area, ['packed', 'scattered']);
  expect([...hot.get('packed')!]).toEqual(['east']);
  expect(hot.get('scattered')!.size).toBe(0);
});
