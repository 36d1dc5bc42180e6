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
}

export interface StoredRecord {
  recordId: string;
  feature: ImportedOrganization;
}

/**
 * User datasets with full history. Every write is one transaction that adds a version, so a
 * crash leaves either the whole write or none of it, and any version can be restored.
 */
export interface DatasetRepository {
  list(): DatasetSummary[];
  get(id: string): DatasetSummary | undefined;
  /** The records as of the current version. */
  records(id: string): StoredRecord[];
  record(id: string, recordId: string): StoredRecord | undefined;
  create(dataset: NewDataset, records: StoredRecord[], by: Writer): DatasetSummary;
  putRecord(id: string, record: StoredRecord, by: Writer): DatasetVersion;
  deleteRecord(id: string, recordId: string, by: Writer): DatasetVersion;
  deleteDataset(id: string, by: Writer): DatasetVersion;
  /** Makes the records of `version` current again, as a new version (history is kept). */
  rollback(id: string, version: number, by: Writer): DatasetVersion;
  history(id: string): DatasetVersion[];
  report(id: string): unknown;
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
  add(key: { id: string; hash: string; role: KeyRole; label: string }): ApiKey;
  byHash(hash: string): ApiKey | undefined;
  revoke(id: string): boolean;
  /** Keys not revoked. */
  count(): number;
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
  list(): StoredTour[];
  get(id: string): StoredTour | undefined;
  create(id: string, document: TourDocument, by: Writer): StoredTour;
  /** The replaced tour, or undefined when there is no tour `id`. */
  replace(id: string, document: TourDocument, by: Writer): StoredTour | undefined;
  delete(id: string): boolean;
}

/** Everything users create, behind one interface so another backend (PostgreSQL) can replace SQLite. */
export interface Store {
  datasets: DatasetRepository;
  keys: KeyRepository;
  tours: TourRepository;
  /** `ok` or the problems `PRAGMA integrity_check` (or the backend's equivalent) found. */
  integrityCheck(): string;
  close(): void;
}
