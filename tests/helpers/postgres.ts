import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process.ts';

const execFileAsync = promisify(execFile);
const DIR_PREFIX = 'andon-pg-';
const OWNER_FILE = 'owner.pid';
// PostgreSQL refuses to run as root, so a root test run hands the cluster to Debian's postgres user.
const RUN_AS = process.getuid?.() === 0 ? 'postgres' : null;

export interface PostgresCluster {
  port: number;
  /** A superuser URL (trust auth, no password) for one database of this cluster. */
  url(dbName?: string): string;
  /** Creates a database (a unique name unless one is given) and answers its URL. */
  createDatabase(name?: string, options?: { template?: string }): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** The server binaries: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) {
    if (!existsSync(path.join(process.env.PG_BIN, 'initdb'))) throw new Error(`PG_BIN=${process.env.PG_BIN} has no initdb`);
    return process.env.PG_BIN;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error('No PostgreSQL server binaries in /usr/lib/postgresql: apt-get install -y postgresql, or set PG_BIN');
  return path.join(root, versions[0], 'bin');
}

/**
 * Starts a throwaway cluster in a fresh temp dir on a free 127.0.0.1 port.
 * `durable: false` (the default) turns off fsync for speed; the benchmark passes `durable: true`.
 */
export async function startPostgresCluster(options: { durable?: boolean } = {}): Promise<PostgresCluster> {
  registerCleanup();
  sweepAbandonedClusters();
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), DIR_PREFIX));
  writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  if (RUN_AS) chownSync(dir, userId('-u'), userId('-g'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  live.set(dir, () => stopNow(bin, dir));

  let port: number;
  try {
    await run(bin, 'initdb', ['-D', dataDir, '-U', 'andon', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], dir);
    const settings = [
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      // Every test file opens its own pool; the default 100 runs out with two workers and several instances.
      'max_connections = 200',
      ...(options.durable ? [] : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']),
    ];
    appendFileSync(path.join(dataDir, 'postgresql.conf'), `\n${settings.join('\n')}\n`);
    port = await startOnFreePort(bin, dataDir, logFile, dir);
  } catch (error) {
    stopNow(bin, dir);
    throw error;
  }

  const url = (dbName = 'postgres') => databaseUrl(`postgres://andon@127.0.0.1:${port}/postgres`, dbName);
  return {
    port,
    url,
    createDatabase: (name, createOptions) => createDatabaseOn(url(), name, createOptions),
    dropDatabase: (name) => dropDatabaseOn(url(), name),
    async stop() {
      if (!live.delete(dir)) return;
      try {
        await run(bin, 'pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dataDir], dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The same server as `serverUrl`, another database. */
export function databaseUrl(serverUrl: string, dbName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(dbName)}`;
  return url.href;
}

/** CREATE DATABASE on the server of `serverUrl`; a template must have no open connections. */
export async function createDatabaseOn(serverUrl: string, name = uniqueDatabaseName(), options: { template?: string } = {}): Promise<string> {
  const template = options.template ? ` TEMPLATE ${quoteIdentifier(options.template)}` : '';
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}${template}`));
  return databaseUrl(serverUrl, name);
}

/** FORCE, so a test that leaked a pool still gets its database dropped. */
export async function dropDatabaseOn(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
}

/**
 * Deletes every row of every table and restarts every sequence, in one transaction; replica mode
 * skips the foreign keys' and the flow marks' triggers, so the order of the tables is free. False
 * if a lock held elsewhere kept it from finishing within `lockTimeoutMs` (nothing is deleted then).
 */
export async function emptyDatabase(url: string, { lockTimeoutMs }: { lockTimeoutMs: number }): Promise<boolean> {
  return withClient(url, async (client) => {
    await client.query(`SET lock_timeout = ${Math.trunc(lockTimeoutMs)}`);
    emptyingBatch ??= await emptyingBatchFor(client);
    try {
      await client.query(emptyingBatch);
      return true;
    } catch {
      return false;
    }
  });
}

/** Every database emptied is a copy of the one template, so the batch is worked out once. */
let emptyingBatch: string | undefined;

async function emptyingBatchFor(client: pg.Client): Promise<string> {
  const tables = await client.query<{ name: string }>(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`);
  const sequences = await client.query<{ name: string }>(`SELECT quote_ident(sequencename) AS name FROM pg_sequences WHERE schemaname = 'public'`);
  return [
    'BEGIN',
    'SET LOCAL session_replication_role = replica',
    ...tables.rows.map((table) => `DELETE FROM ${table.name}`),
    ...sequences.rows.map((sequence) => `ALTER SEQUENCE ${sequence.name} RESTART`),
    'COMMIT',
  ].join(';\n');
}

export function uniqueDatabaseName(): string {
  return `andon_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

// freePort() can race another process for the port, so a failed start is retried on a new one.
async function startOnFreePort(bin: string, dataDir: string, logFile: string, cwd: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await run(bin, 'pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', `-p ${port}`], cwd);
      return port;
    } catch (error) {
      if (attempt >= 3) {
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
        throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
      }
    }
  }
}

function command(bin: string, program: string, args: string[]): [string, string[]] {
  const file = path.join(bin, program);
  return RUN_AS ? ['runuser', ['-u', RUN_AS, '--', file, ...args]] : [file, args];
}

// cwd is the cluster's dir because the postgres user may not be allowed into the caller's directory.
async function run(bin: string, program: string, args: string[], cwd: string): Promise<void> {
  try {
    await execFileAsync(...command(bin, program, args), { cwd });
  } catch (error) {
    const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${program} failed: ${stderr || stdout || message}`, { cause: error });
  }
}

function userId(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, RUN_AS!], { encoding: 'utf8' }).trim());
}

// Immediate, synchronous stop: the only kind that can run inside an 'exit' handler.
function stopNow(bin: string, dir: string): void {
  live.delete(dir);
  const dataDir = path.join(dir, 'data');
  if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
    spawnSync(...command(bin, 'pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', dataDir]), { cwd: dir, stdio: 'ignore' });
  }
  rmSync(dir, { recursive: true, force: true });
}

const live = new Map<string, () => void>();
let cleanupRegistered = false;

// Best effort, so an interrupted run doesn't leave servers behind; SIGKILL is caught by the sweep instead.
function registerCleanup(): void {
  if (cleanupRegistered) return;
  cleanupRegistered = true;
  const stopAll = () => [...live.values()].forEach((stop) => stop());
  process.once('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stopAll();
      // Listening replaced the default action; re-raise unless someone else (Vitest) handles the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

// Stops clusters whose owning process died without cleaning up (SIGKILL, OOM).
function sweepAbandonedClusters(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(DIR_PREFIX))) {
    const dir = path.join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue;
    }
    if (!owner || isAlive(owner)) continue;
    try {
      stopNow(postgresBinDir(), dir);
    } catch {
      // another run may be sweeping the same dir
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
