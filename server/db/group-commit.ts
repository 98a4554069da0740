import type { Queryable, Tx } from './client.ts';

/** One connection with a transaction open on it, as group commit drives it. */
export interface BatchConnection {
  readonly queryable: Queryable;
  /** Runs one of begin, commit, rollback, savepoint, release (the savepoint) or rollback-to (it). */
  exec(step: BatchStep): Promise<void>;
  /** Hands the connection back (to the pool, or nowhere for SQLite's one connection). */
  done(): void;
}

export type BatchStep = 'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackToSavepoint';

interface PendingUnit {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** A connection for the next batch; waiting here is where units pile up into bigger batches. */
  connect: () => Promise<BatchConnection>;
  /** The most batches in flight at once: 1 for SQLite's one writer, the pool size for PostgreSQL. */
  concurrency: number;
  maxUnitsPerCommit: number;
  logError?: (error: unknown, message: string) => void;
}

export interface GroupCommit {
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Resolves once every unit queued so far has committed or failed. */
  drain(): Promise<void>;
}

/**
 * Units of work that arrive while a commit is being made share the next one, each in its own
 * savepoint, so a failing unit rolls back alone. A durable commit costs a flush to disk; on
 * PostgreSQL the counter rows (problem numbers, event seqs) also make writers take turns until
 * commit, so one transaction per unit would run them one at a time. Batches are formed when a
 * connection is free, not before: under load the queue grows while every connection is busy, and
 * the next batch takes all of it. Units must only await their own statements (see `Database`).
 */
export function createGroupCommit(options: GroupCommitOptions): GroupCommit {
  const queue: PendingUnit[] = [];
  let inFlight = 0;
  let scheduled = false;
  const idle: Array<() => void> = [];

  function schedule(): void {
    if (scheduled || inFlight >= options.concurrency || queue.length === 0) return;
    scheduled = true;
    // The rest of this turn's units join the batch before it starts.
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  }

  async function flush(): Promise<void> {
    if (queue.length === 0 || inFlight >= options.concurrency) return;
    inFlight++;
    let connection: BatchConnection | undefined;
    let batch: PendingUnit[] = [];
    try {
      connection = await options.connect();
      batch = queue.splice(0, options.maxUnitsPerCommit);
      schedule();
      if (batch.length > 0) await commitBatch(connection, batch);
    } catch (error) {
      // No connection: the units taken (none, if connect failed first) and those waiting fail alike.
      for (const unit of batch.length > 0 ? batch : queue.splice(0)) unit.reject(error);
    } finally {
      connection?.done();
      inFlight--;
      schedule();
      if (inFlight === 0 && queue.length === 0) idle.splice(0).forEach((wake) => wake());
    }
  }

  async function commitBatch(connection: BatchConnection, batch: PendingUnit[]): Promise<void> {
    // A unit alone needs no savepoint: if it fails, the whole transaction rolls back with it.
    const alone = batch.length === 1;
    const outcomes: Array<{ ok: boolean; value: unknown; hooks: Array<() => void> }> = [];
    try {
      await connection.exec('begin');
      for (const unit of batch) {
        const hooks: Array<() => void> = [];
        if (!alone) await connection.exec('savepoint');
        try {
          const value = await unit.work({ ...connection.queryable, afterCommit: (hook) => hooks.push(hook) });
          if (!alone) await connection.exec('release');
          outcomes.push({ ok: true, value, hooks });
        } catch (error) {
          if (!alone) {
            await connection.exec('rollbackToSavepoint');
            await connection.exec('release');
          }
          outcomes.push({ ok: false, value: error, hooks: [] });
        }
      }
      if (alone && !outcomes[0].ok) await connection.exec('rollback');
      else await connection.exec('commit');
    } catch (error) {
      await connection.exec('rollback').catch(() => {});
      for (const unit of batch) unit.reject(error);
      return;
    }
    // Hooks first, in commit order, so events are published before any caller hears back.
    for (const outcome of outcomes) for (const hook of outcome.hooks) runHook(hook);
    batch.forEach((unit, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.value);
    });
  }

  function runHook(hook: () => void): void {
    try {
      hook();
    } catch (error) {
      // A failing subscriber must not undo or hide a commit that already happened.
      options.logError?.(error, 'after-commit hook failed');
    }
  }

  return {
    run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    drain() {
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}
