/** What the validation report says about one row (or, with `row: null`, about the whole file). */
export interface RowProblem {
  /** Row as the user sees it: the spreadsheet row number (header = 1) or the 1-based GeoJSON feature number. */
  row: number | null;
  /** The file's own column header, or `geometry` for GeoJSON; null when the problem is not about one column. */
  column: string | null;
  severity: 'error' | 'warning';
  /** A stable id of the problem kind, for the front end and tests. */
  code: string;
  problem: string;
  problem_zh: string;
  expected: string;
  expected_zh: string;
  /** The offending value as read, shortened. */
  value?: string;
}

/** A message in both languages. */
export interface Bilingual {
  en: string;
  zh: string;
}

/** A problem with the whole file: the import stops and the client gets `status` with the report. */
export class ImportFileError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly problem: RowProblem
  ) {
    super(problem.problem);
    this.name = 'ImportFileError';
  }
}

const MAX_VALUE_CHARS = 80;

/** Shortens a cell value for the report so a huge cell cannot bloat it. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

/** Builds a report entry from a problem and what was expected, each in both languages. */
export function rowProblem(
  at: { row: number | null; column: string | null },
  code: string,
  problem: Bilingual,
  expected: Bilingual,
  options: { severity?: 'error' | 'warning'; value?: unknown } = {}
): RowProblem {
  return {
    row: at.row,
    column: at.column,
    severity: options.severity ?? 'error',
    code,
    problem: problem.en,
    problem_zh: problem.zh,
    expected: expected.en,
    expected_zh: expected.zh,
    ...(options.value === undefined ? {} : { value: shown(options.value) })
  };
}

/** Shorthand for a whole-file problem. */
export function fileError(status: 400 | 413 | 415, code: string, problem: Bilingual, expected: Bilingual, at: { row: number | null; column: string | null } = { row: null, column: null }): ImportFileError {
  return new ImportFileError(status, rowProblem(at, code, problem, expected));
}
