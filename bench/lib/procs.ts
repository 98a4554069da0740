import { fork, spawn, type ChildProcess, type ForkOptions, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { now, sleep } from './clock.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const benchRoot = path.join(repoRoot, 'bench');

const children = new Set<ChildProcess>();
let reaper: ChildProcess | null = null;

function track(child: ChildProcess, name: string): ChildProcess {
  children.add(child);
  if (child.pid) reaper?.send({ add: child.pid });
  child.once('exit', () => {
    children.delete(child);
    if (child.pid && reaper?.connected) reaper.send({ remove: child.pid });
  });
  child.once('error', (error) => console.error(`bench: child ${name} failed: ${error.message}`));
  return child;
}

/** Starts the watchdog that kills our children if this process dies without cleaning up. */
export function startReaper(): void {
  reaper = fork(path.join(benchRoot, 'lib/reaper.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  reaper.unref();
  reaper.channel?.unref();
}

export function stopReaper(): void {
  if (reaper?.connected) reaper.disconnect();
  reaper = null;
}

/** A TypeScript module under bench/ in its own Node process, with an IPC channel (structured clone). */
export function forkBench(relPath: string, options: ForkOptions = {}, extraExecArgv: string[] = []): ChildProcess {
  const child = fork(path.join(benchRoot, relPath), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx', ...extraExecArgv],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...options,
  });
  return track(child, relPath);
}

export function spawnTracked(command: string, args: string[], options: SpawnOptions, name: string): ChildProcess {
  return track(spawn(command, args, options), name);
}

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Ends one child: `signal`, then SIGKILL if it has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5_000): Promise<void> {
  if (!alive(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = sleep(graceMs).then(() => 'timeout' as const);
  if ((await Promise.race([exited, timer])) === 'timeout' && alive(child)) {
    child.kill('SIGKILL');
    await exited;
  }
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child, 'SIGTERM', 3_000)));
}

/** Last resort, synchronous (for process 'exit'): SIGKILL whatever is left. */
export function killAllChildrenNow(): void {
  for (const child of children) if (alive(child)) child.kill('SIGKILL');
}

/** What a bench child sends over IPC: each kind of message names itself in `type`. */
export type ChildMessage = { type?: unknown; message?: unknown } | null | undefined;

/** Resolves with the next IPC message from `child` that satisfies `match`, or rejects on exit / timeout. */
export function nextMessage<T>(child: ChildProcess, match: (message: ChildMessage) => boolean, timeoutMs: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    const onMessage = (message: ChildMessage) => {
      if (message?.type === 'error') done(new Error(`${what}: child reported: ${String(message.message)}`));
      else if (match(message)) done(null, message as T);
    };
    const onExit = (code: number | null, signal: string | null) => done(new Error(`child exited (${code ?? signal}) while waiting for ${what}`));
    function done(error: Error | null, value?: T): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value as T);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Polls `url` until it answers 2xx, the child exits, or `timeoutMs` passes. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    if (!alive(child)) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before answering ${url}\n${describe()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms\n${describe()}`);
}

/** Resident set size of a process in KiB, from /proc/<pid>/status (VmRSS). */
export function rssKib(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/**
 * Resident KiB of the glibc main-arena heap (the `[heap]` mapping in /proc/<pid>/smaps): native
 * allocations made on the main thread (SQLite, better-sqlite3, Node internals), as opposed to the V8
 * heap, which lives in anonymous mappings.
 */
export function nativeHeapRssKib(pid: number): number | null {
  try {
    const smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
    const at = smaps.search(/^[0-9a-f]+-[0-9a-f]+ [^\n]*\[heap\]$/m);
    if (at < 0) return 0;
    const match = /^Rss:\s+(\d+) kB/m.exec(smaps.slice(at));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Soft and hard limits on open files of this process (from /proc/self/limits); Infinity for unlimited. */
export function openFileLimits(): { soft: number; hard: number } {
  const text = readFileSync('/proc/self/limits', 'utf8');
  const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(text);
  if (!match) return { soft: NaN, hard: NaN };
  const parse = (s: string) => (s === 'unlimited' ? Infinity : Number(s));
  return { soft: parse(match[1]), hard: parse(match[2]) };
}
