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
 * Two threads: a search typed by one person no longer waits behind another's ranking, and on a
 * machine of two cores (the smallest we run on) the event loop still gets its share.
 */
export const READ_WORKERS = 2;

interface ReadWorker {
  worker: Worker | null;
  pending: Map<number, Pending>;
}

/**
 * Reads of committed data on read-only connections of their own, in worker threads: a slow
 * ranking there never holds up the event loop, which runs every write's group commit. WAL lets them
 * read beside the writer; each sees a commit a moment after the writer does. A read goes to the
 * worker that owes the fewest answers. Only the statement's text and parameters cross the thread.
 * If a worker dies, the reads it held fail and its next read starts another.
 */
export function openSqliteReads(file: string, options: { logError?: (error: unknown, message: string) => void; workers?: number } = {}): SqliteReads {
  const slots: ReadWorker[] = Array.from({ length: options.workers ?? READ_WORKERS }, () => ({ worker: null, pending: new Map() }));
  let nextId = 1;
  let closed = false;

  function failAll(slot: ReadWorker, error: Error): void {
    for (const entry of slot.pending.values()) entry.reject(error);
    slot.pending.clear();
  }

  function start(slot: ReadWorker): Worker {
    const started = new Worker(WORKER, { workerData: { file } });
    started.unref();
    started.on('message', (answer: Answer) => {
      const entry = slot.pending.get(answer.id);
      if (!entry) return;
      slot.pending.delete(answer.id);
      if (slot.pending.size === 0) started.unref();
      if ('error' in answer) entry.reject(new SqliteReadError(answer.error.message, answer.error.code));
      else entry.resolve(answer.rows);
    });
    started.on('error', (error) => {
      options.logError?.(error, 'SQLite read worker failed; starting another for the next read');
    });
    started.on('exit', (code) => {
      if (slot.worker === started) slot.worker = null;
      failAll(slot, new Error(`the SQLite read worker stopped (exit code ${code}) before it answered`));
    });
    return started;
  }

  const leastBusy = () => slots.reduce((best, slot) => (slot.pending.size < best.pending.size ? slot : best));

  function rows(query: Sql, first: boolean): Promise<Record<string, unknown>[]> {
    if (closed) return Promise.reject(new Error('database is closed'));
    const slot = leastBusy();
    const worker = (slot.worker ??= start(slot));
    const id = nextId++;
    const values = query.values.map((v) => (typeof v === 'boolean' ? Number(v) : v));
    const answer = new Promise<Record<string, unknown>[]>((resolve, reject) => slot.pending.set(id, { resolve, reject }));
    // Held open while it owes an answer, so a script waiting on a read does not exit under it.
    worker.ref();
    worker.postMessage({ id, text: query.text('sqlite'), values, first });
    return answer;
  }

  async function stop(slot: ReadWorker): Promise<void> {
    const stopping = slot.worker;
    slot.worker = null;
    if (!stopping) return;
    const exited = new Promise((resolve) => stopping.once('exit', resolve));
    // It closes its connection after the reads it holds; one stuck in a read is stopped.
    stopping.postMessage('close');
    const stuck = setTimeout(() => void stopping.terminate(), CLOSE_GRACE_MS);
    await exited;
    clearTimeout(stuck);
  }

  // The first worker opens with the database, so a file it cannot read fails at once; the others start
  // when a read finds the first one busy (the least busy slot wins ties in order), so an Andon that
  // never reads two things at once (and each app a test opens) pays for one thread, not all of them.
  const [first] = slots;
  first.worker = start(first);
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
      await Promise.all(slots.map(stop));
    },
  };
}
