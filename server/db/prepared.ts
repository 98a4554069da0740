import { sql, type Placeholder } from 'drizzle-orm';
import type { Orm } from './client.ts';

/**
 * Builds a store's hot statements once per database, instead of building and preparing the SQL
 * on every call (which cost more than running it on the pull path).
 */
export function preparedStatements<T>(build: (orm: Orm) => T): (orm: Orm) => T {
  const cache = new WeakMap<Orm, T>();
  return (orm) => {
    let statements = cache.get(orm);
    if (!statements) {
      statements = build(orm);
      cache.set(orm, statements);
    }
    return statements;
  };
}

/** `{ a: sql.placeholder('a'), … }`, for prepared inserts whose parameters are named like the columns. */
export function placeholders<K extends string>(...names: K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<K, Placeholder<K>>;
}
