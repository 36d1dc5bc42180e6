/**
 * Versioned schema changes, applied in order at start; `PRAGMA user_version` records the last one.
 * Never edit a released migration: add the next one.
 */
export const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE datasets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        file_name TEXT NOT NULL,
        format TEXT NOT NULL,
        crs TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        version INTEGER NOT NULL,
        report TEXT NOT NULL
      );
      CREATE TABLE dataset_versions (
        dataset_id TEXT NOT NULL REFERENCES datasets(id),
        version INTEGER NOT NULL,
        action TEXT NOT NULL,
        key_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (dataset_id, version)
      );
      -- A record row is live for versions valid_from ≤ v < valid_to (valid_to NULL = still current).
      CREATE TABLE records (
        dataset_id TEXT NOT NULL REFERENCES datasets(id),
        record_id TEXT NOT NULL,
        valid_from INTEGER NOT NULL,
        valid_to INTEGER,
        feature TEXT NOT NULL
      );
      CREATE UNIQUE INDEX records_current ON records(dataset_id, record_id) WHERE valid_to IS NULL;
      CREATE INDEX records_history ON records(dataset_id, valid_from);
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('editor', 'reader')),
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
    `
  },
  {
    version: 2,
    sql: `
      -- Presenter tours: one JSON document per tour (the versioned tour format), validated before it is written.
      CREATE TABLE tours (
        id TEXT PRIMARY KEY,
        document TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      );
    `
  }
];
