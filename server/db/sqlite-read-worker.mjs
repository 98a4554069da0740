// @ts-check
// The worker thread behind `openSqliteReads`: a read-only connection to the database file, which
// answers the statements posted to it one at a time. Kept to plain JavaScript so the same file runs
// under the tests (TypeScript sources) and from the compiled server.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { statementCache } from './sqlite-statements.mjs';

/** @typedef {{ id: number, text: string, values: unknown[], first: boolean }} ReadRequest */

const port = parentPort;
if (!port) throw new Error('sqlite-read-worker runs as a worker thread only');

const sqlite = new BetterSqlite3(/** @type {{ file: string }} */ (workerData).file, { readonly: true, fileMustExist: true });
// A reader can still meet a lock (the writer checkpointing, or recovering the WAL after a crash).
sqlite.pragma('busy_timeout = 5000');
// Sorts and temporary b-trees of a ranking stay in memory, as on the writing connection.
sqlite.pragma('temp_store = MEMORY');
// The reports read whole periods of indexes (tens of MiB at 100,000 problems): kept in this
// connection's page cache (64 MiB, not the default 2 MiB), each report would otherwise read and
// decode every page again from the file.
sqlite.pragma('cache_size = -65536');
// Pages read straight from the file's mapping rather than copied into that cache by a read() each:
// search and suggest meet pages of the full-text index no read before them needed (it is larger than
// the cache at 100,000 learnings). Side by side over HTTP (two servers, one file each, queries
// alternating): search's CPU p50 7.8 -> 7.0 ms, p99 16.6 -> 13.7 ms. The mapping is the operating
// system's page cache, shared by the workers, not memory of their own. Up to 2 GiB (the driver's
// build caps it just under that): the file of 1,000,000 learnings (2.6 GB) is read past it as before.
sqlite.pragma('mmap_size = 2147483648');

const prepare = statementCache(sqlite);

port.on('message', (/** @type {ReadRequest | 'close'} */ message) => {
  if (message === 'close') {
    sqlite.close();
    port.close();
    return;
  }
  try {
    const statement = prepare(message.text);
    const rows = message.first ? [statement.get(...message.values)].filter((row) => row !== undefined) : statement.all(...message.values);
    port.postMessage({ id: message.id, rows });
  } catch (error) {
    const { message: text, code } = /** @type {{ message?: string, code?: string }} */ (error);
    port.postMessage({ id: message.id, error: { message: String(text), code } });
  }
});
