// @ts-check
// Shared by the writing connection (sqlite-client.ts) and the read worker (sqlite-read-worker.mjs),
// so plain JavaScript: the worker loads it as it is, under the tests and from the compiled server.

const STATEMENT_CACHE_MAX = 500;

/**
 * Prepares each statement text once per connection: preparing cost more than running on the pull
 * path. Past the cap (statements built with varying `in (…)` lists) it starts again.
 * @param {import('better-sqlite3').Database} sqlite
 * @returns {(text: string) => import('better-sqlite3').Statement}
 */
export function statementCache(sqlite) {
  /** @type {Map<string, import('better-sqlite3').Statement>} */
  const statements = new Map();
  return (text) => {
    let statement = statements.get(text);
    if (!statement) {
      if (statements.size >= STATEMENT_CACHE_MAX) statements.clear();
      statement = sqlite.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
}
