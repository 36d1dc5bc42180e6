/**
 * Checks the committed boundary and basemap layers written by geodata/scripts/build-boundaries.ts.
 *
 * The validators are small pure functions; the last block feeds them deliberately broken
 * geometries so that a validator that silently accepts everything cannot go unnoticed.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { area, booleanClockwise, booleanPointInPolygon, centerOfMass, kinks, pointOnFeature, polygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

type Areal = Polygon | MultiPolygon;

const GEODATA = fileURLToPath(new URL('.', import.meta.url));
const FILES = {
  cities: join(GEODATA, 'boundaries', 'cities.geojson'),
  districts: join(GEODATA, 'boundaries', 'districts.geojson'),
  land: join(GEODATA, 'basemap', 'land.geojson'),
};
const REGION_BBOX = [111.35, 21.45, 115.45, 24.4];

/** CONVENTIONS.tmp.md: city ids and GB/T 2260 codes. */
const EXPECTED_CITIES: Record<string, string> = {
  guangzhou: '440100',
  shenzhen: '440300',
  zhuhai: '440400',
  foshan: '440600',
  dongguan: '441900',
  zhongshan: '442000',
  jiangmen: '440700',
  huizhou: '441300',
  zhaoqing: '441200',
  qingyuan: '441800',
  hongkong: '810000',
  macau: '820000',
};
const FOCUS = ['guangzhou', 'shenzhen', 'zhuhai', 'foshan', 'dongguan'];
/** Prefecture-level cities without county-level districts (towns report to the city directly). */
const NO_DISTRICTS = ['dongguan', 'zhongshan'];

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Areal>;

// ------------------------------------------------------------------------------------------
// Validators: each returns a list of problems (empty = valid)
// ------------------------------------------------------------------------------------------

const polygonsOf = (g: Areal): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** RFC 7946 §3.1.6: closed rings of ≥ 4 positions, outer rings CCW, holes CW; no empty geometry. */
export function ringProblems(g: Areal | null | undefined): string[] {
  const type = (g as { type?: string } | null | undefined)?.type;
  if (!g || (type !== 'Polygon' && type !== 'MultiPolygon')) return [`not a (Multi)Polygon: ${type}`];
  const polys = polygonsOf(g);
  if (polys.length === 0) return ['empty geometry'];
  const problems: string[] = [];
  polys.forEach((rings, p) => {
    if (rings.length === 0) problems.push(`polygon ${p}: no rings`);
    rings.forEach((ring, r) => {
      const where = `polygon ${p} ring ${r}`;
      if (ring.length < 4) return problems.push(`${where}: ${ring.length} positions`);
      const [first, last] = [ring[0], ring[ring.length - 1]];
      if (first[0] !== last[0] || first[1] !== last[1]) return problems.push(`${where}: not closed`);
      const clockwise = booleanClockwise(ring);
      if (r === 0 && clockwise) problems.push(`${where}: outer ring is clockwise`);
      if (r > 0 && !clockwise) problems.push(`${where}: hole is counter-clockwise`);
    });
  });
  return problems;
}

/**
 * Self-intersections, via @turf/kinks. Kinks also reports two rings of one feature meeting at
 * a single shared vertex (an island touching the mainland at a point, a hole touching its
 * shell), which is valid in OGC Simple Features and RFC 7946; such a point is accepted only
 * if it is a vertex of exactly two different rings that touch there without crossing.
 */
export function kinkProblems(g: Areal): string[] {
  const rings = polygonsOf(g).flat();
  const problems = new Set<string>();
  for (const k of kinks(g).features) {
    const p = k.geometry.coordinates;
    if (!isVertexTouch(p, rings)) problems.add(`self-intersection at ${p.join(',')}`);
  }
  return [...problems];
}

const same = (a: Position, b: Position) => Math.abs(a[0] - b[0]) < 1e-9 && Math.abs(a[1] - b[1]) < 1e-9;

