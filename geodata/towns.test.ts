/**
 * Checks the current divisions: Dongguan's towns and subdistricts (boundaries/towns.geojson,
 * built by geodata/scripts/build-towns.ts) and Guangming District (boundaries/districts.geojson,
 * cut out of Bao'an by build-boundaries.ts).
 *
 * "No overlap, no gap" is measured as areas: the towns' areas must add up to the city's, and
 * their union must be the city, each to within AREA_TOLERANCE of the city's area.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { area, bbox, booleanPointInPolygon, difference, featureCollection, intersect, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

type Areal = Polygon | MultiPolygon;
type Props = Record<string, string | number>;

const GEODATA = fileURLToPath(new URL('.', import.meta.url));
const read = <G extends Areal | Point>(rel: string) => JSON.parse(readFileSync(join(GEODATA, rel), 'utf8')) as FeatureCollection<G, Props>;

const towns = read<Areal | Point>('boundaries/towns.geojson').features;
const cities = read<Areal>('boundaries/cities.geojson').features;
const districts = read<Areal>('boundaries/districts.geojson').features;
const nbs = JSON.parse(readFileSync(join(GEODATA, 'divisions', 'guangdong.json'), 'utf8')) as {
  towns: { code: string; name: string; parent: string }[];
};

/** Overlap or gap allowed, as a share of the city's area: 0.01 % ≈ 0.25 km² of Dongguan's 2,467 km². */
const AREA_TOLERANCE = 1e-4;

const city = (code: string) => cities.find((c) => c.properties.code === code) as Feature<Areal, Props>;
const dongguan = city('441900');
const polygons = towns.filter((t) => t.properties.level !== 'area') as Feature<Areal, Props>[];
const unionOf = (fs: Feature<Areal>[]) => union(featureCollection(fs)) as Feature<Areal>;

describe("Dongguan's towns and subdistricts", () => {
  const nbsTowns = nbs.towns.filter((t) => t.parent === '441900' && !t.code.startsWith('4419004'));

  it('has every town and subdistrict of the NBS 2023 list by code, once, with its official name', () => {
    expect(nbsTowns).toHaveLength(32);
    expect(polygons.map((t) => t.properties.code).sort()).toEqual(nbsTowns.map((t) => t.code).sort());
    for (const t of nbsTowns) {
      const f = polygons.find((p) => p.properties.code === t.code)!;
      expect(f.properties.name_zh).toBe(t.name);
      expect(f.properties.level).toBe(t.name.endsWith('街道') ? 'subdistrict' : 'town');
      expect(f.properties.city).toBe('dongguan');
    }
  });

  it('labels every unit in both languages', () => {
    for (const t of towns) {
      expect(t.properties.name_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(t.properties.name_en).toMatch(/^[A-Z][A-Za-z' -]+$/);
    }
    const en = (code: string) => towns.find((t) => t.properties.code === code)?.properties.name_en;
    expect(en('441900126')).toBe('Machong Town'); // 涌 read "chong" in delta place names
    expect(en('441900116')).toBe('Tangxia Town');
    expect(en('441900003')).toBe('Dongcheng Subdistrict');
  });

  it("covers the city outline exactly once: towns' areas add up to the city's, and their union is the city", () => {
    const cityArea = area(dongguan);
    const sum = polygons.reduce((s, t) => s + area(t), 0);
    expect(Math.abs(sum - cityArea) / cityArea).toBeLessThan(AREA_TOLERANCE);
    const all = unionOf(polygons);
    const gap = difference(featureCollection([dongguan, all]) as FeatureCollection<Areal>);
    const outside = difference(featureCollection([all, dongguan]) as FeatureCollection<Areal>);
    expect((gap ? area(gap) : 0) / cityArea).toBeLessThan(AREA_TOLERANCE);
    expect((outside ? area(outside) : 0) / cityArea).toBeLessThan(AREA_TOLERANCE);
  });

  it('has neighbours that do not overlap', () => {
    let overlap = 0;
    // Only pairs whose boxes meet can overlap: the other intersections (most of ~500) took ~10 s, 30 s at load 28.
    const boxes = polygons.map((p) => bbox(p));
    const boxesMeet = (a: number[], b: number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
    for (let i = 0; i < polygons.length; i++) {
      for (let j = i + 1; j < polygons.length; j++) {
        if (!boxesMeet(boxes[i], boxes[j])) continue;
        const x = intersect(featureCollection([polygons[i], polygons[j]]));
        if (x) overlap += area(x);
      }
    }
    expect(overlap / area(dongguan)).toBeLessThan(AREA_TOLERANCE);
  });

  it('draws Songshan Lake as an area over the towns and inside the city, and places Binhaiwan as a label point in the city', () => {
    const lake = towns.find((t) => t.properties.code === '441900401') as Feature<Areal, Props>;
    expect(lake.properties).toMatchObject({ level: 'area', name_zh: '松山湖', name_en: 'Songshan Lake' });
    expect(lake.geometry.type).toMatch(/Polygon/);
    const lakeArea = area(lake);
    expect(lakeArea / 1e6).toBeGreaterThan(40);
    const inside = intersect(featureCollection([lake, dongguan]));
    expect(inside && area(inside) / lakeArea).toBeGreaterThan(0.999);
    const binhaiwan = towns.find((t) => t.properties.code === '441900404') as Feature<Point, Props>;
    expect(binhaiwan.properties).toMatchObject({ level: 'area', name_zh: '东莞滨海湾新区' });
    expect(binhaiwan.geometry.type).toBe('Point');
    expect(booleanPointInPolygon(binhaiwan.geometry.coordinates, dongguan)).toBe(true);
    expect(String(binhaiwan.properties.location_note)).toMatch(/label only/);
  });

  it('says where every unit came from, in which datum, and how exact it is', () => {
    for (const t of towns) {
      expect(t.properties.source).toBeTruthy();
      expect(String(t.properties.source_url)).toMatch(/^https:\/\//);
      expect(t.properties.source_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['WGS-84', 'GCJ-02', 'BD-09']).toContain(t.properties.source_datum);
      expect(t.properties.precision_m).toBeGreaterThanOrEqual(250);
    }
    expect(polygons.every((t) => t.properties.source_datum === 'BD-09')).toBe(true);
  });
});

describe('Guangming District (2018)', () => {
  const of = (code: string) => districts.find((d) => d.properties.code === code) as Feature<Areal, Props>;

  it("is a district of Shenzhen, cut out of Bao'an: the two share an edge and do not overlap", () => {
    const guangming = of('440311');
    expect(guangming.properties).toMatchObject({ name_zh: '光明区', name_en: 'Guangming District', city: 'shenzhen', source_datum: 'GCJ-02' });
    // 155.44 km² officially; the source outline, clipped to the old Bao'an, gives ~156.
    expect(area(guangming) / 1e6).toBeGreaterThan(145);
    expect(area(guangming) / 1e6).toBeLessThan(165);
    const x = intersect(featureCollection([guangming, of('440306')]));
    expect(x ? area(x) : 0).toBeLessThan(1e4);
  });

  it("leaves Shenzhen's outline whole: its nine districts add up to the city", () => {
    const shenzhen = districts.filter((d) => d.properties.city === 'shenzhen');
    expect(shenzhen.map((d) => d.properties.code).sort()).toEqual(['440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311']);
    const cityArea = area(city('440300'));
    const sum = shenzhen.reduce((s, d) => s + area(d), 0);
    expect(Math.abs(sum - cityArea) / cityArea).toBeLessThan(AREA_TOLERANCE);
  });
});
