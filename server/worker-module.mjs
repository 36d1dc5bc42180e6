// How each worker thread's entry (`*-entry.mjs`) loads its module, written once for all of them. Compiled
// (server-build/, what `npm start` runs: server/compile-server.ts) the `.js` beside the entry is imported as it
// is. From source (tests, `npm run dev:server`, benches) the `.ts` one is: a Node 20 worker thread does not
// inherit the tsx loader of the thread that started it, so when the TypeScript cannot be imported as it is,
// tsx is registered in this thread and it is imported again. The entries stay plain JavaScript so that any
// Node can load them either way.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Imports `name` (e.g. `./analytics-worker`, no extension) relative to `entryUrl` (the entry's import.meta.url). */
export async function importWorkerModule(entryUrl, name) {
  const compiled = new URL(`${name}.js`, entryUrl);
  if (existsSync(fileURLToPath(compiled))) return import(compiled.href);
  const source = new URL(`${name}.ts`, entryUrl);
  try {
    return await import(source.href);
  } catch (err) {
    if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    const { register } = await import('tsx/esm/api');
    register();
    // A new URL: the failed import stays cached under the old one.
    return import(`${source.href}?tsx`);
  }
}
