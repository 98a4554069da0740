import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createToken, setUpAdmin } from './organisation.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** What `npm start` runs, from repoRoot: the server built by scripts/build-server.mjs (vitest's global setup builds it). */
export const SERVER_ARGS = ['--enable-source-maps', 'dist/server/main.mjs'];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'andon-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

const postgresByDataDir = new Map<string, Promise<string>>();

/**
 * In the postgres project, a server gets a PostgreSQL database of its own, one per data directory,
 * so a test that restarts a server on the same directory finds its data again.
 */
async function databaseEnv(dataDir: string, env: Record<string, string> | undefined): Promise<Record<string, string>> {
  if (process.env.ANDON_TEST_DB !== 'postgres' || env?.DATABASE_URL) return {};
  let url = postgresByDataDir.get(dataDir);
  if (!url) {
    // Imported only here: the benchmark uses this file outside Vitest.
    url = import('./test-database.ts').then(async ({ freshPostgresDatabase }) => (await freshPostgresDatabase()).url);
    postgresByDataDir.set(dataDir, url);
  }
  return { DATABASE_URL: await url };
}

/**
 * Starts the server exactly as `npm start` runs it, and waits until it answers /healthz.
 * It runs on SQLite in `dataDir`, or in the postgres project on a PostgreSQL database of its own.
 */
export async function startServer(options: { dataDir: string; port?: number; env?: Record<string, string>; readyWithinMs?: number }): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const database = await databaseEnv(options.dataDir, options.env);
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ANDON_DATA_DIR: options.dataDir, LOG_LEVEL: 'warn', PUBLIC_URL: url, ...database, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));

  // Starting takes seconds, but longer than 30 s on a 2-core machine busy with other test runs; under
  // the hooks' 60 s (vitest.config.ts), so that a server that never answers says so itself.
  const readyWithinMs = options.readyWithinMs ?? 50_000;
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    const ended = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
    if (ended !== null) throw new Error(`server exited (${ended}) before answering:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /healthz within ${readyWithinMs / 1000} s:\n${output}`);
    }
  }

  return {
    url,
    port,
    child,
    output: () => output,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Sets up the first admin over HTTP (as a browser would) and answers an API token's Authorization header. */
export async function setUpWithToken(url: string, tokenName = 'test machine'): Promise<string> {
  return createToken(url, await setUpAdmin(url), tokenName);
}
