// The name-search worker's entry, plain JavaScript so any Node can load it (see
// server/pool/worker-entry.mjs: a Node 20 worker thread does not inherit the tsx loader).
try {
  await import('./name-search-worker.ts');
} catch (err) {
  if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
  const { register } = await import('tsx/esm/api');
  register();
  await import('./name-search-worker.ts?tsx');
}
