import pg from 'pg';
import { camelRow, UniqueViolationError, type Database, type Queryable, type Tx } from './client.ts';
import type { Sql } from './sql.ts';

// bigint (int8) columns hold millisecond times and sequence numbers, all well inside 2^53.
const types: pg.CustomTypesConfig = {
  getTypeParser(oid, format) {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    // pg declares its own parsers as returning `any`: handed on as they are.
    return pg.types.getTypeParser(oid, format) as unknown;
  },
};

export interface PostgresDatabase extends Database {
  /** For `migrate` only; stores go through `Queryable`. */
  readonly pool: pg.Pool;
}

const LISTEN_RECONNECT_MS = 1_000;

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

function translate(error: unknown): unknown {
  return (error as { code?: string }).code === '23505' ? new UniqueViolationError((error as Error).message, { cause: error }) : error;
}

function queryableOn(client: pg.Pool | pg.PoolClient): Queryable {
  async function rows(query: Sql): Promise<{ rows: Record<string, unknown>[]; count: number }> {
    try {
      const result = await client.query({ text: query.text('postgres'), values: query.values as unknown[] });
      return { rows: result.rows.map((row: Record<string, unknown>) => camelRow(row)), count: result.rowCount ?? 0 };
    } catch (error) {
      throw translate(error);
    }
  }
  return {
    dialect: 'postgres',
    all: async <T>(query: Sql) => (await rows(query)).rows as T[],
    one: async <T>(query: Sql) => (await rows(query)).rows.at(0) as T | undefined,
    run: async (query: Sql) => (await rows(query)).count,
  };
}

export async function openPostgres(
  url: string,
  options: { poolSize: number; logError?: (error: unknown, message: string) => void },
): Promise<PostgresDatabase> {
  // JIT off: compiling a query costs tens of milliseconds, more than any of Andon's queries takes
  // to run (the 90-day flow report's took a third longer with it). An `options` in the URL wins.
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize, types, connectionTimeoutMillis: 10_000, options: '-c jit=off' });
  // An idle client whose server went away must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.logError?.(error, 'idle PostgreSQL connection failed'));
  await pool.query('select 1');
  const queryable = queryableOn(pool);
  let listener: pg.Client | null = null;
  const channels = new Map<string, Set<() => void>>();
  let closed = false;

  /**
   * LISTEN needs a connection of its own that stays open, outside the pool. If it drops, it is
   * opened again, and every listener is woken once for what it may have missed meanwhile.
   */
  async function connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: url, types });
    client.on('notification', (message) => channels.get(message.channel)?.forEach((fn) => fn()));
    client.on('error', (error) => {
      options.logError?.(error, 'PostgreSQL listen connection failed; reconnecting');
      if (listener !== client) return;
      listener = null;
      void client.end().catch(() => {});
      const retry = setTimeout(() => {
        if (closed) return;
        connectListener().then(
          () => channels.forEach((fns) => fns.forEach((fn) => fn())),
          (err: unknown) => {
            options.logError?.(err, 'PostgreSQL listen connection could not reconnect');
            client.emit('error', err);
          },
        );
      }, LISTEN_RECONNECT_MS);
      retry.unref();
    });
    await client.connect();
    for (const channel of channels.keys()) await client.query(`listen ${quoteIdentifier(channel)}`);
    listener = client;
  }

  return {
    ...queryable,
    // The pool's connections are not the event loop's: a slow read there holds up no one else.
    reads: queryable,
    pool,
    async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const hooks: Array<() => void> = [];
      try {
        await client.query('begin');
        const value = await work({ ...queryableOn(client), afterCommit: (hook) => hooks.push(hook) });
        await client.query('commit');
        for (const hook of hooks) {
          try {
            hook();
          } catch (error) {
            options.logError?.(error, 'after-commit hook failed');
          }
        }
        return value;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify) {
      let listeners = channels.get(channel);
      if (!listeners) {
        listeners = new Set();
        channels.set(channel, listeners);
        if (listener) await listener.query(`listen ${quoteIdentifier(channel)}`);
      }
      listeners.add(onNotify);
      if (!listener) await connectListener();
      return async () => {
        channels.get(channel)?.delete(onNotify);
      };
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await listener?.end().catch(() => {});
      listener = null;
      await pool.end();
    },
  };
}
