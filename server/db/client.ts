import type { Dialect, Sql } from './sql.ts';

/** What read-only stores run their queries on. */
export interface Reads {
  readonly dialect: Dialect;
  /** Rows with their columns in camelCase (`area_id` → `areaId`). */
  all<T>(query: Sql): Promise<T[]>;
  one<T>(query: Sql): Promise<T | undefined>;
}

/** What stores run statements on: the database itself (reads) or a transaction (`Tx`). */
export interface Queryable extends Reads {
  /** Runs a statement and answers how many rows it changed. */
  run(query: Sql): Promise<number>;
}

/** A unit of work inside `transaction()`. */
export interface Tx extends Queryable {
  /** Runs after the transaction holding this unit has committed (never if it rolled back). */
  afterCommit(hook: () => void): void;
}

export interface Database extends Queryable {
  /**
   * For reads of committed data that may take a while (search, reports), so that nothing else waits
   * for them: on SQLite a read-only connection in a worker thread (the database's own connection
   * runs on the event loop, and every write's commit with it); on PostgreSQL the pool itself. A read
   * here may see a commit a few milliseconds late. An in-memory SQLite database (tests) has no
   * second connection: it reads on its own.
   */
  readonly reads: Reads;
  /**
   * Runs `work` in a write transaction and resolves once it is durably committed; rolls back
   * (and rejects) if it throws. On SQLite, units that arrive in the same turn of the event loop
   * share one commit, each in its own savepoint; on PostgreSQL each unit is its own transaction.
   * A unit must only await its own statements, never timers or the network.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Calls `listener` when another instance committed something on `channel` (PostgreSQL only). */
  listen(channel: string, listener: () => void): Promise<() => Promise<void>>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A statement broke a unique constraint (another writer got there first). */
export class UniqueViolationError extends Error {
  override name = 'UniqueViolationError';
}

const camelCache = new Map<string, string>();
function camel(key: string): string {
  let name = camelCache.get(key);
  if (name === undefined) {
    name = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelCache.set(key, name);
  }
  return name;
}

export function camelRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in row) out[camel(key)] = row[key];
  return out;
}
