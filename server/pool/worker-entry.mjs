// The pool's worker entry, plain JavaScript so any Node can load it. The server's TypeScript runs
// through tsx, whose loader a Node 20 worker thread does not inherit: when the TypeScript worker
// cannot be imported as it is, this registers tsx in the worker and imports it again.
let worker;
try {
  worker = await import('./analytics-worker.ts');
} catch (err) {
  if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
  const { register } = await import('tsx/esm/api');
  register();
  // A new URL: the failed import stays cached under the old one.
  worker = await import('./analytics-worker.ts?tsx');
}
export default worker.default;
