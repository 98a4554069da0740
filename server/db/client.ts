import BetterSqlite3 from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.ts';

export type Orm = BetterSQLite3Database<typeof schema>;

/** What a unit of work inside `transaction()` may use. Work is synchronous: better-sqlite3 is. */
export interface Tx {
  orm: Orm;
  /** Runs after the transaction holding this unit has committed (never if it rolled back). */
  afterCommit(hook: () => void): void;
}

export interface Database {
  readonly sqlite: BetterSqlite3.Database;
  /** For reads. Writes go through `transaction()`. */
  readonly orm: Orm;
  /**
   * Runs `work` in a write transaction and resolves once it is durably committed.
   * Units that arrive in the same turn of the event loop share one commit (group commit):
   * each runs in its own savepoint, so one unit's error rolls back only that unit.
   */
  transaction<T>(work: (tx: Tx) => T): Promise<T>;
  close(): void;
}

interface PendingUnit {
  work: (tx: Tx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const MAX_UNITS_PER_COMMIT = 1_000;

export function openDatabase(file: string): Database {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Group commit gives every unit a savepoint; its statement journal in a temp file doubled the cost of each insert.
  sqlite.pragma('temp_store = MEMORY');
  assertPragmas(sqlite, file);
  const orm = drizzle(sqlite, { schema });

  let queue: PendingUnit[] = [];
  let flushScheduled = false;
  let closed = false;

  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  const rollback = sqlite.prepare('ROLLBACK');
  const savepoint = sqlite.prepare('SAVEPOINT unit');
  const release = sqlite.prepare('RELEASE unit');
  const rollbackUnit = sqlite.prepare('ROLLBACK TO unit');

  function flush(): void {
    flushScheduled = false;
    const batch = queue.splice(0, MAX_UNITS_PER_COMMIT);
    if (queue.length > 0) scheduleFlush();
    if (batch.length === 0) return;

    const outcomes: Array<{ ok: boolean; value: unknown; hooks: Array<() => void> }> = [];
    try {
      begin.run();
    } catch (error) {
      for (const unit of batch) unit.reject(error);
      return;
    }
    for (const unit of batch) {
      const hooks: Array<() => void> = [];
      savepoint.run();
      try {
        const value = unit.work({ orm, afterCommit: (hook) => hooks.push(hook) });
        release.run();
        outcomes.push({ ok: true, value, hooks });
      } catch (error) {
        rollbackUnit.run();
        release.run();
        outcomes.push({ ok: false, value: error, hooks: [] });
      }
    }
    try {
      commit.run();
    } catch (error) {
      if (sqlite.inTransaction) rollback.run();
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

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  return {
    sqlite,
    orm,
    transaction<T>(work: (tx: Tx) => T): Promise<T> {
      if (closed) return Promise.reject(new Error('database is closed'));
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        scheduleFlush();
      });
    },
    close() {
      if (closed) return;
      if (queue.length > 0) flush();
      closed = true;
      sqlite.close();
    },
  };
}

function runHook(hook: () => void): void {
  try {
    hook();
  } catch (error) {
    // A failing subscriber must not undo or hide a commit that already happened.
    console.error('after-commit hook failed', error);
  }
}

function assertPragmas(sqlite: BetterSqlite3.Database, file: string): void {
  const inMemory = file === ':memory:';
  const actual = {
    journal_mode: sqlite.pragma('journal_mode', { simple: true }),
    synchronous: sqlite.pragma('synchronous', { simple: true }),
    foreign_keys: sqlite.pragma('foreign_keys', { simple: true }),
    busy_timeout: sqlite.pragma('busy_timeout', { simple: true }),
    temp_store: sqlite.pragma('temp_store', { simple: true }),
  };
  const expected = { journal_mode: inMemory ? 'memory' : 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: 5000, temp_store: 2 };
  for (const [name, value] of Object.entries(expected)) {
    const got = actual[name as keyof typeof actual];
    if (got !== value) throw new Error(`SQLite pragma ${name} is ${String(got)}, expected ${String(value)}`);
  }
}
