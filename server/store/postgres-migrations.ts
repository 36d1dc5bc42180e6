/**
 * The PostgreSQL/PostGIS schema, with the same versions and meaning as the SQLite migrations in
 * migrations.ts; `schema_migrations` records which ones ran. Never edit a released migration: add
 * the next one, here and in migrations.ts.
 */
export const POSTGRES_MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      -- json, not jsonb: documents come back byte for byte as written, with their key order, like SQLite's TEXT.
      CREATE TABLE datasets (
        id text PRIMARY KEY,
        name text NOT NULL,
        file_name text NOT NULL,
        format text NOT NULL,
        crs text NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        version integer NOT NULL,
        report json NOT NULL
      );
      CREATE TABLE dataset_versions (
        dataset_id text NOT NULL REFERENCES datasets(id),
        version integer NOT NULL,
        action text NOT NULL,
        key_id text NOT NULL,
        created_at timestamptz NOT NULL,
        detail json NOT NULL,
        PRIMARY KEY (dataset_id, version)
      );
      -- A record row is live for versions valid_from ≤ v < valid_to (valid_to NULL = still current).
      -- seq keeps the file's row order; geom is derived from the feature, so the two can never disagree.
      CREATE TABLE records (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dataset_id text NOT NULL REFERENCES datasets(id),
        record_id text NOT NULL,
        valid_from integer NOT NULL,
        valid_to integer,
        feature json NOT NULL,
        geom geometry(Point, 4326) NOT NULL GENERATED ALWAYS AS (
          ST_SetSRID(ST_MakePoint((feature #>> '{geometry,coordinates,0}')::float8, (feature #>> '{geometry,coordinates,1}')::float8), 4326)
        ) STORED
      );
      CREATE UNIQUE INDEX records_current ON records (dataset_id, record_id) WHERE valid_to IS NULL;
      CREATE INDEX records_history ON records (dataset_id, valid_from);
      CREATE INDEX records_current_geom ON records USING gist (geom) WHERE valid_to IS NULL;
      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        hash text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('editor', 'reader')),
        label text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
    `
  },
  {
    version: 2,
    sql: `
      -- Presenter tours: one JSON document per tour (the versioned tour format), validated before it is written.
      CREATE TABLE tours (
        id text PRIMARY KEY,
        document json NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      );
    `
  }
];
