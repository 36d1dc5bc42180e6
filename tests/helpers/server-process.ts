import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILED_MAIN, compileServerWhenStale } from '../../server/compile-server.ts';
import { freshPostgresSchema } from './postgres-schema.ts';

const START_TIMEOUT_MS = 180_000;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the real entry point on a free port and resolves with the URL it prints: server/main.ts from
 * source (through tsx), or with `{ compiled: true }` server-build/main.js, what `npm start` runs (compiled
 * first when server/ changed, as `npm start` does).
 * Its database goes to a fresh temporary DATA_DIR unless `env` names one, or, when DATABASE_URL is
 * set (and `env` does not name a database), to a fresh PostgreSQL schema dropped when it stops.
 */
export async function startServer(env: Record<string, string> = {}, { compiled = false } = {}): Promise<RunningServer> {
  if (compiled) await compileServerWhenStale();
  const schema = process.env.DATABASE_URL && !('DATABASE_URL' in env) ? await freshPostgresSchema(process.env.DATABASE_URL) : undefined;
  const entry = compiled ? [COMPILED_MAIN] : ['--import', 'tsx', join(ROOT, 'server', 'main.ts')];
  const server = await spawnServer(entry, schema ? { ...env, DATABASE_URL: schema.url } : env);
  if (!schema) return server;
  return {
    ...server,
    async stop() {
      await server.stop();
      await schema.drop();
    }
  };
}

function spawnServer(entry: string[], env: Record<string, string>): Promise<RunningServer> {
  // `node --import tsx` (not the tsx CLI, which runs the server in a child of its own), so a signal
  // sent to this process reaches the server itself: SIGKILL must kill it, not orphan it.
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'atlas-e2e-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  return new Promise((resolve, reject) => {
    // Generous: a start with 100k organisations in GEODATA_DIR takes over a minute on a 2-core machine shared by other work (start time is benchmarked, not tested here).
    const timer = setTimeout(() => reject(new Error(`server did not start in ${START_TIMEOUT_MS / 1000} s; it printed:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/ready at (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            })
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
}
