import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as postgres from './postgres.ts';
import * as sqlite from './sqlite.ts';

interface Shape {
  columns: string[];
  indexes: string[];
}

interface TableConfig {
  name: string;
  columns: Array<{ name: string; notNull: boolean; primary: boolean; isUnique: boolean }>;
  indexes: Array<{ config: { name: string; unique: boolean; columns: Array<object> } }>;
  primaryKeys: Array<{ columns: Array<{ name: string }> }>;
}

// Column types differ by dialect (integer vs bigint); names, nullability, keys and indexes must not.
function shapes(configs: TableConfig[]): Record<string, Shape> {
  return Object.fromEntries(configs.map((config) => [config.name, {
    columns: config.columns.map((c) => `${c.name}${c.notNull ? ' not null' : ''}${c.primary ? ' primary' : ''}${c.isUnique ? ' unique' : ''}`).sort(),
    indexes: [
      ...config.indexes.map((i) => `${i.config.name}(${i.config.columns.map((c) => ('name' in c ? String(c.name) : '?')).join(',')})${i.config.unique ? ' unique' : ''}`),
      ...config.primaryKeys.map((k) => `primary(${k.columns.map((c) => c.name).join(',')})`),
    ].sort(),
  }]));
}

const sqliteShapes = () =>
  shapes((Object.values(sqlite) as unknown[]).filter((t): t is SQLiteTable => t instanceof SQLiteTable).map((t) => sqliteTableConfig(t) as TableConfig));
const postgresShapes = () =>
  shapes((Object.values(postgres) as unknown[]).filter((t): t is PgTable => t instanceof PgTable).map((t) => pgTableConfig(t) as unknown as TableConfig));

describe('the two schemas', () => {
  it('declare the same tables, columns, keys and indexes for SQLite and PostgreSQL', () => {
    const fromSqlite = sqliteShapes();
    expect(Object.keys(fromSqlite).length).toBeGreaterThan(5);
    expect(postgresShapes()).toEqual(fromSqlite);
  });
});
