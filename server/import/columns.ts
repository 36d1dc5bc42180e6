import { fileError } from './problems.ts';

/** The fields an imported organisation is built from. */
export const FIELDS = ['id', 'name', 'name_en', 'lon', 'lat', 'city', 'district', 'sector', 'type', 'precision_m', 'address'] as const;
export type Field = (typeof FIELDS)[number];
export type ColumnMap = Partial<Record<Field, number>>;

const REQUIRED: Field[] = ['lon', 'lat', 'name', 'city'];

/** Header spellings seen in planners' registers, normalised by `headerKey`. */
const ALIASES: Record<Field, string[]> = {
  id: ['id', '编号', 'recordid'],
  name: ['名称', '名字', '中文名', '中文名称', '企业名称', '机构名称', '单位名称', '公司名称', 'name', 'namezh'],
  name_en: ['英文名', '英文名称', 'nameen', 'englishname'],
  lon: ['经度', 'lon', 'lng', 'long', 'longitude', 'x'],
  lat: ['纬度', 'lat', 'latitude', 'y'],
  city: ['城市', '所在城市', '市', '地市', 'city'],
  district: ['区', '区县', '所在区', '行政区', 'district'],
  sector: ['行业', '领域', '产业', '产业方向', '行业领域', 'sector', 'sectors', 'industry'],
  type: ['类型', '机构类型', 'type', 'category'],
  precision_m: ['精度', '精度米', '定位精度', 'precision', 'precisionm', 'accuracy'],
  address: ['地址', '注册地址', '详细地址', '企业地址', '单位地址', '办公地址', '通讯地址', '经营地址', '住所', 'address', 'addr', 'registeredaddress']
};

const FIELD_NAMES: Record<Field, { en: string; zh: string }> = {
  id: { en: 'id', zh: '编号' },
  name: { en: 'name', zh: '名称' },
  name_en: { en: 'English name', zh: '英文名' },
  lon: { en: 'longitude', zh: '经度' },
  lat: { en: 'latitude', zh: '纬度' },
  city: { en: 'city', zh: '城市' },
  district: { en: 'district', zh: '区' },
  sector: { en: 'sector', zh: '行业' },
  type: { en: 'type', zh: '类型' },
  precision_m: { en: 'precision (m)', zh: '精度（米）' },
  address: { en: 'address', zh: '地址' }
};

/** `经度（GCJ-02）`, `Longitude `, `name_en` → `经度`, `longitude`, `nameen`: case, width, units and separators ignored. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\(.*?\)|\[.*?\]/g, '')
    .replace(/[\s_\-./]/g, '');
}

const FIELD_BY_KEY = new Map(FIELDS.flatMap((field) => ALIASES[field].map((alias) => [alias, field] as const)));

/**
 * Finds the column of each field: an explicit `mapping` (field → header) wins, the rest by header name.
 * Throws a file-level problem naming the missing or ambiguous column.
 */
export function resolveColumns(headers: string[], headerRow: number, mapping: Partial<Record<Field, string>> = {}, fixed: ColumnMap = {}): ColumnMap {
  const columns: ColumnMap = { ...fixed };
  for (const [field, header] of Object.entries(mapping) as [Field, string][]) {
    const index = headers.indexOf(header);
    if (index < 0) {
      throw fileError(
        400,
        'mapped-column-missing',
        { en: `mapping names column "${header}" for ${field}, but the file has no such column`, zh: `映射中为 ${FIELD_NAMES[field].zh} 指定的列“${header}”在文件中不存在` },
        { en: `one of the file's columns: ${headers.join(', ')}`, zh: `文件中的列之一：${headers.join('、')}` },
        { row: headerRow, column: header }
      );
    }
    columns[field] = index;
  }
  headers.forEach((header, index) => {
    const field = FIELD_BY_KEY.get(headerKey(header));
    if (!field || field in mapping || field in fixed) return;
    if (columns[field] !== undefined) {
      throw fileError(
        400,
        'ambiguous-column',
        { en: `both "${headers[columns[field]]}" and "${header}" look like the ${FIELD_NAMES[field].en} column`, zh: `“${headers[columns[field]]}”和“${header}”都像是${FIELD_NAMES[field].zh}列` },
        { en: `one ${FIELD_NAMES[field].en} column, or a mapping that names it`, zh: `只有一列${FIELD_NAMES[field].zh}，或在列映射中指定` },
        { row: headerRow, column: header }
      );
    }
    columns[field] = index;
  });
  // With an address column, rows may be placed by address: coordinates and city become optional.
  const byAddress = columns.address !== undefined && columns.lon === undefined && columns.lat === undefined;
  const missing = REQUIRED.filter((f) => columns[f] === undefined && !(byAddress && f !== 'name') && !(columns.address !== undefined && f === 'city'));
  if (missing.length > 0) {
    const names = missing.map((f) => FIELD_NAMES[f]);
    throw fileError(
      400,
      'missing-column',
      { en: `no ${names.map((n) => n.en).join(', ')} column found among: ${headers.join(', ') || '(none)'}`, zh: `未找到${names.map((n) => n.zh).join('、')}列；文件中的列：${headers.join('、') || '（无）'}` },
      {
        en: `a header row naming ${missing.map((f) => ALIASES[f].slice(0, 3).join('/')).join(', ')}, or a mapping`,
        zh: `表头中包含 ${missing.map((f) => ALIASES[f].slice(0, 3).join('/')).join('、')}，或提供列映射`
      },
      { row: headerRow || null, column: missing[0] }
    );
  }
  return columns;
}
