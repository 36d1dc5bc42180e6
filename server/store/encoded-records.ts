import type { ImportedOrganization } from '../schemas/datasets.ts';
import type { EncodedRecords, StoredRecord } from './repository.ts';

/** Records per encoded batch: a few MB of text, one INSERT message on PostgreSQL. */
export const RECORD_BATCH_SIZE = 5000;
/** How long parsing features may hold the event loop before it yields, ms. */
const PARSE_SLICE_MS = 20;

/** Encodes records for `createEncoded`, RECORD_BATCH_SIZE to a batch (JSON text never holds a raw newline). */
export function encodedBatches(records: readonly StoredRecord[]): EncodedRecords[] {
  const batches: EncodedRecords[] = [];
  for (let start = 0; start < records.length; start += RECORD_BATCH_SIZE) {
    const batch = records.slice(start, start + RECORD_BATCH_SIZE);
    batches.push({ idsJson: JSON.stringify(batch.map((r) => r.recordId)), featuresJsonl: batch.map((r) => JSON.stringify(r.feature)).join('\n') });
  }
  return batches;
}

/** The ids and feature texts of one batch; no feature is parsed. */
export function decodedBatch(batch: EncodedRecords): { ids: string[]; features: string[] } {
  const ids = JSON.parse(batch.idsJson) as string[];
  const features = ids.length === 0 ? [] : batch.featuresJsonl.split('\n');
  if (features.length !== ids.length) throw new Error(`a record batch has ${ids.length} ids but ${features.length} features`);
  return { ids, features };
}

/**
 * Every feature of the batches as objects, parsed in slices of about PARSE_SLICE_MS with the event
 * loop yielded between them. Takes the batches: each is emptied once parsed, so the text and the
 * objects of a large import are not both held whole.
 */
export async function parsedFeatures(batches: EncodedRecords[]): Promise<ImportedOrganization[]> {
  const features: ImportedOrganization[] = [];
  let sliceEnd = performance.now() + PARSE_SLICE_MS;
  for (let b = 0; b < batches.length; b++) {
    const lines = decodedBatch(batches[b]).features;
    batches[b] = { idsJson: '[]', featuresJsonl: '' };
    for (const line of lines) features.push(JSON.parse(line) as ImportedOrganization);
    if (performance.now() > sliceEnd) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceEnd = performance.now() + PARSE_SLICE_MS;
    }
  }
  return features;
}