function isVertexTouch(p: Position, rings: Position[][]): boolean {
  const hits: { ring: Position[]; i: number; r: number }[] = [];
  rings.forEach((ring, r) => ring.slice(0, -1).forEach((q, i) => same(p, q) && hits.push({ ring, i, r })));
  if (hits.length !== 2 || hits[0].r === hits[1].r) return false;
  // Directions of the two edges leaving the vertex along each ring; the rings cross iff
  // ring B's two edges fall on different sides of ring A's pair (interleaved angles).
  const dirs = hits.map(({ ring, i }) => {
    const n = ring.length - 1;
    const [prev, next] = [ring[(i - 1 + n) % n], ring[(i + 1) % n]];
    return [prev, next].map((q) => Math.atan2(q[1] - p[1], q[0] - p[0]));
  });
  const turn = (x: number) => ((x % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  const inArc = (x: number, [from, to]: number[]) => turn(x - from) < turn(to - from);
  return inArc(dirs[1][0], dirs[0]) === inArc(dirs[1][1], dirs[0]);
}

/** ≤ 5 decimals and inside the region bbox. */
export function coordinateProblems(g: Areal): string[] {
  const problems: string[] = [];
  const [w, s, e, n] = REGION_BBOX;
  for (const ring of polygonsOf(g).flat()) {
    for (const [x, y] of ring) {
      if (Math.abs(x * 1e5 - Math.round(x * 1e5)) > 1e-6 || Math.abs(y * 1e5 - Math.round(y * 1e5)) > 1e-6) {
        problems.push(`more than 5 decimals: ${x},${y}`);
      }
      if (x < w || x > e || y < s || y > n) problems.push(`outside the region bbox: ${x},${y}`);
      if (problems.length > 5) return problems;
    }
  }
  return problems;
}

const allGeometryProblems = (f: Feature<Areal>) => {
  const rings = ringProblems(f.geometry);
  // Kinks and coordinates only make sense on structurally sound rings.
  return rings.length ? rings : [...kinkProblems(f.geometry), ...coordinateProblems(f.geometry)];
};

/**
 * A point that represents the district: the centre of mass of its largest part (so an island
 * archipelago does not put it out at sea), or a guaranteed interior point when that centre
 * falls outside a concave part.
 */
export function representativePoint(f: Feature<Areal>): Position {
  const largest = polygonsOf(f.geometry)
    .map((rings) => polygon(rings))
    .reduce((a, b) => (area(b) > area(a) ? b : a));
  const c = centerOfMass(largest);
  return booleanPointInPolygon(c, largest) ? c.geometry.coordinates : pointOnFeature(largest).geometry.coordinates;
}

// ------------------------------------------------------------------------------------------
// The committed data
// ------------------------------------------------------------------------------------------

const cities = read(FILES.cities);
const districts = read(FILES.districts);
const land = read(FILES.land);
const layers = { cities, districts, land };

describe.each(Object.entries(layers))('%s.geojson geometry', (_name, fc) => {
  it('is a non-empty FeatureCollection', () => {
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
  });

  it('has valid RFC 7946 polygons (closed, CCW outer / CW holes, no kinks, ≤ 5 decimals, in bbox)', () => {
    const problems = fc.features.flatMap((f) =>
      allGeometryProblems(f).map((p) => `${f.properties?.id} ${f.properties?.name_en ?? ''}: ${p}`),
    );
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('has unique ids and provenance on every feature', () => {
    const ids = fc.features.map((f) => f.properties?.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of fc.features) {
      expect(typeof f.properties?.id, 'id').toBe('string');
      expect(f.properties?.source, `${f.properties?.id} source`).toBeTruthy();
      expect(f.properties?.source_date, `${f.properties?.id} source_date`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(f.properties?.precision_m, `${f.properties?.id} precision_m`).toBeGreaterThan(0);
    }
  });
});

describe('cities.geojson', () => {
  it('has exactly the 12 cities of the conventions with their GB/T 2260 codes', () => {
    const got = Object.fromEntries(cities.features.map((f) => [f.properties?.id, f.properties?.code]));
    expect(got).toEqual(EXPECTED_CITIES);
  });

  it('marks the five focus cities', () => {
    const focus = cities.features.filter((f) => f.properties?.focus === true).map((f) => f.properties?.id);
    expect(focus.sort()).toEqual([...FOCUS].sort());
    for (const f of cities.features) expect(typeof f.properties?.focus).toBe('boolean');
  });

  it('has both names', () => {
    for (const f of cities.features) {
      expect(f.properties?.name_zh, f.properties?.id).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(f.properties?.name_en, f.properties?.id).toMatch(/^[A-Z][A-Za-z ]+$/);
    }
  });
});

describe('districts.geojson', () => {
  const cityById = new Map(cities.features.map((f) => [f.properties?.id as string, f]));

  it('uses the GB code as id and code, and has both names', () => {
    for (const f of districts.features) {
      const p = f.properties!;
      expect(p.id, p.name_zh).toMatch(/^\d{6}$/);
      expect(p.code).toBe(p.id);
      expect(p.name_zh, p.id).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(p.name_en, p.id).toMatch(/^[A-Z][\p{L}'. ()]+$/u);
    }
  });

  it('belongs to an existing city whose GB code prefixes its own', () => {
    for (const f of districts.features) {
      const city = cityById.get(f.properties?.city);
      expect(city, `${f.properties?.id} → ${f.properties?.city}`).toBeDefined();
      const prefix = city!.properties!.code.startsWith('8') ? 2 : 4;
      expect(f.properties?.id.slice(0, prefix)).toBe(city!.properties!.code.slice(0, prefix));
    }
  });

  it('covers every city except Dongguan and Zhongshan', () => {
    const withDistricts = new Set(districts.features.map((f) => f.properties?.city));
    for (const id of Object.keys(EXPECTED_CITIES)) {
      expect(withDistricts.has(id), id).toBe(!NO_DISTRICTS.includes(id));
    }
  });

  it('tiles each city exactly (no gaps or overlaps between districts)', () => {
    for (const city of cities.features) {
      const parts = districts.features.filter((f) => f.properties?.city === city.properties?.id);
      if (parts.length === 0) continue;
      const sum = parts.reduce((s, f) => s + area(f), 0);
      expect(Math.abs(sum / area(city) - 1), city.properties?.id).toBeLessThan(0.001);
    }
  });

  it('has each district inside its city outline', () => {
    const outside = districts.features.filter((f) => {
      const city = cityById.get(f.properties?.city)!;
      return !booleanPointInPolygon(representativePoint(f), city);
    });
    expect(outside.map((f) => `${f.properties?.id} ${f.properties?.name_en}`)).toEqual([]);
  });
});

describe('file sizes', () => {
  it('keeps the three files together under 5 MB', () => {
    const total = Object.values(FILES).reduce((sum, path) => sum + statSync(path).size, 0);
    expect(total).toBeLessThan(5 * 1024 * 1024);
  });
});

// ------------------------------------------------------------------------------------------
// Negative controls: the validators must reject broken data
// ------------------------------------------------------------------------------------------

describe('validators reject bad data', () => {
  const ccw: Position[] = [[113, 22], [113.1, 22], [113.1, 22.1], [113, 22.1], [113, 22]];
  const cwHole: Position[] = [[113.02, 22.02], [113.02, 22.05], [113.05, 22.05], [113.05, 22.02], [113.02, 22.02]];

  it('accepts a good polygon with a hole', () => {
    const g: Polygon = { type: 'Polygon', coordinates: [ccw, cwHole] };
    expect([...ringProblems(g), ...kinkProblems(g), ...coordinateProblems(g)]).toEqual([]);
  });

  it('rejects a clockwise outer ring and a counter-clockwise hole', () => {
    expect(ringProblems({ type: 'Polygon', coordinates: [[...ccw].reverse()] })).toHaveLength(1);
    expect(ringProblems({ type: 'Polygon', coordinates: [ccw, [...cwHole].reverse()] })).toHaveLength(1);
  });

  it('rejects unclosed and degenerate rings and empty geometries', () => {
    expect(ringProblems({ type: 'Polygon', coordinates: [ccw.slice(0, -1)] })[0]).toMatch(/not closed/);
    expect(ringProblems({ type: 'Polygon', coordinates: [[[113, 22], [113.1, 22], [113, 22]]] })[0]).toMatch(/positions/);
    expect(ringProblems({ type: 'MultiPolygon', coordinates: [] })).toEqual(['empty geometry']);
    expect(ringProblems(null)).toHaveLength(1);
  });

  it('rejects a self-intersecting (bow-tie) ring', () => {
    const bowtie: Polygon = { type: 'Polygon', coordinates: [[[113, 22], [113.1, 22.1], [113.1, 22], [113, 22.1], [113, 22]]] };
    expect(kinkProblems(bowtie).length).toBeGreaterThan(0);
  });

  it('accepts rings touching at a shared vertex, but not crossing there', () => {
    const sq = (x: number, y: number): Position[] => [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]];
    const touching: MultiPolygon = { type: 'MultiPolygon', coordinates: [[sq(113, 22)], [sq(113.1, 22.1)]] };
    expect(kinkProblems(touching)).toEqual([]);
    // A ring that cuts through the square from one corner to the opposite one: it meets the
    // square only at those two shared vertices, but crosses it there.
    const diagonal: Position[] = [[113.1, 22.1], [113, 22], [113, 21.95], [113.2, 21.95], [113.2, 22.15], [113.1, 22.1]];
    const crossing: MultiPolygon = { type: 'MultiPolygon', coordinates: [[sq(113, 22)], [diagonal]] };
    expect(kinkProblems(crossing).length).toBeGreaterThan(0);
  });

  it('rejects over-precise or out-of-region coordinates', () => {
    expect(coordinateProblems({ type: 'Polygon', coordinates: [[[113.123456, 22], [113.1, 22], [113.1, 22.1], [113.123456, 22]]] })).not.toEqual([]);
    expect(coordinateProblems({ type: 'Polygon', coordinates: [[[120, 22], [120.1, 22], [120.1, 22.1], [120, 22]]] })).not.toEqual([]);
  });

  it('puts a misplaced district outside the city', () => {
    const zhuhai = cities.features.find((f) => f.properties?.id === 'zhuhai')!;
    const tianhe = districts.features.find((f) => f.properties?.id === '440106')!;
    expect(booleanPointInPolygon(representativePoint(tianhe), zhuhai)).toBe(false);
  });
});
