/**
 * Placement checks for the curated points (issue 17): every point says how it was placed and from what,
 * no two records silently share a spot, every point lies in its stated city and district, names are unique,
 * and each focus city has enough records for its numbers to mean something.
 * Run: npx vitest run --project unit geodata/curated-placement.test.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import distance from '@turf/distance';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

const GEODATA = dirname(fileURLToPath(import.meta.url));
type Props = Record<string, unknown>;
const read = <G extends Point | Polygon | MultiPolygon | null>(path: string) =>
  JSON.parse(readFileSync(join(GEODATA, path), 'utf8')) as FeatureCollection<G, Props>;

const orgs = read<Point>('curated/organizations.geojson').features;
const parks = read<Point | null>('curated/parks.geojson').features;
const context = read<Point | null>('curated/context.geojson').features;
/** Context records drawn as a point (a zone made of whole districts has none in the file; the catalog fills its outline). */
const contextPoints = context.filter((f) => f.geometry !== null) as { properties: Props; geometry: Point }[];
const cities = read<Polygon | MultiPolygon>('boundaries/cities.geojson').features;
const districts = read<Polygon | MultiPolygon>('boundaries/districts.geojson').features;

const FOCUS_CITIES = ['guangzhou', 'shenzhen', 'zhuhai', 'dongguan', 'foshan'];
/**
 * Issue 17's floors: at least 20 organisations in each focus city and 200 in all. An organisation with
 * several sites (one `organization_id`) counts once in all and once in each city it has a site in.
 */
const MIN_PER_CITY = 20;
const MIN_TOTAL = 200;
/** Points closer than this are "the same spot" for the stacking check (the data has 5 decimals, ~1 m). */
const SAME_SPOT_M = 25;
/** A point placed without a source can be no tighter than this. */
const UNVERIFIED_MIN_PRECISION_M = 2000;
/**
 * Records whose stated district is not the polygon they fall in, and why (the district polygons predate
 * some changes of administration).
 */
const DISTRICT_EXCEPTIONS: Record<string, string> = {
  weride: 'Guangzhou International Biotech Island lies in the Haizhu polygon but is administered by Huangpu',
  'kingmed-diagnostics': 'Guangzhou International Biotech Island lies in the Haizhu polygon but is administered by Huangpu'
};

const id = (p: Props) => String(p.id);
const placed = [...orgs, ...contextPoints, ...parks.filter((f) => f.geometry !== null)] as { properties: Props; geometry: Point }[];

