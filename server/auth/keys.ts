import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** SHA-256 is enough for keys of 256 random bits: there is nothing to guess, only to leak, and hashes do not leak keys. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key and its public id; the key is shown once, only its hash is stored. */
export function newKey(): { id: string; key: string } {
  return { id: `k_${randomBytes(6).toString('hex')}`, key: `ca_${randomBytes(32).toString('base64url')}` };
}

export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The key of an `Authorization: Bearer <key>` header, or undefined. */
export function bearerKey(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
