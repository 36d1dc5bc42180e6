import { Value } from '@sinclair/typebox/value';
import { badParameter } from '../schemas/errors.ts';
import { ImportQuery } from '../schemas/datasets.ts';
import { isQueryNumber, readQueryNumber } from '../schemas/query-number.ts';
import { FIELDS, type Field } from './columns.ts';
import type { SourceCrs } from './datum.ts';
import type { RequestedEncoding } from './encoding.ts';

/** Precision given to rows without a precision column: an address-level placement, metres. */
export const DEFAULT_PRECISION_M = 500;

export interface ImportOptions {
  crs: SourceCrs;
  dryRun: boolean;
  validRowsOnly: boolean;
  name?: string;
  encoding?: RequestedEncoding;
  precisionM: number;
  mapping: Partial<Record<Field, string>>;
}

function parseMapping(text: string | undefined): Partial<Record<Field, string>> {
  if (text === undefined || text.trim() === '') return {};
  let mapping: unknown;
  try {
    mapping = JSON.parse(text);
  } catch {
    throw badParameter('mapping', `must be a JSON object field → column header, e.g. {"lon":"X坐标"}; got ${text.slice(0, 80)}`);
  }
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) throw badParameter('mapping', 'must be a JSON object field → column header');
  for (const [field, header] of Object.entries(mapping)) {
    if (!FIELDS.includes(field as Field)) throw badParameter('mapping', `unknown field "${field}"; fields are ${FIELDS.join(', ')}`);
    if (typeof header !== 'string' || header === '') throw badParameter('mapping', `the column for "${field}" must be a header name (text)`);
  }
  return mapping as Partial<Record<Field, string>>;
}

/** Import options from the query string and multipart form fields (a form field wins), validated against ImportQuery. */
export function importOptions(query: Record<string, unknown>, fields: Record<string, string>): ImportOptions {
  const known = Object.fromEntries(Object.entries({ ...query, ...fields }).filter(([k]) => k in ImportQuery.properties));
  // Numbers are read with the query-number grammar (no Infinity, hex or 400 digits) before the rest is converted.
  for (const [name, schema] of Object.entries(ImportQuery.properties)) {
    if (!isQueryNumber(schema) || known[name] === undefined) continue;
    const read = readQueryNumber(known[name], schema['x-query-number']);
    if ('problem' in read) throw badParameter(name, read.problem);
    known[name] = read.value;
  }
  const merged = Value.Convert(ImportQuery, known) as ImportQuery;
  const error = Value.Errors(ImportQuery, merged).First();
  if (error) {
    const parameter = error.path.replace(/^\//, '') || 'request';
    throw badParameter(parameter, `${error.message}; got ${JSON.stringify(error.value)}`);
  }
  return {
    crs: merged.crs ?? 'WGS84',
    dryRun: merged.dry_run ?? false,
    validRowsOnly: merged.valid_rows_only ?? false,
    name: merged.name,
    encoding: merged.encoding,
    precisionM: merged.precision_m ?? DEFAULT_PRECISION_M,
    mapping: parseMapping(merged.mapping)
  };
}
