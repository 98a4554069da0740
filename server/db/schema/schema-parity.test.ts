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

/**
 * PostgreSQL's own part of its full-text search: the word table search reads its candidates from
 * (SQLite's FTS5 index does that, made by hand in its migrations, outside this schema).
 */
const POSTGRES_ONLY = ['learning_words'];

describe('the two schemas', () => {
  it('declare the same tables, columns, keys and indexes for SQLite and PostgreSQL', () => {
    const fromSqlite = sqliteShapes();
    expect(Object.keys(fromSqlite).length).toBeGreaterThan(5);
    const fromPostgres = postgresShapes();
    expect(Object.keys(fromPostgres)).toEqual(expect.arrayContaining(POSTGRES_ONLY));
    expect(Object.fromEntries(Object.entries(fromPostgres).filter(([name]) => !POSTGRES_ONLY.includes(name)))).toEqual(fromSqlite);
  });
});
