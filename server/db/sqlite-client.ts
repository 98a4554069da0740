import BetterSqlite3 from 'better-sqlite3';
import { camelRow, UniqueViolationError, type Database, type Queryable, type Tx } from './client.ts';
import type { Sql } from './sql.ts';
import { openSqliteReads } from './sqlite-reads.ts';
import { statementCache } from './sqlite-statements.mjs';

interface PendingUnit {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const MAX_UNITS_PER_COMMIT = 1_000;

export interface SqliteDatabase extends Database {
  /** For `migrate` and the online backup only; stores go through `Queryable`. */
  readonly driver: BetterSqlite3.Database;
  /** SQLite's own check of the file: 'ok', or what is wrong with it. */
  integrityCheck(): Promise<string>;
}

export function openSqlite(file: string, options: { logError?: (error: unknown, message: string) => void } = {}): SqliteDatabase {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Group commit gives every unit a savepoint; its statement journal in a temp file doubled the cost of each insert.
  sqlite.pragma('temp_store = MEMORY');
  assertPragmas(sqlite, file);

  const prepareText = statementCache(sqlite);
  const prepare = (query: Sql) => prepareText(query.text('sqlite'));
  const params = (query: Sql) => query.values.map((v) => (typeof v === 'boolean' ? Number(v) : v));
  const translate = (error: unknown) =>
    (error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT_UNIQUE') || (error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
      ? new UniqueViolationError((error as Error).message, { cause: error })
      : error;

  const queryable: Queryable = {
    dialect: 'sqlite',
    async all<T>(query: Sql) {
      try {
        return (prepare(query).all(...params(query)) as Record<string, unknown>[]).map((row) => camelRow(row) as T);
      } catch (error) {
        throw translate(error);
      }
    },
    async one<T>(query: Sql) {
      try {
        const row = prepare(query).get(...params(query)) as Record<string, unknown> | undefined;
        return row && (camelRow(row) as T);
      } catch (error) {
        throw translate(error);
      }
    },
    async run(query: Sql) {
      try {
        const statement = prepare(query);
        // `returning` statements answer rows, which `run` refuses.
        return statement.reader ? statement.all(...params(query)).length : statement.run(...params(query)).changes;
      } catch (error) {
        throw translate(error);
      }
    },
  };

  const reads = file === ':memory:' ? null : openSqliteReads(file, options);

  const queue: PendingUnit[] = [];
  let flushing = false;
  let flushScheduled = false;
  let closed = false;

  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  const rollback = sqlite.prepare('ROLLBACK');
  const savepoint = sqlite.prepare('SAVEPOINT unit');
  const release = sqlite.prepare('RELEASE unit');
  const rollbackUnit = sqlite.prepare('ROLLBACK TO unit');

  /**
   * One commit for every unit queued in this turn. better-sqlite3 is synchronous, so a unit's
   * awaits settle as microtasks: the whole batch runs inside one macrotask, and no other request
   * can read the batch's uncommitted rows in between.
   */
  async function flush(): Promise<void> {
    flushScheduled = false;
    flushing = true;
    const batch = queue.splice(0, MAX_UNITS_PER_COMMIT);
    try {
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
          const value = await unit.work({ ...queryable, afterCommit: (hook) => hooks.push(hook) });
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
    } finally {
      flushing = false;
      if (queue.length > 0) scheduleFlush();
    }
  }

  function runHook(hook: () => void): void {
    try {
      hook();
    } catch (error) {
      // A failing subscriber must not undo or hide a commit that already happened.
      options.logError?.(error, 'after-commit hook failed');
    }
  }

  function scheduleFlush(): void {
    if (flushScheduled || flushing) return;
    flushScheduled = true;
    setImmediate(() => void flush());
  }

  return {
    ...queryable,
    reads: reads ?? queryable,
    driver: sqlite,
    transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new Error('database is closed'));
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        scheduleFlush();
      });
    },
    // One process owns a SQLite file: there is nobody else to hear from.
    async listen() {
      return async () => {};
    },
    async ping() {
      sqlite.prepare('select 1').get();
    },
    async integrityCheck() {
      return String(sqlite.pragma('integrity_check', { simple: true }));
    },
    async close() {
      if (closed) return;
      while (queue.length > 0 || flushing) {
        if (!flushing) await flush();
        else await new Promise((resolve) => setImmediate(resolve));
      }
      closed = true;
      await reads?.close();
      sqlite.close();
    },
  };
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
