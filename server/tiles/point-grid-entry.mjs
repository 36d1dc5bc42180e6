// The point-grid worker's entry, plain JavaScript so any Node can load it (see
// server/pool/worker-entry.mjs: a Node 20 worker thread does not inherit the tsx loader).
try {
  await import('./point-grid-worker.ts');
} catch (err) {
  if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
  const { register } = await import('tsx/esm/api');
  register();
  await import('./point-grid-worker.ts?tsx');
}
