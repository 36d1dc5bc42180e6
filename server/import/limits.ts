/** How much one import may hold; each limit has a clear error (see ImportFileError codes). */
export interface ImportLimits {
  /** Upload size, bytes. */
  maxFileBytes: number;
  /** Data rows (or GeoJSON features). */
  maxRows: number;
  maxColumns: number;
  /** Characters in one cell; a longer one is a row error, not a crash. */
  maxCellChars: number;
  /** Nesting of JSON arrays and objects. */
  maxJsonDepth: number;
  /** Entries in an XLSX (zip) archive. */
  maxZipEntries: number;
  /** Sum of the uncompressed sizes the XLSX archive declares, bytes. */
  maxUnzippedBytes: number;
  /** Longest the file may take to read and validate (on the import worker), ms. */
  budgetMs: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 200,
  maxCellChars: 2_000,
  maxJsonDepth: 32,
  maxZipEntries: 500,
  maxUnzippedBytes: 200 * 1024 * 1024,
  budgetMs: 120_000
};

/** Limits from the environment: IMPORT_MAX_MB (upload size), IMPORT_MAX_ROWS and IMPORT_BUDGET_MS; invalid values are refused at start. */
export function importLimitsFromEnv(env: Record<string, string | undefined>): Partial<ImportLimits> {
  const limits: Partial<ImportLimits> = {};
  for (const [name, key, scale] of [['IMPORT_MAX_MB', 'maxFileBytes', 1024 * 1024], ['IMPORT_MAX_ROWS', 'maxRows', 1], ['IMPORT_BUDGET_MS', 'budgetMs', 1]] as const) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!(value > 0)) throw new Error(`${name} must be a positive number; got "${text}"`);
    limits[key] = Math.round(value * scale);
  }
  return limits;
}
