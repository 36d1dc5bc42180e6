import type { ImportReport } from '$server/import/import-file.ts';
import type { DatasetSummary } from '$server/store/repository.ts';
import { ApiError, getJson } from './client';

export type { DatasetSummary, ImportReport };

export type SourceCrs = 'WGS84' | 'GCJ02' | 'BD09';

export interface ImportOptions {
  crs: SourceCrs;
  dryRun: boolean;
  validRowsOnly: boolean;
  name?: string;
  /** Field → column header, for columns the server does not recognise by name. */
  mapping?: Record<string, string>;
}

/** The server's answer to an import: a report always; a dataset when something was written. */
export interface ImportOutcome {
  status: number;
  written: boolean;
  message?: string;
  dataset?: DatasetSummary;
  report: ImportReport;
}

/**
 * Sends a file to POST /api/datasets. A refused file (400/413/415/422) is an answer with a report, not
 * an exception; a missing or wrong key and other failures throw ApiError with the server's message.
 */
export async function importDataset(file: File, options: ImportOptions, editorKey: string, signal?: AbortSignal): Promise<ImportOutcome> {
  const form = new FormData();
  form.append('crs', options.crs);
  form.append('dry_run', String(options.dryRun));
  form.append('valid_rows_only', String(options.validRowsOnly));
  if (options.name) form.append('name', options.name);
  if (options.mapping && Object.keys(options.mapping).length > 0) form.append('mapping', JSON.stringify(options.mapping));
  form.append('file', file, file.name);
  const res = await fetch('/api/datasets', { method: 'POST', body: form, signal, headers: { authorization: `Bearer ${editorKey}`, accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (body.report) return { status: res.status, written: res.status === 201, message: res.ok ? undefined : body.message, dataset: body.dataset, report: body.report };
  throw new ApiError(res.status, body.message ?? `${res.status} ${res.statusText}`);
}

/** The imported datasets, newest last. */
export function getDatasets(signal?: AbortSignal): Promise<DatasetSummary[]> {
  return getJson('/api/datasets', signal);
}
