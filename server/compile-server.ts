/**
 * Compiles the server's TypeScript to plain JavaScript in server-build/, which `npm start` runs. Run from
 * source, every thread (the main one, each analytics worker, the import thread, the record writer, the
 * SQLite readers, the name-search and point-grid workers) loads its TypeScript through tsx's loader, which
 * costs seconds of CPU per thread and tens of MB (bench/compiled-start.bench.ts measures both ways).
 *
 * One JavaScript file per source, the folder layout kept and server-build/ beside server/, so everything
 * that finds files from its own location resolves as it does from source: `new URL('./x-entry.mjs',
 * import.meta.url)` for the worker entries, and `<dir>/..` for geodata/ and build/. Relative imports are
 * rewritten from `.ts` to `.js`; packages stay imports of node_modules. The worker entries (`*-entry.mjs`)
 * and the other plain files are copied as they are: server/worker-module.mjs makes each entry load the
 * `.js` beside it when compiled and the `.ts` one otherwise.
 *
 * `npm run build:server` compiles; server/ensure-build.ts compiles when server/ is newer than the build.
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_SOURCE_DIR = join(ROOT, 'server');
export const SERVER_BUILD_DIR = join(ROOT, 'server-build');
/** The compiled entry point `npm start` runs. */
export const COMPILED_MAIN = join(SERVER_BUILD_DIR, 'main.js');
/** Besides server/, what changes the compiled output: the compiler settings and the installed packages (esbuild's version). */
const BUILD_INPUTS = ['tsconfig.server.json', 'package-lock.json'];

/** The newest modification time under `path` (itself when a file), 0 when it does not exist. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

const isTest = (file: string) => /\.test\.ts$/.test(file);
/** Paths relative to server/ of every file the server runs (tests and type declarations left out). */
function serverFiles(): { typescript: string[]; plain: string[] } {
  const files = readdirSync(SERVER_SOURCE_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(SERVER_SOURCE_DIR.length + 1))
    .filter((file) => !isTest(file) && !file.endsWith('.d.ts'));
  return { typescript: files.filter((f) => f.endsWith('.ts')), plain: files.filter((f) => !f.endsWith('.ts')) };
}

/** True when server-build/ is missing or older than server/ or the build's other inputs. */
export function serverBuildIsStale(): boolean {
  const builtAt = existsSync(COMPILED_MAIN) ? statSync(COMPILED_MAIN).mtimeMs : 0;
  return builtAt < Math.max(newestMtime(SERVER_SOURCE_DIR), ...BUILD_INPUTS.map((file) => newestMtime(join(ROOT, file))));
}

/**
 * Compiles server/ into server-build/. The output is written to a directory of its own first and then
 * swapped in, so a server already running from server-build/ never loads a half-written file.
 */
export async function compileServer(): Promise<void> {
  const staging = `${SERVER_BUILD_DIR}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const { typescript, plain } = serverFiles();
  await build({
    entryPoints: typescript.map((file) => join(SERVER_SOURCE_DIR, file)),
    outdir: staging,
    outbase: SERVER_SOURCE_DIR,
    // Bundling only so that the plugin below sees each import; every import stays an import of its own file.
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(ROOT, 'tsconfig.server.json'),
    logLevel: 'warning',
    plugins: [
      {
        name: 'one-file-per-source',
        setup(compiler) {
          compiler.onResolve({ filter: /.*/ }, (args) =>
            args.kind === 'entry-point' ? undefined : { path: args.path.replace(/^(\.{1,2}\/.*)\.ts$/, '$1.js'), external: true }
          );
        }
      }
    ]
  });
  for (const file of plain) {
    mkdirSync(dirname(join(staging, file)), { recursive: true });
    copyFileSync(join(SERVER_SOURCE_DIR, file), join(staging, file));
  }
  rmSync(SERVER_BUILD_DIR, { recursive: true, force: true });
  try {
    renameSync(staging, SERVER_BUILD_DIR);
  } catch (err) {
    // Another process (a test, a bench) compiled the same sources at the same moment and swapped its output in first.
    rmSync(staging, { recursive: true, force: true });
    if ((err as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** Compiles when the build is stale; says so, as the front end's rebuild does. */
export async function compileServerWhenStale(): Promise<void> {
  if (!serverBuildIsStale()) return;
  console.log(existsSync(COMPILED_MAIN) ? 'Server sources changed; compiling the server…' : 'Compiling the server (first start)…');
  await compileServer();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await compileServer();
