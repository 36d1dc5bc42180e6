/**
 * Integrity tests for the hand-curated dataset in geodata/curated/ (see geodata/curated/README.md).
 * Run: npx vitest run geodata/curated.test.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import pointToLineDistance from '@turf/point-to-line-distance';
import polygonToLine from '@turf/polygon-to-line';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';

const GEODATA = dirname(fileURLToPath(import.meta.url));
const CURATED = join(GEODATA, 'curated');
// A copy of ../shared/seed/, so the quotes are checked against the plan on any clone.
const SEED = join(GEODATA, 'sources', 'guangdong-ai-action-plan-2018-2020.txt');

type Props = Record<string, unknown>;
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const readFc = (name: string) => readJson<FeatureCollection<Point | null, Props>>(join(CURATED, name));

const sectors = readJson<{ id: string; name_zh: string; name_en: string; description_en?: string }[]>(join(CURATED, 'sectors.json'));
const targets = readJson<Props[]>(join(CURATED, 'targets.json'));
const parks = readFc('parks.geojson');
const orgs = readFc('organizations.geojson');
const transport = readFc('transport.geojson');

const SECTOR_IDS = [
  'industrial-robots', 'service-robots', 'drones', 'unmanned-ships', 'intelligent-vehicles', 'ai-chips',
  'smart-sensors', 'smart-manufacturing', 'smart-home', 'medical-ai', 'voice-nlp', 'computer-vision',
  'smart-logistics', 'smart-education', 'marine-engineering', 'ml-platforms'
];
const FOCUS_CITIES = ['guangzhou', 'shenzhen', 'zhuhai', 'foshan', 'dongguan'];
const CITY_IDS = [...FOCUS_CITIES, 'zhongshan', 'jiangmen', 'huizhou', 'zhaoqing', 'qingyuan', 'hongkong', 'macau'];
const ORG_TYPES = ['firm', 'university', 'lab', 'institute', 'platform'];
const PARK_KINDS = [
  'value-innovation-park', 'science-city', 'knowledge-city', 'tech-park', 'high-tech-zone', 'new-area',
  'test-field', 'industry-park', 'innovation-cluster'
];
const TRANSPORT_KINDS = ['airport', 'container-port'];
const PLAN_PLACES = [
  '南沙国际人工智能价值创新园', '广州科学城', '中新广州知识城', '黄埔智能装备价值创新园', '番禺智能网联新能源汽车价值创新园',
  '深圳湾科技生态园', '无人船科技港', '海上测试场', '珠海智慧产业园', '松山湖高新区', '滨海湾新区', '禅南顺创新集聚区'
];
const REGION_BBOX = [111.35, 21.45, 115.45, 24.4];
const ISO_DATE = /^\d{4}-\d{2}(-\d{2})?$/;
const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
const squash = (s: string) => s.replace(/\s+/g, '');

const pointFeatures = [...orgs.features, ...parks.features, ...transport.features];

describe('sectors.json', () => {
  it('has exactly the 16 convention sector ids, each with both names', () => {
    expect(sectors.map((s) => s.id).sort()).toEqual([...SECTOR_IDS].sort());
    for (const s of sectors) {
      expect(nonEmpty(s.name_zh), s.id).toBe(true);
      expect(nonEmpty(s.name_en), s.id).toBe(true);
    }
  });
});

describe('ids and names', () => {
  it('ids are unique across all curated files', () => {
    const ids = [
      ...sectors.map((s) => s.id), ...targets.map((t) => t.id as string),
      ...pointFeatures.map((f) => f.properties.id as string)
    ];
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
    for (const id of ids) expect(id, String(id)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('every feature has a Chinese and an English name and a feature id equal to properties.id', () => {
    for (const f of pointFeatures) {
      expect(nonEmpty(f.properties.name_zh), String(f.properties.id)).toBe(true);
      expect(nonEmpty(f.properties.name_en), String(f.properties.id)).toBe(true);
      if (f.id !== undefined) expect(f.id).toBe(f.properties.id);
    }
  });
});

describe('provenance and geometry', () => {
  it('every record has source, source_date, precision_m > 0', () => {
    for (const f of pointFeatures) {
      const p = f.properties;
      expect(nonEmpty(p.source), String(p.id)).toBe(true);
      expect(String(p.source_date), String(p.id)).toMatch(ISO_DATE);
      expect(typeof p.precision_m === 'number' && (p.precision_m as number) > 0, String(p.id)).toBe(true);
      if (p.source_url !== undefined) expect(String(p.source_url)).toMatch(/^https?:\/\//);
    }
  });

  it('every location_note has a simplified-Chinese location_note_zh (non-empty, with CJK characters)', () => {
    const withNote = pointFeatures.filter((f) => f.properties.location_note !== undefined);
    expect(withNote.length).toBeGreaterThan(0);
    for (const f of withNote) {
      const zh = f.properties.location_note_zh;
      expect(nonEmpty(zh), String(f.properties.id)).toBe(true);
      expect(String(zh), String(f.properties.id)).toMatch(/\p{Script=Han}/u);
    }
  });

  it('points are WGS-84 [lon, lat] in the region bbox with at most 5 decimals', () => {
    for (const f of pointFeatures) {
      if (f.geometry === null) continue;
      expect(f.geometry.type).toBe('Point');
      const [lon, lat] = f.geometry.coordinates;
      expect(lon >= REGION_BBOX[0] && lon <= REGION_BBOX[2], `${f.properties.id} lon`).toBe(true);
      expect(lat >= REGION_BBOX[1] && lat <= REGION_BBOX[3], `${f.properties.id} lat`).toBe(true);
      for (const c of [lon, lat]) expect(Math.abs(c * 1e5 - Math.round(c * 1e5)) < 1e-6, String(f.properties.id)).toBe(true);
    }
  });

  it('cities are known ids', () => {
    for (const f of pointFeatures) expect(CITY_IDS, String(f.properties.id)).toContain(f.properties.city);
  });
});

describe('organizations.geojson', () => {
  it('has at least 80 organisations in the five focus cities', () => {
    expect(orgs.features.length).toBeGreaterThanOrEqual(80);
    for (const f of orgs.features) expect(FOCUS_CITIES).toContain(f.properties.city);
    for (const c of FOCUS_CITIES) expect(orgs.features.some((f) => f.properties.city === c), c).toBe(true);
  });

  it('uses the type vocabulary, known sectors, a district and a boolean|null high-tech flag', () => {
    for (const f of orgs.features) {
      const p = f.properties;
      expect(ORG_TYPES, String(p.id)).toContain(p.type);
      expect(Array.isArray(p.sectors), String(p.id)).toBe(true);
      for (const s of p.sectors as string[]) expect(SECTOR_IDS, String(p.id)).toContain(s);
      expect(nonEmpty(p.district), String(p.id)).toBe(true);
      expect([true, false, null], String(p.id)).toContain(p.high_tech_enterprise);
      expect(f.geometry?.type, String(p.id)).toBe('Point');
    }
  });

  it('contains both named platform hosts (Tencent: medical imaging; iFlytek: intelligent voice)', () => {
    const hostOf = (platform: string) =>
      orgs.features.filter((f) => {
        const pl = f.properties.platform as { platform: string; role: string } | undefined;
        return pl?.platform === platform && pl.role.startsWith('host');
      });
    const medical = hostOf('medical-imaging');
    const voice = hostOf('intelligent-voice');
    expect(medical.map((f) => f.properties.id)).toContain('tencent');
    expect(voice.length).toBeGreaterThanOrEqual(1);
    expect(String(voice[0].properties.name_zh)).toContain('科大讯飞');
  });
});

describe('parks.geojson', () => {
  it('has all 12 places of plan section 三(四)', () => {
    expect(parks.features.length).toBe(12);
    expect(parks.features.map((f) => f.properties.name_zh).sort()).toEqual([...PLAN_PLACES].sort());
    for (const f of parks.features) {
      const p = f.properties;
      expect(p.plan_section).toBe('三(四)');
      expect(PARK_KINDS, String(p.id)).toContain(p.kind);
      expect(FOCUS_CITIES, String(p.id)).toContain(p.city);
      for (const s of p.sectors as string[]) expect(SECTOR_IDS, String(p.id)).toContain(s);
      expect(nonEmpty(p.aim_zh) && nonEmpty(p.aim_en), String(p.id)).toBe(true);
    }
  });

  it('geometry_kind matches the geometry; the Foshan cluster is three districts', () => {
    for (const f of parks.features) {
      const p = f.properties;
      if (p.geometry_kind === 'districts') {
        expect(f.geometry).toBeNull();
        expect(Array.isArray(p.districts) && (p.districts as string[]).length > 0).toBe(true);
      } else {
        expect(p.geometry_kind).toBe('point');
        expect(f.geometry?.type).toBe('Point');
      }
    }
    const foshan = parks.features.find((f) => f.properties.id === 'foshan-chancheng-nanhai-shunde-innovation-cluster');
    expect(foshan?.properties.districts).toEqual(['440604', '440605', '440606']);
  });

  it('quotes the aims verbatim from the plan (whitespace-insensitive)', () => {
    const seed = squash(readFileSync(SEED, 'utf8'));
    for (const f of parks.features) expect(seed, String(f.properties.id)).toContain(squash(String(f.properties.aim_zh)));
  });
});

describe('targets.json', () => {
  it('records are well-formed 2020 targets with split compound indicators', () => {
    for (const t of targets) {
      expect(nonEmpty(t.indicator_zh) && nonEmpty(t.indicator_en), String(t.id)).toBe(true);
      expect(['>', '>=', '='], String(t.id)).toContain(t.comparator);
      expect(typeof t.value, String(t.id)).toBe('number');
      expect(t.year).toBe(2020);
      expect(nonEmpty(t.unit_zh) && nonEmpty(t.unit_en) && nonEmpty(t.section) && nonEmpty(t.quote_zh), String(t.id)).toBe(true);
      expect(t.measurable_by === null || nonEmpty(t.measurable_by), String(t.id)).toBe(true);
    }
    const ids = targets.map((t) => t.id);
    for (const id of ['ai-key-rd-projects', 'ai-landmark-results', 'ai-core-invention-patents', 'ai-standards']) expect(ids).toContain(id);
  });

  it('quotes each target exactly from the plan text', () => {
    const seed = readFileSync(SEED, 'utf8');
    for (const t of targets) expect(seed, String(t.id)).toContain(String(t.quote_zh));
  });
});

describe('transport.geojson', () => {
  it('uses the kind vocabulary; airports carry an IATA code', () => {
    for (const f of transport.features) {
      const p = f.properties;
      expect(TRANSPORT_KINDS, String(p.id)).toContain(p.kind);
      if (p.kind === 'airport') expect(String(p.iata), String(p.id)).toMatch(/^[A-Z]{3}$/);
    }
    const iatas = transport.features.map((f) => f.properties.iata).filter(Boolean).sort();
    expect(iatas).toEqual(['CAN', 'FUO', 'HKG', 'MFM', 'SZX', 'ZUH']);
  });
});

const CITIES_PATH = join(GEODATA, 'boundaries', 'cities.geojson');
const DISTRICTS_PATH = join(GEODATA, 'boundaries', 'districts.geojson');

describe('against geodata/boundaries', () => {
  const cities = readJson<FeatureCollection<Polygon | MultiPolygon, Props>>(CITIES_PATH).features;
  const cityById = new Map(cities.map((c) => [c.properties.id as string, c]));
  const kmToOutline = (pt: Point, city: Feature<Polygon | MultiPolygon>) => {
    const lines = polygonToLine(city) as Feature<LineString | MultiLineString> | FeatureCollection<LineString | MultiLineString>;
    const parts = 'features' in lines ? lines.features : [lines];
    const segs: Feature<LineString>[] = parts.flatMap((l) =>
      l.geometry.type === 'LineString'
        ? [l as Feature<LineString>]
        : l.geometry.coordinates.map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: c } }) as Feature<LineString>)
    );
    return Math.min(...segs.map((s) => pointToLineDistance(pt, s, { units: 'kilometers' })));
  };

  it('every organisation and park point lies inside its city (at-sea test fields: within precision of the outline)', () => {
    const outside: string[] = [];
    for (const f of [...orgs.features, ...parks.features]) {
      if (f.geometry === null) continue;
      const city = cityById.get(f.properties.city as string);
      expect(city, `${f.properties.id}: city ${f.properties.city} missing from cities.geojson`).toBeDefined();
      if (booleanPointInPolygon(f.geometry, city!)) continue;
      const atSea = f.properties.kind === 'test-field';
      if (atSea && kmToOutline(f.geometry, city!) * 1000 <= (f.properties.precision_m as number)) continue;
      outside.push(String(f.properties.id));
    }
    expect(outside).toEqual([]);
  });

  it('"districts" parks reference existing district ids of their city', () => {
    const districts = readJson<FeatureCollection<Polygon | MultiPolygon, Props>>(DISTRICTS_PATH).features;
    for (const f of parks.features.filter((x) => x.properties.geometry_kind === 'districts')) {
      for (const id of f.properties.districts as string[]) {
        const d = districts.find((x) => x.properties.id === id);
        expect(d, `${f.properties.id}: district ${id}`).toBeDefined();
        expect(d!.properties.city).toBe(f.properties.city);
      }
    }
  });
});
