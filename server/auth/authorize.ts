import { HttpError } from '../schemas/errors.ts';
import type { KeyRepository, Writer } from '../store/repository.ts';
import { bearerKey, hashKey, sameHash } from './keys.ts';

/** The key id recorded for writes made with EDITOR_TOKEN. */
export const ENV_KEY_ID = 'env:EDITOR_TOKEN';

export interface KeyConfig {
  /** Hash of EDITOR_TOKEN, when set. */
  envTokenHash?: string;
  keys: KeyRepository;
}

/**
 * Who may write: the writer for a valid editor key, else the refusal. No key configured anywhere → every
 * write refused (403); no or unknown key → 401; a read-only key → 403.
 */
export async function authorizeWrite(authorization: string | undefined, config: KeyConfig): Promise<Writer | HttpError> {
  if (!config.envTokenHash && (await config.keys.count()) === 0) {
    return new HttpError(403, 'writing is disabled: this server has no editor key; set EDITOR_TOKEN or add a key (server/auth/create-key.ts) · 写入已禁用：服务器未配置编辑密钥', 'authorization');
  }
  const key = bearerKey(authorization);
  if (!key) return new HttpError(401, 'an editor key is needed: send "Authorization: Bearer <key>" · 需要编辑密钥', 'authorization');
  const hash = hashKey(key);
  if (config.envTokenHash && sameHash(hash, config.envTokenHash)) return { keyId: ENV_KEY_ID };
  const stored = await config.keys.byHash(hash);
  if (!stored) return new HttpError(401, 'the key is not valid (unknown or revoked) · 密钥无效（未知或已吊销）', 'authorization');
  if (stored.role !== 'editor') return new HttpError(403, `key ${stored.id} is read-only; writing needs an editor key · 该密钥为只读，写入需要编辑密钥`, 'authorization');
  return { keyId: stored.id };
}
