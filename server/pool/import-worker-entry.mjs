// The import worker's entry, plain JavaScript for the same reason as worker-entry.mjs: a Node 20
// worker thread does not inherit tsx's loader, so it is registered here when needed.
let worker;
try {
  worker = await import('./import-worker.ts');
} catch (err) {
  if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
  const { register } = await import('tsx/esm/api');
  register();
  // A new URL: the failed import stays cached under the old one.
  worker = await import('./import-worker.ts?tsx');
}
// The default export reads an upload; `joinWithTree` (run with `{ name }`) joins the catalog's next table, and
// `prestart` loads what an import needs while its upload is received.
export default worker.default;
export const joinWithTree = worker.joinWithTree;
export const prestart = worker.prestart;
