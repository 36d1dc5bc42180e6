/**
 * Checks the committed boundary and basemap layers written by geodata/scripts/build-boundaries.ts.
 *
 * The validators are small pure functions; the last block feeds them deliberately broken
 * geometries so that a validator that silently accepts everything cannot go unnoticed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Flatbush from 'flatbush';
import { area, booleanClockwise, booleanPointInPolygon, centerOfMass, pointOnFeature, polygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

type Areal = Polygon | MultiPolygon;

const GEODATA = fileURLToPath(new URL('.', import.meta.url));
const FILES = {
  cities: join(GEODATA, 'boundaries', 'cities.geojson'),
  districts: join(GEODATA, 'boundaries', 'districts.geojson'),
  land: join(GEODATA, 'basemap', 'land.geojson'),
  water: join(GEODATA, 'basemap', 'water.geojson'),
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
 * Self-intersections (see `crossings`), which also include two rings of one feature meeting at
 * a single shared vertex (an island touching the mainland at a point, a hole touching its
 * shell), which is valid in OGC Simple Features and RFC 7946; such a point is accepted only
 * if it is a vertex of exactly two different rings that touch there without crossing.
 */
export function kinkProblems(g: Areal): string[] {
  const rings = polygonsOf(g).flat();
  const problems = new Set<string>();
  for (const p of crossings(rings)) {
    if (!isVertexTouch(p, rings)) problems.add(`self-intersection at ${p.join(',')}`);
  }
  return [...problems];
}

/**
 * Where two segments of the rings meet, other than consecutive segments of one ring at their
 * shared vertex (what turf `kinks` reports, but with a flatbush index: the basemap's rings hold
 * tens of thousands of vertices, too many for kinks' all-pairs loop).
 */
function crossings(rings: Position[][]): Position[] {
  const segs: { a: Position; b: Position; ring: number; i: number; n: number }[] = [];
  rings.forEach((ring, r) => {
    for (let i = 0; i + 1 < ring.length; i++) segs.push({ a: ring[i], b: ring[i + 1], ring: r, i, n: ring.length - 1 });
  });
  if (segs.length === 0) return [];
  const index = new Flatbush(segs.length);
  for (const { a, b } of segs) index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  index.finish();
  const out: Position[] = [];
  segs.forEach((s, k) => {
    const near = index.search(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]));
    for (const j of near) {
      if (j <= k) continue;
      const t = segs[j];
      if (t.ring === s.ring && (Math.abs(t.i - s.i) === 1 || Math.abs(t.i - s.i) === s.n - 1)) continue;
      const p = segmentIntersection(s.a, s.b, t.a, t.b);
      if (p) out.push(p);
    }
  });
  return out;
}

/** The intersection point of segments ab and cd (an end of the overlap when collinear), or null. */
function segmentIntersection(a: Position, b: Position, c: Position, d: Position): Position | null {
  const cross = (o: Position, p: Position, q: Position) => (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]);
  const d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  const onSeg = (p: Position, q: Position, r: Position) =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  if (d1 === 0 && onSeg(c, d, a)) return a;
  if (d2 === 0 && onSeg(c, d, b)) return b;
  if (d3 === 0 && onSeg(a, b, c)) return c;
  if (d4 === 0 && onSeg(a, b, d)) return d;
  return null;
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
const water = read(FILES.water);
const layers = { cities, districts, land, water };

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

describe('land and water per zoom band', () => {
  const bands = (fc: FeatureCollection<Areal>) => fc.features.map((f) => [f.properties?.minzoom, f.properties?.maxzoom]);

  it('cover every zoom from 0 to 14 exactly once, the same bands for land and water', () => {
    const covered = bands(land).flatMap(([min, max]) => Array.from({ length: max - min + 1 }, (_, i) => min + i));
    expect(covered).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(bands(water)).toEqual(bands(land));
  });

  it('credits GSHHG and OpenStreetMap on every land and water feature', () => {
    for (const f of [...land.features, ...water.features]) expect(f.properties?.source, f.properties?.id).toMatch(/GSHHG.*OpenStreetMap/);
  });

  it('keeps land and water complementary in every band (their areas add up to the region bbox)', () => {
    const bbox = area(polygon([[[111.35, 21.45], [115.45, 21.45], [115.45, 24.4], [111.35, 24.4], [111.35, 21.45]]]));
    land.features.forEach((l, i) => {
      expect(Math.abs((area(l) + area(water.features[i])) / bbox - 1), l.properties?.id).toBeLessThan(1e-4);
    });
  });

  it('draws Songshan Lake as water and Qianhai, Shenzhen airport and Chek Lap Kok (reclaimed land) as land at zoom 12+', () => {
    const deepestLand = land.features.find((f) => f.properties?.maxzoom === 14)!;
    expect(booleanPointInPolygon([113.885, 22.905], deepestLand), 'Songshan Lake').toBe(false);
    for (const [name, p] of Object.entries({ Qianhai: [113.892, 22.522], 'Shenzhen airport 2nd runway': [113.8, 22.63], 'Chek Lap Kok': [113.918, 22.31] })) {
      expect(booleanPointInPolygon(p, deepestLand), name).toBe(true);
    }
  });
});

/** Every file under geodata/ that ships (the git-ignored build cache does not). */
function shippedBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.cache') continue;
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? shippedBytes(path) : statSync(path).size;
  }
  return total;
}

describe('file sizes', () => {
  it('keeps the boundary and basemap files together under 8 MB', () => {
    const total = Object.values(FILES).reduce((sum, path) => sum + statSync(path).size, 0);
    expect(total).toBeLessThan(8 * 1024 * 1024);
  });

  it('keeps all shipped geodata under 25 MB', () => {
    expect(shippedBytes(GEODATA)).toBeLessThan(25 * 1024 * 1024);
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
