// Times the store's search and suggest queries on a seeded library, and shows their plans:
// node --import tsx bench/tools/learnings-queries.ts sqlite|postgres [learnings] [keep]
// (SQLite keeps its file, LEARNINGS_PROFILE_DB, between runs with `keep`; PostgreSQL seeds a throwaway
// cluster, or uses the database at LEARNINGS_PROFILE_URL: seeded there unless `keep`.)
// LEARNINGS_BEFORE=<commit> also runs that commit's search statement on the same database, the two
// alternating query by query (which goes first too), and compares their pages query by query.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { migrateDatabase } from '../../server/db/migrate.ts';
import type { AnyDatabase } from '../../server/db/open.ts';
import { openPostgres } from '../../server/db/postgres-client.ts';
import { sql, type Sql } from '../../server/db/sql.ts';
import { openSqlite } from '../../server/db/sqlite-client.ts';
import { searchLearnings, suggestLearnings, type SearchFilter, type SearchRow } from '../../server/learnings/search/store.ts';
import { searchWords, typedWords } from '../../server/learnings/search/words.ts';
import { startPostgresCluster } from '../../tests/helpers/postgres.ts';
import { addBeforeWorktree } from '../lib/before-worktree.ts';
import { seedLearnings } from '../lib/learning-seed.ts';
import { generateQuery, random } from '../lib/learning-text.ts';
import { summarize } from '../lib/stats.ts';

