import { Type, type Static } from '@sinclair/typebox';
import { SOURCE_CRS } from '../import/datum.ts';
import { TEXT_ENCODINGS } from '../import/encoding.ts';
import { ErrorBody } from './errors.ts';
import { FeatureCollectionOf, FeatureOf, PointGeometry } from './geojson.ts';
import { QueryNumber } from './query-number.ts';
import { ORGANIZATION_TYPES, OrganizationProperties } from './places.ts';

const Lonlat = Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[lon, lat]' });
const Crs = Type.Union(SOURCE_CRS.map((c) => Type.Literal(c)), { description: 'Datum of the coordinates in the file: WGS84 (GPS, OSM), GCJ02 (AMap/Gaode, Tencent), BD09 (Baidu)' });

/** Options of POST /api/datasets; each may also come as a multipart form field of the same name. */
export const ImportQuery = Type.Object(
  {
    crs: Type.Optional(Crs),
    dry_run: Type.Optional(Type.Boolean({ description: 'Validate and report without writing anything' })),
    valid_rows_only: Type.Optional(Type.Boolean({ description: 'Import the valid rows even when other rows have errors (they are listed in the report)' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Dataset name (default: the file name)' })),
    encoding: Type.Optional(Type.Union(TEXT_ENCODINGS.map((e) => Type.Literal(e)), { description: 'Text encoding; detected when absent' })),
    precision_m: Type.Optional(QueryNumber({ exclusiveMinimum: 0, maximum: 100000 }, { description: 'Precision of rows without a precision column, metres (default 500)' })),
    mapping: Type.Optional(Type.String({ maxLength: 4000, description: 'JSON object field → column header, e.g. {"lon":"X","lat":"Y","name":"单位"}; fields: id, name, name_en, lon, lat, city, district, sector, type, precision_m, address (rows without coordinates are placed at the area their address names)' }))
  },
  { additionalProperties: false }
);
export type ImportQuery = Static<typeof ImportQuery>;

export const RowProblem = Type.Object(
  {
    row: Type.Union([Type.Integer(), Type.Null()], { description: 'Spreadsheet row (header = 1) or 1-based GeoJSON feature number; null for the whole file' }),
    column: Type.Union([Type.String(), Type.Null()]),
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
    code: Type.String(),
    problem: Type.String(),
    problem_zh: Type.String(),
    expected: Type.String(),
    expected_zh: Type.String(),
    value: Type.Optional(Type.String())
  },
  { $id: 'ImportRowProblem' }
);

export const ImportReport = Type.Object(
  {
    file: Type.Object({
      name: Type.String(),
      format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('geojson'), Type.Null()]),
      bytes: Type.Integer(),
      encoding: Type.Optional(Type.String()),
      delimiter: Type.Optional(Type.String()),
      sheet: Type.Optional(Type.String())
    }),
    crs: Type.String(),
    headers: Type.Array(Type.String()),
    columns: Type.Record(Type.String(), Type.String(), { description: 'Field → the file column it was read from' }),
    rows: Type.Object({ total: Type.Integer(), valid: Type.Integer(), rejected: Type.Integer() }),
    placed: Type.Optional(
      Type.Object(
        { point: Type.Integer(), town: Type.Integer(), district: Type.Integer(), city: Type.Integer() },
        { description: 'Valid rows by placement: at their coordinates, or (address only) at the centre of a town, district or city' }
      )
    ),
    defaults: Type.Object({ precision_m: Type.Number({ description: 'Precision given to rows without one, metres' }), type: Type.String() }),
    problems: Type.Array(RowProblem),
    preview: Type.Array(
      Type.Object({ row: Type.Integer(), record_id: Type.String(), name_zh: Type.String(), city: Type.String(), original: Type.Optional(Lonlat), wgs84: Lonlat, address_matched: Type.Optional(Type.String()) })
    )
  },
  { $id: 'ImportReport' }
);

export const DatasetSummary = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    file_name: Type.String(),
    format: Type.String(),
    crs: Type.String(),
    created_at: Type.String(),
    created_by: Type.String({ description: 'Id of the key that imported it' }),
    version: Type.Integer(),
    updated_at: Type.String(),
    records: Type.Integer({ description: 'Records in the current version' })
  },
  { $id: 'DatasetSummary' }
);

export const DatasetVersion = Type.Object(
  {
    version: Type.Integer(),
    action: Type.String({ description: 'import, update-record, delete-record, delete-dataset or rollback' }),
    key_id: Type.String({ description: 'Who: the key that made the write' }),
    created_at: Type.String(),
    detail: Type.Record(Type.String(), Type.Unknown(), { description: 'What changed' })
  },
  { $id: 'DatasetVersion' }
);

/** An imported organisation: the shipped properties plus where it came from. */
export const ImportedOrganizationFeature = FeatureOf(
  PointGeometry,
  Type.Composite([
    OrganizationProperties,
    Type.Object({
      dataset_id: Type.String(),
      record_id: Type.String(),
      // Absent on records placed by address (located_by = admin-area): the file gave no coordinates.
      original_coordinates: Type.Optional(Lonlat),
      original_crs: Type.Optional(Type.String())
    })
  ]),
  { $id: 'ImportedOrganizationFeature' }
);

export type ImportedOrganization = Static<typeof ImportedOrganizationFeature>;

export const ImportResult = Type.Object({
  dry_run: Type.Boolean(),
  dataset: Type.Optional(DatasetSummary),
  report: ImportReport
});

/** A refused import: the error body plus the full report. */
export const ImportRefused = Type.Composite([ErrorBody, Type.Object({ code: Type.String(), report: ImportReport })]);

export const DatasetDetail = Type.Object({
  dataset: DatasetSummary,
  report: Type.Unknown({ description: 'The report of the import that created the dataset' }),
  records: FeatureCollectionOf(ImportedOrganizationFeature)
});

export const DatasetParams = Type.Object({ id: Type.String({ pattern: '^ds[0-9a-f]{8}$' }) });
export const RecordParams = Type.Object({ id: Type.String({ pattern: '^ds[0-9a-f]{8}$' }), recordId: Type.String({ minLength: 1, maxLength: 200 }) });

export const RecordPatch = Type.Object(
  {
    name_zh: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    name_en: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    type: Type.Optional(Type.Union(ORGANIZATION_TYPES.map((t) => Type.Literal(t)))),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    district: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    sectors: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 30 })),
    precision_m: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100000 })),
    coordinates: Type.Optional(Lonlat),
    crs: Type.Optional(Crs)
  },
  { additionalProperties: false, minProperties: 1 }
);
export type RecordPatch = Static<typeof RecordPatch>;

export const RollbackBody = Type.Object({ version: Type.Integer({ minimum: 1, description: 'The version whose records become current again' }) }, { additionalProperties: false });

export const WriteResult = Type.Object({ dataset: DatasetSummary, version: DatasetVersion });