describe('how each point was placed', () => {
  it('every organisation and context record states its basis, the datum its coordinate came in, a precision and an as-of date', () => {
    for (const f of [...orgs, ...context]) {
      const p = f.properties;
      expect(['source-coordinates', 'source-address', 'curator-unverified'], id(p)).toContain(p.location_basis);
      expect(['WGS-84', 'GCJ-02', 'BD-09', 'none'], id(p)).toContain(p.source_datum);
      expect(typeof p.precision_m === 'number' && (p.precision_m as number) > 0, id(p)).toBe(true);
      expect(String(p.as_of), id(p)).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(String(p.location_kind ?? '').length, id(p)).toBeGreaterThan(0);
    }
  });

  it('a point taken from a source cites it by URL; a point placed by hand from an address has no source datum', () => {
    for (const f of [...orgs, ...context]) {
      const p = f.properties;
      if (p.location_basis === 'curator-unverified') continue;
      expect(String(p.source_url), id(p)).toMatch(/^https?:\/\//);
      if (p.location_basis === 'source-address') expect(p.source_datum, id(p)).toBe('none');
      if (p.location_basis === 'source-coordinates') expect(p.source_datum, id(p)).not.toBe('none');
    }
  });

  it('an unverified point says so in its source and keeps a wide precision', () => {
    for (const f of orgs.filter((x) => x.properties.location_basis === 'curator-unverified')) {
      expect(String(f.properties.source), id(f.properties)).toMatch(/unverified/);
      expect(f.properties.precision_m as number, id(f.properties)).toBeGreaterThanOrEqual(UNVERIFIED_MIN_PRECISION_M);
    }
  });

});

describe('how each park was placed', () => {
  const pointParks = parks.filter((f) => f.geometry !== null);
  const districtSets = parks.filter((f) => f.geometry === null);

  it('every park states its basis, what its point is, the datum its coordinates came in, a precision and an as-of date', () => {
    expect(parks.length).toBe(12);
    for (const f of parks) {
      const p = f.properties;
      expect(['source-coordinates', 'source-address', 'curator-unverified'], id(p)).toContain(p.location_basis);
      expect(['WGS-84', 'GCJ-02', 'BD-09', 'none'], id(p)).toContain(p.source_datum);
      expect(typeof p.precision_m === 'number' && (p.precision_m as number) > 0, id(p)).toBe(true);
      expect(String(p.as_of), id(p)).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(String(p.location_kind ?? '').length, id(p)).toBeGreaterThan(0);
      expect(String(p.location_note ?? '').length && String(p.location_note_zh ?? '').length, id(p)).toBeGreaterThan(0);
    }
  });

  it('a park point taken from a source cites it by URL; one placed by hand from a described site has no source datum', () => {
    for (const f of pointParks) {
      const p = f.properties;
      if (p.location_basis === 'curator-unverified') continue;
      expect(String(p.source_url), id(p)).toMatch(/^https?:\/\//);
      if (p.location_basis === 'source-address') expect(p.source_datum, id(p)).toBe('none');
      if (p.location_basis === 'source-coordinates') expect(p.source_datum, id(p)).not.toBe('none');
    }
  });

  it('a park made of whole districts cites the plan text it ships with and the datum of the outlines', () => {
    expect(districtSets.length).toBeGreaterThan(0);
    for (const f of districtSets) {
      const p = f.properties;
      expect(p.location_basis, id(p)).toBe('source-address');
      expect(p.source_datum, id(p)).not.toBe('none');
      const shipped = String(p.source).match(/geodata\/sources\/[\w.-]+\.txt/)?.[0];
      expect(shipped && existsSync(join(GEODATA, '..', shipped)), `${id(p)} cites ${String(shipped)}`).toBe(true);
    }
  });

  it('an unverified park says so, keeps a wide precision and says in its note what was searched', () => {
    for (const f of parks.filter((x) => x.properties.location_basis === 'curator-unverified')) {
      const p = f.properties;
      expect(String(p.source), id(p)).toMatch(/unverified/);
      expect(p.precision_m as number, id(p)).toBeGreaterThanOrEqual(UNVERIFIED_MIN_PRECISION_M);
      expect(String(p.location_note), id(p)).toMatch(/Searched on \d{4}-\d{2}-\d{2}/);
    }
  });

  it('every park point on land lies inside its stated district, where the boundaries have one', () => {
    const wrong: string[] = [];
    for (const f of pointParks.filter((x) => x.properties.kind !== 'test-field')) {
      const p = f.properties;
      const own = districts.filter((d) => d.properties.city === p.city && d.properties.name_zh === p.district);
      if (own.length > 0 && !own.some((d) => booleanPointInPolygon(f.geometry as Point, d))) wrong.push(`${id(p)} (${String(p.district)})`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('attributes that can change', () => {
  it('high_tech_enterprise is true only with a cited list, unknown (null) for other firms and false for non-firms', () => {
    for (const f of orgs) {
      const p = f.properties;
      if (p.high_tech_enterprise === true) expect(String(p.high_tech_source_url), id(p)).toMatch(/^https?:\/\//);
      else if (p.type === 'firm') expect(p.high_tech_enterprise, id(p)).toBeNull();
      else expect(p.high_tech_enterprise, id(p)).toBe(false);
    }
  });

  it('established, where given, is a plausible year', () => {
    for (const f of orgs) {
      const y = f.properties.established;
      if (y !== undefined) expect(Number.isInteger(y) && (y as number) >= 1800 && (y as number) <= 2026, id(f.properties)).toBe(true);
    }
  });

  it('established, where given, cites the page that states it', () => {
    const unsourced = orgs.filter((f) => f.properties.established !== undefined && !/^https?:\/\//.test(String(f.properties.established_source_url)));
    expect(unsourced.map((f) => id(f.properties))).toEqual([]);
  });

  it('sites of one organisation share an organization_id, each says its role, and no two sit at the same spot', () => {
    const groups = new Map<string, typeof orgs>();
    for (const f of orgs.filter((x) => x.properties.organization_id !== undefined)) {
      const key = String(f.properties.organization_id);
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const [org, sites] of groups) {
      expect(sites.length, org).toBeGreaterThanOrEqual(2);
      for (const s of sites) expect(String(s.properties.site_role ?? '').length, id(s.properties)).toBeGreaterThan(0);
      for (let i = 0; i < sites.length; i++)
        for (let j = i + 1; j < sites.length; j++)
          expect(distance(sites[i].geometry, sites[j].geometry, { units: 'meters' }), `${org}: ${id(sites[i].properties)} / ${id(sites[j].properties)}`).toBeGreaterThan(SAME_SPOT_M);
    }
  });
});

describe('stacked points', () => {
  it('two records within 25 m of each other both declare the other in co_located_with, with a note', () => {
    const undeclared: string[] = [];
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const [a, b] = [placed[i].properties, placed[j].properties];
        if (distance(placed[i].geometry, placed[j].geometry, { units: 'meters' }) > SAME_SPOT_M) continue;
        const declares = (x: Props, y: Props) => Array.isArray(x.co_located_with) && (x.co_located_with as string[]).includes(id(y));
        const isOrgOrContext = (x: Props) => x.kind === undefined || x.context === true;
        const ok = (!isOrgOrContext(a) || declares(a, b)) && (!isOrgOrContext(b) || declares(b, a)) && (declares(a, b) || declares(b, a));
        if (!ok) undeclared.push(`${id(a)} / ${id(b)}`);
      }
    expect(undeclared).toEqual([]);
  });

  it('every co_located_with names an existing record and comes with a location note', () => {
    const ids = new Set(placed.map((f) => id(f.properties)));
    for (const f of [...orgs, ...context]) {
      const co = f.properties.co_located_with as string[] | undefined;
      if (!co) continue;
      for (const other of co) expect(ids.has(other), `${id(f.properties)} → ${other}`).toBe(true);
      expect(String(f.properties.location_note ?? '').length, id(f.properties)).toBeGreaterThan(0);
    }
  });
});

describe('inside the stated city and district', () => {
  const cityById = new Map(cities.map((c) => [String(c.properties.id), c]));

  /** Context records whose point lies outside their city's outline, and why. */
  const CONTEXT_CITY_EXCEPTIONS: Record<string, string> = {
    'university-of-macau': "The campus is on Hengqin island (Zhuhai's outline), on land leased to Macau and under Macau's jurisdiction"
  };

  it('every Hong Kong / Macau context point lies inside Hong Kong or Macau (the University of Macau campus on Hengqin is the one listed exception)', () => {
    for (const f of context.filter((x) => x.properties.kind !== 'cooperation-zone')) {
      const p = f.properties;
      expect(p.context, id(p)).toBe(true);
      expect(['hongkong', 'macau'], id(p)).toContain(p.city);
      const inside = f.geometry !== null && booleanPointInPolygon(f.geometry, cityById.get(String(p.city))!);
      if (id(p) in CONTEXT_CITY_EXCEPTIONS) {
        expect(inside, `${id(p)} is listed as an exception but lies inside its city`).toBe(false);
        expect(String(p.location_note), id(p)).toMatch(/jurisdiction/);
      } else expect(inside, id(p)).toBe(true);
    }
  });

  it('every cooperation zone lies in the focus city it states (its point, or its districts), and its note says so', () => {
    const zones = context.filter((x) => x.properties.kind === 'cooperation-zone');
    expect(zones.map((f) => id(f.properties)).sort()).toEqual(
      ['hengqin-cooperation-zone', 'hetao-cooperation-zone-shenzhen-park', 'nansha-cooperation-zone', 'qianhai-cooperation-zone']
    );
    for (const f of zones) {
      const p = f.properties;
      expect(p.context, id(p)).toBe(true);
      expect(FOCUS_CITIES, id(p)).toContain(p.city);
      const cityName = String(cityById.get(String(p.city))!.properties.name_en);
      expect(String(p.location_note), id(p)).toContain(`inside ${cityName}`);
      if (f.geometry === null) {
        expect(p.geometry_kind, id(p)).toBe('districts');
        const codes = p.districts as string[];
        expect(codes.length, id(p)).toBeGreaterThan(0);
        for (const code of codes) expect(districts.find((d) => d.properties.code === code)?.properties.city, `${id(p)} ${code}`).toBe(p.city);
      } else expect(booleanPointInPolygon(f.geometry, cityById.get(String(p.city))!), id(p)).toBe(true);
    }
  });

  it('every cooperation zone names the plan that set it, its year and its area, and every stated AI activity cites its page in both languages', () => {
    for (const f of context) {
      const p = f.properties;
      if (p.kind === 'cooperation-zone') {
        expect(String(p.zone_plan_zh), id(p)).toMatch(/^《.+》$/);
        expect(String(p.zone_plan_en ?? '').length, id(p)).toBeGreaterThan(0);
        expect(p.zone_plan_year as number, id(p)).toBeGreaterThanOrEqual(2010);
        expect(p.area_km2 as number, id(p)).toBeGreaterThan(0);
      }
      if (p.ai_activity !== undefined) {
        expect(String(p.ai_activity_zh ?? '').length, id(p)).toBeGreaterThan(0);
        expect(String(p.ai_activity_source_url), id(p)).toMatch(/^https?:\/\//);
      }
      if (p.established !== undefined) expect(String(p.established_source_url), id(p)).toMatch(/^https?:\/\//);
    }
  });

  it('a cooperation zone drawn as a point has a precision that covers its stated area', () => {
    for (const f of contextPoints.filter((x) => x.properties.kind === 'cooperation-zone')) {
      const radiusOfArea = Math.sqrt(((f.properties.area_km2 as number) * 1e6) / Math.PI);
      expect(f.properties.precision_m as number, id(f.properties)).toBeGreaterThanOrEqual(radiusOfArea);
    }
  });

  it('every organisation lies inside the polygon of its stated district, where the boundaries have one', () => {
    const wrong: string[] = [];
    for (const f of orgs) {
      const p = f.properties;
      const own = districts.filter((d) => d.properties.city === p.city && d.properties.name_zh === p.district);
      if (own.length === 0) continue; // Dongguan towns and 光明区 have no polygon; checked below
      if (own.some((d) => booleanPointInPolygon(f.geometry, d))) continue;
      if (!(id(p) in DISTRICT_EXCEPTIONS)) wrong.push(`${id(p)} (${String(p.district)})`);
    }
    expect(wrong).toEqual([]);
  });

  it('a district without a polygon is a Dongguan town or zone, or 光明区 (created 2018, after the outlines)', () => {
    for (const f of orgs) {
      const p = f.properties;
      if (districts.some((d) => d.properties.city === p.city && d.properties.name_zh === p.district)) continue;
      expect(p.city === 'dongguan' || p.district === '光明区', `${id(p)} ${String(p.district)}`).toBe(true);
    }
  });
});

describe('names and counts', () => {
  it('no two records share a Chinese or an English name', () => {
    for (const key of ['name_zh', 'name_en']) {
      const names = [...orgs, ...context, ...parks].map((f) => String(f.properties[key]));
      expect(names.filter((n, i) => names.indexOf(n) !== i), key).toEqual([]);
    }
  });

  const organization = (f: (typeof orgs)[number]) => String(f.properties.organization_id ?? id(f.properties));
  const organizationsIn = (city?: string) => new Set(orgs.filter((f) => !city || f.properties.city === city).map(organization)).size;

  it(`each focus city has at least ${MIN_PER_CITY} organisations (sites of one organisation count once)`, () => {
    for (const c of FOCUS_CITIES) expect(organizationsIn(c), c).toBeGreaterThanOrEqual(MIN_PER_CITY);
  });

  it(`at least ${MIN_TOTAL} organisations in all (sites of one organisation count once)`, () => {
    expect(organizationsIn()).toBeGreaterThanOrEqual(MIN_TOTAL);
  });

  it('no organisation shares an id or a coordinate with a Hong Kong / Macau context record', () => {
    const contextIds = new Set(context.map((f) => id(f.properties)));
    const contextSpots = new Set(contextPoints.map((f) => f.geometry.coordinates.join(',')));
    for (const f of orgs) {
      expect(contextIds.has(id(f.properties)), id(f.properties)).toBe(false);
      expect(contextSpots.has(f.geometry.coordinates.join(',')), id(f.properties)).toBe(false);
    }
  });
});
