import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type App, type AppOptions } from '../../server/app.ts';
import { freshPostgresSchema } from '../helpers/postgres-schema.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');
export const EDITOR_TOKEN = 'test-editor-token';

/** Where a test app keeps user data: a fresh DATA_DIR, and a fresh schema when DATABASE_URL names a PostgreSQL server. */
export type Storage = Required<Pick<AppOptions, 'dataDir'>> & Pick<AppOptions, 'databaseUrl'>;

/**
 * An app on fresh, empty user-data storage with EDITOR_TOKEN set: SQLite in a temporary DATA_DIR, or
 * a new schema of the DATABASE_URL database when that is set (so the same tests cover both
 * backends). `storage` opens the same data again; `dispose` closes the app and deletes the data.
 */
export async function appWithTempData(options: AppOptions = {}): Promise<{ app: App; dataDir: string; storage: Storage; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-data-'));
  const schema = process.env.DATABASE_URL ? await freshPostgresSchema(process.env.DATABASE_URL) : undefined;
  const storage: Storage = { dataDir, databaseUrl: schema?.url };
  const app = await buildApp({ ...storage, editorToken: EDITOR_TOKEN, ...options });
  await app.ready();
  return {
    app,
    dataDir,
    storage,
    dispose: async () => {
      await app.close();
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

/** A multipart/form-data body with one file and text fields, as a browser's FormData sends it. */
export async function multipart(fileName: string, bytes: Uint8Array | string, fields: Record<string, string> = {}): Promise<{ headers: Record<string, string>; payload: Buffer }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), fileName);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { headers: { 'content-type': request.headers.get('content-type')! }, payload: Buffer.from(await request.arrayBuffer()) };
}

/** POSTs a fixture (or given bytes) to /api/datasets with the editor key unless `authorization` says otherwise. */
export async function upload(
  app: App,
  fileName: string,
  options: { bytes?: Uint8Array | string; fields?: Record<string, string>; query?: string; authorization?: string | null } = {}
) {
  const bytes = options.bytes ?? readFileSync(join(FIXTURES, fileName.includes('/') ? fileName : `good/${fileName}`));
  const body = await multipart(fileName.split('/').pop()!, bytes, options.fields);
  const authorization = options.authorization === undefined ? `Bearer ${EDITOR_TOKEN}` : options.authorization;
  return app.inject({
    method: 'POST',
    url: `/api/datasets${options.query ?? ''}`,
    headers: { ...body.headers, ...(authorization ? { authorization } : {}) },
    payload: body.payload
  });
}

export const editor = { authorization: `Bearer ${EDITOR_TOKEN}` };
