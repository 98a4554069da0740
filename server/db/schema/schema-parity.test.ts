import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as postgres from './postgres.ts';
import * as sqlite from './sqlite.ts';

interface Shape {
  columns: string[];
  indexes: string[];
}

// Column types differ by dialect (integer vs bigint); names, nullability, keys and indexes must not.
function sqliteShapes(): Record<string, Shape> {
  const tables = (Object.values(sqlite) as unknown[]).filter((t): t is SQLiteTable => t instanceof SQLiteTable);
  return Object.fromEntries(tables.map((table) => {
    const config = sqliteTableConfig(table);
    return [config.name, {
      columns: config.columns.map((c) => `${c.name}${c.notNull ? ' not null' : ''}${c.primary ? ' primary' : ''}${c.isUnique ? ' unique' : ''}`).sort(),
      indexes: [
        ...config.indexes.map((i) => `${i.config.name}(${i.config.columns.map((c) => ('name' in c ? c.name : '?')).join(',')})${i.config.unique ? ' unique' : ''}`),
        ...config.primaryKeys.map((k) => `primary(${k.columns.map((c) => c.name).join(',')})`),
      ].sort(),
    }];
  }));
}

function postgresShapes(): Record<string, Shape> {
  const tables = (Object.values(postgres) as unknown[]).filter((t): t is PgTable => t instanceof PgTable);
  return Object.fromEntries(tables.map((table) => {
    const config = pgTableConfig(table);
    return [config.name, {
      columns: config.columns.map((c) => `${c.name}${c.notNull ? ' not null' : ''}${c.primary ? ' primary' : ''}${c.isUnique ? ' unique' : ''}`).sort(),
      indexes: [
        ...config.indexes.map((i) => `${i.config.name}(${i.config.columns.map((c) => ('name' in c ? c.name : '?')).join(',')})${i.config.unique ? ' unique' : ''}`),
        ...config.primaryKeys.map((k) => `primary(${k.columns.map((c) => c.name).join(',')})`),
      ].sort(),
    }];
  }));
}

describe('the two schemas', () => {
  it('declare the same tables, columns, keys and indexes for SQLite and PostgreSQL', () => {
    const fromSqlite = sqliteShapes();
    expect(Object.keys(fromSqlite).length).toBeGreaterThan(5);
    expect(postgresShapes()).toEqual(fromSqlite);
  });
});
