import type { EncodedRecords, StoredRecord } from './repository.ts';

/** Records per encoded batch: a few MB of text, one INSERT message on PostgreSQL. */
export const RECORD_BATCH_SIZE = 5000;

/**
 * Encodes records for `createEncoded`, RECORD_BATCH_SIZE to a batch (JSON text never holds a raw newline).
 * `utf8: true` (the import worker's choice) keeps the feature lines as UTF-8 on shared memory: Chinese names
 * make a JS string two bytes a character, and a SharedArrayBuffer crosses to the main thread without a copy.
 */
export function encodedBatches(records: readonly StoredRecord[], { utf8 = false } = {}): EncodedRecords[] {
  const batches: EncodedRecords[] = [];
  for (let start = 0; start < records.length; start += RECORD_BATCH_SIZE) {
    const batch = records.slice(start, start + RECORD_BATCH_SIZE);
    const lines = batch.map((r) => JSON.stringify(r.feature)).join('\n');
    batches.push({ idsJson: JSON.stringify(batch.map((r) => r.recordId)), featuresJsonl: utf8 ? sharedUtf8(lines) : lines });
  }
  return batches;
}

function sharedUtf8(text: string): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(Math.max(1, Buffer.byteLength(text))), 0, Buffer.byteLength(text));
  Buffer.from(bytes.buffer, 0, bytes.byteLength).write(text);
  return bytes;
}

/** The ids and feature texts of one batch; no feature is parsed. */
export function decodedBatch(batch: EncodedRecords): { ids: string[]; features: string[] } {
  const ids = JSON.parse(batch.idsJson) as string[];
  const text = typeof batch.featuresJsonl === 'string' ? batch.featuresJsonl : Buffer.from(batch.featuresJsonl.buffer, batch.featuresJsonl.byteOffset, batch.featuresJsonl.byteLength).toString('utf8');
  const features = ids.length === 0 ? [] : text.split('\n');
  if (features.length !== ids.length) throw new Error(`a record batch has ${ids.length} ids but ${features.length} features`);
  return { ids, features };
}
