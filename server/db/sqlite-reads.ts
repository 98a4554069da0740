import { Worker } from 'node:worker_threads';
import { camelRow, type Reads } from './client.ts';
import type { Sql } from './sql.ts';

// Resolved from the root in both layouts: server/db/ (sources) and dist/server/ (compiled) sit two folders down.
const WORKER = new URL('../../server/db/sqlite-read-worker.mjs', import.meta.url);

const CLOSE_GRACE_MS = 2_000;

interface Pending {
  resolve: (rows: Record<string, unknown>[]) => void;
  reject: (error: Error) => void;
}

type Answer = { id: number; rows: Record<string, unknown>[] } | { id: number; error: { message: string; code?: string } };

export interface SqliteReads extends Reads {
  close(): Promise<void>;
}

/** A statement the read connection refused, with SQLite's code (`SQLITE_…`) as the driver gives it. */
export class SqliteReadError extends Error {
  override name = 'SqliteReadError';
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

/**
 * Reads of committed data on a read-only connection of their own, in a worker thread: a slow
 * ranking there never holds up the event loop, which runs every write's group commit. WAL lets it
 * read beside the writer; it sees each commit a moment after the writer does. Only the statement's
 * text and parameters cross the thread. If the worker dies, the reads it held fail and the next
 * read starts another.
 */
export function openSqliteReads(file: string, options: { logError?: (error: unknown, message: string) => void } = {}): SqliteReads {
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  function failAll(error: Error): void {
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  }

  function start(): Worker {
    const started = new Worker(WORKER, { workerData: { file } });
    started.unref();
    started.on('message', (answer: Answer) => {
      const entry = pending.get(answer.id);
      if (!entry) return;
      pending.delete(answer.id);
      if (pending.size === 0) started.unref();
      if ('error' in answer) entry.reject(new SqliteReadError(answer.error.message, answer.error.code));
      else entry.resolve(answer.rows);
    });
    started.on('error', (error) => {
      options.logError?.(error, 'SQLite read worker failed; starting another for the next read');
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`the SQLite read worker stopped (exit code ${code}) before it answered`));
    });
    return started;
  }

  function rows(query: Sql, first: boolean): Promise<Record<string, unknown>[]> {
    if (closed) return Promise.reject(new Error('database is closed'));
    worker ??= start();
    const id = nextId++;
    const values = query.values.map((v) => (typeof v === 'boolean' ? Number(v) : v));
    const answer = new Promise<Record<string, unknown>[]>((resolve, reject) => pending.set(id, { resolve, reject }));
    // Held open while it owes an answer, so a script waiting on a read does not exit under it.
    worker.ref();
    worker.postMessage({ id, text: query.text('sqlite'), values, first });
    return answer;
  }

  worker = start();
  return {
    dialect: 'sqlite',
    async all<T>(query: Sql) {
      return (await rows(query, false)).map((row) => camelRow(row) as T);
    },
    async one<T>(query: Sql) {
      const row = (await rows(query, true)).at(0);
      return row && (camelRow(row) as T);
    },
    async close() {
      if (closed) return;
      closed = true;
      const stopping = worker;
      worker = null;
      if (!stopping) return;
      const exited = new Promise((resolve) => stopping.once('exit', resolve));
      // It closes its connection after the reads it holds; one stuck in a read is stopped.
      stopping.postMessage('close');
      const stuck = setTimeout(() => void stopping.terminate(), CLOSE_GRACE_MS);
      await exited;
      clearTimeout(stuck);
    },
  };
}
