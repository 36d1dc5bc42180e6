/**
 * Builds what `npm start` runs when it is missing or older than its sources, so `npm start` alone serves a
 * current product on a fresh clone: the front end (build/) and the compiled server (server-build/,
 * server/compile-server.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileServerWhenStale, newestMtime } from './compile-server.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = join(ROOT, 'build', 'index.html');
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
if (builtAt < sourcesAt) {
  console.log(builtAt === 0 ? 'Building the front end (first start)…' : 'Front-end sources changed; rebuilding…');
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The front-end build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}
await compileServerWhenStale();
