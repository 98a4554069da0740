import BetterSqlite3 from 'better-sqlite3';
import { camelRow, UniqueViolationError, type Database, type Queryable, type Tx } from './client.ts';
import { createGroupCommit, type BatchConnection, type BatchStep } from './group-commit.ts';
import type { Sql } from './sql.ts';

const MAX_UNITS_PER_COMMIT = 1_000;
const STATEMENT_CACHE_MAX = 500;

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

  // Statements are prepared once per text: preparing cost more than running on the pull path.
  const statements = new Map<string, BetterSqlite3.Statement>();
  function prepare(query: Sql): BetterSqlite3.Statement {
    const text = query.text('sqlite');
    let statement = statements.get(text);
    if (!statement) {
      if (statements.size >= STATEMENT_CACHE_MAX) statements.clear();
      statement = sqlite.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  }
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

  const steps: Record<BatchStep, BetterSqlite3.Statement> = {
    begin: sqlite.prepare('BEGIN IMMEDIATE'),
    commit: sqlite.prepare('COMMIT'),
    rollback: sqlite.prepare('ROLLBACK'),
    savepoint: sqlite.prepare('SAVEPOINT unit'),
    release: sqlite.prepare('RELEASE unit'),
    rollbackToSavepoint: sqlite.prepare('ROLLBACK TO unit'),
  };
  /**
   * One writer, one batch at a time. better-sqlite3 is synchronous, so a unit's awaits settle as
   * microtasks: the whole batch runs inside one macrotask, and no other request can read the
   * batch's uncommitted rows in between.
   */
  const connection: BatchConnection = {
    queryable,
    async exec(step) {
      if (step === 'rollback' && !sqlite.inTransaction) return;
      steps[step].run();
    },
    done() {},
  };
  const groupCommit = createGroupCommit({ connect: async () => connection, concurrency: 1, maxUnitsPerCommit: MAX_UNITS_PER_COMMIT, logError: options.logError });
  let closed = false;

  return {
    ...queryable,
    driver: sqlite,
    transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new Error('database is closed'));
      return groupCommit.run(work);
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
      await groupCommit.drain();
      closed = true;
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
