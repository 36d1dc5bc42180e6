import { createHash, webcrypto } from 'node:crypto';

/** How long a finished import answers repeats of itself: long enough for a double click or a client retry. */
export const REPEAT_WINDOW_MS = 5 * 60 * 1000;

/**
 * The identity of an import request: the writer, the options and the file's bytes (SHA-256). The
 * file is hashed by WebCrypto, which works on libuv's thread pool: hashing 200 MB on the event loop
 * would hold it for a good part of a second.
 */
export async function importFingerprint(writerId: string, options: unknown, fileName: string, bytes: Uint8Array): Promise<string> {
  const fileHash = Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
  return createHash('sha256').update(JSON.stringify([writerId, options, fileName, fileHash])).digest('hex');
}

/**
 * Imports that created a dataset recently, by fingerprint and by Idempotency-Key: the same upload
 * sent twice (at once, or again within the window) gets the first dataset's id instead of making a
 * copy. A repeat that arrives while the first is still running waits for it. Imports that create
 * nothing (refused, dry runs) are forgotten at once, so a retry runs again.
 */
export class RecentImports {
  private readonly entries = new Map<string, { at: number; datasetId: Promise<string | undefined> }>();

  constructor(
    private readonly windowMs = REPEAT_WINDOW_MS,
    private readonly now: () => number = Date.now
  ) {}

  /**
   * Runs `work` unless an import under one of `keys` created a dataset within the window (or is
   * still running and then does): then answers with that dataset's id instead. `createdId` reads the
   * id of the dataset a result created, if it created one.
   */
  async once<T>(keys: string[], work: () => Promise<T>, createdId: (result: T) => string | undefined): Promise<{ repeatOf: string } | { result: T }> {
    this.forgetExpired();
    for (const key of keys) {
      const entry = this.entries.get(key);
      const id = entry && (await entry.datasetId);
      if (id) return { repeatOf: id };
    }
    // Another request may have registered while this one waited above; check again before registering.
    const running = keys.map((k) => this.entries.get(k)).find(Boolean);
    if (running) return this.once(keys, work, createdId);
    const result = work();
    const entry = { at: this.now(), datasetId: result.then(createdId, () => undefined) };
    for (const key of keys) this.entries.set(key, entry);
    void entry.datasetId.then((id) => {
      if (id) entry.at = this.now();
      else for (const key of keys) if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return { result: await result };
  }

  private forgetExpired(): void {
    const oldest = this.now() - this.windowMs;
    for (const [key, entry] of this.entries) if (entry.at < oldest) this.entries.delete(key);
  }
}
