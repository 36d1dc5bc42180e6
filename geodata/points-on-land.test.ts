/**
 * Every shipped park and organisation point lies on land by the basemap (its most detailed band),
 * or says in its `location_note` that it is at sea (the offshore test field).
 *
 * Points that are off land today without such a note are listed, with the reason, in
 * points-off-land.json: the list is what the curators still have to fix, and this test holds it
 * exactly — a point that moves onto land must leave the list, a new offender fails with its
 * distance to the coast.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, pointToPolygonDistance } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson';
import { describe, expect, it } from 'vitest';

const GEODATA = fileURLToPath(new URL('.', import.meta.url));
const read = <T>(file: string) => JSON.parse(readFileSync(join(GEODATA, file), 'utf8')) as T;

/** A note that explains why a point is in the water. */
const AT_SEA = /\bat sea\b/i;

interface OffLand {
  id: string;
  /** how far from the basemap's coast, metres */
  distanceM: number;
}

/** Points of `records` that are neither on `land` nor noted as at sea. */
export function pointsOffLand(records: Feature<Point | null>[], land: Feature<MultiPolygon>): OffLand[] {
  return records
    .filter((f): f is Feature<Point> => f.geometry?.type === 'Point')
    .filter((f) => !AT_SEA.test(String(f.properties?.location_note ?? '')))
    .filter((f) => !booleanPointInPolygon(f.geometry.coordinates, land))
    .map((f) => ({ id: String(f.properties?.id), distanceM: Math.round(pointToPolygonDistance(f.geometry.coordinates, land, { units: 'meters' })) }));
}

const landBands = read<FeatureCollection<MultiPolygon>>('basemap/land.geojson').features;
const land = landBands.reduce((a, b) => ((b.properties?.maxzoom ?? 0) > (a.properties?.maxzoom ?? 0) ? b : a));
const parks = read<FeatureCollection<Point | null>>('curated/parks.geojson').features;
const organizations = read<FeatureCollection<Point | null>>('curated/organizations.geojson').features;
const known = read<{ ids: Record<string, string> }>('points-off-land.json').ids;

describe('shipped points and the basemap coast', () => {
  it('puts every park and organisation on land, or says it is at sea, except the listed known offenders', () => {
    const off = pointsOffLand([...parks, ...organizations], land);
    const unexpected = off.filter((o) => !(o.id in known)).map((o) => `${o.id}: ${o.distanceM} m off the coast`);
    const fixed = Object.keys(known).filter((id) => !off.some((o) => o.id === id));
    expect(unexpected, 'in the water (move onto land, or note "at sea" in location_note)').toEqual([]);
    expect(fixed, 'now on land: remove from geodata/points-off-land.json').toEqual([]);
  });

  it('recognises the offshore test field by its note', () => {
    const field = parks.find((f) => f.properties?.id === 'zhuhai-offshore-test-field')!;
    expect(booleanPointInPolygon((field.geometry as Point).coordinates, land)).toBe(false);
    expect(pointsOffLand([field], land)).toEqual([]);
  });

  it('reports a point in the sea with its distance to the coast', () => {
    const inBay: Feature<Point> = { type: 'Feature', properties: { id: 'in-the-bay' }, geometry: { type: 'Point', coordinates: [113.95, 22.47] } };
    const [off] = pointsOffLand([inBay], land);
    expect(off.id).toBe('in-the-bay');
    expect(off.distanceM).toBeGreaterThan(100);
  });
});
