import type { ImportedOrganization } from '../schemas/datasets.ts';
import type { TourDocument } from '../schemas/tours.ts';

/** Who made a write: the id of the key that authorised it (`env` for EDITOR_TOKEN). */
export interface Writer {
  keyId: string;
}

export type WriteAction = 'import' | 'update-record' | 'delete-record' | 'delete-dataset' | 'rollback';

/** One recorded write: every change to a dataset makes a new version. */
export interface DatasetVersion {
  version: number;
  action: WriteAction;
  key_id: string;
  created_at: string;
  /** What changed, e.g. `{ record_id }` or `{ records: 120 }` or `{ to_version: 2 }`. */
  detail: Record<string, unknown>;
}

export interface DatasetSummary {
  id: string;
  name: string;
  file_name: string;
  format: string;
  crs: string;
  created_at: string;
  created_by: string;
  version: number;
  updated_at: string;
  records: number;
}

export interface NewDataset {
  id: string;
  name: string;
  file_name: string;
  format: string;
  crs: string;
  /** The import report, kept so the dataset can show how it was read. */
  report: unknown;
  /** The report already as JSON text (an import's, made on the worker): stored as it is instead of `report`. */
  reportJson?: string;
}

export interface StoredRecord {
  recordId: string;
  feature: ImportedOrganization;
}

/** Records as text, as the import worker hands them over: ids as a JSON array, features as JSON lines in the same order (a string, or UTF-8 bytes). */
export interface EncodedRecords {
  idsJson: string;
  featuresJsonl: string | Uint8Array;
}

/**
 * User datasets with full history. Every write is one transaction that adds a version, so a
 * crash leaves either the whole write or none of it, and any version can be restored.
 */
export interface DatasetRepository {
  list(): Promise<DatasetSummary[]>;
  get(id: string): Promise<DatasetSummary | undefined>;
  /** The records as of the current version. */
  records(id: string): Promise<StoredRecord[]>;
  record(id: string, recordId: string): Promise<StoredRecord | undefined>;
  /**
   * The current records' features, `chunkSize` at a time and in record order, each chunk handed to `onChunk`
   * and let go before the next is read: a restart builds a million organisations' columns without holding a
   * million parsed features (or their text) at once. All chunks come from one consistent read.
   */
  featureChunks(id: string, chunkSize: number, onChunk: (features: ImportedOrganization[]) => void): Promise<void>;
  create(dataset: NewDataset, records: StoredRecord[], by: Writer): Promise<DatasetSummary>;
  /**
   * `create` from records already as text, in batches (an import's path): the whole dataset is still
   * one transaction, but the event loop is yielded between batches where the backend allows it.
   */
  createEncoded(dataset: NewDataset, batches: EncodedRecords[], by: Writer): Promise<DatasetSummary>;
  putRecord(id: string, record: StoredRecord, by: Writer): Promise<DatasetVersion>;
  deleteRecord(id: string, recordId: string, by: Writer): Promise<DatasetVersion>;
  deleteDataset(id: string, by: Writer): Promise<DatasetVersion>;
  /** Makes the records of `version` current again, as a new version (history is kept). */
  rollback(id: string, version: number, by: Writer): Promise<DatasetVersion>;
  history(id: string): Promise<DatasetVersion[]>;
  report(id: string): Promise<unknown>;
}

export type KeyRole = 'editor' | 'reader';

export interface ApiKey {
  id: string;
  role: KeyRole;
  label: string;
  created_at: string;
}

/** API keys, stored only as hashes. */
export interface KeyRepository {
  add(key: { id: string; hash: string; role: KeyRole; label: string }): Promise<ApiKey>;
  byHash(hash: string): Promise<ApiKey | undefined>;
  revoke(id: string): Promise<boolean>;
  /** Keys not revoked. */
  count(): Promise<number>;
}

export interface StoredTour {
  id: string;
  document: TourDocument;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** Presenter tours saved by editors; the built-in tour is not stored here. */
export interface TourRepository {
  list(): Promise<StoredTour[]>;
  get(id: string): Promise<StoredTour | undefined>;
  create(id: string, document: TourDocument, by: Writer): Promise<StoredTour>;
  /** The replaced tour, or undefined when there is no tour `id`. */
  replace(id: string, document: TourDocument, by: Writer): Promise<StoredTour | undefined>;
  delete(id: string): Promise<boolean>;
}

/** What a store reports about datasets written by any process sharing it. */
export interface DatasetChangeListener {
  /** A write to `datasetId` committed (by this process or another). */
  changed(datasetId: string): void;
  /** Changes may have been missed (the connection dropped and came back): reload every dataset. */
  missed(): void;
}

/**
 * Everything users create, behind one interface with two backends: embedded SQLite (one process)
 * and PostgreSQL/PostGIS (any number of processes sharing one database).
 */
export interface Store {
  /** Which database holds the data, for the start-up log. */
  backend: 'sqlite' | 'postgres';
  datasets: DatasetRepository;
  keys: KeyRepository;
  tours: TourRepository;
  /**
   * Starts reporting dataset writes to `listener`. A store only this process uses (SQLite) has
   * nothing to report: the writing route refreshes the catalog itself.
   */
  watchDatasets(listener: DatasetChangeListener): Promise<void>;
  /** `ok` or the problems `PRAGMA integrity_check` (or the backend's equivalent) found. */
  integrityCheck(): Promise<string>;
  /**
   * SQLite only: imports written by the import worker on its own connection to `file` (see
   * sqliteImportWrites), so a million records are neither handed to nor inserted on the main thread.
   * `drop` removes an import whose worker stopped before it finished or dropped it.
   */
  workerImports?: { file: string; drop(id: string): Promise<void> };
  close(): Promise<void>;
}
