import { join } from 'node:path';
import { bbox, booleanPointInPolygon, distance } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { Catalog } from '../catalog/catalog.ts';
import { idOfRow, organizationColumns, sectorsOfRow } from '../catalog/organization-columns.ts';
import { catchmentOfPark, type ProfileCatchment } from '../catalog/park-profile.ts';
import { readGeodata } from '../catalog/read-geodata.ts';
import type { OrganizationFeature } from '../schemas/places.ts';
import { profileCatchment } from './park-catchment.ts';
import { seededPositions } from './test-points.ts';

const catalog = new Catalog(readGeodata(join(import.meta.dirname, '..', '..', 'geodata')));
const { vocabulary } = catalog;
const areaPark = catalog.parks.find((p) => p.geometry.type !== 'Point')!;
const outline = areaPark.geometry as GeoJSON.Polygon;

/** Seeded organisations round every park, on the six-decimal grid imports use, plus one on each vertex of the area park's outline. */
function columnsRoundParks(count: number) {
  const boxes = catalog.parks.map((p): [number, number, number, number] => {
    const [x0, y0, x1, y1] = bbox(p.geometry);
    return [x0 - 0.06, y0 - 0.06, x1 + 0.06, y1 + 0.06];
  });
  const positions = boxes.flatMap((box, k) => seededPositions(Math.round(count / boxes.length), 11 + k, box)).map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]);
  positions.push(...outline.coordinates[0].slice(0, -1));
  const features = positions.map(([lon, lat], i): OrganizationFeature => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: {
      id: `s${i}`, name_zh: `s${i}`, name_en: `s${i}`, type: 'firm', city: vocabulary.cities[i % 3], precision_m: 100, source: 'seeded test data (synthetic)', source_date: '2026-11-30',
      sectors: Array.from({ length: 1 + (i % 3) }, (_, k) => vocabulary.sectors[(i * 7 + k * 5) % vocabulary.sectors.length]).filter((s, k, all) => all.indexOf(s) === k)
    } as OrganizationFeature['properties']
  }));
  return organizationColumns(features, vocabulary);
}

const columns = columnsRoundParks(30_000);

/** The catchment the slow, obvious way: every row tested with Turf, sectors read one list per organisation. */
function byEveryRow(around: [number, number] | GeoJSON.Polygon | GeoJSON.MultiPolygon, radiusKm: number, maxIds: number, accept = (_row: number) => true): ProfileCatchment {
  const rows: number[] = [];
  for (let row = 0; row < columns.size; row++) {
    const p = [columns.lon[row], columns.lat[row]];
    const inside = Array.isArray(around) ? distance(around, p, { units: 'kilometers' }) <= radiusKm : booleanPointInPolygon(p, around);
    if (inside && accept(row)) rows.push(row);
  }
  const bySector: Record<string, number> = {};
  for (const row of rows) for (const s of sectorsOfRow(columns, row)) bySector[s] = (bySector[s] ?? 0) + 1;
  return { total: rows.length, bySector, ids: rows.slice(0, maxIds).map((row) => idOfRow(columns, row)) };
}

describe('profileCatchment', () => {
  test.each(catalog.parks.map((p) => [p.properties.id, p] as const))('counts what testing every organisation with Turf counts (%s)', (_id, park) => {
    const { around, radiusKm } = catchmentOfPark(park);
    const found = profileCatchment(columns, around, radiusKm, 200);
    expect(found).toEqual(byEveryRow(around, radiusKm, 200));
    expect(found.total).toBeGreaterThan(0);
  });

  test('the area park holds its own outline\'s vertices (on the outline is inside, as in Turf)', () => {
    const vertexRows = new Set(outline.coordinates[0].slice(0, -1).map((_, k) => `s${columns.size - (outline.coordinates[0].length - 1) + k}`));
    const { ids } = profileCatchment(columns, outline, 0, columns.size);
    expect(ids.filter((id) => vertexRows.has(id))).toHaveLength(vertexRows.size);
  });

  test('keeps only the rows a filter accepts, and lists at most maxIds', () => {
    const { around, radiusKm } = catchmentOfPark(areaPark);
    const even = (row: number) => row % 2 === 0;
    const found = profileCatchment(columns, around, radiusKm, 5, even);
    expect(found).toEqual(byEveryRow(around, radiusKm, 5, even));
    expect(found.ids).toHaveLength(5);
  });
});
