import type { ImportLimits } from './limits.ts';
import { fileError, rowProblem, type RowProblem } from './problems.ts';
import type { Cell, Table, TableRow } from './table.ts';

const EXPECTED_GEOJSON = {
  en: 'a GeoJSON FeatureCollection of Point features (RFC 7946)',
  zh: '由 Point 要素组成的 GeoJSON FeatureCollection（RFC 7946）'
};

/** Deepest nesting of arrays/objects, counted without parsing so a hostile file cannot exhaust the stack. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') deepest = Math.max(deepest, ++depth);
    else if (ch === ']' || ch === '}') depth--;
  }
  return deepest;
}

function parseJson(text: string, limits: ImportLimits): unknown {
  const depth = jsonDepth(text);
  if (depth > limits.maxJsonDepth) {
    throw fileError(
      400,
      'too-deep',
      { en: `the JSON nests ${depth} levels deep`, zh: `JSON 嵌套深度为 ${depth} 层` },
      { en: `at most ${limits.maxJsonDepth} levels of nesting`, zh: `最多 ${limits.maxJsonDepth} 层嵌套` }
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fileError(400, 'invalid-json', { en: `the file is not valid JSON: ${(error as Error).message}`, zh: '文件不是有效的 JSON' }, EXPECTED_GEOJSON);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** [lon, lat] of a valid Point geometry, or the problem with it. */
function pointOf(geometry: unknown, row: number): [number, number] | RowProblem {
  const at = { row, column: 'geometry' };
  if (!isObject(geometry)) {
    return rowProblem(at, 'missing-geometry', { en: 'the feature has no geometry', zh: '该要素没有几何' }, { en: 'a Point geometry', zh: 'Point 点几何' });
  }
  if (geometry.type !== 'Point') {
    return rowProblem(at, 'not-a-point', { en: `the geometry is a ${String(geometry.type)}`, zh: `几何类型为 ${String(geometry.type)}` }, { en: 'a Point (organisations are points)', zh: 'Point 点（机构以点表示）' }, { value: geometry.type });
  }
  const c = geometry.coordinates;
  if (!Array.isArray(c) || c.length < 2 || c.length > 3 || !c.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return rowProblem(at, 'invalid-geometry', { en: 'the Point has no valid [longitude, latitude] pair', zh: 'Point 的坐标不是有效的 [经度, 纬度]' }, { en: 'coordinates [lon, lat] as two numbers', zh: '坐标为两个数字 [经度, 纬度]' }, { value: c });
  }
  return [c[0], c[1]];
}

/**
 * Turns a GeoJSON FeatureCollection into a table: two `geometry` columns (lon, lat) followed by
 * every property key; rows are 1-based feature numbers.
 */
export function parseGeojson(text: string, limits: ImportLimits): Table {
  const doc = parseJson(text, limits);
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw fileError(
      400,
      'not-geojson',
      { en: `the JSON is not a GeoJSON FeatureCollection${isObject(doc) && doc.type ? ` (type "${String(doc.type)}")` : ''}`, zh: 'JSON 不是 GeoJSON FeatureCollection' },
      EXPECTED_GEOJSON
    );
  }
  if (doc.features.length > limits.maxRows) {
    throw fileError(413, 'too-many-rows', { en: `the file has ${doc.features.length} features`, zh: `文件有 ${doc.features.length} 个要素` }, { en: `at most ${limits.maxRows}`, zh: `最多 ${limits.maxRows} 个` });
  }
  const keys = new Set<string>();
  for (const f of doc.features) if (isObject(f) && isObject(f.properties)) for (const k of Object.keys(f.properties)) keys.add(k);
  const propertyKeys = [...keys].slice(0, limits.maxColumns);
  const rows: TableRow[] = [];
  const problems: RowProblem[] = [];
  doc.features.forEach((feature: unknown, i: number) => {
    const row = i + 1;
    if (!isObject(feature) || feature.type !== 'Feature') {
      problems.push(rowProblem({ row, column: null }, 'not-a-feature', { en: 'the entry is not a GeoJSON Feature', zh: '该条目不是 GeoJSON Feature' }, EXPECTED_GEOJSON));
      return;
    }
    const point = pointOf(feature.geometry, row);
    if (!Array.isArray(point)) {
      problems.push(point);
      return;
    }
    const properties = isObject(feature.properties) ? feature.properties : {};
    const cells: Cell[] = propertyKeys.map((k) => {
      const v = properties[k];
      if (v === undefined || v === null) return null;
      if (Array.isArray(v)) return v.join(',');
      return typeof v === 'object' ? JSON.stringify(v) : (v as Cell);
    });
    rows.push({ row, cells: [point[0], point[1], ...cells] });
  });
  return { format: 'geojson', headers: ['geometry', 'geometry', ...propertyKeys], headerRow: 0, rows, problems, details: {} };
}
