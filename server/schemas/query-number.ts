import { Kind, Type, TypeRegistry, type TSchema, type TUnsafe } from '@sinclair/typebox';
import type { Ajv, ErrorObject } from 'ajv';
import type { DataValidateFunction, DataValidationCxt } from 'ajv/dist/types/index.js';

/**
 * Numbers in a query string. Ajv's type coercion turns any string `s` with `s == +s` into a number,
 * so `Infinity`, `0x10`, `1e400` (→ Infinity) and 400-digit strings reach the range keywords as
 * numbers, some of which those keywords cannot refuse. A QueryNumber schema has no `type`, so ajv
 * does not coerce it; its own keyword reads the raw text with a strict decimal grammar, checks the
 * range, and only then puts the number in place.
 */
export const QUERY_NUMBER_KEYWORD = 'x-query-number';
const KIND = 'QueryNumber';

export interface QueryNumberRange {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  /** Only whole numbers (written in any decimal form, e.g. `1000` or `1e3`). */
  integer?: boolean;
}

export interface TQueryNumber extends TUnsafe<number> {
  [QUERY_NUMBER_KEYWORD]: QueryNumberRange;
}

// A double holds 17 significant digits; 32 characters leave room for sign, point and exponent.
const MAX_CHARS = 32;
// Plain decimal notation with an optional exponent: no hex, octal, binary, `Infinity`, `NaN`, spaces or `_`.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;

/** A finite number for a query parameter; `range` is checked before any handler sees the value. */
export function QueryNumber(range: QueryNumberRange, options: { default?: number; description?: string } = {}): TQueryNumber {
  return Type.Unsafe<number>({ [Kind]: KIND, [QUERY_NUMBER_KEYWORD]: range, ...options }) as TQueryNumber;
}

/** The range as words, e.g. "a whole number within 1..5000" or "a number > 0 and ≤ 100". */
export function describeRange(range: QueryNumberRange): string {
  const bounds = [
    range.minimum !== undefined ? `≥ ${range.minimum}` : undefined,
    range.exclusiveMinimum !== undefined ? `> ${range.exclusiveMinimum}` : undefined,
    range.maximum !== undefined ? `≤ ${range.maximum}` : undefined,
    range.exclusiveMaximum !== undefined ? `< ${range.exclusiveMaximum}` : undefined
  ].filter(Boolean);
  return `${range.integer ? 'a whole number' : 'a finite decimal number'}${bounds.length ? ` ${bounds.join(' and ')}` : ''}`;
}

/** Reads a query number (text, or a number already in place, e.g. a default) against its range: the value, or what is wrong. */
export function readQueryNumber(raw: unknown, range: QueryNumberRange): { value: number } | { problem: string } {
  const shown = typeof raw === 'string' ? `"${raw.length > 40 ? `${raw.slice(0, 40)}…" (${raw.length} characters)` : `${raw}"`}` : String(raw);
  const problem = { problem: `must be ${describeRange(range)}; got ${shown}` };
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string' && raw.length <= MAX_CHARS && DECIMAL.test(raw)) value = Number(raw);
  else return problem;
  if (!Number.isFinite(value)) return problem;
  if (range.integer && !Number.isInteger(value)) return problem;
  if (range.minimum !== undefined && !(value >= range.minimum)) return problem;
  if (range.maximum !== undefined && !(value <= range.maximum)) return problem;
  if (range.exclusiveMinimum !== undefined && !(value > range.exclusiveMinimum)) return problem;
  if (range.exclusiveMaximum !== undefined && !(value < range.exclusiveMaximum)) return problem;
  // −0 reads as 0, so it never leaks into answers or cache keys.
  return { value: value + 0 };
}

/** Reads one number of a comma list (bbox, near) with the same grammar: the number, or NaN. */
export function decimalOrNaN(text: string): number {
  const read = readQueryNumber(text.trim(), {});
  return 'value' in read ? read.value : NaN;
}

/** The ajv plugin that gives Fastify's validator the QueryNumber keyword (register with `ajv: { plugins: [...] }`). */
export function queryNumberKeyword(ajv: Ajv): Ajv {
  return ajv.addKeyword({
    keyword: QUERY_NUMBER_KEYWORD,
    modifying: true,
    errors: true,
    schemaType: 'object',
    compile(range: QueryNumberRange) {
      const validate: DataValidateFunction = (data: unknown, cxt?: DataValidationCxt): boolean => {
        const read = readQueryNumber(data, range);
        if ('problem' in read) {
          validate.errors = [{ keyword: QUERY_NUMBER_KEYWORD, message: read.problem, params: range } as ErrorObject];
          return false;
        }
        if (cxt?.parentData && cxt.parentDataProperty !== undefined) (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = read.value;
        return true;
      };
      return validate;
    }
  });
}

// TypeBox's own Value functions (used where options arrive as multipart form fields) check numbers already read.
TypeRegistry.Set<TQueryNumber>(KIND, (schema, value) => 'value' in readQueryNumber(value, schema[QUERY_NUMBER_KEYWORD]) && typeof value === 'number');

/** An OpenAPI view of a schema: each QueryNumber becomes `type: number|integer` with its range (for @fastify/swagger's transform). */
export function documentedQueryNumbers<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(documentedQueryNumbers) as T;
  if (typeof schema !== 'object' || schema === null) return schema;
  const record = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (key !== QUERY_NUMBER_KEYWORD) out[key] = documentedQueryNumbers(value);
  const range = record[QUERY_NUMBER_KEYWORD] as QueryNumberRange | undefined;
  if (range) {
    const { integer, ...bounds } = range;
    Object.assign(out, { type: integer ? 'integer' : 'number', ...bounds });
  }
  return out as T;
}

/** True for a QueryNumber schema. */
export const isQueryNumber = (schema: TSchema): schema is TQueryNumber => QUERY_NUMBER_KEYWORD in schema;