const kind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const n = Number(process.argv[3] ?? 100_000);
const keep = process.argv[4] === 'keep';
const profileUrl = process.env.LEARNINGS_PROFILE_URL;
const cluster = kind === 'postgres' && profileUrl === undefined ? await startPostgresCluster() : null;
let db: AnyDatabase;
if (kind === 'postgres') {
  // One connection, so that its server process's CPU time is the queries' own.
  db = await openPostgres(profileUrl ?? (await cluster?.createDatabase()) ?? '', { poolSize: 1 });
} else {
  const file = process.env.LEARNINGS_PROFILE_DB ?? 'learnings-profile.sqlite';
  if (!keep) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  db = openSqlite(file);
}
await migrateDatabase(db);
if (cluster || !keep) {
  const started = performance.now();
  // The store's queries never read the flow rollup, which took 31 of the 44 minutes of seeding 1,000,000 on PostgreSQL.
  await seedLearnings(db, n, Date.now(), { rollUp: false });
  console.log(`seeded ${n} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const next = random(n + 7);
const queries = Array.from({ length: 300 }, () => generateQuery(next));
const partial = queries.map((q) => q.slice(0, Math.max(3, Math.ceil(q.length * (0.4 + next() * 0.6)))));

/**
 * CPU time in ms: on SQLite this process's (the queries run in it); on PostgreSQL that of the
 * connection's server process (on this machine: /proc/<pid>/schedstat, nanoseconds on a CPU).
 */
async function cpuClock(): Promise<() => number> {
  if (kind === 'sqlite') {
    return () => {
      const used = process.cpuUsage();
      return (used.user + used.system) / 1000;
    };
  }
  const backend = await db.one<{ pid: number }>(sql`select pg_backend_pid() as pid`);
  const file = `/proc/${backend?.pid ?? 0}/schedstat`;
  if (!existsSync(file)) return () => NaN;
  return () => Number(readFileSync(file, 'utf8').split(' ')[0]) / 1e6;
}
const cpuNow = await cpuClock();

/** Wall time, and CPU time, which the machine's load inflates far less. */
async function time(name: string, list: string[], run: (q: string) => Promise<unknown>) {
  const times: number[] = [];
  const cpus: number[] = [];
  const each: Array<{ ms: number; cpu: number; q: string }> = [];
  for (const [i, q] of list.entries()) {
    const cpuStart = cpuNow();
    const started = performance.now();
    await run(q);
    const ms = performance.now() - started;
    const cpu = cpuNow() - cpuStart;
    if (i >= 10) {
      times.push(ms);
      cpus.push(cpu);
    }
    each.push({ ms, cpu, q });
  }
  const s = summarize(times);
  const c = summarize(cpus);
  // The slowest by CPU time: under load, the slowest by wall time are mostly the ones that waited.
  const slowest = each.sort((a, b) => b.cpu - a.cpu).slice(0, 5);
  console.log(`${name}: p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms; CPU p50 ${c.p50.toFixed(1)} ms, p99 ${c.p99.toFixed(1)} ms`);
  console.log(`  slowest: ${slowest.map((w) => `"${w.q}" ${w.ms.toFixed(1)} ms (CPU ${w.cpu.toFixed(1)})`).join(', ')}`);
  return slowest[0].q;
}

// The statement a store runs, captured to EXPLAIN it.
function capture(run: (reads: AnyDatabase) => Promise<unknown>): Promise<Sql> {
  return new Promise((resolve) => {
    const spy: AnyDatabase = { ...db, all: (query: Sql) => (resolve(query), Promise.resolve([])) };
    void run(spy);
  });
}

async function explain(query: Sql) {
  if (kind === 'postgres') {
    const rows = await db.all<Record<string, string>>(sql`explain (analyze, buffers) ${query}`);
    console.log(rows.map((r) => Object.values(r)[0]).join('\n'));
  } else {
    const rows = await db.all<{ detail: string }>(sql`explain query plan ${query}`);
    console.log(rows.map((r) => `  ${r.detail}`).join('\n'));
  }
}

type Search = typeof searchLearnings;
const beforeCommit = process.env.LEARNINGS_BEFORE;
if (beforeCommit) {
  const worktree = addBeforeWorktree(beforeCommit);
  try {
    const store = (await import(path.join(worktree.dir, 'server/learnings/search/store.ts'))) as { searchLearnings: Search };
    const area = await db.one<{ id: string }>(sql`select id from areas order by id limit 1`);
    const newest = await db.one<{ at: number }>(sql`select max(published_at) as at from learnings`);
    const filters: Array<[string, SearchFilter]> = [
      ['no filter', {}],
      ['an area', { areaId: area?.id }],
      ['the last 90 days', { publishedFrom: (newest?.at ?? 0) - 90 * 86_400_000 }],
    ];
    for (const [label, filter] of filters) {
      await sideBySide(`search, ${label}`, [[`before (${worktree.commit})`, store.searchLearnings], ['after', searchLearnings]], filter);
    }
  } finally {
    worktree.remove();
  }
}

/** Each variant on each query in turn, which goes first alternating; their pages compared query by query. */
async function sideBySide(name: string, variants: Array<[string, Search]>, filter: SearchFilter) {
  const times = variants.map(() => ({ ms: [] as number[], cpu: [] as number[] }));
  const differing: string[] = [];
  for (const [i, q] of queries.entries()) {
    const words = searchWords(q);
    const pages: string[] = [];
    const order = i % 2 === 0 ? variants.map((_, v) => v) : variants.map((_, v) => variants.length - 1 - v);
    for (const v of order) {
      const cpuStart = cpuNow();
      const started = performance.now();
      const rows: SearchRow[] = await variants[v][1](db, words, filter, 0, 20);
      const ms = performance.now() - started;
      const cpu = cpuNow() - cpuStart;
      if (i >= 10) {
        times[v].ms.push(ms);
        times[v].cpu.push(cpu);
      }
      pages[v] = JSON.stringify(rows);
    }
    if (pages.some((page) => page !== pages[0])) differing.push(q);
  }
  console.log(`${name} (${queries.length} queries, ${differing.length} with different pages${differing.length ? `: ${differing.slice(0, 5).join(', ')}` : ''})`);
  for (const [v, [label]] of variants.entries()) {
    const s = summarize(times[v].ms);
    const c = summarize(times[v].cpu);
    console.log(`  ${label}: p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms; CPU p50 ${c.p50.toFixed(1)} ms, p99 ${c.p99.toFixed(1)} ms`);
  }
}

const slowSearch = await time('search', queries, (q) => searchLearnings(db, searchWords(q), {}, 0, 21));
const suggest = (reads: AnyDatabase, q: string) => {
  const typed = typedWords(q);
  return suggestLearnings(reads, typed.words, typed.lastHalfTyped, 3);
};
const slowSuggest = await time('suggest', partial, (q) => suggest(db, q));
if (process.env.EXPLAIN !== '0') {
  console.log(`\nsearch "${slowSearch}":`);
  await explain(await capture((reads) => searchLearnings(reads, searchWords(slowSearch), {}, 0, 21)));
  console.log(`\nsuggest "${slowSuggest}":`);
  await explain(await capture((reads) => suggest(reads, slowSuggest)));
}
await db.close();
await cluster?.stop();
