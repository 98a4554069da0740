import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildServer, SERVER_BUNDLE } from '../../scripts/build-server.mjs';
import { now } from './clock.ts';
import { freePort, setUpWithToken } from '../../tests/helpers/server-process.ts';
import { forkBench, nextMessage, repoRoot, spawnTracked, stopChild, waitForHttp } from './procs.ts';

/** `product` is Andon as `npm start` runs it (SQLite); `postgres` the same code on DATABASE_URL; `before` the SQLite server of an older commit. */
export type ServerKind = 'product' | 'postgres' | 'before' | 'bare' | 'hello';

export const SERVER_LABELS: Record<ServerKind, string> = {
  product: 'Andon SQLite',
  postgres: 'Andon PostgreSQL',
  before: 'Andon SQLite (before)',
  bare: 'bare ws',
  hello: 'hello-world',
};

/** A server under test, running in its own child process on 127.0.0.1. */
export interface RunningServer {
  kind: ServerKind;
  pid: number;
  host: string;
  port: number;
  url: string;
  liveUrl: string;
  /** Headers every request (and websocket upgrade) carries: the API token for the product. */
  authHeaders: Record<string, string>;
  /** Port the V8 inspector opens on when sent SIGUSR1 (null if not prepared). */
  inspectPort: number | null;
  /** When the process was spawned (shared clock). */
  startedAt: number;
  describe(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A fresh directory for this server's data and log. */
  workDir: string;
  inspect: boolean;
  cpuProfDir: string | null;
  logLevel: string;
  tag: string;
  /** Whose `server/main.ts` is compiled and run: the repo unless told (the "before" server runs from a worktree of the old commit). */
  sourceRoot?: string;
  /** DATABASE_URL for a `postgres` server. */
  databaseUrl?: string;
  /** A further instance on a database another instance has set up: use that one's API token instead of setting up. */
  authHeaders?: Record<string, string>;
}

function cpuProfArgs(options: StartOptions): string[] {
  if (!options.cpuProfDir) return [];
  // One directory per server run: Node writes one profile per thread, named
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread.
  const dir = path.join(options.cpuProfDir, options.tag);
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/** `npm start` compiles the server before it runs it: once per source tree (this repo, the "before" worktree) per bench run. */
const compiled = new Map<string, Promise<string>>();
function compiledServer(sourceRoot: string): Promise<string> {
  let bundle = compiled.get(sourceRoot);
  if (!bundle) {
    bundle = buildServer(sourceRoot);
    compiled.set(sourceRoot, bundle);
  }
  return bundle;
}

async function startProduct(kind: 'product' | 'postgres' | 'before', options: StartOptions): Promise<RunningServer> {
  const port = await freePort();
  const inspectPort = options.inspect ? await freePort() : null;
  const host = '127.0.0.1';
  const url = `http://${host}:${port}`;
  const dataDir = path.join(options.workDir, 'data');
  const logFile = path.join(options.workDir, 'server.log');
  mkdirSync(dataDir, { recursive: true });
  const logFd = openSync(logFile, 'a');
  // Exactly what `npm start` runs (minus the web-build check), as its own process; logs go to a file,
  // as under a supervisor.
  const sourceRoot = options.sourceRoot ?? repoRoot;
  await compiledServer(sourceRoot);
  const execArgs = ['--enable-source-maps', ...(inspectPort ? [`--inspect-port=127.0.0.1:${inspectPort}`] : []), ...cpuProfArgs(options), SERVER_BUNDLE];
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: host, ANDON_DATA_DIR: dataDir, PUBLIC_URL: url, LOG_LEVEL: options.logLevel, NODE_OPTIONS: '' };
  // An inherited DATABASE_URL would silently turn a SQLite server into a PostgreSQL one.
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const startedAt = now();
  const child = spawnTracked(process.execPath, execArgs, {
    cwd: sourceRoot,
    env,
    stdio: ['ignore', logFd, logFd],
  }, `${options.tag} server`);
  closeSync(logFd);
  const describe = () => {
    try {
      return `--- tail of ${logFile} ---\n${readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`;
    } catch {
      return '(no server log)';
    }
  };
  const server: RunningServer = {
    kind, pid: child.pid!, host, port, url, liveUrl: `ws://${host}:${port}/api/live`, authHeaders: {}, inspectPort, startedAt, describe,
    stop: () => stopChild(child, 'SIGTERM', 10_000),
  };
  try {
    await waitForHttp(`${url}/healthz`, child, 60_000, describe);
    server.authHeaders = options.authHeaders ?? { authorization: await setUpWithToken(url, 'bench') };
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function startBaseline(kind: 'bare' | 'hello', options: StartOptions): Promise<RunningServer> {
  const inspectPort = options.inspect ? await freePort() : null;
  const file = kind === 'bare' ? 'baselines/bare-ws-server.ts' : 'baselines/hello-world.ts';
  const logFile = path.join(options.workDir, 'server.log');
  const logFd = openSync(logFile, 'a');
  const startedAt = now();
  const child: ChildProcess = forkBench(file, { stdio: ['ignore', logFd, logFd, 'ipc'] }, [
    ...(inspectPort ? [`--inspect-port=127.0.0.1:${inspectPort}`] : []),
    ...cpuProfArgs(options),
  ]);
  closeSync(logFd);
  const { port } = await nextMessage<{ port: number }>(child, (m) => m?.type === 'listening', 60_000, `${file} to listen`);
  const host = '127.0.0.1';
  const url = `http://${host}:${port}`;
  const describe = () => {
    try {
      return `--- tail of ${logFile} (${file}) ---\n${readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`;
    } catch {
      return `(${file}: no log)`;
    }
  };
  await waitForHttp(`${url}/healthz`, child, 30_000, describe);
  return {
    kind, pid: child.pid!, host, port, url, liveUrl: `ws://${host}:${port}/api/live`, authHeaders: {}, inspectPort, startedAt, describe,
    stop: () => stopChild(child, 'SIGTERM', 10_000),
  };
}

export function startServer(kind: ServerKind, options: StartOptions): Promise<RunningServer> {
  mkdirSync(options.workDir, { recursive: true });
  if (kind === 'postgres' && !options.databaseUrl) throw new Error('a postgres server needs a databaseUrl');
  if (kind === 'before' && !options.sourceRoot) throw new Error('a before server needs the old commit\'s sourceRoot');
  if (kind === 'bare' || kind === 'hello') return startBaseline(kind, options);
  return startProduct(kind, kind === 'product' ? { ...options, sourceRoot: undefined, databaseUrl: undefined } : options);
}

