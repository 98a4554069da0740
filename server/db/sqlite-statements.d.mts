import type BetterSqlite3 from 'better-sqlite3';

export function statementCache(sqlite: BetterSqlite3.Database): (text: string) => BetterSqlite3.Statement;
