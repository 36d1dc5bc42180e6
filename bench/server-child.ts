/**
 * The real server as a child process, for the benchmarks that restart it or read its memory and CPU: compiled
 * (`node server-build/main.js`, what `npm start` runs; compiled first when server/ changed) unless
 * BENCH_SERVER=source (`node --import tsx server/main.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { COMPILED_MAIN, compileServerWhenStale } from '../server/compile-server.ts';

const ROOT = join(import.meta.dirname, '..');

export interface ServerChild {
  /** Where it answers, with a trailing slash. */
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export type ServerEntry = 'compiled' | 'source';
export const BENCH_SERVER: ServerEntry = process.env.BENCH_SERVER === 'source' ? 'source' : 'compiled';

/**
 * Starts the server on `dataDir` (SQLite, any port, no rate limit, errors logged only) with `env` on top,
 * and resolves once it prints the address it is ready at.
 */
export async function startServerChild(dataDir: string, env: Record<string, string>, entry: ServerEntry = BENCH_SERVER): Promise<ServerChild> {
  if (entry === 'compiled') await compileServerWhenStale();
  const args = entry === 'compiled' ? [COMPILED_MAIN] : ['--import', 'tsx', join(ROOT, 'server', 'main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', RATE_LIMIT_PER_MINUTE: 'off', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/ready at (http:\/\/\S+)/);
      if (match) resolve({ url: match[1], child, stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}
