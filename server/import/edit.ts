import type { ImportedOrganization, RecordPatch } from '../schemas/datasets.ts';
import { FIELDS, type ColumnMap } from './columns.ts';
import type { SourceCrs } from './datum.ts';
import type { RowProblem } from './problems.ts';
import { validateRows, type ImportedRecord, type RowContext } from './rows.ts';
import type { Cell } from './table.ts';

/** The PATCH body's names for fields the import reads under another name, so problems name what the client sent. */
const PATCH_NAMES: Partial<Record<(typeof FIELDS)[number], string>> = { name: 'name_zh', lon: 'coordinates', lat: 'coordinates', sector: 'sectors' };

/**
 * A stored record with `patch` applied, validated by the same rules as an import (so an edit can
 * never store what an import would refuse). Unpatched coordinates keep their original datum.
 */
export function editedRecord(current: ImportedOrganization, patch: RecordPatch, ctx: Omit<RowContext, 'crs' | 'source' | 'importDate' | 'datasetId' | 'defaultPrecisionM'>): { record?: ImportedRecord; problems: RowProblem[] } {
  const p = current.properties;
  // A record placed by address stays placed by its matched address until an edit gives coordinates.
  const [lon, lat] = patch.coordinates ?? p.original_coordinates ?? [null, null];
  const crs = patch.coordinates ? (patch.crs ?? 'WGS84') : ((p.original_crs ?? 'WGS84') as SourceCrs);
  const values: Record<(typeof FIELDS)[number], Cell> = {
    id: p.record_id,
    name: patch.name_zh ?? p.name_zh,
    // An English name that only repeated the Chinese one (none was given) follows a rename.
    name_en: patch.name_en ?? (p.name_en === p.name_zh ? null : p.name_en),
    lon,
    lat,
    city: patch.city ?? p.city,
    district: patch.district === undefined ? (p.district ?? null) : patch.district,
    sector: (patch.sectors ?? p.sectors).join(','),
    type: patch.type ?? p.type,
    precision_m: patch.precision_m ?? p.precision_m,
    address: p.address_matched ?? null
  };
  const columns = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as ColumnMap;
  const table = { format: 'csv' as const, headers: FIELDS.map((f) => PATCH_NAMES[f] ?? f), headerRow: 0, rows: [{ row: 1, cells: FIELDS.map((f) => values[f]) }], problems: [], details: {} };
  const { records, problems } = validateRows(table, columns, { ...ctx, crs, datasetId: p.dataset_id, defaultPrecisionM: p.precision_m, source: p.source, importDate: p.source_date });
  return { record: records[0], problems };
}
