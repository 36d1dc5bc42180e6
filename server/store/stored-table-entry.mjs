// The stored-table worker's entry, plain JavaScript for the same reason as server/pool/worker-entry.mjs:
// a Node 20 worker thread does not inherit tsx's loader, so it is registered here when needed.
let worker;
try {
  worker = await import('./stored-table-worker.ts');
} catch (err) {
  if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
  const { register } = await import('tsx/esm/api');
  register();
  // A new URL: the failed import stays cached under the old one.
  worker = await import('./stored-table-worker.ts?tsx');
}
export const loadDataset = worker.loadDataset;
export const joinWithTree = worker.joinWithTree;
export const readPart = worker.readPart;
