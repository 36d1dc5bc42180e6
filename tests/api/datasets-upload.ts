import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type App, type AppOptions } from '../../server/app.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');
export const EDITOR_TOKEN = 'test-editor-token';

/** An app on a fresh temporary DATA_DIR with EDITOR_TOKEN set; `dispose` closes it and deletes the directory. */
export async function appWithTempData(options: AppOptions = {}): Promise<{ app: App; dataDir: string; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-data-'));
  const app = await buildApp({ dataDir, editorToken: EDITOR_TOKEN, ...options });
  await app.ready();
  return {
    app,
    dataDir,
    dispose: async () => {
      await app.close();
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
